// Targets: EvaluateTarget (the source account's figures, level goals before and after their
// deadline, counts, exactly on target), TallyUnit with and without a unit registry, the sentence
// a report prints (report::TargetSentence) and the targets file (ingest::ParseTargets).
#include "analytics/targets.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/targets_file.hpp"
#include "ingest/units_csv.hpp"
#include "report/targets_report.hpp"

namespace lnob::analytics {
namespace {

using core::GoalKind;
using core::TargetIndicator;

// The province's own account: poverty rate 23.45% in 2021, cut by at least 3 points a year.
core::Target SourceAccount() {
  core::Target t;
  t.id = "tq-poverty-2021-2025";
  t.name_vi = "Giảm tỷ lệ hộ nghèo bình quân 3 điểm phần trăm mỗi năm";
  t.name_en = "Cut the poverty rate by 3 points a year";
  t.indicator = TargetIndicator::kPovertyRate;
  t.unit_code = "08";
  t.baseline_year = 2021;
  t.baseline_value = 23.45;
  t.goal = GoalKind::kChangePerYear;
  t.goal_value = -3.0;
  t.deadline_year = 2025;
  return t;
}

// Poverty rate from 20% (2021) to 10% by 2025: the straight path is 2.5 points a year.
core::Target LevelTarget() {
  core::Target t = SourceAccount();
  t.id = "level";
  t.goal = GoalKind::kLevel;
  t.goal_value = 10.0;
  return t;
}

TargetStatus Evaluate(const core::Target& t, int year, double baseline, double actual) {
  auto s = EvaluateTarget(t, year, baseline, actual);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : TargetStatus{};
}

TEST(TargetsTest, SourceAccountIsAheadOfACutOfThreePointsAYear) {
  TargetStatus s = Evaluate(SourceAccount(), 2024, 23.45, 10.19);
  EXPECT_EQ(s.target.id, "tq-poverty-2021-2025");
  EXPECT_EQ(s.year, 2024);
  EXPECT_DOUBLE_EQ(s.baseline, 23.45);
  EXPECT_DOUBLE_EQ(s.actual, 10.19);
  EXPECT_DOUBLE_EQ(s.change, -13.26);
  EXPECT_DOUBLE_EQ(s.change_per_year, -4.42);
  EXPECT_FALSE(s.final);
  EXPECT_EQ(s.verdict, Verdict::kAhead);
  EXPECT_DOUBLE_EQ(s.margin, 1.42);
  // Rates are compared as published, to 2 decimals.
  TargetStatus unrounded = Evaluate(SourceAccount(), 2024, 23.4549, 10.1949);
  EXPECT_DOUBLE_EQ(unrounded.baseline, 23.45);
  EXPECT_DOUBLE_EQ(unrounded.actual, 10.19);
  EXPECT_DOUBLE_EQ(unrounded.change, -13.26);
  EXPECT_DOUBLE_EQ(unrounded.margin, 1.42);
}

TEST(TargetsTest, ChangePerYearBehindAndExactlyOnTarget) {
  TargetStatus behind = Evaluate(SourceAccount(), 2023, 23.45, 19.45);  // -2 a year
  EXPECT_DOUBLE_EQ(behind.change_per_year, -2.0);
  EXPECT_EQ(behind.verdict, Verdict::kBehind);
  EXPECT_DOUBLE_EQ(behind.margin, -1.0);
  TargetStatus exact = Evaluate(SourceAccount(), 2024, 23.45, 14.45);  // -9 in 3 years
  EXPECT_DOUBLE_EQ(exact.change, -9.0);
  EXPECT_DOUBLE_EQ(exact.change_per_year, -3.0);
  EXPECT_EQ(exact.verdict, Verdict::kOnTarget);
  EXPECT_DOUBLE_EQ(exact.margin, 0.0);
  // A rise as the goal: beaten by a larger rise.
  core::Target rise = SourceAccount();
  rise.goal_value = 1.5;
  TargetStatus up = Evaluate(rise, 2023, 10.0, 14.0);
  EXPECT_DOUBLE_EQ(up.change_per_year, 2.0);
  EXPECT_EQ(up.verdict, Verdict::kAhead);
  EXPECT_DOUBLE_EQ(up.margin, 0.5);
  EXPECT_EQ(Evaluate(rise, 2023, 10.0, 12.0).verdict, Verdict::kBehind);
}

TEST(TargetsTest, LevelBeforeTheDeadlineFollowsTheStraightPath) {
  core::Target t = LevelTarget();
  TargetStatus on_track = Evaluate(t, 2023, 20.0, 14.0);
  EXPECT_FALSE(on_track.final);
  EXPECT_DOUBLE_EQ(on_track.expected, 15.0);  // halfway from 20 to 10
  EXPECT_EQ(on_track.verdict, Verdict::kAhead);
  EXPECT_DOUBLE_EQ(on_track.margin, 1.0);
  TargetStatus behind = Evaluate(t, 2023, 20.0, 16.5);
  EXPECT_EQ(behind.verdict, Verdict::kBehind);
  EXPECT_DOUBLE_EQ(behind.margin, -1.5);
  TargetStatus exact = Evaluate(t, 2022, 20.0, 17.5);
  EXPECT_DOUBLE_EQ(exact.expected, 17.5);
  EXPECT_EQ(exact.verdict, Verdict::kOnTarget);
  EXPECT_DOUBLE_EQ(exact.margin, 0.0);
}

TEST(TargetsTest, LevelFromTheDeadlineIsMetOrMissed) {
  core::Target t = LevelTarget();
  TargetStatus met = Evaluate(t, 2025, 20.0, 9.5);
  EXPECT_TRUE(met.final);
  EXPECT_EQ(met.verdict, Verdict::kAhead);
  EXPECT_DOUBLE_EQ(met.margin, 0.5);
  TargetStatus missed = Evaluate(t, 2025, 20.0, 10.5);
  EXPECT_EQ(missed.verdict, Verdict::kBehind);
  EXPECT_DOUBLE_EQ(missed.margin, -0.5);
  TargetStatus exact = Evaluate(t, 2025, 20.0, 10.0);
  EXPECT_EQ(exact.verdict, Verdict::kOnTarget);
  EXPECT_DOUBLE_EQ(exact.margin, 0.0);
  TargetStatus late = Evaluate(t, 2026, 20.0, 9.0);  // after the deadline: still the goal
  EXPECT_TRUE(late.final);
  EXPECT_DOUBLE_EQ(late.margin, 1.0);
  // A level above the baseline (a rise): beaten by a higher value.
  core::Target rise = t;
  rise.goal_value = 30.0;
  TargetStatus up = Evaluate(rise, 2023, 20.0, 26.0);
  EXPECT_DOUBLE_EQ(up.expected, 25.0);
  EXPECT_EQ(up.verdict, Verdict::kAhead);
  EXPECT_DOUBLE_EQ(up.margin, 1.0);
  EXPECT_EQ(Evaluate(rise, 2025, 20.0, 29.0).verdict, Verdict::kBehind);
}

TEST(TargetsTest, CountsOfHouseholds) {
  core::Target t = LevelTarget();
  t.indicator = TargetIndicator::kPoorHouseholds;
  t.baseline_value = 1200;
  t.goal_value = 800;
  TargetStatus exact = Evaluate(t, 2024, 1200, 900);  // 3/4 of the way
  EXPECT_DOUBLE_EQ(exact.expected, 900);
  EXPECT_DOUBLE_EQ(exact.change, -300);
  EXPECT_DOUBLE_EQ(exact.change_per_year, -100);
  EXPECT_EQ(exact.verdict, Verdict::kOnTarget);
  TargetStatus ahead = Evaluate(t, 2023, 1200, 950);
  EXPECT_DOUBLE_EQ(ahead.expected, 1000);
  EXPECT_DOUBLE_EQ(ahead.margin, 50);
  EXPECT_EQ(ahead.verdict, Verdict::kAhead);
  TargetStatus missed = Evaluate(t, 2025, 1200, 801);
  EXPECT_EQ(missed.verdict, Verdict::kBehind);
  EXPECT_DOUBLE_EQ(missed.margin, -1);
}

TEST(TargetsTest, OnlyARoundAfterTheBaselineCanBeJudged) {
  for (int year : {2021, 2020}) {
    auto s = EvaluateTarget(SourceAccount(), year, 23.45, 20.0);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(s.status().message().find("tq-poverty-2021-2025"), std::string::npos)
        << s.status().message();
  }
}

// ---- TallyUnit ----

std::vector<store::HouseholdCategory> Results() {
  using core::Category;
  return {
      {"H1", Category::kPoor, "02", "00763", "0076301"},
      {"H2", Category::kNearPoor, "02", "00760", ""},
      {"H3", Category::kNotPoor, "02", "00769", ""},
      {"H4", Category::kPoor, "08", "08-XA", ""},  // a commune the registry does not list
      {"H5", Category::kPoor, "99", "XX", "XX-1"},
  };
}

UnitCatalog Catalog() {
  std::vector<ingest::InputError> errors;
  auto f = ingest::LoadUnitsCsv(std::string(LNOB_SOURCE_DIR) + "/tests/fixtures/units_meo_vac.csv",
                                &errors);
  EXPECT_TRUE(f.ok()) << f.status().message();
  return UnitCatalog(std::move(f->units), std::move(f->events));
}

std::vector<uint64_t> Of(const UnitTally& t) {
  return {t.households, t.poor, t.near_poor};
}

TEST(TargetsTest, TallyUnitThroughTheRegistry) {
  UnitCatalog c = Catalog();
  const auto r = Results();
  const Date before{20241231}, after{20250701};
  EXPECT_EQ(Of(TallyUnit(r, c, "02", before)), (std::vector<uint64_t>{3, 1, 1}));
  EXPECT_EQ(Of(TallyUnit(r, c, "08", before)), (std::vector<uint64_t>{1, 1, 0}));
  EXPECT_EQ(Of(TallyUnit(r, c, "00763", before)), (std::vector<uint64_t>{1, 1, 0}));
  EXPECT_EQ(Of(TallyUnit(r, c, "0076301", before)), (std::vector<uint64_t>{1, 1, 0}));
  // After the mergers: the new commune holds the three former ones; Tuyen Quang holds them all.
  EXPECT_EQ(Of(TallyUnit(r, c, "00787", after)), (std::vector<uint64_t>{3, 1, 1}));
  UnitTally tq = TallyUnit(r, c, "08", after);
  EXPECT_EQ(Of(tq), (std::vector<uint64_t>{4, 2, 1}));
  EXPECT_DOUBLE_EQ(tq.Value(TargetIndicator::kPovertyRate), 50.0);
  EXPECT_DOUBLE_EQ(tq.Value(TargetIndicator::kNearPovertyRate), 25.0);
  EXPECT_DOUBLE_EQ(tq.Value(TargetIndicator::kPoorNearPoorRate), 75.0);
  EXPECT_DOUBLE_EQ(tq.Value(TargetIndicator::kPoorHouseholds), 2.0);
  EXPECT_DOUBLE_EQ(tq.Value(TargetIndicator::kNearPoorHouseholds), 1.0);
  // Codes the registry does not know match the households' own codes.
  EXPECT_EQ(Of(TallyUnit(r, c, "XX", after)), (std::vector<uint64_t>{1, 1, 0}));
  EXPECT_EQ(Of(TallyUnit(r, c, "99", after)), (std::vector<uint64_t>{1, 1, 0}));
  EXPECT_EQ(Of(TallyUnit(r, c, "77", after)), (std::vector<uint64_t>{0, 0, 0}));
  EXPECT_DOUBLE_EQ(UnitTally{}.Value(TargetIndicator::kPovertyRate), 0.0);
}

TEST(TargetsTest, TallyUnitWithoutARegistryMatchesCodes) {
  const UnitCatalog none;
  const auto r = Results();
  const Date on{20250701};
  EXPECT_EQ(Of(TallyUnit(r, none, "02", on)), (std::vector<uint64_t>{3, 1, 1}));
  EXPECT_EQ(Of(TallyUnit(r, none, "00763", on)), (std::vector<uint64_t>{1, 1, 0}));
  EXPECT_EQ(Of(TallyUnit(r, none, "0076301", on)), (std::vector<uint64_t>{1, 1, 0}));
  EXPECT_EQ(Of(TallyUnit(r, none, "08", on)), (std::vector<uint64_t>{1, 1, 0}));
  EXPECT_EQ(Of(TallyUnit(r, none, "00787", on)), (std::vector<uint64_t>{0, 0, 0}));
  EXPECT_EQ(Of(TallyUnit(std::vector<store::HouseholdCategory>{}, none, "02", on)),
            (std::vector<uint64_t>{0, 0, 0}));
}

// ---- the sentence ----

void ExpectHas(const std::string& text, const std::vector<std::string>& parts) {
  for (const std::string& p : parts)
    EXPECT_NE(text.find(p), std::string::npos) << p << "\n" << text;
}

TEST(TargetsTest, SentenceOfTheSourceAccount) {
  report::TargetLine line{Evaluate(SourceAccount(), 2024, 23.45, 10.19), "Tuyên Quang"};
  std::string en = report::TargetSentence(line, Lang::kEn);
  ExpectHas(en, {"Poverty rate", "Tuyên Quang", "23.45% (2021)", "10.19% (2024)",
                 "down 13.26 points, 4.42 points a year", "above target",
                 "down 13.26 points, 4.42 points a year; target: down 3.00 points a year: above "
                 "target by 1.42 points a year"});
  std::string vi = report::TargetSentence(line, Lang::kVi);
  ExpectHas(vi, {"Tỷ lệ hộ nghèo", "Tuyên Quang", "23,45% (2021)", "10,19% (2024)",
                 "giảm 13,26 điểm phần trăm", "4,42 điểm/năm", "vượt mục tiêu 1,42 điểm/năm"});
  EXPECT_EQ(report::VerdictId(line.status.verdict), "ahead");
}

TEST(TargetsTest, VerdictWordsOfALevelGoal) {
  core::Target t = LevelTarget();
  auto words = [&](int year, double actual, Lang lang) {
    return report::VerdictText(Evaluate(t, year, 20.0, actual), lang);
  };
  EXPECT_EQ(words(2023, 14.0, Lang::kEn), "on track, 1.00 points ahead of the path");
  EXPECT_EQ(words(2023, 16.5, Lang::kEn), "behind the path by 1.50 points");
  EXPECT_EQ(words(2025, 9.5, Lang::kEn), "target met, beaten by 0.50 points");
  EXPECT_EQ(words(2025, 10.5, Lang::kEn), "target missed by 0.50 points");
  EXPECT_EQ(words(2025, 10.0, Lang::kEn), "on target");
  ExpectHas(words(2023, 14.0, Lang::kVi), {"đúng tiến độ", "1,00 điểm"});
  ExpectHas(words(2023, 16.5, Lang::kVi), {"chậm tiến độ", "1,50 điểm"});
  ExpectHas(words(2025, 9.5, Lang::kVi), {"đạt mục tiêu", "0,50 điểm"});
  ExpectHas(words(2025, 10.5, Lang::kVi), {"không đạt mục tiêu", "0,50 điểm"});
  EXPECT_EQ(words(2025, 10.0, Lang::kVi), "đạt đúng mục tiêu");
  EXPECT_EQ(report::VerdictId(Verdict::kOnTarget), "on_target");
  EXPECT_EQ(report::VerdictId(Verdict::kBehind), "behind");
}

// ---- the targets file ----

constexpr const char* kValid = R"toml([[targets]]
id = "tq-poverty-2021-2025"
name_vi = "Giảm tỷ lệ hộ nghèo bình quân 3 điểm phần trăm mỗi năm"
name_en = "Cut the poverty rate by 3 points a year"
indicator = "poverty_rate"
unit = "08"
units_on = 2024-12-31
baseline = { year = 2021, value = 23.45 }
goal = { change_per_year = -3.0 }
deadline = 2025

[[targets]]
id = "mv-poor-2025"
name_vi = "Số hộ nghèo xã Mèo Vạc"
name_en = "Poor households of Meo Vac"
indicator = "poor_households"
unit = "00787"
baseline = { year = 2022 }
goal = { value = 800 }
deadline = 2025
)toml";

// kValid with the line holding `from` (the first one) replaced by `to` ("" drops the line).
std::string With(const std::string& from, const std::string& to) {
  std::string text = kValid;
  size_t p = text.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  size_t end = text.find('\n', p);
  size_t begin = text.rfind('\n', p);
  begin = begin == std::string::npos ? 0 : begin + 1;
  text.replace(begin, end - begin + (to.empty() ? 1 : 0), to);
  return text;
}

TEST(TargetsFileTest, AValidFile) {
  auto r = ingest::ParseTargets(kValid, "targets.toml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 2u);
  const core::Target& a = (*r)[0];
  EXPECT_EQ(a.id, "tq-poverty-2021-2025");
  EXPECT_EQ(a.name_vi, "Giảm tỷ lệ hộ nghèo bình quân 3 điểm phần trăm mỗi năm");
  EXPECT_EQ(a.name_en, "Cut the poverty rate by 3 points a year");
  EXPECT_EQ(a.indicator, TargetIndicator::kPovertyRate);
  EXPECT_EQ(a.unit_code, "08");
  EXPECT_EQ(a.units_on, Date{20241231});
  EXPECT_EQ(a.baseline_year, 2021);
  ASSERT_TRUE(a.baseline_value.has_value());
  EXPECT_DOUBLE_EQ(*a.baseline_value, 23.45);
  EXPECT_EQ(a.goal, GoalKind::kChangePerYear);
  EXPECT_DOUBLE_EQ(a.goal_value, -3.0);
  EXPECT_EQ(a.deadline_year, 2025);
  const core::Target& b = (*r)[1];
  EXPECT_EQ(b.indicator, TargetIndicator::kPoorHouseholds);
  EXPECT_FALSE(b.units_on.has_value());
  EXPECT_FALSE(b.baseline_value.has_value());  // from the 2022 round
  EXPECT_EQ(b.goal, GoalKind::kLevel);
  EXPECT_DOUBLE_EQ(b.goal_value, 800.0);  // a whole number is a number too
  // Every indicator id parses.
  for (const char* id : {"poverty_rate", "near_poverty_rate", "poor_near_poor_rate",
                         "poor_households", "near_poor_households"}) {
    auto one = ingest::ParseTargets(
        With("indicator = \"poverty_rate\"", std::string("indicator = \"") + id + "\""),
        "targets.toml");
    ASSERT_TRUE(one.ok()) << id << ": " << one.status().message();
    EXPECT_EQ(core::TargetIndicatorId((*one)[0].indicator), id);
  }
}

// Expects InvalidArgument starting "targets.toml:<where>: " and holding every one of `texts`.
void ExpectError(const std::string& text, const std::string& where,
                 const std::vector<std::string>& texts) {
  auto r = ingest::ParseTargets(text, "targets.toml");
  ASSERT_FALSE(r.ok()) << text;
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  const std::string& m = r.status().message();
  EXPECT_EQ(m.rfind("targets.toml:" + where + ": ", 0), 0u) << m;
  for (const std::string& t : texts) EXPECT_NE(m.find(t), std::string::npos) << t << " in " << m;
}

TEST(TargetsFileTest, EveryErrorSaysWhere) {
  ExpectError(With("unit = \"08\"", "unit = \"08\"\nsurprise = 1"), "7:12",
              {"unknown key 'surprise'", "deadline", "indicator"});
  ExpectError(With("indicator = \"poverty_rate\"", "indicator = \"povrty_rate\""), "5:13",
              {"unknown indicator 'povrty_rate'", "poverty_rate", "near_poor_households"});
  ExpectError(With("baseline = { year = 2021, value = 23.45 }", ""), "1:1",
              {"needs baseline", "year = 2021"});
  ExpectError(With("baseline = { year = 2021, value = 23.45 }", "baseline = { value = 23.45 }"),
              "8:12", {"baseline needs a year"});
  ExpectError(
      With("goal = { change_per_year = -3.0 }", "goal = { value = 10.0, change_per_year = -3.0 }"),
      "9:8", {"goal = { value = 10.0 }", "change_per_year = -3.0"});
  ExpectError(With("deadline = 2025", "deadline = 2020"), "10:12",
              {"deadline must come after the baseline year"});
  ExpectError(With("deadline = 2025", "deadline = 2021"), "10:12", {"after the baseline"});
  ExpectError(With("id = \"mv-poor-2025\"", "id = \"tq-poverty-2021-2025\""), "12:1",
              {"'tq-poverty-2021-2025' appears twice"});
}

TEST(TargetsFileTest, MoreErrors) {
  ExpectError(With("unit = \"08\"", ""), "1:1", {"needs unit"});
  ExpectError(With("unit = \"08\"", "unit = 8"), "6:8", {"unit must be text in quotes"});
  ExpectError(With("deadline = 2025", "deadline = \"2025\""), "10:12", {"must be a year"});
  ExpectError(With("goal = { change_per_year = -3.0 }", "goal = { cut = -3.0 }"), "9:16",
              {"unknown key 'cut' in goal"});
  ExpectError(With("goal = { change_per_year = -3.0 }", "goal = { change_per_year = \"-3\" }"),
              "9:28", {"goal.change_per_year must be a number"});
  ExpectError(With("units_on = 2024-12-31", "units_on = \"2024-12-31\""), "7:12",
              {"units_on must be a date"});
  ExpectError("title = \"x\"\n", "1:9", {"unknown key 'title'"});
  ExpectError("id = \n", "1:6", {});  // a TOML syntax error keeps its position
  auto empty = ingest::ParseTargets("", "targets.toml");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("no [[targets]]"), std::string::npos)
      << empty.status().message();
  auto missing = ingest::LoadTargetsFile("/nonexistent/targets.toml");
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lnob::analytics
