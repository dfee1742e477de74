// Every administrative unit of the registry, with its versions and lineage, in memory: how a
// household's commune and village of one date are stated under the units of another date.
//
//   ASSIGN_OR_RETURN(UnitCatalog units, UnitCatalog::Load(store));
//   units.NameOn("02000", Date{20241231});                        // "Xã Mèo Vạc"
//   units.Restate("00760", Date{20241001}, Date{20250701});       // {"00780"}: merged into it
//   units.AncestorOn("V0123", Date{20250701}, UnitLevel::kCommune); // the village's commune then
//
// The lineage is followed as Store::CodesOnDate follows it (merge, split, rename and reparent
// events, forwards when the date is after the code ended, backwards when it is before the code
// existed), here without a query per code, for a whole country's units at once.
// Thread-safety: immutable after construction; concurrent reads are safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/date.hpp"
#include "common/result.hpp"
#include "store/store.hpp"

namespace lnob::analytics {

enum class UnitLevel { kProvince, kCommune, kVillage };

// "province", "commune", "village"; ParseUnitLevel returns false for anything else.
std::string_view UnitLevelId(UnitLevel level);
bool ParseUnitLevel(std::string_view id, UnitLevel* out);
// The level of a unit kind: district -> false (districts are not a reporting level since 2025).
bool LevelOfKind(std::string_view kind, UnitLevel* out);

class UnitCatalog {
 public:
  UnitCatalog() = default;
  UnitCatalog(std::vector<store::UnitRecord> units, std::vector<store::UnitEvent> events);
  // Reads every unit and event of `store`.
  static Result<UnitCatalog> Load(store::Store& store);

  bool empty() const { return versions_.empty(); }
  // True when the registry has any version of `code`.
  bool Knows(std::string_view code) const { return versions_.count(std::string(code)) > 0; }
  // The version of `code` in force on `on`, or nullptr.
  const store::UnitRecord* InForce(std::string_view code, Date on) const;
  // The latest version of `code`, or nullptr when the code is unknown.
  const store::UnitRecord* Latest(std::string_view code) const;
  // The name of `code` on `on`; its latest name when not in force then; the code when unknown.
  std::string NameOn(std::string_view code, Date on) const;
  // The codes in force on `on` whose territory holds (part of) unit `code`: itself when in force
  // on `on`, else the units reached through the lineage. Empty when the code is unknown or the
  // lineage does not reach `on`. Sorted.
  std::vector<std::string> Restate(const std::string& code, Date on) const;
  // The unit of `level` that holds `code` on `on`: the unit itself when it is of that level, else
  // the nearest ancestor of that level. Empty when `code` is not in force then or has none.
  std::string AncestorOn(std::string_view code, Date on, UnitLevel level) const;

 private:
  void Follow(const std::string& code, Date on, int dir, std::vector<std::string>* seen,
              std::vector<std::string>* out) const;

  std::unordered_map<std::string, std::vector<store::UnitRecord>> versions_;  // oldest first
  std::vector<store::UnitEvent> events_;                                      // by date
  std::unordered_map<std::string, std::vector<size_t>> from_, to_;  // code -> events naming it
};

}  // namespace lnob::analytics
