// lnob report transitions --db URL --from YEAR --to YEAR [--level ...] [--households]
#include <memory>

#include "analytics/transitions.hpp"
#include "cli/analysis_input.hpp"
#include "cli/commands.hpp"
#include "cli/report_commands.hpp"
#include "report/transitions_report.hpp"

namespace lnob::cli {
namespace {

struct TransitionsArgs {
  ReportArgs common;
  int from = 0, to = 0;
  std::string level = "commune";
  bool households = false;
};

int RunTransitions(const TransitionsArgs& a) {
  Lang lang = ParseLang(a.common.lang);
  auto format = ParseFormat(a.common.format);
  if (!format.ok()) return Fail(format.status());
  analytics::UnitLevel level;
  if (!analytics::ParseUnitLevel(a.level, &level)) {
    return Fail(InvalidArgument("--level '" + a.level + "': use province, commune or village"));
  }
  auto analysis = OpenAnalysis(a.common.db);
  if (!analysis.ok()) return Fail(analysis.status());
  auto t = analytics::TransitionsFromStore(*analysis->store, analysis->units, a.common.kind, a.from,
                                           a.to, level);
  if (!t.ok()) return Fail(t.status());
  report::Table flows = report::TransitionsTable(*t, true, lang);
  report::Table machine = a.households ? report::HouseholdTransitionsTable(*t)
                                       : report::TransitionsTable(*t, false, lang);
  std::vector<report::Table> tables = {flows, report::TransitionMatrixTable(*t, lang),
                                       report::ExitsTable(*t, lang)};
  if (a.households) tables.push_back(machine);
  Status st = WriteReport(tables, machine, *format, a.common.out, lang);
  return st.ok() ? kExitOk : Fail(st);
}

}  // namespace

void AddTransitionsReport(CLI::App* report, int* exit_code) {
  auto a = std::make_shared<TransitionsArgs>();
  CLI::App* cmd = report->add_subcommand(
      "transitions", "Who stayed poor, escaped, became poor or fell back, and how exits last");
  AddReportOptions(cmd, &a->common, false);
  cmd->add_option("--from", a->from, "the earlier round's year")->required();
  cmd->add_option("--to", a->to, "the later round's year")->required();
  cmd->add_option("--level", a->level, "province, commune (default) or village");
  cmd->add_flag("--households", a->households,
                "list every household's movement (csv and json give this list)");
  cmd->callback([a, exit_code] { *exit_code = RunTransitions(*a); });
}

}  // namespace lnob::cli
