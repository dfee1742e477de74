// How a target stands in a round: its value then, the change since the baseline, the average
// change a year, and whether it beat or missed its goal (or is on track for it), by how much.
//
//   UnitTally now = TallyUnit(store.RoundPlaceCounts(round_2024), catalog, "08", on);
//   TargetStatus s = EvaluateTarget(target, 2024, 23.45, now.Value(target.indicator));
//   s.change;            // -13.26 (points)
//   s.change_per_year;   // -4.42
//   s.verdict;           // Verdict::kAhead ("above target")
//
// Rates are compared as published, rounded to 2 decimals, so that the sentence a report prints
// and the verdict never disagree ("down 13.26 points, 4.42 points a year, above target").
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/unit_catalog.hpp"
#include "core/target.hpp"
#include "store/store.hpp"

namespace lnob::analytics {

// A unit's households in a round, by category.
struct UnitTally {
  uint64_t households = 0, poor = 0, near_poor = 0;
  // The indicator's value: a percentage of households, or a count.
  double Value(core::TargetIndicator indicator) const;
};

// Counts the households of `results` that lie in unit `code` under the units in force on `on`
// (the unit's level is its kind on that date; a code the registry does not know is matched
// against the households' own province and commune codes).
UnitTally TallyUnit(const std::vector<store::PlaceCount>& places, const UnitCatalog& catalog,
                    const std::string& code, Date on);
// The same from each household's result (CountByPlace first).
UnitTally TallyUnit(const std::vector<store::HouseholdCategory>& results,
                    const UnitCatalog& catalog, const std::string& code, Date on);
// Households counted by place, by place.
std::vector<store::PlaceCount> CountByPlace(const std::vector<store::HouseholdCategory>& results);

enum class Verdict {
  kAhead,     // beat the goal (or ahead of the straight path to it)
  kOnTarget,  // exactly on it
  kBehind,    // missed it (or behind the path)
};

struct TargetStatus {
  core::Target target;
  int year = 0;         // the round evaluated
  double baseline = 0;  // value in target.baseline_year
  double actual = 0;    // value in `year`
  double change = 0;    // actual - baseline
  double change_per_year = 0;
  bool final = false;   // year >= deadline: the goal is judged, not the path
  double expected = 0;  // kLevel before the deadline: the straight-line value for `year`
  Verdict verdict = Verdict::kOnTarget;
  double margin = 0;  // how far beyond (> 0) or short of (< 0) the goal or the path
};

// Evaluates `target` for the round of `year`. InvalidArgument when `year` is not after the
// baseline year.
Result<TargetStatus> EvaluateTarget(const core::Target& target, int year, double baseline,
                                    double actual);

// Every target stored in the registry, judged on the round (`year`, `kind`): the actual value from
// the round's stored results, the baseline as stated or from the baseline round's results.
// NotFound (saying what to classify) when a round needed has no results. The unit's name is that
// on the date used.
struct StoredTargetStatus {
  TargetStatus status;
  std::string unit_name;
};
Result<std::vector<StoredTargetStatus>> EvaluateStoredTargets(store::Store& store,
                                                              const UnitCatalog& catalog, int year,
                                                              const std::string& kind);

}  // namespace lnob::analytics
