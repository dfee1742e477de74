#include "core/classifier.hpp"

#include <gtest/gtest.h>

#include <random>

namespace lnob::core {
namespace {

// A standard with rules that touch every node kind: member aggregates, household fields seen from
// members, keyed parameters at both levels, decimals, enumerations and categories.
constexpr const char* kStandard = R"toml(
id = "t"
name_vi = "T"
name_en = "T"
legal_basis = "test"
valid_from = 2024-01-01
valid_to = 2024-12-31
[parameters]
line = { by = "area", rural = 100, urban = 200 }
until = { by = "sex", male = 61, female = 56 }
per_member = 8
[[indicators]]
id = "old_unemployed"
dimension = "d"
name_vi = "a"
name_en = "a"
deprived = "any(members, age >= 15 and age < until and employment == 'unemployed')"
[[indicators]]
id = "crowded"
dimension = "d"
name_vi = "b"
name_en = "b"
deprived = "house_area_m2 < per_member * count(members)"
[[indicators]]
id = "urban_children"
dimension = "d"
name_vi = "c"
name_en = "c"
deprived = "count(members, age < 16 and area == 'urban') * 2 > count(members)"
[[indicators]]
id = "all_insured_not"
dimension = "d"
name_vi = "e"
name_en = "e"
deprived = "not all(members, health_insurance)"
[[categories]]
id = "poor"
when = "income <= line and count >= 2"
[[categories]]
id = "near_poor"
when = "income <= line"
[[categories]]
id = "not_poor"
when = "true"
)toml";

// n households with 1-6 members each, random answers, in columns.
Survey RandomSurvey(uint32_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  Survey s;
  s.households = MakeTable(Level::kHousehold);
  s.members = MakeTable(Level::kMember);
  for (auto& c : s.households.columns) c.present = true;
  for (auto& c : s.members.columns) c.present = true;
  auto& H = s.households.columns;
  auto& M = s.members.columns;
  static std::vector<std::string> ids;
  ids.resize(n);
  s.member_begin.push_back(0);
  for (uint32_t h = 0; h < n; ++h) {
    ids[h] = "h" + std::to_string(h);
    H[hh::kHouseholdId].strings.push_back(ids[h]);
    H[hh::kArea].i8.push_back(rng() % 2);
    H[hh::kSurveyDate].i32.push_back(20240601);
    H[hh::kIncome].i64.push_back(rng() % 300);
    H[FieldIndex(Level::kHousehold, "house_area_m2")].reals.push_back((rng() % 600) / 10.0);
    uint32_t k = 1 + rng() % 6;
    for (uint32_t m = 0; m < k; ++m) {
      M[mem::kMemberId].strings.push_back("m");
      M[mem::kBirthDate].i32.push_back((1940 + rng() % 84) * 10000 + 101 + rng() % 11 * 100);
      M[mem::kSex].i8.push_back(rng() % 2);
      M[FieldIndex(Level::kMember, "employment")].i8.push_back(rng() % 9);
      M[FieldIndex(Level::kMember, "health_insurance")].i8.push_back(rng() % 7 != 0);
      s.member_household.push_back(h);
    }
    s.member_begin.push_back(s.member_begin.back() + k);
  }
  s.households.rows = n;
  s.members.rows = static_cast<uint32_t>(s.member_household.size());
  return s;
}

// The same rules written as plain loops, to check the vectorised engine against.
void Reference(const Survey& s, uint32_t h, Category* cat, uint32_t* mask) {
  const auto& H = s.households.columns;
  const auto& M = s.members.columns;
  std::vector<int> ages;
  int children = 0, n = 0;
  bool unemployed = false, uninsured = false;
  for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1]; ++m, ++n) {
    int age = CompletedYears(static_cast<int32_t>(M[mem::kBirthDate].i32[m]), 20240601);
    int until = M[mem::kSex].i8[m] == 0 ? 61 : 56;
    unemployed |=
        age >= 15 && age < until && M[FieldIndex(Level::kMember, "employment")].i8[m] == 3;
    children += age < 16 && H[hh::kArea].i8[h] == 1;
    uninsured |= M[FieldIndex(Level::kMember, "health_insurance")].i8[m] == 0;
  }
  *mask = (unemployed ? 1u : 0u) |
          (H[FieldIndex(Level::kHousehold, "house_area_m2")].reals[h] < 8.0 * n ? 2u : 0u) |
          (children * 2 > n ? 4u : 0u) | (uninsured ? 8u : 0u);
  int64_t line = H[hh::kArea].i8[h] == 0 ? 100 : 200;
  int count = __builtin_popcount(*mask);
  int64_t income = H[hh::kIncome].i64[h];
  *cat = income <= line ? (count >= 2 ? Category::kPoor : Category::kNearPoor) : Category::kNotPoor;
}

