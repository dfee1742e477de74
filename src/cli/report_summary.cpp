// lnob report summary --db URL --round YEAR [--lang vi|en] [--format markdown|xlsx] [--out FILE]
#include <cstdio>
#include <memory>

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

  auto in = report::SummaryFromStore(*analysis->store, analysis->units, *snap, analysis->standards);
  if (!in.ok()) return Fail(in.status());
  Status st = *format == Format::kXlsx
                  ? WriteReport(report::SummaryTables(*in, lang), {}, *format, a.out, lang)
                  : WriteText(report::SummaryMarkdown(*in, lang), a.out);
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
