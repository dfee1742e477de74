// analytics_bench: the lnob side of bench/analytics (issue 4), timed step by step in one process.
//
//   analytics_bench --households H.csv --members M.csv --out DIR [--threads 2] [--repeat 1]
//
// 1. load: ingest::LoadSurvey (classify_only), core::Classify under vn-2022-2025 (every
//    household), analytics::SnapshotOf;
// 2. rates by commune: analytics::GroupHouseholds (empty UnitCatalog: codes stand for themselves),
//    then analytics::ComputeRates;
// 3. what-ifs: analytics::RunWhatIf under vn-2027-2030, and under vn-2022-2025 with
//    line.rural=2200000, each with and without reuse of the round's indicator results.
// Prints one line per step on stdout, "step NAME SECONDS HWM_KB RSS_KB CPU_SECONDS FAULTS" (wall
// seconds measured with steady_clock around the call; VmHWM and VmRSS of /proc/self/status right
// after it; CPU seconds of all threads and minor page faults during the step), and writes
// DIR/lnob_rates.csv, DIR/lnob_whatif_2027.csv, DIR/lnob_whatif_line.csv for comparison with the
// DuckDB peer (bench/duckdb/analytics.mjs writes the same files under duckdb_*). Exits 1 on any
// error, or when a what-if with reuse and the same what-if without it disagree. --repeat N runs
// steps 2 and 3 N times (a step line each time), for profiling them apart from the load.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/grouping.hpp"
#include "analytics/rates.hpp"
#include "analytics/snapshot.hpp"
#include "analytics/unit_catalog.hpp"
#include "analytics/whatif.hpp"
#include "core/classifier.hpp"
#include "ingest/standard_files.hpp"
#include "ingest/survey_loader.hpp"

namespace {

using namespace lnob;
using Clock = std::chrono::steady_clock;

// VmHWM and VmRSS of this process, in KB.
void Memory(long* hwm, long* rss) {
  *hwm = *rss = 0;
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmHWM:", 0) == 0) *hwm = std::atol(line.c_str() + 6);
    if (line.rfind("VmRSS:", 0) == 0) *rss = std::atol(line.c_str() + 6);
  }
}

// Minor page faults and CPU seconds (user + system, all threads) of this process so far.
void Usage(long* faults, double* cpu) {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  *faults = u.ru_minflt;
  *cpu = static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// Runs f(), prints its step line, returns what f returns.
template <typename F>
auto Step(const char* name, F&& f) {
  long faults0, faults1;
  double cpu0, cpu1;
  Usage(&faults0, &cpu0);
  auto start = Clock::now();
  auto result = f();
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  Usage(&faults1, &cpu1);
  long hwm, rss;
  Memory(&hwm, &rss);
  std::printf("step %s %.6f %ld %ld %.6f %ld\n", name, secs, hwm, rss, cpu1 - cpu0,
              faults1 - faults0);
  std::fflush(stdout);
  return result;
}

[[noreturn]] void Die(const std::string& what, const Status& st) {
  std::fprintf(stderr, "analytics_bench: %s: %s\n", what.c_str(), st.ToString().c_str());
  std::exit(1);
}

template <typename T>
T Take(Result<T> r, const std::string& what) {
  if (!r.ok()) Die(what, r.status());
  return std::move(r).value();
}

FILE* Create(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) std::perror(path.c_str()), std::exit(1);
  return f;
}

// commune_code,households,persons,poor,near_poor,middle,not_poor,<one column per indicator>
void WriteRates(const analytics::Rates& r, const std::string& path) {
  FILE* f = Create(path);
  std::fprintf(f, "commune_code,households,persons,poor,near_poor,middle,not_poor");
  for (const auto& i : r.indicators) std::fprintf(f, ",%s", i.id.c_str());
  std::fprintf(f, "\n");
  for (const analytics::RateRow& row : r.rows) {
    std::fprintf(f, "%s,%llu,%llu,%llu,%llu,%llu,%llu", row.group.unit_code.c_str(),
                 (unsigned long long)row.households, (unsigned long long)row.persons,
                 (unsigned long long)row.poor, (unsigned long long)row.near_poor,
                 (unsigned long long)row.middle, (unsigned long long)row.not_poor);
    for (uint64_t d : row.deprived) std::fprintf(f, ",%llu", (unsigned long long)d);
    std::fprintf(f, "\n");
  }
  std::fclose(f);
}

// commune_code,households,before_<c>...,after_<c>...,<b>_to_<a>... (c in category code order)
void WriteWhatIf(const analytics::WhatIf& w, const std::string& path) {
  static const char* kCat[4] = {"not_poor", "middle", "near_poor", "poor"};
  FILE* f = Create(path);
  std::fprintf(f, "commune_code,households");
  for (const char* c : kCat) std::fprintf(f, ",before_%s", c);
  for (const char* c : kCat) std::fprintf(f, ",after_%s", c);
  for (const char* b : kCat)
    for (const char* a : kCat) std::fprintf(f, ",%s_to_%s", b, a);
  std::fprintf(f, "\n");
  for (const analytics::WhatIfRow& row : w.rows) {
    std::fprintf(f, "%s,%llu", row.group.unit_code.c_str(), (unsigned long long)row.households);
    for (uint64_t v : row.before) std::fprintf(f, ",%llu", (unsigned long long)v);
    for (uint64_t v : row.after) std::fprintf(f, ",%llu", (unsigned long long)v);
    for (const auto& line : row.moves)
      for (uint64_t v : line) std::fprintf(f, ",%llu", (unsigned long long)v);
    std::fprintf(f, "\n");
  }
  std::fclose(f);
}

