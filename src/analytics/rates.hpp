// Rates by any cut: households, persons, each category, their rates, and the headcount of each
// deprivation (overall and among the poor), per group of a Grouping and in total.
//
//   Grouping g = GroupHouseholds(snap, catalog, {UnitLevel::kCommune});
//   Rates r = ComputeRates(snap, snap.result, g);
//   r.rows[0].poor_rate();        // percent of households
//   r.total.deprived[2];          // households deprived in r.indicators[2]
//
// Rates are shares of households (the official measure); persons are counted alongside. A
// household unplaced by the grouping counts in the total, not in any row.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/grouping.hpp"
#include "analytics/snapshot.hpp"

namespace lnob::analytics {

struct IndicatorRef {
  std::string id;
  std::string dimension;
  std::string name_vi;
  std::string name_en;
};

struct RateRow {
  Group group;
  uint64_t households = 0, persons = 0;
  uint64_t poor = 0, near_poor = 0, middle = 0, not_poor = 0;  // households
  uint64_t poor_persons = 0, near_poor_persons = 0;
  std::vector<uint64_t> deprived;       // households deprived in each indicator
  std::vector<uint64_t> deprived_poor;  // the same among poor households

  double Rate(uint64_t count) const {
    return households == 0 ? 0.0 : 100.0 * static_cast<double>(count) / households;
  }
  double poor_rate() const { return Rate(poor); }
  double near_poor_rate() const { return Rate(near_poor); }
};

struct Rates {
  RoundRef round;
  SplitBy by = SplitBy::kNone;           // how rows are split (Grouping::by)
  std::vector<IndicatorRef> indicators;  // of every standard the result uses, first seen first
  std::vector<RateRow> rows;             // one per group, in the grouping's order
  RateRow total;                         // every household, placed or not
  uint64_t unplaced = 0;
  std::vector<std::string> unplaced_codes;
};

// The indicators of the standards of `result`, without repeats (by id).
std::vector<IndicatorRef> IndicatorsOf(const core::Classification& result);

// Counts `result` (a classification of snap.survey: the stored one or a what-if) by `grouping`.
Rates ComputeRates(const Snapshot& snap, const core::Classification& result,
                   const Grouping& grouping);

}  // namespace lnob::analytics
