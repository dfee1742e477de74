// lnob classify: households.csv + members.csv -> one category per household.
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/survey_input.hpp"
#include "common/atomic_file.hpp"
#include "common/money.hpp"
#include "common/progress.hpp"
#include "core/classifier.hpp"
#include "core/explain.hpp"
#include "ingest/standard_files.hpp"
#include "report/classification_csv.hpp"
#include "store/store.hpp"

namespace lnob::cli {
namespace {

struct ClassifyArgs {
  std::string households, members, standard, out, explain, lang = "vi", standards_dir;
  std::string db, kind = "periodic";
  int round = 0;
  std::vector<std::string> set;
  int threads = 2;
  size_t max_errors = 100;
};

void PrintSummary(const core::Survey& survey, const core::Classification& c, Lang lang,
                  double seconds) {
  uint64_t counts[4] = {0, 0, 0, 0};
  for (core::Category cat : c.category) ++counts[static_cast<int>(cat)];
  uint64_t n = survey.household_count();
  bool vi = lang == Lang::kVi;
  std::fprintf(stderr,
               vi ? "Đã phân loại %s hộ (%s thành viên) trong %s giây:\n"
                  : "Classified %s households (%s members) in %s s:\n",
               GroupThousands(static_cast<int64_t>(n), lang).c_str(),
               GroupThousands(survey.member_count(), lang).c_str(),
               FormatDecimal(seconds, 2, lang).c_str());
  for (core::Category cat : {core::Category::kPoor, core::Category::kNearPoor,
                             core::Category::kMiddle, core::Category::kNotPoor}) {
    uint64_t k = counts[static_cast<int>(cat)];
    double pct = n ? 100.0 * static_cast<double>(k) / static_cast<double>(n) : 0.0;
    std::string p = FormatDecimal(pct, 2, lang);
    std::fprintf(stderr, "  %-10s %12s  %6s%%  %s\n", std::string(core::CategoryId(cat)).c_str(),
                 GroupThousands(static_cast<int64_t>(k), lang).c_str(), p.c_str(),
                 std::string(core::CategoryName(cat, lang)).c_str());
  }
  for (size_t i = 0; i < c.choice.standards.size(); ++i) {
    uint64_t k = 0;
    for (uint8_t s : c.choice.of_household) k += s == i;
    std::fprintf(stderr, vi ? "  chuẩn %s: %s hộ\n" : "  standard %s: %s households\n",
                 c.choice.standards[i]->id().c_str(),
                 GroupThousands(static_cast<int64_t>(k), lang).c_str());
  }
}

int RunClassify(const ClassifyArgs& a) {
  auto start = std::chrono::steady_clock::now();
  Lang lang = ParseLang(a.lang);
  std::vector<core::ParameterOverride> overrides;
  for (const auto& text : a.set) {
    auto o = core::ParseOverride(text);
    if (!o.ok()) return Fail(o.status());
    overrides.push_back(*o);
  }
  if (!overrides.empty() && a.standard.empty()) {
    return Fail(
        InvalidArgument("--set changes a parameter of one standard: name it with "
                        "--standard"));
  }
  std::string dir = a.standards_dir.empty() ? ingest::DefaultStandardsDirectory() : a.standards_dir;
  auto all = ingest::LoadStandardDirectory(dir);
  if (!all.ok()) return Fail(all.status());

  // Input: the two CSV files, or a round of the registry.
  bool from_db = !a.db.empty();
  if (from_db == (!a.households.empty() || !a.members.empty()) ||
      (!from_db && (a.households.empty() || a.members.empty())) || (from_db && a.round == 0)) {
    return Fail(InvalidArgument("give either --households and --members, or --db and --round"));
  }
  std::unique_ptr<store::Store> db;
  store::RoundInfo round;
  std::optional<core::Survey> survey;
  if (from_db) {
    auto opened = store::Store::Open(a.db);
    if (!opened.ok()) return Fail(opened.status());
    db = std::move(*opened);
    auto r = db->FindRound(a.round, a.kind);
    if (!r.ok()) return Fail(r.status());
    round = *r;
    auto loaded = db->LoadSurvey(round);
    if (!loaded.ok()) return Fail(loaded.status());
    survey = std::move(*loaded);
  } else {
    survey = ReadSurveyFiles(a.households, a.members, a.threads, a.max_errors, lang,
                             /*classify_only=*/true);
    if (!survey) return kExitInputError;
  }

  core::StandardChoice choice;
  if (from_db && a.standard.empty()) {
    auto s = ingest::FindStandard(*all, round.standard_id);
    if (!s.ok()) return Fail(s.status());
    choice = core::PickOne(*survey, *s);
  } else if (!a.standard.empty()) {
    auto s = ingest::FindStandard(*all, a.standard, overrides);
    if (!s.ok()) return Fail(s.status());
    choice = core::PickOne(*survey, *s);
  } else {
    auto c = core::PickByDate(*survey, *all);
    if (!c.ok()) return Fail(c.status());
    choice = std::move(*c);
  }

  if (!a.explain.empty()) {
    if (Status s = core::CheckColumns(*survey, choice); !s.ok()) return Fail(s);
    for (uint32_t h = 0; h < survey->household_count(); ++h) {
      if (survey->household_id(h) != a.explain) continue;
      auto e = core::Explain(*survey, h, choice.standards[choice.of_household[h]]);
      std::fputs(core::FormatExplanation(e, lang).c_str(), stdout);
      return kExitOk;
    }
    return Fail(NotFound("household " + a.explain + " is not in " +
                         (from_db ? "round " + std::to_string(a.round) : a.households)));
  }

  core::ClassifyOptions opts;
  opts.threads = a.threads;
  Progress classify_progress(lang == Lang::kVi ? "Phân loại   " : "Classifying ",
                             Progress::Unit::kHouseholds);
  opts.progress = [&](uint64_t done, uint64_t total) { classify_progress.Update(done, total); };
  Result<core::Classification> result = Internal("not classified");
  if (from_db) {
    result = core::Classify(*survey, std::move(choice), opts);
    classify_progress.Finish();
    if (!result.ok()) return Fail(result.status());
    store::ClassifyRecord record;
    for (const auto& text : a.set)
      record.parameters += (record.parameters.empty() ? "" : " ") + text;
    auto run = db->SaveClassification(round, *survey, *result, record);
    if (!run.ok()) return Fail(run.status());
    std::fprintf(stderr,
                 lang == Lang::kVi ? "Đã lưu kết quả: lần phân loại số %lld của kỳ %d\n"
                                   : "Saved as classification run %lld of round %d\n",
                 static_cast<long long>(*run), round.year);
    if (a.out.empty()) {
      PrintSummary(*survey, *result, lang,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      return kExitOk;
    }
  }

  // The rows are written as the households are classified (or, from the registry, after).
  auto write = [&](std::FILE* f) -> Status {
    if (result.ok()) return report::WriteClassificationCsv(*survey, *result, f, a.threads);
    report::ClassificationCsvStream stream(*survey, f, a.threads);
    opts.on_results = [&](const core::Classification& partial, int worker, uint32_t begin,
                          uint32_t end) { stream.Add(partial, worker, begin, end); };
    result = core::Classify(*survey, std::move(choice), opts);
    classify_progress.Finish();
    if (!result.ok()) return result.status();
    return stream.Finish();
  };
  Status written =
      a.out.empty() || a.out == "-" ? write(stdout) : lnob::WriteFileAtomically(a.out, write);
  if (!written.ok()) return Fail(written);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  PrintSummary(*survey, *result, lang, secs);
  return kExitOk;
}

}  // namespace

void AddClassifyCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ClassifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "classify",
      "Classify households from households.csv and members.csv / Phân loại hộ từ tệp CSV");
  cmd->add_option("--households", args->households, "households.csv")->check(CLI::ExistingFile);
  cmd->add_option("--members", args->members, "members.csv")->check(CLI::ExistingFile);
  cmd->add_option("--db", args->db, "classify a round of this database and store the results");
  cmd->add_option("--round", args->round, "the round's year (with --db)");
  cmd->add_option("--kind", args->kind, "periodic or regular (with --db)");
  cmd->add_option("--standard", args->standard,
                  "standard id or .toml file (default: the one in force on each survey date)");
  cmd->add_option("--set", args->set,
                  "change a parameter: NAME=VALUE or NAME.KEY=VALUE "
                  "(e.g. line.rural=2200000); needs --standard");
  cmd->add_option("--out", args->out, "results CSV (default: standard output)");
  cmd->add_option("--explain", args->explain,
                  "print why this household gets its category, instead of the CSV");
  cmd->add_option("--lang", args->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
  cmd->add_option("--threads", args->threads, "worker threads")->check(CLI::Range(1, 64));
  cmd->add_option("--max-errors", args->max_errors, "input errors to report before stopping");
  cmd->add_option("--standards-dir", args->standards_dir, "directory of standard files");
  cmd->callback([args, exit_code] { *exit_code = RunClassify(*args); });
}

}  // namespace lnob::cli
