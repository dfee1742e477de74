#include "demo/demo.hpp"

#include <array>
#include <cmath>

#include "analytics/import_round.hpp"
#include "common/clock.hpp"
#include "core/classifier.hpp"
#include "demo/accounts.hpp"
#include "demo/answers.hpp"
#include "demo/geography.hpp"
#include "demo/people.hpp"
#include "ingest/standard_files.hpp"
#include "ingest/survey_loader.hpp"
#include "ingest/targets_file.hpp"
#include "ingest/units_csv.hpp"

namespace lnob::demo {
namespace {

constexpr const char* kStandard = "vn-2022-2025";

Status CheckEmpty(store::Store& db) {
  ASSIGN_OR_RETURN(auto units, db.AllUnits());
  ASSIGN_OR_RETURN(auto rounds, db.ListRounds());
  ASSIGN_OR_RETURN(auto users, db.ListUsers());
  ASSIGN_OR_RETURN(auto targets, db.ListTargets());
  if (units.empty() && rounds.empty() && users.empty() && targets.empty()) return OkStatus();
  return FailedPrecondition(
      "the database already holds data (" + std::to_string(units.size()) + " unit versions, " +
      std::to_string(rounds.size()) + " rounds, " + std::to_string(users.size()) + " users, " +
      std::to_string(targets.size()) +
      " targets); nothing was changed. lnob demo only fills an empty database: give it a new "
      "file, e.g. --db var/demo.db / cơ sở dữ liệu đã có dữ liệu, không thay đổi gì; hãy dùng "
      "một tệp mới");
}

// Everyone of every household, in plan order, with citizen IDs unique in the province: the 3
// digits of the birth province (002 Ha Giang, 008 Tuyen Quang), century and sex, year of birth,
// and 6 digits numbering the people of that province, sex and year (scrambled).
struct Population {
  std::vector<Person> people;
  std::vector<uint32_t> first;  // households + 1 offsets into people
};

Population MakePopulation(const Plan& plan, uint64_t seed) {
  Population pop;
  pop.first.reserve(plan.households.size() + 1);
  std::vector<Person> family;
  static thread_local std::array<uint32_t, 2 * 4 * 100> counter;
  counter.fill(0);
  for (size_t i = 0; i < plan.households.size(); ++i) {
    const PlannedHousehold& h = plan.households[i];
    pop.first.push_back(static_cast<uint32_t>(pop.people.size()));
    Rng r(Mix(seed, 0xFA3, i));
    MakeFamily(r, h.size, h.ethnic, &family);
    for (Person& p : family) {
      if (!r.Chance(0.02)) {
        int year = p.birth / 10000;
        int cs = (year >= 2000 ? 2 : 0) + (p.male ? 0 : 1);
        uint32_t& k = counter[(h.part * 4 + cs) * 100 + year % 100];
        uint64_t tail = (static_cast<uint64_t>(k++) * 7919 + 12345) % 1000000;
        p.national_id = (h.part == kPartTuyenQuang ? 8ull : 2ull) * 1000000000ull +
                        static_cast<uint64_t>(cs) * 100000000ull +
                        static_cast<uint64_t>(year % 100) * 1000000ull + tail;
      }
      pop.people.push_back(p);
    }
  }
  pop.first.push_back(static_cast<uint32_t>(pop.people.size()));
  return pop;
}

int32_t SurveyDate(int year, uint32_t old_unit) {
  int d = static_cast<int>(old_unit % 40);  // communes are visited from 1 October to 9 November
  return year * 10000 + (d < 31 ? 1000 + d + 1 : 1100 + d - 30);
}

}  // namespace

std::string TargetsToml() {
  return R"(# The targets of the source account (../shared/domain/context.md).

[[targets]]
id = "tq-cu-giam-ngheo-2021-2025"
name_vi = "Tuyên Quang (cũ): giảm tỷ lệ hộ nghèo bình quân 3 điểm phần trăm mỗi năm"
name_en = "Former Tuyen Quang: cut the poverty rate by 3 points a year"
indicator = "poverty_rate"
unit = "08"
units_on = 2024-12-31
baseline = { year = 2021 }
goal = { change_per_year = -3.0 }
deadline = 2025

[[targets]]
id = "tq-giam-ngheo-2026-2030"
name_vi = "Tuyên Quang: giảm tỷ lệ hộ nghèo 3-4 điểm phần trăm mỗi năm"
name_en = "Tuyen Quang: cut the poverty rate by 3-4 points a year"
indicator = "poverty_rate"
unit = "08"
baseline = { year = 2025 }
goal = { change_per_year = -3.0 }
deadline = 2030
)";
}

