// Who may do what, and on which households: the one place lnob decides access (quality.md).
//
//   Principal me{.username = "xa.meovac", .role = Role::kCommuneOfficer, .unit_code = "00787"};
//   Allows(me.role, Permission::kImport);               // true
//   Scope scope(me, catalog, today);
//   scope.Holds("08", "00760", "0076001");             // true: that village is in 00787 today
//   FieldsFor(me.role).citizen_id;                      // true: a commune officer issues
//   certificates
//
// Every route of the router names one Permission; the router checks it before the handler runs.
// Handlers then ask the Scope for every household, list, export and nested include, and render
// personal fields through FieldsFor. The matrix is documented in docs/access.md and checked by
// tests/server/access_matrix_test.cpp against every route.
// Thread-safety: values and pure functions; a Scope is read-only after construction.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "analytics/unit_catalog.hpp"
#include "server/roles.hpp"

namespace lnob::server {

enum class Permission {
  kPublic,          // anyone, signed in or not: health, sign-in
  kSignedIn,        // any signed-in user: the session itself
  kRead,            // units, rounds, households, rates, transitions, targets (within scope)
  kImport,          // upload a round's answers
  kClassify,        // classify a round (stores a run)
  kWhatIf,          // re-classify in memory
  kProvinceReport,  // the provincial summary (users bound to a province)
  kExport,          // CSV/XLSX exports
  kReadAudit,       // the audit trail
  kManageUsers,     // accounts
};

std::string_view PermissionId(Permission p);
bool Allows(Role role, Permission p);

// Personal and sensitive fields a role may see (others are masked or left out).
struct FieldAccess {
  bool names = false;       // full names of members
  bool citizen_id = false;  // full citizen IDs (else the last 4 digits)
  bool birth_date = false;  // full birth dates (else the year)
  bool ethnicity = false;
  bool health = false;  // health insurance, malnutrition, disability
  bool income = false;
};
FieldAccess FieldsFor(Role role);

// The caller: a signed-in user or an API token scoped like its user.
struct Principal {
  int64_t user_id = 0;
  std::string username;
  Role role = Role::kAuditor;
  std::string unit_code;
  bool api_token = false;
  std::string csrf_token;  // of the session; empty for API tokens
};

// The households a principal may see: those whose territory lies in the principal's unit as it is
// drawn on `on` (today, or the unit's last day when it is no longer in force), whatever the round:
// a household of a commune merged into the user's commune is the user's; one of another commune
// is not. Placement follows analytics::PlaceHousehold (village first, then the commune's lineage).
class Scope {
 public:
  Scope(const Principal& who, const analytics::UnitCatalog& catalog, Date today);

  // True when a household recorded in (province, commune, village) lies in the unit.
  bool Holds(std::string_view province, std::string_view commune, std::string_view village) const;
  // True when unit `code` (of any level) lies in the principal's unit on its date: the unit
  // itself, a unit below it, or a former unit whose territory is now in it.
  bool HoldsUnit(std::string_view code) const;
  const std::string& unit_code() const { return unit_; }
  analytics::UnitLevel level() const { return level_; }
  Date on() const { return on_; }

 private:
  const analytics::UnitCatalog& catalog_;
  std::string unit_;
  analytics::UnitLevel level_ = analytics::UnitLevel::kProvince;
  Date on_;
  mutable std::map<std::tuple<std::string, std::string, std::string>, bool> cache_;
};

}  // namespace lnob::server
