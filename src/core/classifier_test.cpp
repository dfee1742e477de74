#include "core/classifier.hpp"

#include <gtest/gtest.h>

#include <atomic>
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

// A second standard for mixed rounds: other rules, a different line, one indicator shared by key.
std::string OtherStandard() {
  std::string b = kStandard;
  b.replace(b.find("id = \"t\""), 8, "id = \"u\"");
  b.replace(b.find("rural = 100"), 11, "rural = 150");
  b.replace(b.find("age >= 15 and"), 13, "age >= 18 and");
  b.replace(b.find("not all(members, health_insurance)"), 34, "any(members, not health_insurance)");
  return b;
}

void ExpectSameResult(const Classification& got, const Classification& want, uint32_t h,
                      const std::string& what) {
  ASSERT_EQ(got.deprived[h], want.deprived[h]) << what << ", household " << h;
  ASSERT_EQ(got.category[h], want.category[h]) << what << ", household " << h;
  ASSERT_EQ(got.deprivation_count[h], want.deprivation_count[h]) << what << ", household " << h;
  ASSERT_EQ(got.income_line[h], want.income_line[h]) << what << ", household " << h;
}

TEST(Classifier, EachHouseholdIsClassifiedUnderItsOwnStandardOnly) {
  auto sa = ParseStandard(kStandard, "a.toml");
  auto sb = ParseStandard(OtherStandard(), "b.toml");
  ASSERT_TRUE(sa.ok() && sb.ok()) << sb.status().message();
  Survey s = RandomSurvey(6000, 7);
  auto all_a = Classify(s, PickOne(s, *sa));
  auto all_b = Classify(s, PickOne(s, *sb));
  ASSERT_TRUE(all_a.ok() && all_b.ok());
  const std::vector<int32_t> ages = ComputeAges(s);
  std::mt19937 rng(11);
  // u for 10%, then 70% of the households (the larger share runs over the whole survey), and a
  // third standard listed but used by no household.
  for (uint32_t share : {10u, 70u}) {
    StandardChoice choice;
    choice.standards = {*sa, *sb, *sa};
    for (uint32_t h = 0; h < s.household_count(); ++h) {
      choice.of_household.push_back(rng() % 100 < share ? 1 : 0);
    }
    for (uint32_t batch : {1u, 64u, 2048u}) {
      for (int threads : {1, 3}) {
        for (bool given_ages : {false, true}) {
          ClassifyOptions o;
          o.batch = batch;
          o.threads = threads;
          if (given_ages) o.ages = &ages;
          // The results each household had when on_results said they were final.
          std::vector<uint32_t> told(s.household_count(), UINT32_MAX);
          std::atomic<uint32_t> told_count{0};
          o.on_results = [&](const Classification& partial, int worker, uint32_t begin,
                             uint32_t end) {
            EXPECT_LT(worker, threads);
            for (uint32_t h = begin; h < end; ++h) {
              EXPECT_EQ(told[h], UINT32_MAX) << "household " << h << " told twice";
              told[h] = partial.deprived[h] | uint32_t(partial.category[h]) << 24;
            }
            told_count += end - begin;
          };
          uint64_t last = 0;
          o.progress = [&](uint64_t done, uint64_t total) {
            EXPECT_LE(done, total);
            if (threads == 1) {
              EXPECT_GE(done, last);
            }
            last = done;
          };
          auto r = Classify(s, choice, o);
          ASSERT_TRUE(r.ok());
          EXPECT_EQ(last, s.household_count());
          const std::string what = "share " + std::to_string(share) + ", batch " +
                                   std::to_string(batch) + ", threads " + std::to_string(threads);
          EXPECT_EQ(told_count, s.household_count());
          for (uint32_t h = 0; h < s.household_count(); ++h) {
            ExpectSameResult(*r, choice.of_household[h] == 1 ? *all_b : *all_a, h, what);
            ASSERT_EQ(told[h], r->deprived[h] | uint32_t(r->category[h]) << 24) << h;
          }
        }
      }
    }
    // Reusing a classification of every household under t: the same results.
    ClassifyOptions reuse;
    reuse.reuse = &*all_a;
    reuse.batch = 100;
    auto r = Classify(s, choice, reuse);
    ASSERT_TRUE(r.ok());
    for (uint32_t h = 0; h < s.household_count(); ++h) {
      ExpectSameResult(*r, choice.of_household[h] == 1 ? *all_b : *all_a, h, "reuse");
    }
  }
}

