#include "analytics/round_matrix.hpp"

#include "analytics/rates.hpp"

namespace lnob::analytics {

DeprivationMatrix RoundMatrix(const Snapshot& snap, const Grouping* grouping) {
  const core::Classification& c = snap.result;
  std::vector<IndicatorRef> refs = IndicatorsOf(c);
  DeprivationMatrix m;
  for (const auto& r : refs) m.indicator_ids.push_back(r.id);
  const size_t d = refs.size();
  // Column of each standard's indicator i.
  std::vector<std::vector<size_t>> column(c.choice.standards.size());
  for (size_t si = 0; si < column.size(); ++si) {
    for (const core::Indicator& ind : c.choice.standards[si]->indicators()) {
      for (size_t k = 0; k < d; ++k) {
        if (refs[k].id == ind.id) column[si].push_back(k);
      }
    }
  }
  const uint32_t n = snap.household_count();
  m.cells.assign(static_cast<size_t>(n) * d, 0);
  m.population.resize(n);
  m.unit_ids.resize(n);
  if (grouping) m.groups.resize(n);
  for (uint32_t h = 0; h < n; ++h) {
    const auto& col = column[c.choice.of_household[h]];
    for (uint32_t bits = c.deprived[h]; bits; bits &= bits - 1) {
      m.cells[static_cast<size_t>(h) * d + col[__builtin_ctz(bits)]] = 1;
    }
    m.population[h] = snap.persons(h);
    m.unit_ids[h] = std::string(snap.survey.household_id(h));
    if (grouping) {
      uint32_t g = grouping->of_household[h];
      if (g == kNoIndex) {
        m.groups[h] = "unplaced";
      } else {
        const Group& grp = grouping->groups[g];
        m.groups[h] = grp.unit_code.empty() ? grp.subgroup
                                            : grp.unit_code + " " + grp.unit_name +
                                                  (grp.subgroup.empty() ? "" : " " + grp.subgroup);
      }
    }
  }
  return m;
}

std::vector<std::string> RoundDimensions(const Snapshot& snap) {
  std::vector<std::string> out;
  for (const auto& r : IndicatorsOf(snap.result)) out.push_back(r.dimension);
  return out;
}

}  // namespace lnob::analytics