// Same categories for every household, and the same counts.
bool Same(const analytics::WhatIf& a, const analytics::WhatIf& b) {
  if (a.result.category != b.result.category) return false;
  if (a.result.deprived != b.result.deprived) return false;
  if (a.result.deprivation_count != b.result.deprivation_count) return false;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      if (a.total.moves[i][j] != b.total.moves[i][j]) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  auto arg = [&](std::string_view flag, const char* otherwise) -> std::string {
    for (int i = 1; i + 1 < argc; ++i)
      if (flag == argv[i]) return argv[i + 1];
    return otherwise;
  };
  const std::string households = arg("--households", ""), members = arg("--members", ""),
                    out = arg("--out", "");
  const int threads = std::atoi(arg("--threads", "2").c_str());
  const int repeat = std::atoi(arg("--repeat", "1").c_str());
  if (households.empty() || members.empty() || out.empty() || threads < 1 || repeat < 1) {
    std::fputs(
        "usage: analytics_bench --households H.csv --members M.csv --out DIR [--threads N] "
        "[--repeat N]\n",
        stderr);
    return 2;
  }

  auto all = Take(ingest::LoadStandardDirectory(ingest::DefaultStandardsDirectory()), "standards");
  auto base_std = Take(ingest::FindStandard(all, "vn-2022-2025"), "vn-2022-2025");
  auto next_std = Take(ingest::FindStandard(all, "vn-2027-2030"), "vn-2027-2030");
  auto line = Take(core::ParseOverride("line.rural=2200000"), "override");
  auto line_std = Take(ingest::FindStandard(all, "vn-2022-2025", {line}), "vn-2022-2025 override");

  // 1. The snapshot: read, classify, derive.
  ingest::LoadOptions load;
  load.classify_only = true;
  load.threads = threads;
  std::vector<ingest::InputError> errors;
  core::Survey survey = Step("load.read", [&] {
    auto s = ingest::LoadSurvey(households, members, load, &errors);
    if (!s.ok()) {
      for (const auto& e : errors)
        std::fprintf(stderr, "%s\n", ingest::FormatInputError(e, Lang::kEn).c_str());
      Die("load", s.status());
    }
    return std::move(s).value();
  });
  core::ClassifyOptions copts;
  copts.threads = threads;
  core::Classification base = Step("load.classify", [&] {
    return Take(core::Classify(survey, core::PickOne(survey, base_std), copts), "classify");
  });
  analytics::RoundRef round{2024, "periodic", Date{20241001}, base_std->id()};
  analytics::Snapshot snap = Step("load.snapshot", [&] {
    return analytics::SnapshotOf(round, std::move(survey), std::move(base));
  });

  // 2. Rates by every commune; 3. what-ifs. Each result is kept until the next repeat.
  analytics::UnitCatalog catalog;  // empty: codes stand for themselves
  analytics::Grouping grouping;
  analytics::Rates rates;
  analytics::WhatIf w27, wline;
  bool same = true;  // each what-if without reuse gives what it gives with reuse
  auto whatif = [&](const char* name, const core::StandardPtr& s, bool reuse) {
    analytics::WhatIfOptions o;
    o.threads = threads;
    o.reuse = reuse;
    return Step(name, [&] {
      return Take(analytics::RunWhatIf(snap, core::PickOne(snap.survey, s), grouping, o), name);
    });
  };
  for (int r = 0; r < repeat; ++r) {
    grouping = Step("rates.group", [&] {
      return analytics::GroupHouseholds(snap, catalog, {analytics::UnitLevel::kCommune});
    });
    rates =
        Step("rates.compute", [&] { return analytics::ComputeRates(snap, snap.result, grouping); });
    w27 = whatif("whatif.2027", next_std, true);
    same = Same(w27, whatif("whatif.2027.noreuse", next_std, false)) && same;
    wline = whatif("whatif.line", line_std, true);
    same = Same(wline, whatif("whatif.line.noreuse", line_std, false)) && same;
  }

  // Outside the timings: results, and a summary that uses every result.
  WriteRates(rates, out + "/lnob_rates.csv");
  WriteWhatIf(w27, out + "/lnob_whatif_2027.csv");
  WriteWhatIf(wline, out + "/lnob_whatif_line.csv");
  std::fprintf(stderr,
               "analytics_bench: %u households, %u members, %zu communes; poor %llu; "
               "vn-2027-2030 changes %llu, line.rural=2200000 changes %llu\n",
               snap.household_count(), snap.survey.member_count(), grouping.groups.size(),
               (unsigned long long)rates.total.poor, (unsigned long long)w27.total.changed(),
               (unsigned long long)wline.total.changed());
  if (!same) {
    std::fprintf(stderr, "analytics_bench: a what-if with reuse differs from the same without\n");
    return 1;
  }
  return 0;
}
