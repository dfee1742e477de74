// lnob demo: a synthetic but realistic Tuyen Quang in an empty registry, through the same code
// paths as the commands a province uses (units import, import, classify, targets import, users
// add): the real units and their 2025 history (geography.hpp), about 408,000 households and
// 1.87 million people answering five periodic reviews 2021-2025 member by member (plan.hpp,
// answers.hpp), classified by the real classifier under vn-2022-2025, the account's targets, and
// one user per role with a generated password.
//
//   DemoOptions o{.seed = 2025, .scale = 1.0};
//   o.progress = [](DemoStep step, int year, uint64_t done, uint64_t total) { ... };
//   ASSIGN_OR_RETURN(DemoSummary s, RunDemo(*store, o));
//   for (const DemoAccount& a : s.accounts) ...;   // passwords: shown once, never stored in clear
//
// Deterministic for (seed, scale) apart from the passwords and the times of the records. Each
// round is imported in one transaction and classified in another. Thread-safety: uses the
// caller's Store.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "demo/plan.hpp"
#include "store/store.hpp"

namespace lnob::demo {

enum class DemoStep { kUnits, kPlan, kGenerate, kRead, kStore, kClassify, kUsers };

struct DemoOptions {
  uint64_t seed = 2025;
  double scale = 1.0;  // 1.0: about 408,000 households in 2025; 0.01 is enough for a test
  // Progress of long steps (called from the calling thread). May be empty.
  std::function<void(DemoStep step, int year, uint64_t done, uint64_t total)> progress;
};

struct DemoAccount {
  std::string username, role, unit_code, unit_name, password;
};

struct DemoSummary {
  size_t units = 0, events = 0;
  int64_t households[kYears] = {}, persons[kYears] = {};
  std::vector<DemoAccount> accounts;
};

// Fills the registry behind `db`. FailedPrecondition, before writing anything, when it already
// holds units, rounds, users or targets; InvalidArgument when scale is not in (0, 2]; otherwise
// the error of the step that failed (what was written before it stays: the caller removes a new
// database file).
Result<DemoSummary> RunDemo(store::Store& db, const DemoOptions& options);

// The targets of the account as a targets file (docs/analytics.md), for ingest::ParseTargets.
std::string TargetsToml();

}  // namespace lnob::demo
