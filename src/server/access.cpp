#include "server/access.hpp"

#include "analytics/grouping.hpp"

namespace lnob::server {

std::string_view PermissionId(Permission p) {
  switch (p) {
    case Permission::kPublic: return "public";
    case Permission::kSignedIn: return "signed_in";
    case Permission::kRead: return "read";
    case Permission::kImport: return "import";
    case Permission::kClassify: return "classify";
    case Permission::kWhatIf: return "whatif";
    case Permission::kProvinceReport: return "province_report";
    case Permission::kExport: return "export";
    case Permission::kReadAudit: return "read_audit";
    case Permission::kManageUsers: return "manage_users";
  }
  return "";
}

bool Allows(Role role, Permission p) {
  using R = Role;
  switch (p) {
    case Permission::kPublic:
    case Permission::kSignedIn:
    case Permission::kRead: return true;
    case Permission::kImport:
      return role == R::kProvinceAdmin || role == R::kProvinceOfficer || role == R::kCommuneOfficer;
    case Permission::kClassify:
    case Permission::kWhatIf: return role == R::kProvinceAdmin || role == R::kProvinceOfficer;
    case Permission::kProvinceReport:
      return role == R::kProvinceAdmin || role == R::kProvinceOfficer ||
             role == R::kFrontSupervisor || role == R::kAuditor;
    case Permission::kExport: return role != R::kVillageHead;
    case Permission::kReadAudit: return role == R::kProvinceAdmin || role == R::kAuditor;
    case Permission::kManageUsers: return role == R::kProvinceAdmin;
  }
  return false;
}

FieldAccess FieldsFor(Role role) {
  switch (role) {
    case Role::kProvinceAdmin:
    case Role::kProvinceOfficer:
      return {.names = true,
              .citizen_id = false,
              .birth_date = true,
              .ethnicity = true,
              .health = true,
              .income = true};
    case Role::kCommuneOfficer:  // issues the certificates: every field
      return {.names = true,
              .citizen_id = true,
              .birth_date = true,
              .ethnicity = true,
              .health = true,
              .income = true};
    case Role::kVillageHead:  // knows the village's families; chairs the meeting on income
      return {.names = true,
              .citizen_id = false,
              .birth_date = false,
              .ethnicity = true,
              .health = false,
              .income = true};
    case Role::kFrontSupervisor:  // supervises the review: who, which category, not health
      return {.names = true,
              .citizen_id = false,
              .birth_date = false,
              .ethnicity = false,
              .health = false,
              .income = true};
    case Role::kAuditor:  // checks the process, not the people
      return {};
  }
  return {};
}

Scope::Scope(const Principal& who, const analytics::UnitCatalog& catalog, Date today)
    : catalog_(catalog), unit_(who.unit_code), on_(today) {
  const store::UnitRecord* u = catalog.InForce(unit_, today);
  if (!u) {  // a former unit: drawn as on its last day in force
    u = catalog.Latest(unit_);
    if (u && u->valid_to) on_ = *u->valid_to;
  }
  if (u) analytics::LevelOfKind(u->kind, &level_);
}

bool Scope::Holds(std::string_view province, std::string_view commune,
                  std::string_view village) const {
  auto key = std::make_tuple(std::string(province), std::string(commune), std::string(village));
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  bool in = analytics::PlaceHousehold(catalog_, province, commune, village, on_, level_) == unit_;
  cache_.emplace(std::move(key), in);
  return in;
}

bool Scope::HoldsUnit(std::string_view code) const {
  if (code == unit_) return true;
  for (const std::string& now : catalog_.Restate(std::string(code), on_)) {
    if (now == unit_ || catalog_.AncestorOn(now, on_, level_) == unit_) return true;
  }
  return false;
}

}  // namespace lnob::server
