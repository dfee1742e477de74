// Rates as report tables: the counts and rates per unit, and the deprivation headcounts.
//
//   Rates r = analytics::ComputeRates(snap, snap.result, grouping);
//   RenderText(RatesTable(r, {.total_row = true}), Lang::kVi);
//
// Column keys (CSV header, JSON keys): unit_code, unit_name, [area|ethnicity|sex: the split],
// households,
// persons, poor, near_poor, middle, not_poor, poor_persons, near_poor_persons, poor_rate,
// near_poor_rate, poor_near_poor_rate; with deprivations, deprived_<indicator> and
// deprived_poor_<indicator> for each indicator. Rates are percent of households.
// Thread-safety: pure functions.
#pragma once

#include "analytics/rates.hpp"
#include "report/table.hpp"

namespace lnob::report {

struct RatesTableOptions {
  bool total_row = false;     // a last row "Tổng cộng" / "Total" (for people, not machines)
  bool deprivations = false;  // the deprived_* columns (CSV and JSON carry them)
  Lang lang = Lang::kVi;      // of the words in cells (the total row's label)
};

Table RatesTable(const analytics::Rates& rates, const RatesTableOptions& options);
// Per indicator: households deprived, their share, and the same among the poor (a row per
// indicator, for the whole set of households).
Table DeprivationTable(const analytics::Rates& rates, Lang lang);

// The words for a unit level and a split, for column headers: "Xã" / "Commune".
std::string LevelLabel(analytics::UnitLevel level, Lang lang);
std::string SplitLabel(analytics::SplitBy by, Lang lang);

}  // namespace lnob::report
