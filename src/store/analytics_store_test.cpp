// The store's whole-table reads for analytics (rounds, latest run, round categories, units and
// events, targets) and analytics::LoadSnapshot on top of them, on SQLite and PostgreSQL
// (LNOB_TEST_PG_URL; skipped without it). The round is the ten households of examples/.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "analytics/snapshot.hpp"
#include "analytics/targets.hpp"
#include "analytics/unit_catalog.hpp"
#include "core/classifier.hpp"
#include "ingest/standard_files.hpp"
#include "ingest/survey_loader.hpp"
#include "ingest/units_csv.hpp"
#include "store/store.hpp"
#include "store/store_test_util.hpp"

namespace lnob::store {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Examples(const char* name) {
  return ReadFile(std::string(LNOB_SOURCE_DIR) + "/examples/" + name);
}

core::Survey Parse(std::string households, std::string members) {
  std::vector<ingest::InputError> errors;
  auto s = ingest::LoadSurveyFromText(std::move(households), std::move(members), {}, &errors);
  EXPECT_TRUE(s.ok()) << s.status().message()
                      << (errors.empty() ? "" : ingest::FormatInputError(errors[0], Lang::kEn));
  return s.ok() ? std::move(*s) : core::Survey{};
}

// MV-0002's income corrected from 1,400,000 to 1,600,000: above the rural line now.
std::string CorrectedHouseholds() {
  std::string h = Examples("households.csv");
  const std::string from = "MV-0002,02-MEOVAC,LUNGPU,rural,2024-10-15,1400000";
  size_t p = h.find(from);
  EXPECT_NE(p, std::string::npos);
  h.replace(p, from.size(), "MV-0002,02-MEOVAC,LUNGPU,rural,2024-10-15,1600000");
  return h;
}

const std::vector<core::StandardPtr>& Standards() {
  static const std::vector<core::StandardPtr> all = [] {
    auto r = ingest::LoadStandardDirectory(ingest::DefaultStandardsDirectory());
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : std::vector<core::StandardPtr>{};
  }();
  return all;
}

core::StandardPtr Find(const std::string& id,
                       const std::vector<core::ParameterOverride>& overrides = {}) {
  auto s = ingest::FindStandard(Standards(), id, overrides);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return *s;
}

RoundSpec Spec(int year, const std::string& kind = "periodic") {
  return {year, kind, Date{year * 10000 + 1015}, "vn-2022-2025"};
}

class AnalyticsStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Imports the examples (or `households`) into `round`.
  static void Import(Store& store, const RoundInfo& round, const std::string& households) {
    ImportOptions opt;
    opt.province_code = "02";
    auto s = store.ImportSurvey(round, Parse(households, Examples("members.csv")), opt, nullptr);
    ASSERT_TRUE(s.ok()) << s.status().message();
  }
  // Classifies the round's current answers under `standard` and stores the run; returns the
  // in-memory result and the survey it is of.
  static std::pair<core::Survey, core::Classification> Classify(Store& store,
                                                                const RoundInfo& round,
                                                                core::StandardPtr standard,
                                                                const std::string& parameters,
                                                                int64_t* run_id = nullptr) {
    auto loaded = store.LoadSurvey(round);
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    auto result = core::Classify(*loaded, core::PickOne(*loaded, std::move(standard)));
    EXPECT_TRUE(result.ok()) << result.status().message();
    ClassifyRecord record;
    record.parameters = parameters;
    auto run = store.SaveClassification(round, *loaded, *result, record);
    EXPECT_TRUE(run.ok()) << run.status().message();
    if (run_id) *run_id = run.ok() ? *run : 0;
    return {std::move(*loaded), std::move(*result)};
  }
};

TEST_P(AnalyticsStoreTest, ListRoundsByYearThenKind) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto none = store->ListRounds();
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_TRUE(none->empty());
  auto b = store->OpenRound(Spec(2024));
  auto c = store->OpenRound(Spec(2024, "regular"));
  auto a = store->OpenRound(Spec(2023));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  auto rounds = store->ListRounds();
  ASSERT_TRUE(rounds.ok()) << rounds.status().message();
  ASSERT_EQ(rounds->size(), 3u);
  EXPECT_EQ((*rounds)[0].id, a->id);
  EXPECT_EQ((*rounds)[0].year, 2023);
  EXPECT_EQ((*rounds)[1].id, b->id);
  EXPECT_EQ((*rounds)[1].kind, "periodic");
  EXPECT_EQ((*rounds)[2].id, c->id);
  EXPECT_EQ((*rounds)[2].kind, "regular");
  EXPECT_EQ((*rounds)[1].reference_date, Date{20241015});
  EXPECT_EQ((*rounds)[1].standard_id, "vn-2022-2025");
  EXPECT_EQ((*rounds)[1].status, b->status);
  EXPECT_FALSE((*rounds)[1].status.empty());
}

