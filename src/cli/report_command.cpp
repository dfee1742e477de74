// lnob report rates|transitions|targets|summary: the province office's figures from the registry.
#include <cstdio>
#include <memory>
#include <string>

#include "analytics/grouping.hpp"
#include "analytics/rates.hpp"
#include "cli/analysis_input.hpp"
#include "cli/commands.hpp"
#include "cli/report_commands.hpp"
#include "report/rates_report.hpp"

namespace lnob::cli {
namespace {

struct RatesArgs {
  ReportArgs common;
  std::string level = "commune", units_on, by = "none";
};

int RunRates(const RatesArgs& a) {
  Lang lang = ParseLang(a.common.lang);
  auto format = ParseFormat(a.common.format);
  if (!format.ok()) return Fail(format.status());
  auto g = GroupingFromOptions(a.level, a.units_on, a.by);
  if (!g.ok()) return Fail(g.status());
  auto analysis = OpenAnalysis(a.common.db);
  if (!analysis.ok()) return Fail(analysis.status());
  auto snap = LoadRound(*analysis, a.common.round, a.common.kind, lang);
  if (!snap.ok()) return Fail(snap.status());
  analytics::Grouping grouping = analytics::GroupHouseholds(*snap, analysis->units, *g);
  analytics::Rates rates = analytics::ComputeRates(*snap, snap->result, grouping);
  report::Table people = report::RatesTable(rates, {.total_row = true, .lang = lang});
  report::Table machine = report::RatesTable(rates, {.deprivations = true, .lang = lang});
  Status st = WriteReport({people, report::DeprivationTable(rates, lang)}, machine, *format,
                          a.common.out, lang);
  return st.ok() ? kExitOk : Fail(st);
}

}  // namespace

void AddReportOptions(CLI::App* cmd, ReportArgs* a, bool round) {
  cmd->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
  if (round) cmd->add_option("--round", a->round, "the review round's year")->required();
  cmd->add_option("--kind", a->kind, "periodic (default) or regular")
      ->check(CLI::IsMember({"periodic", "regular"}));
  cmd->add_option("--format", a->format, "table (default), csv, json, markdown or xlsx");
  cmd->add_option("--out", a->out, "write to FILE instead of standard output");
  cmd->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
}

void AddReportCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("report", "Reports on a round / Báo cáo theo kỳ rà soát");
  cmd->require_subcommand(1);

  auto rates = std::make_shared<RatesArgs>();
  CLI::App* r = cmd->add_subcommand(
      "rates", "Households, persons, poor and near-poor, rates and deprivations by unit");
  AddReportOptions(r, &rates->common, true);
  r->add_option("--level", rates->level, "province, commune (default) or village");
  r->add_option("--units-on", rates->units_on,
                "state the figures under the units in force on this date (YYYY-MM-DD; default: "
                "the round's reference date)");
  r->add_option("--by", rates->by, "split each unit by area, ethnicity or sex (of the head)");
  r->callback([rates, exit_code] { *exit_code = RunRates(*rates); });

  AddTransitionsReport(cmd, exit_code);
  AddTargetsReport(cmd, exit_code);
  AddSummaryReport(cmd, exit_code);
}

}  // namespace lnob::cli
