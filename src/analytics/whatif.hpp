// What-if: a whole round re-classified in memory under another standard, or the same standard
// with changed parameters, and who changes category, by unit. Nothing is stored.
//
//   ASSIGN_OR_RETURN(auto other, ingest::FindStandard(all, "vn-2027-2030"));
//   ASSIGN_OR_RETURN(WhatIf w, RunWhatIf(snap, core::PickOne(snap.survey, other), grouping));
//   w.total.after[kPoor] - w.total.before[kPoor];   // households added to the poor
//
// Indicators whose rule and parameters are unchanged are taken from the round's results rather
// than evaluated again (core::ClassifyOptions::reuse), so a changed income line costs only the
// category rules: this is what makes a country's what-if interactive.
// Thread-safety: pure functions; uses options.threads threads.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/grouping.hpp"
#include "analytics/snapshot.hpp"

namespace lnob::analytics {

struct WhatIfRow {
  Group group;
  uint64_t households = 0;
  uint64_t before[4] = {}, after[4] = {};  // by category code (core::Category)
  uint64_t moves[4][4] = {};               // [before][after]
  uint64_t changed() const {
    return households - moves[0][0] - moves[1][1] - moves[2][2] - moves[3][3];
  }
};

struct WhatIf {
  core::Classification result;  // the re-classification, per household
  std::vector<WhatIfRow> rows;  // one per group of the grouping
  WhatIfRow total;              // every household
};

struct WhatIfOptions {
  int threads = 2;
  bool reuse = true;  // take unchanged indicators from the round's results (when reusable)
};

// Re-classifies every household of `snap` under `choice` and counts the changes by `grouping`.
// FailedPrecondition when the round's answers lack a column the standard needs.
Result<WhatIf> RunWhatIf(const Snapshot& snap, core::StandardChoice choice,
                         const Grouping& grouping, const WhatIfOptions& options = {});

// Counts the changes from snap.result to `after` by `grouping` (the aggregation of RunWhatIf).
void CountChanges(const Snapshot& snap, const core::Classification& after, const Grouping& grouping,
                  WhatIf* out);

}  // namespace lnob::analytics