TEST_P(AnalyticsStoreTest, LatestRunIsTheLastOneWithItsResults) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec(2024));
  ASSERT_TRUE(round.ok());
  Import(*store, *round, Examples("households.csv"));
  auto none = store->LatestRun(*round);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(none.status().message().find("lnob classify"), std::string::npos)
      << none.status().message();
  EXPECT_NE(none.status().message().find("2024"), std::string::npos);

  int64_t first = 0, second = 0;
  Classify(*store, *round, Find("vn-2022-2025"), "", &first);
  auto [survey, result] =
      Classify(*store, *round, Find("vn-2022-2025", {{"line", "rural", "2200000"}}),
               "line.rural=2200000", &second);
  EXPECT_GT(second, first);
  auto run = store->LatestRun(*round);
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(run->run_id, second);
  EXPECT_EQ(run->standard_id, "vn-2022-2025");
  EXPECT_EQ(run->standard_version, 1);
  EXPECT_EQ(run->parameters, "line.rural=2200000");
  EXPECT_FALSE(run->classified_at.empty());
  ASSERT_EQ(run->results.size(), 10u);
  EXPECT_TRUE(
      std::is_sorted(run->results.begin(), run->results.end(),
                     [](const auto& a, const auto& b) { return a.answer_id < b.answer_id; }));
  const core::Standard& s = *result.choice.standards[0];
  for (uint32_t h = 0; h < survey.household_count(); ++h) {
    auto it = std::find_if(run->results.begin(), run->results.end(), [&](const StoredResult& r) {
      return r.answer_id == survey.record_ids[h];
    });
    ASSERT_NE(it, run->results.end()) << survey.household_id(h);
    EXPECT_EQ(it->standard_id, "vn-2022-2025");
    EXPECT_EQ(it->category, result.category[h]) << survey.household_id(h);
    EXPECT_EQ(it->deprivation_count, result.deprivation_count[h]);
    EXPECT_EQ(it->income_line, result.income_line[h]);
    std::string ids;
    for (size_t i = 0; i < s.indicators().size(); ++i) {
      if (result.deprived[h] & (1u << i)) ids += (ids.empty() ? "" : ";") + s.indicators()[i].id;
    }
    EXPECT_EQ(it->deprived, ids) << survey.household_id(h);
  }
  EXPECT_EQ(run->results[0].income_line, 2200000);  // MV-0001 is rural
}

TEST_P(AnalyticsStoreTest, RoundCategoriesHoldOnlyCurrentAnswers) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec(2024));
  ASSERT_TRUE(round.ok());
  Import(*store, *round, Examples("households.csv"));
  auto none = store->RoundCategories(*round);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(none.status().message().find("classify"), std::string::npos) << none.status().message();

  Classify(*store, *round, Find("vn-2022-2025"), "");
  auto all = store->RoundCategories(*round);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 10u);
  EXPECT_TRUE(std::is_sorted(all->begin(), all->end()));
  const HouseholdCategory& mv1 = (*all)[0];
  EXPECT_EQ(mv1.household_id, "MV-0001");
  EXPECT_EQ(mv1.province_code, "02");
  EXPECT_EQ(mv1.commune_code, "02-MEOVAC");
  EXPECT_EQ(mv1.village_code, "LUNGPU");
  EXPECT_EQ(mv1.category, core::Category::kPoor);
  EXPECT_EQ((*all)[1].household_id, "MV-0002");
  EXPECT_EQ((*all)[1].category, core::Category::kNearPoor);

  // A corrected import: MV-0002's stored result is of answers that are no longer current.
  Import(*store, *round, CorrectedHouseholds());
  auto after = store->RoundCategories(*round);
  ASSERT_TRUE(after.ok()) << after.status().message();
  ASSERT_EQ(after->size(), 9u);
  for (const HouseholdCategory& h : *after) EXPECT_NE(h.household_id, "MV-0002");
  // Classified again: there again, with the category of its new answers.
  Classify(*store, *round, Find("vn-2022-2025"), "");
  auto again = store->RoundCategories(*round);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 10u);
  EXPECT_EQ((*again)[1].household_id, "MV-0002");
  EXPECT_EQ((*again)[1].category, core::Category::kMiddle);
}

