// lnob import: a round's households.csv + members.csv into the registry, in one transaction.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "analytics/import_round.hpp"
#include "cli/commands.hpp"
#include "cli/survey_input.hpp"
#include "common/money.hpp"
#include "common/progress.hpp"
#include "core/classifier.hpp"
#include "ingest/standard_files.hpp"
#include "store/store.hpp"

namespace lnob::cli {
namespace {

struct ImportArgs {
  std::string db, households, members, kind = "periodic", reference_date, standard, province,
                                       lang = "vi";
  int round = 0;
  int threads = 2;
  size_t max_errors = 100;
};

int RunImport(const ImportArgs& a) {
  Lang lang = ParseLang(a.lang);
  auto opened = store::Store::Open(a.db);
  if (!opened.ok()) return Fail(opened.status());
  store::Store& db = **opened;
  auto version = db.Init();  // a new database file is created ready to use
  if (!version.ok()) return Fail(version.status());
  auto survey = ReadSurveyFiles(a.households, a.members, a.threads, a.max_errors, lang);
  if (!survey) return kExitInputError;
  auto all = ingest::LoadStandardDirectory(ingest::DefaultStandardsDirectory());
  if (!all.ok()) return Fail(all.status());
  auto round =
      analytics::RoundForImport(db, *all, {a.round, a.kind, a.reference_date, a.standard}, *survey);
  if (!round.ok()) return Fail(round.status());

  store::ImportOptions options;
  options.households_file = a.households;
  options.members_file = a.members;
  options.province_code = a.province;
  Progress progress(lang == Lang::kVi ? "Ghi dữ liệu " : "Storing     ",
                    Progress::Unit::kHouseholds);
  options.progress = [&](uint64_t done, uint64_t total) { progress.Update(done, total); };
  std::vector<store::DuplicateId> duplicates;
  auto summary = db.ImportSurvey(*round, *survey, options, &duplicates);
  progress.Finish();
  if (!summary.ok()) {
    for (const auto& d : duplicates) {
      std::fprintf(stderr,
                   lang == Lang::kVi ? "số định danh %s xuất hiện hai lần: %s và %s\n"
                                     : "citizen ID %s appears twice: %s and %s\n",
                   d.national_id_masked.c_str(), d.first.c_str(), d.second.c_str());
    }
    return Fail(summary.status());
  }
  auto n = [&](uint32_t v) { return GroupThousands(v, lang); };
  std::printf(lang == Lang::kVi
                  ? "Đã nhập kỳ rà soát %d (%s, chuẩn %s): %s hộ, %s thành viên; mới %s, thay đổi "
                    "%s, không đổi %s, bỏ khỏi danh sách %s (lần nhập số %lld)\n"
                  : "Imported round %d (%s, standard %s): %s households, %s members; added %s, "
                    "changed %s, unchanged %s, removed %s (import %lld)\n",
              round->year, round->kind.c_str(), round->standard_id.c_str(),
              n(summary->households).c_str(), n(summary->members).c_str(),
              n(summary->added).c_str(), n(summary->changed).c_str(), n(summary->unchanged).c_str(),
              n(summary->removed).c_str(), static_cast<long long>(summary->import_id));
  return kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Import a round's households.csv and members.csv / Nhập dữ liệu kỳ rà soát");
  cmd->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
  cmd->add_option("--round", a->round, "the round's year")->required();
  cmd->add_option("--households", a->households, "households.csv")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--members", a->members, "members.csv")->required()->check(CLI::ExistingFile);
  cmd->add_option("--kind", a->kind, "periodic (default) or regular")
      ->check(CLI::IsMember({"periodic", "regular"}));
  cmd->add_option("--reference-date", a->reference_date,
                  "the round's reference date (new round; default: the latest survey date)");
  cmd->add_option("--standard", a->standard,
                  "the round's standard (new round; default: the one in force on its date)");
  cmd->add_option("--province", a->province,
                  "province code when neither the file nor the units say it");
  cmd->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
  cmd->add_option("--threads", a->threads, "parsing threads")->check(CLI::Range(1, 64));
  cmd->add_option("--max-errors", a->max_errors, "input errors to report before stopping");
  cmd->callback([a, exit_code] { *exit_code = RunImport(*a); });
}

}  // namespace lnob::cli
