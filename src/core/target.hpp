// A target the province set itself: an indicator of a unit, from a baseline to a goal by a
// deadline ("cut the poverty rate by 3-4 points a year"; "under 10% by 2030").
//
//   Target t{.id = "tq-poverty-2021-2025", .indicator = TargetIndicator::kPovertyRate,
//            .unit_code = "08", .baseline_year = 2021, .baseline_value = 23.45,
//            .goal = GoalKind::kChangePerYear, .goal_value = -3.0, .deadline_year = 2025};
//
// Persisted by the store (targets table) and read from a TOML file (docs/analytics.md).
// Thread-safety: a value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.hpp"

namespace lnob::core {

enum class TargetIndicator {
  kPovertyRate,         // poor households, % of households
  kNearPovertyRate,     // near-poor households, % of households
  kPoorNearPoorRate,    // poor and near-poor, % of households
  kPoorHouseholds,      // number of poor households
  kNearPoorHouseholds,  // number of near-poor households
};
// "poverty_rate", "near_poverty_rate", "poor_near_poor_rate", "poor_households",
// "near_poor_households"; Parse returns false for anything else.
std::string_view TargetIndicatorId(TargetIndicator i);
bool ParseTargetIndicator(std::string_view id, TargetIndicator* out);
// True for the rates (values in percent; changes in percentage points).
inline bool IsRate(TargetIndicator i) {
  return i == TargetIndicator::kPovertyRate || i == TargetIndicator::kNearPovertyRate ||
         i == TargetIndicator::kPoorNearPoorRate;
}

enum class GoalKind {
  kLevel,  // reach goal_value by the deadline (at or below it when it is below the baseline)
  kChangePerYear,  // change by goal_value a year on average (negative: a cut)
};

struct Target {
  std::string id;
  std::string name_vi, name_en;
  TargetIndicator indicator = TargetIndicator::kPovertyRate;
  std::string unit_code;
  std::optional<Date> units_on;  // boundaries the unit is meant on; default: each round's
  int baseline_year = 0;
  std::optional<double> baseline_value;  // stated (figures from before lnob); else the round's
  GoalKind goal = GoalKind::kLevel;
  double goal_value = 0;
  int deadline_year = 0;
};

}  // namespace lnob::core