TEST_P(AnalyticsStoreTest, RoundPlaceCountsAreTheRoundCategoriesCountedByPlace) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec(2024));
  ASSERT_TRUE(round.ok());
  Import(*store, *round, Examples("households.csv"));
  auto none = store->RoundPlaceCounts(*round);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(none.status().message().find("lnob classify"), std::string::npos);

  Classify(*store, *round, Find("vn-2022-2025"), "");
  Import(*store, *round, CorrectedHouseholds());  // MV-0002's result is no longer current
  auto places = store->RoundPlaceCounts(*round);
  ASSERT_TRUE(places.ok()) << places.status().message();
  auto households = store->RoundCategories(*round);
  ASSERT_TRUE(households.ok());
  EXPECT_EQ(*places, analytics::CountByPlace(*households));
  uint64_t total = 0, poor = 0;
  for (const PlaceCount& p : *places) total += p.households, poor += p.poor;
  EXPECT_EQ(total, 9u);
  EXPECT_GT(poor, 0u);
  const PlaceCount& lungpu = places->front();
  EXPECT_EQ(lungpu.province_code, "02");
  EXPECT_EQ(lungpu.commune_code, "02-MEOVAC");
}

TEST_P(AnalyticsStoreTest, AllUnitsAndEvents) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto empty = store->AllUnits();
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_TRUE(empty->empty());
  std::vector<ingest::InputError> errors;
  auto file = ingest::LoadUnitsCsv(
      std::string(LNOB_SOURCE_DIR) + "/tests/fixtures/units_meo_vac.csv", &errors);
  ASSERT_TRUE(file.ok()) << file.status().message();
  ASSERT_TRUE(store->ImportUnits(file->units, file->events).ok());

  auto units = store->AllUnits();
  ASSERT_TRUE(units.ok()) << units.status().message();
  ASSERT_EQ(units->size(), file->units.size());
  EXPECT_TRUE(std::is_sorted(units->begin(), units->end(), [](const auto& a, const auto& b) {
    return std::tie(a.code, a.valid_from) < std::tie(b.code, b.valid_from);
  }));
  for (const UnitRecord& want : file->units) {
    auto it = std::find_if(units->begin(), units->end(), [&](const UnitRecord& u) {
      return u.code == want.code && u.valid_from == want.valid_from;
    });
    ASSERT_NE(it, units->end()) << want.code;
    EXPECT_EQ(it->name, want.name);
    EXPECT_EQ(it->kind, want.kind);
    EXPECT_EQ(it->parent_code, want.parent_code);
    EXPECT_EQ(it->province_code, want.province_code);
    EXPECT_EQ(it->valid_to, want.valid_to) << want.code;
  }

  auto events = store->AllUnitEvents();
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 5u);
  EXPECT_TRUE(std::is_sorted(events->begin(), events->end(),
                             [](const auto& a, const auto& b) { return a.date < b.date; }));
  const UnitEvent& merge = (*events)[0];
  EXPECT_EQ(merge.date, Date{20250616});
  const UnitEvent& communes = merge.kind == "merge" ? merge : (*events)[1];
  EXPECT_EQ(communes.kind, "merge");
  EXPECT_EQ(communes.from, (std::vector<std::string>{"00760", "00763", "00766", "00769"}));
  EXPECT_EQ(communes.to, (std::vector<std::string>{"00787"}));
  EXPECT_NE(communes.note.find("Mèo Vạc"), std::string::npos);
  auto dissolve = std::find_if(events->begin(), events->end(),
                               [](const UnitEvent& e) { return e.kind == "dissolve"; });
  ASSERT_NE(dissolve, events->end());
  EXPECT_EQ(dissolve->date, Date{20250701});
  EXPECT_EQ(dissolve->from, (std::vector<std::string>{"027"}));
  EXPECT_TRUE(dissolve->to.empty());

  // The catalog read from the store knows what the file says.
  auto catalog = analytics::UnitCatalog::Load(*store);
  ASSERT_TRUE(catalog.ok()) << catalog.status().message();
  EXPECT_EQ(catalog->Restate("00763", Date{20250701}), (std::vector<std::string>{"00787"}));
  EXPECT_EQ(catalog->AncestorOn("0076301", Date{20250701}, analytics::UnitLevel::kProvince), "08");
}