// Rules where the engine takes its shortcuts: constants on either side, constants beyond a narrow
// column's range, 'in' lists within and beyond a byte, NULL (-1) yes/no values, 64-bit money and
// 32-bit dates against constants.
constexpr const char* kEdgeStandard = R"toml(
id = "edges"
name_vi = "E"
name_en = "E"
legal_basis = "test"
valid_from = 2024-01-01
valid_to = 2024-12-31
[parameters]
line = { by = "area", rural = 100, urban = 100 }
[[indicators]]
id = "i0"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "any(members, 15 <= age)"
[[indicators]]
id = "i1"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "count(members, health_insurance) >= 2"
[[indicators]]
id = "i2"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "any(members, health_insurance < 300)"
[[indicators]]
id = "i3"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "all(members, health_insurance > -200 and health_insurance != 0)"
[[indicators]]
id = "i4"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "count(members) in [1, 3, 200]"
[[indicators]]
id = "i5"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "count(members) not in [2, 300]"
[[indicators]]
id = "i6"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "all(members, health_insurance)"
[[indicators]]
id = "i7"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "not any(members, sex == 'female' and employment in ['unemployed', 'wage_no_contract'])"
[[indicators]]
id = "i8"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "2 >= count(members)"
[[indicators]]
id = "i9"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "income_pc_month * 20_000_000 > 3_000_000_000 or 3_000_000_000 < income_pc_month"
[[indicators]]
id = "i10"
dimension = "d"
name_vi = "x"
name_en = "x"
deprived = "survey_date < '2024-07-01' and any(members, age < 16 or -1 == health_insurance)"
[[categories]]
id = "poor"
when = "count >= 6 and income <= line"
[[categories]]
id = "not_poor"
when = "true"
)toml";

TEST(Classifier, ShortcutsGiveWhatPlainLoopsGive) {
  auto standard = ParseStandard(kEdgeStandard, "edges.toml");
  ASSERT_TRUE(standard.ok()) << standard.status().message();
  Survey s = RandomSurvey(3000, 5);
  std::mt19937 rng(9);
  auto& insured = s.members.columns[FieldIndex(Level::kMember, "health_insurance")].i8;
  for (auto& v : insured) v = static_cast<int8_t>(rng() % 3) - 1;  // -1 (NULL), 0 or 1
  auto& dates = s.households.columns[hh::kSurveyDate].i32;
  for (auto& d : dates) d = rng() % 2 ? 20240601 : 20240901;
  auto& income = s.households.columns[hh::kIncome].i64;
  income[0] = 3'000'000'001;
  income[1] = 3'000'000'000;
  const auto& M = s.members.columns;
  const int female = FindField(Level::kMember, "sex")->EnumCode("female");
  const auto& employment = M[FieldIndex(Level::kMember, "employment")].i8;
  const FieldDef& work = *FindField(Level::kMember, "employment");
  for (int threads : {1, 2}) {
    ClassifyOptions o;
    o.threads = threads;
    o.batch = 333;
    auto r = Classify(s, PickOne(s, *standard), o);
    ASSERT_TRUE(r.ok());
    for (uint32_t h = 0; h < s.household_count(); ++h) {
      const uint32_t b = s.member_begin[h], e = s.member_begin[h + 1], n = e - b;
      bool adult = false, jobless_woman = false, child_or_null = false;
      uint32_t yes = 0, below300 = 0, above = 0, truthy = 0;
      for (uint32_t m = b; m < e; ++m) {
        const int age = CompletedYears(M[mem::kBirthDate].i32[m], dates[h]);
        adult |= age >= 15;
        yes += insured[m] != 0;
        const int v = insured[m];
        below300 += v < 300;
        above += v > -200 && v != 0;
        truthy += insured[m] != 0;
        jobless_woman |=
            M[mem::kSex].i8[m] == female && (employment[m] == work.EnumCode("unemployed") ||
                                             employment[m] == work.EnumCode("wage_no_contract"));
        child_or_null |= age < 16 || insured[m] == -1;
      }
      const bool want[] = {adult,
                           yes >= 2,
                           below300 > 0,
                           above == n,
                           n == 1 || n == 3,
                           n != 2,
                           truthy == n,
                           !jobless_woman,
                           n <= 2,
                           income[h] * 20'000'000 > 3'000'000'000 || income[h] > 3'000'000'000,
                           dates[h] < 20240701 && child_or_null};
      uint32_t mask = 0;
      for (uint32_t i = 0; i < std::size(want); ++i) mask |= uint32_t{want[i]} << i;
      ASSERT_EQ(r->deprived[h], mask) << "household " << h << ", threads " << threads;
      const bool poor = __builtin_popcount(mask) >= 6 && income[h] <= 100;
      ASSERT_EQ(r->category[h], poor ? Category::kPoor : Category::kNotPoor) << "household " << h;
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