TEST(Classifier, MatchesPlainLoopsAcrossBatchesAndThreads) {
  auto standard = ParseStandard(kStandard, "t.toml");
  ASSERT_TRUE(standard.ok()) << standard.status().message();
  Survey s = RandomSurvey(5000, 42);
  for (uint32_t batch : {1u, 7u, 2048u}) {
    for (int threads : {1, 2, 3}) {
      ClassifyOptions o;
      o.batch = batch;
      o.threads = threads;
      auto r = Classify(s, PickOne(s, *standard), o);
      ASSERT_TRUE(r.ok());
      for (uint32_t h = 0; h < s.household_count(); ++h) {
        Category cat;
        uint32_t mask;
        Reference(s, h, &cat, &mask);
        ASSERT_EQ(r->deprived[h], mask) << "household " << h << " batch " << batch;
        ASSERT_EQ(r->category[h], cat) << "household " << h;
        ASSERT_EQ(r->deprivation_count[h], __builtin_popcount(mask));
        ASSERT_EQ(r->income_line[h], s.households.columns[hh::kArea].i8[h] == 0 ? 100 : 200);
      }
    }
  }
}

TEST(Classifier, MissingColumnIsAPreconditionError) {
  auto standard = ParseStandard(kStandard, "t.toml");
  Survey s = RandomSurvey(3, 1);
  s.households.columns[FieldIndex(Level::kHousehold, "house_area_m2")].present = false;
  s.households_source = "h.csv";
  auto r = Classify(s, PickOne(s, *standard));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("h.csv has no column 'house_area_m2'"), std::string::npos);
}

TEST(Classifier, PicksTheStandardInForceOnEachSurveyDate) {
  std::string a = kStandard;
  std::string b = kStandard;
  b.replace(b.find("id = \"t\""), 8, "id = \"u\"");
  b.replace(b.find("2024-01-01"), 10, "2025-01-01");
  b.replace(b.find("2024-12-31"), 10, "2025-12-31");
  auto sa = ParseStandard(a, "a.toml");
  auto sb = ParseStandard(b, "b.toml");
  ASSERT_TRUE(sa.ok() && sb.ok());
  Survey s = RandomSurvey(4, 3);
  auto& dates = s.households.columns[hh::kSurveyDate].i32;
  dates = {20240601, 20250601, 20240101, 20251231};
  auto pick = PickByDate(s, {*sa, *sb});
  ASSERT_TRUE(pick.ok());
  EXPECT_EQ(pick->standards[pick->of_household[0]]->id(), "t");
  EXPECT_EQ(pick->standards[pick->of_household[1]]->id(), "u");
  EXPECT_EQ(pick->standards[pick->of_household[2]]->id(), "t");
  EXPECT_EQ(pick->standards[pick->of_household[3]]->id(), "u");
  dates[2] = 20230101;
  auto none = PickByDate(s, {*sa, *sb});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("household h2: survey_date 2023-01-01"),
            std::string::npos);
}

}  // namespace
}  // namespace lnob::core