Result<DemoSummary> RunDemo(store::Store& db, const DemoOptions& o) {
  if (!(o.scale > 0 && o.scale <= 2)) {
    return InvalidArgument(
        "--scale must be more than 0 and at most 2 (1.0: about 408,000 households)");
  }
  auto progress = [&](DemoStep s, int year, uint64_t done, uint64_t total) {
    if (o.progress) o.progress(s, year, done, total);
  };
  ASSIGN_OR_RETURN(int applied, db.Init());
  (void)applied;
  RETURN_IF_ERROR(CheckEmpty(db));
  DemoSummary summary;

  // Units, through the units file parser and Store::ImportUnits (as `lnob units import`).
  progress(DemoStep::kUnits, 0, 0, 1);
  Geography g = BuildGeography(o.seed);
  std::vector<ingest::InputError> errors;
  auto units = ingest::ParseUnitsCsv(UnitsCsv(g), "demo-units.csv", &errors);
  if (!units.ok()) {
    return Internal(
        "the demo's units file is invalid: " + units.status().message() +
        (errors.empty() ? "" : " (" + ingest::FormatInputError(errors[0], Lang::kEn) + ")"));
  }
  RETURN_IF_ERROR(db.ImportUnits(units->units, units->events));
  summary.units = units->units.size();
  summary.events = units->events.size();
  progress(DemoStep::kUnits, 0, 1, 1);

  progress(DemoStep::kPlan, 0, 0, 1);
  Figures figures = DemoFigures(o.scale);
  Plan plan = MakePlan(g, figures, o.seed);
  Population pop = MakePopulation(plan, o.seed);
  progress(DemoStep::kPlan, 0, 1, 1);

  ASSIGN_OR_RETURN(auto standards,
                   ingest::LoadStandardDirectory(ingest::DefaultStandardsDirectory()));
  ASSIGN_OR_RETURN(core::StandardPtr standard, ingest::FindStandard(standards, kStandard));

  std::vector<Person> people;
  for (int y = 0; y < kYears; ++y) {
    const int year = kFirstYear + y;
    const bool merged = year >= 2025;
    // The round's answers, as the two CSV files a commune would send.
    std::string households(kHouseholdHeader), members(kMemberHeader);
    households.reserve(plan.households.size() * 110);
    members.reserve(pop.people.size() * 125);
    std::string id;
    const uint64_t n = plan.households.size();
    for (uint64_t i = 0; i < n; ++i) {
      const PlannedHousehold& h = plan.households[i];
      if (i % 16384 == 0) progress(DemoStep::kGenerate, year, i, n);
      if (h.category[y] == kAbsent) continue;
      const OldUnit& u = g.old_units[h.old_unit];
      const NewUnit& nu = g.new_units[u.new_unit];
      id = u.code + "-" + std::to_string(100000 + h.seq).substr(1);
      people.assign(pop.people.begin() + pop.first[i], pop.people.begin() + pop.first[i + 1]);
      AnswerContext c;
      c.household_id = id;
      c.commune_code = merged ? nu.code : u.code;
      c.village_code = g.villages[h.village].code;
      c.urban = merged ? nu.urban() : u.urban();
      c.survey_date = SurveyDate(year, h.old_unit);
      c.category = h.category[y];
      c.remoteness = u.remoteness;
      Rng r(Mix(o.seed, i, 0xA000 + y));
      summary.persons[y] += AppendAnswers(c, people, r, &households, &members);
      ++summary.households[y];
    }
    progress(DemoStep::kGenerate, year, n, n);

    // Read and checked as `lnob import` reads the files; stored in one transaction.
    store::RoundInfo round;
    {
      ingest::LoadOptions load;
      load.progress = [&](uint64_t done, uint64_t total) {
        progress(DemoStep::kRead, year, done, total);
      };
      auto survey =
          ingest::LoadSurveyFromText(std::move(households), std::move(members), load, &errors);
      if (!survey.ok()) {
        return Internal(
            "the demo's answers for " + std::to_string(year) +
            " are invalid: " + survey.status().message() +
            (errors.empty() ? "" : " (" + ingest::FormatInputError(errors[0], Lang::kEn) + ")"));
      }
      std::string reference = std::to_string(year) + "-11-30";
      ASSIGN_OR_RETURN(
          round, analytics::RoundForImport(db, standards, {year, "periodic", reference, kStandard},
                                           *survey));
      store::ImportOptions import;
      import.author = "demo";
      import.households_file = "demo-households-" + std::to_string(year) + ".csv";
      import.members_file = "demo-members-" + std::to_string(year) + ".csv";
      import.progress = [&](uint64_t done, uint64_t total) {
        progress(DemoStep::kStore, year, done, total);
    };
    std::vector<store::DuplicateId> duplicates;
    auto imported = db.ImportSurvey(round, *survey, import, &duplicates);
    if (!imported.ok()) return imported.status();
  }  // the texts and the parsed answers are freed before the round is read back

  // Classified as `lnob classify --db --round` does: the stored answers, the round's standard.
  ASSIGN_OR_RETURN(core::Survey stored, db.LoadSurvey(round));
  core::ClassifyOptions classify;
  classify.progress = [&](uint64_t done, uint64_t total) {
    progress(DemoStep::kClassify, year, done, total);
  };
  ASSIGN_OR_RETURN(core::Classification result,
                   core::Classify(stored, core::PickOne(stored, standard), classify));
  store::ClassifyRecord record;
  record.author = "demo";
  ASSIGN_OR_RETURN(int64_t run, db.SaveClassification(round, stored, result, record));
  (void)run;
  progress(DemoStep::kClassify, year, 1, 1);
}

// The account's targets, through the targets file parser (as `lnob targets import`).
ASSIGN_OR_RETURN(auto targets, ingest::ParseTargets(TargetsToml(), "demo-targets.toml"));
RETURN_IF_ERROR(db.SaveTargets(targets));

progress(DemoStep::kUsers, 0, 0, 1);
ASSIGN_OR_RETURN(summary.accounts, AddDemoAccounts(db, g));
RETURN_IF_ERROR(
    db.AppendAudit({"cli", "demo.create", "08",
                    "seed=" + std::to_string(o.seed) + " scale=" + std::to_string(o.scale), ""},
                   NowUtcIso())
        .status());
progress(DemoStep::kUsers, 0, 1, 1);
return summary;
}  // namespace lnob::demo

}  // namespace lnob::demo
