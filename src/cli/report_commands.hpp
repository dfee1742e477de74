// The subcommands of `lnob report`, one file each, sharing their common options.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace lnob::cli {

struct ReportArgs {
  std::string db, kind = "periodic", format = "table", out, lang = "vi";
  int round = 0;
};

// --db, [--round], --kind, --format, --out, --lang.
void AddReportOptions(CLI::App* cmd, ReportArgs* a, bool round);

void AddTransitionsReport(CLI::App* report, int* exit_code);
void AddTargetsReport(CLI::App* report, int* exit_code);
void AddSummaryReport(CLI::App* report, int* exit_code);

}  // namespace lnob::cli