core::Target MakeTarget(const std::string& id) {
  core::Target t;
  t.id = id;
  t.name_vi = "Giảm tỷ lệ hộ nghèo";
  t.name_en = "Cut the poverty rate";
  t.indicator = core::TargetIndicator::kPovertyRate;
  t.unit_code = "08";
  t.baseline_year = 2021;
  t.goal = core::GoalKind::kChangePerYear;
  t.goal_value = -3.0;
  t.deadline_year = 2025;
  return t;
}

TEST_P(AnalyticsStoreTest, TargetsAreReplacedById) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto none = store->ListTargets();
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_TRUE(none->empty());

  core::Target b = MakeTarget("b-level");
  b.indicator = core::TargetIndicator::kNearPoorHouseholds;
  b.unit_code = "00787";
  b.units_on = Date{20250701};
  b.baseline_value = 1234;
  b.goal = core::GoalKind::kLevel;
  b.goal_value = 800;
  b.deadline_year = 2030;
  core::Target a = MakeTarget("a-rate");
  a.baseline_value = 23.45;
  ASSERT_TRUE(store->SaveTargets({b, a}).ok());
  auto listed = store->ListTargets();
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  ASSERT_EQ(listed->size(), 2u);
  const core::Target& la = (*listed)[0];
  const core::Target& lb = (*listed)[1];
  EXPECT_EQ(la.id, "a-rate");
  EXPECT_EQ(la.name_vi, "Giảm tỷ lệ hộ nghèo");
  EXPECT_EQ(la.name_en, "Cut the poverty rate");
  EXPECT_EQ(la.indicator, core::TargetIndicator::kPovertyRate);
  EXPECT_EQ(la.unit_code, "08");
  EXPECT_FALSE(la.units_on.has_value());
  EXPECT_EQ(la.baseline_year, 2021);
  ASSERT_TRUE(la.baseline_value.has_value());
  EXPECT_DOUBLE_EQ(*la.baseline_value, 23.45);
  EXPECT_EQ(la.goal, core::GoalKind::kChangePerYear);
  EXPECT_DOUBLE_EQ(la.goal_value, -3.0);
  EXPECT_EQ(la.deadline_year, 2025);
  EXPECT_EQ(lb.id, "b-level");
  EXPECT_EQ(lb.indicator, core::TargetIndicator::kNearPoorHouseholds);
  EXPECT_EQ(lb.units_on, Date{20250701});
  EXPECT_DOUBLE_EQ(lb.baseline_value.value_or(0), 1234);
  EXPECT_EQ(lb.goal, core::GoalKind::kLevel);
  EXPECT_DOUBLE_EQ(lb.goal_value, 800);
  EXPECT_EQ(lb.deadline_year, 2030);

  // The same id again replaces it; the other stays.
  core::Target a2 = MakeTarget("a-rate");
  a2.goal_value = -4.0;  // and no stated baseline any more
  ASSERT_TRUE(store->SaveTargets({a2}).ok());
  auto replaced = store->ListTargets();
  ASSERT_TRUE(replaced.ok());
  ASSERT_EQ(replaced->size(), 2u);
  EXPECT_EQ((*replaced)[0].id, "a-rate");
  EXPECT_DOUBLE_EQ((*replaced)[0].goal_value, -4.0);
  EXPECT_FALSE((*replaced)[0].baseline_value.has_value());
  EXPECT_EQ((*replaced)[1].id, "b-level");
  EXPECT_TRUE(store->SaveTargets({}).ok());
  EXPECT_EQ(store->ListTargets()->size(), 2u);
}

