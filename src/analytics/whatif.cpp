#include "analytics/whatif.hpp"

namespace lnob::analytics {

void CountChanges(const Snapshot& snap, const core::Classification& after, const Grouping& grouping,
                  WhatIf* out) {
  const size_t ng = grouping.groups.size();
  std::vector<uint64_t> moves(ng * 16, 0);
  uint64_t total[16] = {};
  const uint32_t n = snap.household_count();
  const core::Category* b = snap.result.category.data();
  const core::Category* a = after.category.data();
  const uint32_t* group = grouping.of_household.data();
  for (uint32_t h = 0; h < n; ++h) {
    unsigned cell = static_cast<unsigned>(b[h]) * 4 + static_cast<unsigned>(a[h]);
    ++total[cell];
    if (group[h] != kNoIndex) ++moves[static_cast<size_t>(group[h]) * 16 + cell];
  }
  auto fill = [](WhatIfRow* row, const uint64_t* m) {
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 4; ++j) {
        row->moves[i][j] = m[i * 4 + j];
        row->before[i] += m[i * 4 + j];
        row->after[j] += m[i * 4 + j];
        row->households += m[i * 4 + j];
      }
    }
  };
  out->rows.assign(ng, {});
  for (size_t g = 0; g < ng; ++g) {
    out->rows[g].group = grouping.groups[g];
    fill(&out->rows[g], &moves[g * 16]);
  }
  out->total = {};
  fill(&out->total, total);
}

Result<WhatIf> RunWhatIf(const Snapshot& snap, core::StandardChoice choice,
                         const Grouping& grouping, const WhatIfOptions& options) {
  core::ClassifyOptions copts;
  copts.threads = options.threads;
  copts.ages = &snap.ages;
  if (options.reuse && snap.reusable) copts.reuse = &snap.result;
  WhatIf w;
  ASSIGN_OR_RETURN(w.result, core::Classify(snap.survey, std::move(choice), copts));
  CountChanges(snap, w.result, grouping, &w);
  return w;
}

}  // namespace lnob::analytics
