// Which unit (and subgroup) each household of a snapshot is counted in: the province, commune or
// village that holds it under the units in force on a chosen date, optionally split by area or
// by the head's ethnicity or sex.
//
//   ASSIGN_OR_RETURN(Grouping g, GroupHouseholds(snap, catalog,
//                                                {UnitLevel::kCommune, Date{20250701}}));
//   g.groups[g.of_household[h]].unit_code;     // "02011": the 2025 commune of a 2024 household
//
// A household is placed through its village when the registry knows the village (villages keep
// their codes when communes merge, and their parent on any date says the commune), else through
// its commune's lineage. A commune split without village codes cannot be placed: such households
// are counted in `unplaced` and named in `unplaced_codes`, never silently dropped or guessed. Codes
// the registry does not know at all (a survey read from CSV) stand for themselves.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/snapshot.hpp"
#include "analytics/unit_catalog.hpp"
#include "common/lang.hpp"

namespace lnob::analytics {

enum class SplitBy { kNone, kArea, kEthnicity, kSex };
// "none", "area", "ethnicity", "sex"; ParseSplitBy returns false for anything else.
std::string_view SplitById(SplitBy by);
bool ParseSplitBy(std::string_view id, SplitBy* out);

struct GroupingOptions {
  UnitLevel level = UnitLevel::kCommune;
  std::optional<Date> units_on;  // default: the round's reference date
  SplitBy by = SplitBy::kNone;
};

struct Group {
  std::string unit_code;
  std::string unit_name;
  std::string subgroup;  // the area, ethnicity or sex id; empty without a split
};

struct Grouping {
  UnitLevel level = UnitLevel::kCommune;
  Date units_on;
  SplitBy by = SplitBy::kNone;
  std::vector<Group> groups;                // sorted by unit code, then subgroup
  std::vector<uint32_t> of_household;       // index into groups; kNoIndex when unplaced
  uint64_t unplaced = 0;                    // households not placed
  std::vector<std::string> unplaced_codes;  // their communes, sorted, distinct
};

// The code of the unit of `level` in force on `on` that holds a household recorded in (province,
// commune, village), or empty when it cannot be placed (see above).
std::string PlaceHousehold(const UnitCatalog& catalog, std::string_view province,
                           std::string_view commune, std::string_view village, Date on,
                           UnitLevel level);

// Returns the grouping of every household of `snap`.
Grouping GroupHouseholds(const Snapshot& snap, const UnitCatalog& catalog,
                         const GroupingOptions& options);

}  // namespace lnob::analytics
