// lnob whatif --db URL --round YEAR [--standard ID] [--set name.key=value ...]: a round
// re-classified in memory, by unit, nothing stored.
#include <chrono>
#include <cstdio>
#include <memory>

#include "analytics/whatif.hpp"
#include "cli/analysis_input.hpp"
#include "cli/commands.hpp"
#include "cli/report_commands.hpp"
#include "common/money.hpp"
#include "ingest/standard_files.hpp"
#include "report/whatif_report.hpp"

namespace lnob::cli {
namespace {

struct WhatIfArgs {
  ReportArgs common;
  std::string standard, level = "commune", units_on;
  std::vector<std::string> set;
  bool households = false;
  int threads = 2;
};

int RunWhatIf(const WhatIfArgs& a) {
  Lang lang = ParseLang(a.common.lang);
  auto format = ParseFormat(a.common.format);
  if (!format.ok()) return Fail(format.status());
  std::vector<core::ParameterOverride> overrides;
  for (const auto& text : a.set) {
    auto o = core::ParseOverride(text);
    if (!o.ok()) return Fail(o.status());
    overrides.push_back(*o);
  }
  auto g = GroupingFromOptions(a.level, a.units_on, "none");
  if (!g.ok()) return Fail(g.status());
  auto analysis = OpenAnalysis(a.common.db);
  if (!analysis.ok()) return Fail(analysis.status());
  auto snap = LoadRound(*analysis, a.common.round, a.common.kind, lang);
  if (!snap.ok()) return Fail(snap.status());
  const std::string id = a.standard.empty() ? snap->round.standard_id : a.standard;
  auto standard = ingest::FindStandard(analysis->standards, id, overrides);
  if (!standard.ok()) return Fail(standard.status());

  auto start = std::chrono::steady_clock::now();
  analytics::Grouping grouping = analytics::GroupHouseholds(*snap, analysis->units, *g);
  analytics::WhatIfOptions options;
  options.threads = a.threads;
  auto w = analytics::RunWhatIf(*snap, core::PickOne(snap->survey, *standard), grouping, options);
  if (!w.ok()) return Fail(w.status());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::string what = (*standard)->id();
  for (const auto& s : a.set) what += " " + s;
  report::Table units = report::WhatIfTable(*w, what, true, lang);
  report::Table machine = a.households ? report::WhatIfHouseholdsTable(*snap, *w)
                                       : report::WhatIfTable(*w, what, false, lang);
  std::vector<report::Table> tables = {units, report::WhatIfMatrixTable(*w, lang)};
  if (a.households) tables.push_back(machine);
  Status st = WriteReport(tables, machine, *format, a.common.out, lang);
  if (!st.ok()) return Fail(st);
  std::fprintf(stderr,
               lang == Lang::kVi ? "Đã phân loại lại %s hộ trong %s giây; không lưu gì.\n"
                                 : "Re-classified %s households in %s s; nothing was stored.\n",
               GroupThousands(snap->household_count(), lang).c_str(),
               FormatDecimal(secs, 2, lang).c_str());
  return kExitOk;
}

}  // namespace

void AddWhatIfCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<WhatIfArgs>();
  CLI::App* cmd = app.add_subcommand(
      "whatif", "Re-classify a round under another standard or parameters, in memory / Mô phỏng");
  AddReportOptions(cmd, &a->common, true);
  cmd->add_option("--standard", a->standard,
                  "standard id or .toml file (default: the round's own standard)");
  cmd->add_option("--set", a->set, "change a parameter: name.key=value, e.g. line.rural=2200000");
  cmd->add_option("--level", a->level, "province, commune (default) or village");
  cmd->add_option("--units-on", a->units_on, "units in force on this date (YYYY-MM-DD)");
  cmd->add_flag("--households", a->households,
                "list the households that change category (csv and json give this list)");
  cmd->add_option("--threads", a->threads, "threads (default 2)")->check(CLI::Range(1, 64));
  cmd->callback([a, exit_code] { *exit_code = RunWhatIf(*a); });
}

}  // namespace lnob::cli
