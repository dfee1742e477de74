// lnob report summary --db URL --round YEAR [--lang vi|en] [--format markdown|xlsx] [--out FILE]
#include <cstdio>
#include <memory>

#include "analytics/grouping.hpp"
#include "analytics/rates.hpp"
#include "analytics/targets.hpp"
#include "cli/analysis_input.hpp"
#include "cli/commands.hpp"
#include "cli/report_commands.hpp"
#include "report/summary_report.hpp"

namespace lnob::cli {
namespace {

int RunSummary(const ReportArgs& a) {
  Lang lang = ParseLang(a.lang);
  auto format = ParseFormat(a.format == "table" ? "markdown" : a.format);
  if (!format.ok()) return Fail(format.status());
  if (*format != Format::kMarkdown && *format != Format::kXlsx) {
    return Fail(
        InvalidArgument("the summary is written as markdown or xlsx; for csv or json use "
                        "lnob report rates"));
  }
  auto analysis = OpenAnalysis(a.db);
  if (!analysis.ok()) return Fail(analysis.status());
  auto snap = LoadRound(*analysis, a.round, a.kind, lang);
  if (!snap.ok()) return Fail(snap.status());

  report::SummaryInput in;
  in.year = a.round;
  const Date on = snap->round.reference_date;
  auto province =
      analytics::GroupHouseholds(*snap, analysis->units, {analytics::UnitLevel::kProvince, on});
  in.provinces = analytics::ComputeRates(*snap, snap->result, province);
  auto commune =
      analytics::GroupHouseholds(*snap, analysis->units, {analytics::UnitLevel::kCommune, on});
  in.communes = analytics::ComputeRates(*snap, snap->result, commune);

  // The previous round of the same kind, restated under this round's units, when classified.
  auto rounds = analysis->store->ListRounds();
  if (!rounds.ok()) return Fail(rounds.status());
  int previous = 0;
  for (const auto& r : *rounds) {
    if (r.kind == a.kind && r.year < a.round) previous = std::max(previous, r.year);
  }
  if (previous > 0) {
    auto before = LoadRound(*analysis, previous, a.kind, lang);
    if (before.ok()) {
      auto g = analytics::GroupHouseholds(*before, analysis->units,
                                          {analytics::UnitLevel::kProvince, on});
      in.previous = analytics::ComputeRates(*before, before->result, g);
    } else if (before.status().code() != ErrorCode::kNotFound) {
      return Fail(before.status());
    }
  }
  auto targets =
      analytics::EvaluateStoredTargets(*analysis->store, analysis->units, a.round, a.kind);
  if (!targets.ok()) return Fail(targets.status());
  for (auto& t : *targets) in.targets.push_back({std::move(t.status), std::move(t.unit_name)});

  Status st = *format == Format::kXlsx
                  ? WriteReport(report::SummaryTables(in, lang), {}, *format, a.out, lang)
                  : WriteText(report::SummaryMarkdown(in, lang), a.out);
  return st.ok() ? kExitOk : Fail(st);
}

}  // namespace

void AddSummaryReport(CLI::App* report, int* exit_code) {
  auto a = std::make_shared<ReportArgs>();
  a->format = "markdown";
  CLI::App* cmd = report->add_subcommand(
      "summary", "The provincial summary: sentences and tables, as Markdown or XLSX");
  AddReportOptions(cmd, a.get(), true);
  cmd->callback([a, exit_code] { *exit_code = RunSummary(*a); });
}

}  // namespace lnob::cli
