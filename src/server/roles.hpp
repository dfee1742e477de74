// The roles of lnob's users, each bound to one administrative unit: a user sees and changes only
// what lies under that unit.
//
//   Role r;
//   ParseRole("commune_officer", &r);   // true
//   RoleId(Role::kAuditor);             // "auditor"
//
// Persisted by id (users.role): never rename an id.
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace lnob::server {

enum class Role {
  kProvinceAdmin,    // province_admin: users, units, rounds, imports, everything in the province
  kProvinceOfficer,  // province_officer: the province's households, imports, classifications,
                     // reports
  kCommuneOfficer,   // commune_officer: the commune's households, imports, reports
  kVillageHead,      // village_head: the village's households (read), no exports
  kFrontSupervisor,  // front_supervisor: Fatherland Front supervision: read households and reports
  kAuditor,          // auditor: read-only, including the audit trail; personal fields masked
};

inline constexpr Role kAllRoles[] = {Role::kProvinceAdmin,   Role::kProvinceOfficer,
                                     Role::kCommuneOfficer,  Role::kVillageHead,
                                     Role::kFrontSupervisor, Role::kAuditor};

inline std::string_view RoleId(Role r) {
  switch (r) {
    case Role::kProvinceAdmin: return "province_admin";
    case Role::kProvinceOfficer: return "province_officer";
    case Role::kCommuneOfficer: return "commune_officer";
    case Role::kVillageHead: return "village_head";
    case Role::kFrontSupervisor: return "front_supervisor";
    case Role::kAuditor: return "auditor";
  }
  return "";
}

inline bool ParseRole(std::string_view id, Role* out) {
  for (Role r : kAllRoles) {
    if (RoleId(r) == id) {
      *out = r;
      return true;
    }
  }
  return false;
}

}  // namespace lnob::server
