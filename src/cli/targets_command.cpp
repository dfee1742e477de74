// lnob targets import|list, and lnob report targets.
#include <cstdio>
#include <memory>

#include "analytics/targets.hpp"
#include "cli/analysis_input.hpp"
#include "cli/commands.hpp"
#include "cli/report_commands.hpp"
#include "ingest/targets_file.hpp"
#include "report/targets_report.hpp"

namespace lnob::cli {
namespace {

struct TargetsArgs {
  std::string db, file, lang = "vi";
};

int RunImport(const TargetsArgs& a) {
  auto targets = ingest::LoadTargetsFile(a.file);
  if (!targets.ok()) return Fail(targets.status());
  auto opened = store::Store::Open(a.db);
  if (!opened.ok()) return Fail(opened.status());
  auto version = (*opened)->Init();
  if (!version.ok()) return Fail(version.status());
  if (Status st = (*opened)->SaveTargets(*targets); !st.ok()) return Fail(st);
  std::fprintf(stderr,
               ParseLang(a.lang) == Lang::kVi ? "Đã lưu %zu mục tiêu\n" : "Saved %zu targets\n",
               targets->size());
  return kExitOk;
}

int RunList(const TargetsArgs& a) {
  auto opened = store::Store::Open(a.db);
  if (!opened.ok()) return Fail(opened.status());
  auto targets = (*opened)->ListTargets();
  if (!targets.ok()) return Fail(targets.status());
  Lang lang = ParseLang(a.lang);
  for (const core::Target& t : *targets) {
    std::printf("%s\t%s\t%s\t%s\t%d -> %d\n", t.id.c_str(),
                std::string(core::TargetIndicatorId(t.indicator)).c_str(), t.unit_code.c_str(),
                (lang == Lang::kVi ? t.name_vi : t.name_en).c_str(), t.baseline_year,
                t.deadline_year);
  }
  return kExitOk;
}

int RunReport(const ReportArgs& a) {
  Lang lang = ParseLang(a.lang);
  auto format = ParseFormat(a.format);
  if (!format.ok()) return Fail(format.status());
  auto analysis = OpenAnalysis(a.db);
  if (!analysis.ok()) return Fail(analysis.status());
  auto statuses =
      analytics::EvaluateStoredTargets(*analysis->store, analysis->units, a.round, a.kind);
  if (!statuses.ok()) return Fail(statuses.status());
  std::vector<report::TargetLine> lines;
  for (auto& s : *statuses) lines.push_back({std::move(s.status), std::move(s.unit_name)});
  report::Table t = report::TargetsTable(lines, a.round, lang);
  if (*format == Format::kTable || *format == Format::kMarkdown) {
    std::string text;
    for (const auto& l : lines) text += "- " + report::TargetSentence(l, lang) + "\n";
    if (lines.empty()) {
      text = lang == Lang::kVi ? "Chưa có mục tiêu nào đo được ở kỳ này (lnob targets import).\n"
                               : "No target can be measured in this round (lnob targets import).\n";
    }
    Status st = WriteText(text, a.out);
    return st.ok() ? kExitOk : Fail(st);
  }
  Status st = WriteReport({t}, t, *format, a.out, lang);
  return st.ok() ? kExitOk : Fail(st);
}

}  // namespace

void AddTargetsReport(CLI::App* report, int* exit_code) {
  auto a = std::make_shared<ReportArgs>();
  CLI::App* cmd = report->add_subcommand(
      "targets", "Each target: actual value, change, change a year, beaten or missed");
  AddReportOptions(cmd, a.get(), true);
  cmd->callback([a, exit_code] { *exit_code = RunReport(*a); });
}

void AddTargetsCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<TargetsArgs>();
  CLI::App* cmd =
      app.add_subcommand("targets", "The province's targets / Mục tiêu giảm nghèo của tỉnh");
  cmd->require_subcommand(1);
  CLI::App* imp = cmd->add_subcommand("import", "Add or replace targets from a TOML file");
  imp->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
  imp->add_option("file", a->file, "targets file (docs/analytics.md)")->required();
  imp->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
  imp->callback([a, exit_code] { *exit_code = RunImport(*a); });
  CLI::App* list = cmd->add_subcommand("list", "The targets stored");
  list->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
  list->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
  list->callback([a, exit_code] { *exit_code = RunList(*a); });
}

}  // namespace lnob::cli
