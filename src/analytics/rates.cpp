#include "analytics/rates.hpp"

namespace lnob::analytics {

std::vector<IndicatorRef> IndicatorsOf(const core::Classification& result) {
  std::vector<IndicatorRef> out;
  for (const auto& s : result.choice.standards) {
    for (const core::Indicator& i : s->indicators()) {
      bool seen = false;
      for (const auto& o : out) seen = seen || o.id == i.id;
      if (!seen) out.push_back({i.id, i.dimension, i.name_vi, i.name_en});
    }
  }
  return out;
}

Rates ComputeRates(const Snapshot& snap, const core::Classification& result,
                   const Grouping& grouping) {
  Rates r;
  r.round = snap.round;
  r.by = grouping.by;
  r.indicators = IndicatorsOf(result);
  const size_t ni = r.indicators.size();
  // Column of each standard's indicator i in r.indicators.
  std::vector<std::vector<uint32_t>> column(result.choice.standards.size());
  for (size_t si = 0; si < column.size(); ++si) {
    for (const core::Indicator& ind : result.choice.standards[si]->indicators()) {
      for (size_t k = 0; k < ni; ++k) {
        if (r.indicators[k].id == ind.id) column[si].push_back(static_cast<uint32_t>(k));
      }
    }
  }
  const size_t ng = grouping.groups.size();
  r.rows.resize(ng);
  for (size_t g = 0; g < ng; ++g) r.rows[g].group = grouping.groups[g];
  for (RateRow* row = r.rows.data(); row != r.rows.data() + ng; ++row) {
    row->deprived.assign(ni, 0);
    row->deprived_poor.assign(ni, 0);
  }
  r.total.deprived.assign(ni, 0);
  r.total.deprived_poor.assign(ni, 0);
  r.total.group = {"", "", ""};

  // Pass 1: plain counters per group (the hot loop: no allocation, no branches on strings).
  std::vector<uint64_t> counts(ng * 8, 0);
  std::vector<uint64_t> total(8, 0);
  const uint32_t n = snap.household_count();
  const core::Category* cat = result.category.data();
  const uint32_t* deprived = result.deprived.data();
  const uint32_t* begin = snap.survey.member_begin.data();
  for (uint32_t h = 0; h < n; ++h) {
    uint32_t g = grouping.of_household[h];
    uint64_t* c = g == kNoIndex ? nullptr : &counts[static_cast<size_t>(g) * 8];
    uint64_t persons = begin[h + 1] - begin[h];
    int k = static_cast<int>(cat[h]);
    uint64_t add[8] = {1, persons, 0, 0, 0, 0, 0, 0};
    add[2 + k] = 1;  // category slots 2..5: not_poor, middle, near_poor, poor
    if (cat[h] == core::Category::kPoor) add[6] = persons;
    if (cat[h] == core::Category::kNearPoor) add[7] = persons;
    for (int i = 0; i < 8; ++i) total[i] += add[i];
    if (c) {
      for (int i = 0; i < 8; ++i) c[i] += add[i];
    }
    if (deprived[h] == 0) continue;
    const auto& col = column[result.choice.of_household[h]];
    for (uint32_t bits = deprived[h]; bits; bits &= bits - 1) {
      uint32_t k2 = col[__builtin_ctz(bits)];
      ++r.total.deprived[k2];
      if (cat[h] == core::Category::kPoor) ++r.total.deprived_poor[k2];
      if (g == kNoIndex) continue;
      ++r.rows[g].deprived[k2];
      if (cat[h] == core::Category::kPoor) ++r.rows[g].deprived_poor[k2];
    }
  }
  auto fill = [](RateRow* row, const uint64_t* c) {
    row->households = c[0];
    row->persons = c[1];
    row->not_poor = c[2];
    row->middle = c[3];
    row->near_poor = c[4];
    row->poor = c[5];
    row->poor_persons = c[6];
    row->near_poor_persons = c[7];
  };
  for (size_t g = 0; g < ng; ++g) fill(&r.rows[g], &counts[g * 8]);
  fill(&r.total, total.data());
  r.unplaced = grouping.unplaced;
  r.unplaced_codes = grouping.unplaced_codes;
  return r;
}

}  // namespace lnob::analytics