TEST_P(AnalyticsStoreTest, LoadSnapshotEqualsTheInMemoryClassification) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec(2024));
  ASSERT_TRUE(round.ok());
  Import(*store, *round, Examples("households.csv"));
  auto unclassified = analytics::LoadSnapshot(*store, *round, Standards());
  ASSERT_FALSE(unclassified.ok());
  EXPECT_EQ(unclassified.status().code(), ErrorCode::kNotFound);

  int64_t run_id = 0;
  auto [survey, result] = Classify(*store, *round, Find("vn-2022-2025"), "", &run_id);
  auto snap = analytics::LoadSnapshot(*store, *round, Standards());
  ASSERT_TRUE(snap.ok()) << snap.status().message();
  EXPECT_EQ(snap->round.year, 2024);
  EXPECT_EQ(snap->round.kind, "periodic");
  EXPECT_EQ(snap->round.reference_date, Date{20241015});
  EXPECT_EQ(snap->round.standard_id, "vn-2022-2025");
  EXPECT_TRUE(snap->reusable);
  EXPECT_NE(snap->result_source.find("classification run " + std::to_string(run_id)),
            std::string::npos)
      << snap->result_source;
  ASSERT_EQ(snap->household_count(), survey.household_count());
  const core::Classification& c = snap->result;
  ASSERT_EQ(c.choice.standards.size(), 1u);
  EXPECT_EQ(c.choice.standards[0]->id(), "vn-2022-2025");
  for (uint32_t h = 0; h < survey.household_count(); ++h) {
    EXPECT_EQ(snap->survey.household_id(h), survey.household_id(h));
    EXPECT_EQ(c.category[h], result.category[h]) << survey.household_id(h);
    EXPECT_EQ(c.deprived[h], result.deprived[h]) << survey.household_id(h);
    EXPECT_EQ(c.deprivation_count[h], result.deprivation_count[h]);
    EXPECT_EQ(c.income_line[h], result.income_line[h]);
    EXPECT_EQ(c.choice.of_household[h], 0);
  }
  // The derived values: the examples' heads (MV-0001: a Hmong man).
  EXPECT_EQ(snap->head_sex[0], 0);
  ASSERT_NE(snap->head_ethnicity[0], analytics::kNoIndex);
  EXPECT_EQ(snap->ethnicities[snap->head_ethnicity[0]], "hmong");
  EXPECT_EQ(snap->ages.size(), snap->survey.member_count());
}

TEST_P(AnalyticsStoreTest, LoadSnapshotUsesTheRunsParameters) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec(2024));
  ASSERT_TRUE(round.ok());
  Import(*store, *round, Examples("households.csv"));
  auto higher = Find("vn-2022-2025", {{"line", "rural", "2200000"}});
  auto [survey, result] = Classify(*store, *round, higher, "line.rural=2200000");
  auto snap = analytics::LoadSnapshot(*store, *round, Standards());
  ASSERT_TRUE(snap.ok()) << snap.status().message();
  const core::rules::Parameter* line = snap->result.choice.standards[0]->FindParameter("line");
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->int_values[0], 2200000);  // rural
  for (uint32_t h = 0; h < survey.household_count(); ++h) {
    EXPECT_EQ(snap->result.category[h], result.category[h]) << survey.household_id(h);
  }
}

TEST_P(AnalyticsStoreTest, LoadSnapshotRefusesAnswersChangedAfterTheRun) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec(2024));
  ASSERT_TRUE(round.ok());
  Import(*store, *round, Examples("households.csv"));
  Classify(*store, *round, Find("vn-2022-2025"), "");
  ASSERT_TRUE(analytics::LoadSnapshot(*store, *round, Standards()).ok());

  Import(*store, *round, CorrectedHouseholds());
  auto refused = analytics::LoadSnapshot(*store, *round, Standards());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
  const std::string& m = refused.status().message();
  EXPECT_NE(m.find("classify"), std::string::npos) << m;
  EXPECT_NE(m.find("1 household"), std::string::npos) << m;
  EXPECT_NE(m.find("2024"), std::string::npos) << m;

  // Classified again: the snapshot is back, with the new answers' result.
  auto [survey, result] = Classify(*store, *round, Find("vn-2022-2025"), "");
  auto snap = analytics::LoadSnapshot(*store, *round, Standards());
  ASSERT_TRUE(snap.ok()) << snap.status().message();
  bool found = false;
  for (uint32_t h = 0; h < snap->household_count(); ++h) {
    if (snap->survey.household_id(h) != "MV-0002") continue;
    EXPECT_EQ(snap->result.category[h], core::Category::kMiddle);
    found = true;
  }
  EXPECT_TRUE(found);
}

TEST_P(AnalyticsStoreTest, LoadSnapshotNeedsTheRunsStandard) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec(2024));
  ASSERT_TRUE(round.ok());
  Import(*store, *round, Examples("households.csv"));
  Classify(*store, *round, Find("vn-2022-2025"), "");
  std::vector<core::StandardPtr> others = {Find("vn-2027-2030")};
  auto refused = analytics::LoadSnapshot(*store, *round, others);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("vn-2022-2025"), std::string::npos)
      << refused.status().message();
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lnob::store
