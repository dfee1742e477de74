// What-if: a round re-classified in memory, reusing the indicators whose key is unchanged, must
// give exactly what a full classification gives, household by household. Checked on a generated
// survey of a few thousand households whose answers vary over every field the standards read; plus
// Indicator::key and the aggregation (CountChanges).
#include "analytics/whatif.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/analytics_fixture.hpp"
#include "core/classifier.hpp"
#include "ingest/standard_files.hpp"
#include "ingest/survey_loader.hpp"

namespace lnob::analytics {
namespace {

using testing::Find;
using testing::Snap;
using testing::Standards;

// A small deterministic generator (Knuth's MMIX LCG), so that the survey is the same everywhere.
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : x_(seed) {}
  uint32_t Next() {
    x_ = x_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(x_ >> 33);
  }
  uint32_t Below(uint32_t n) { return Next() % n; }
  bool Chance(uint32_t percent) { return Below(100) < percent; }
  template <size_t N>
  const char* Pick(const char* const (&list)[N]) {
    return list[Below(N)];
  }

 private:
  uint64_t x_;
};

constexpr const char* kWater[] = {
    "piped",   "drilled_well",     "protected_dug_well", "protected_spring", "rainwater",
    "bottled", "unprotected_well", "unprotected_spring", "surface_water",    "other"};
constexpr const char* kToilet[] = {"septic",       "semi_septic", "pour_flush", "ventilated_pit",
                                   "double_vault", "simple_pit",  "none",       "other"};
constexpr const char* kRelation[] = {"spouse", "child", "parent", "grandchild", "sibling", "other"};
constexpr const char* kEducation[] = {"none",
                                      "primary",
                                      "lower_secondary",
                                      "upper_secondary",
                                      "vocational_elementary",
                                      "vocational_intermediate",
                                      "college",
                                      "university"};
constexpr const char* kEmployment[] = {"wage_contract", "wage_no_contract", "self_employed",
                                       "unemployed",    "student",          "retired",
                                       "homemaker",     "unable_to_work",   "none"};
constexpr const char* kEthnicity[] = {"kinh", "hmong", "dao", "tay", "nung", "lo_lo"};
// Incomes on and around every line and ceiling of both standards, and in between.
constexpr int64_t kEdges[] = {1500000, 1500001, 2000000, 2200000, 2250000,
                              2250001, 2800000, 3000000, 3000001};

// `n` households with 1-7 members; `waste`: with the waste_treated column.
core::Survey Generate(uint32_t n, uint64_t seed, bool waste = true) {
  Lcg r(seed);
  std::string h =
      "household_id,commune_code,village_code,area,survey_date,income_pc_month,house_area_m2,"
      "wall_durable,frame_durable,roof_durable,water_source,toilet_type,uses_telecom,"
      "has_info_device" +
      std::string(waste ? ",waste_treated\n" : "\n");
  std::string m =
      "household_id,member_id,birth_date,sex,relation,ethnicity,health_insurance,malnourished,"
      "school_attending,education,employment,disability,monthly_allowance\n";
  auto bit = [&](uint32_t percent) { return r.Chance(percent) ? "1" : "0"; };
  for (uint32_t i = 0; i < n; ++i) {
    std::string id = "G" + std::to_string(100000 + i);
    int64_t income = r.Chance(15) ? kEdges[r.Below(std::size(kEdges))]
                                  : int64_t{200000} + int64_t{25000} * r.Below(160);
    std::string area = std::to_string(3 + r.Below(900) / 10) + "." + std::to_string(r.Below(10));
    const bool late = r.Chance(30);
    h += id + ",C" + std::to_string(r.Below(5)) + ",," + (r.Chance(70) ? "rural" : "urban") + "," +
         (late ? "2025-03-15" : "2024-10-01") + "," + std::to_string(income) + "," + area + "," +
         bit(80) + "," + bit(85) + "," + bit(75) + "," + r.Pick(kWater) + "," + r.Pick(kToilet) +
         "," + bit(85) + "," + bit(80) + (waste ? std::string(",") + bit(70) : "") + "\n";
    const uint32_t members = 1 + r.Below(7);
    const char* ethnicity = r.Pick(kEthnicity);
    for (uint32_t k = 0; k < members; ++k) {
      // Ages from newborn to 94, with the edges of every age rule well represented.
      int year = r.Chance(40) ? 2024 - static_cast<int>(r.Below(20)) : 1930 + r.Below(75);
      std::string birth = std::to_string(year);
      if (r.Chance(70)) {
        int month = 1 + r.Below(12), day = 1 + r.Below(28);
        if (year >= 2024) month = 1 + r.Below(9);
        birth += (month < 10 ? "-0" : "-") + std::to_string(month) + (day < 10 ? "-0" : "-") +
                 std::to_string(day);
      }
      m += id + "," + std::to_string(k + 1) + "," + birth + "," +
           (r.Chance(50) ? "male" : "female") + "," + (k == 0 ? "head" : r.Pick(kRelation)) + "," +
           (r.Chance(95) ? ethnicity : "") + "," + bit(85) + "," + bit(10) + "," + bit(50) + "," +
           r.Pick(kEducation) + "," + r.Pick(kEmployment) + "," + bit(6) + "," + bit(12) + "\n";
    }
  }
  std::vector<ingest::InputError> errors;
  ingest::LoadOptions options;
  auto s = ingest::LoadSurveyFromText(std::move(h), std::move(m), options, &errors);
  EXPECT_TRUE(s.ok()) << s.status().message()
                      << (errors.empty() ? "" : ingest::FormatInputError(errors[0], Lang::kEn));
  return s.ok() ? std::move(*s) : core::Survey{};
}

const Snapshot& Generated() {
  static const Snapshot snap = Snap(Generate(5000, 20241001));
  return snap;
}

// Expects the two classifications to agree on every household.
void ExpectSame(const core::Classification& a, const core::Classification& b) {
  ASSERT_EQ(a.category.size(), b.category.size());
  EXPECT_EQ(a.choice.of_household, b.choice.of_household);
  ASSERT_EQ(a.choice.standards.size(), b.choice.standards.size());
  for (size_t i = 0; i < a.choice.standards.size(); ++i) {
    EXPECT_EQ(a.choice.standards[i]->id(), b.choice.standards[i]->id());
  }
  size_t differ = 0;
  for (size_t h = 0; h < a.category.size(); ++h) {
    if (a.category[h] != b.category[h] || a.deprived[h] != b.deprived[h] ||
        a.deprivation_count[h] != b.deprivation_count[h] || a.income_line[h] != b.income_line[h]) {
      if (++differ <= 5) {
        ADD_FAILURE() << "household " << h << ": category " << int(a.category[h]) << " vs "
                      << int(b.category[h]) << ", deprived " << a.deprived[h] << " vs "
                      << b.deprived[h] << ", count " << int(a.deprivation_count[h]) << " vs "
                      << int(b.deprivation_count[h]) << ", line " << a.income_line[h] << " vs "
                      << b.income_line[h];
      }
    }
  }
  EXPECT_EQ(differ, 0u);
}

// RunWhatIf under `standard`, with and without reuse, against a full Classify.
WhatIf ExpectReuseIsExact(const Snapshot& snap, core::StandardPtr standard) {
  Grouping g = GroupHouseholds(snap, UnitCatalog(), {});
  auto full = core::Classify(snap.survey, core::PickOne(snap.survey, standard));
  EXPECT_TRUE(full.ok()) << full.status().message();
  auto reused = RunWhatIf(snap, core::PickOne(snap.survey, standard), g);
  EXPECT_TRUE(reused.ok()) << reused.status().message();
  WhatIfOptions no_reuse;
  no_reuse.reuse = false;
  no_reuse.threads = 1;
  auto plain = RunWhatIf(snap, core::PickOne(snap.survey, standard), g, no_reuse);
  EXPECT_TRUE(plain.ok()) << plain.status().message();
  if (!full.ok() || !reused.ok() || !plain.ok()) return {};
  ExpectSame(reused->result, *full);
  ExpectSame(plain->result, *full);
  return std::move(*reused);
}

uint64_t CountOf(const core::Classification& c, core::Category k) {
  uint64_t n = 0;
  for (core::Category x : c.category) n += x == k;
  return n;
}

TEST(WhatIfTest, GeneratedSurveyCoversEveryCategoryAndIndicator) {
  const Snapshot& snap = Generated();
  ASSERT_EQ(snap.household_count(), 5000u);
  for (core::Category k : {core::Category::kPoor, core::Category::kNearPoor,
                           core::Category::kMiddle, core::Category::kNotPoor}) {
    EXPECT_GT(CountOf(snap.result, k), 100u) << core::CategoryId(k);
  }
  const size_t indicators = snap.result.standard_of(0).indicators().size();
  for (size_t i = 0; i < indicators; ++i) {
    uint64_t deprived = 0;
    for (uint32_t bits : snap.result.deprived) deprived += (bits >> i) & 1u;
    EXPECT_GT(deprived, 20u) << snap.result.standard_of(0).indicators()[i].id;
    EXPECT_LT(deprived, 4980u) << snap.result.standard_of(0).indicators()[i].id;
  }
}

TEST(WhatIfTest, ReuseIsExactWithAChangedRuralLine) {
  const Snapshot& snap = Generated();
  WhatIf w = ExpectReuseIsExact(snap, Find("vn-2022-2025", {{"line", "rural", "1800000"}}));
  // A higher rural line: someone changes, and nobody becomes less poor.
  EXPECT_GT(w.total.changed(), 0u);
  EXPECT_GT(w.total.after[3], w.total.before[3]);
  EXPECT_EQ(w.total.moves[3][0] + w.total.moves[3][1] + w.total.moves[3][2], 0u);
  EXPECT_EQ(w.total.moves[2][0] + w.total.moves[2][1], 0u);
}

TEST(WhatIfTest, ReuseIsExactUnderTheNextStandard) {
  const Snapshot& snap = Generated();
  WhatIf w = ExpectReuseIsExact(snap, Find("vn-2027-2030"));
  EXPECT_EQ(w.result.choice.standards[0]->id(), "vn-2027-2030");
  EXPECT_EQ(w.total.after[1], 0u);  // no middle category
  EXPECT_GT(w.total.changed(), 0u);
}

TEST(WhatIfTest, ReuseIsExactWithAChangedIndicatorParameter) {
  // area_per_member_m2 is read by housing_area: that indicator is evaluated again, not copied.
  ExpectReuseIsExact(Generated(), Find("vn-2022-2025", {{"area_per_member_m2", "", "12"}}));
}

TEST(WhatIfTest, TheSameStandardChangesNobody) {
  const Snapshot& snap = Generated();
  WhatIf w = ExpectReuseIsExact(snap, snap.result.choice.standards[0]);
  ExpectSame(w.result, snap.result);
  EXPECT_EQ(w.total.changed(), 0u);
  EXPECT_EQ(w.total.households, 5000u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(w.total.before[i], w.total.after[i]);
  // The same standard read again from its file is another object with the same keys.
  WhatIf again = ExpectReuseIsExact(snap, Find("vn-2022-2025"));
  EXPECT_EQ(again.total.changed(), 0u);
}

TEST(WhatIfTest, UnchangedIndicatorsAreTakenFromTheRoundsResults) {
  // Plant a wrong bit in the round's stored results: a what-if that reuses the indicator shows
  // it; one that evaluates it (changed key, or reuse off) does not.
  Snapshot snap = Snap(Generate(40, 7));
  const core::Standard& s = snap.result.standard_of(0);
  auto index = [&](const std::string& id) {
    for (size_t i = 0; i < s.indicators().size(); ++i) {
      if (s.indicators()[i].id == id) return static_cast<uint32_t>(i);
    }
    ADD_FAILURE() << id;
    return 0u;
  };
  const uint32_t telecom = 1u << index("telecom"), area = 1u << index("housing_area");
  const uint32_t real = snap.result.deprived[0];
  snap.result.deprived[0] = real ^ telecom ^ area;
  Grouping g = GroupHouseholds(snap, UnitCatalog(), {});

  auto wider = RunWhatIf(
      snap, core::PickOne(snap.survey, Find("vn-2022-2025", {{"area_per_member_m2", "", "12"}})),
      g);
  ASSERT_TRUE(wider.ok()) << wider.status().message();
  EXPECT_EQ(wider->result.deprived[0] & telecom, (real ^ telecom) & telecom);  // copied
  auto fresh = core::Classify(
      snap.survey,
      core::PickOne(snap.survey, Find("vn-2022-2025", {{"area_per_member_m2", "", "12"}})));
  EXPECT_EQ(wider->result.deprived[0] & area, fresh->deprived[0] & area);  // evaluated

  WhatIfOptions off;
  off.reuse = false;
  auto plain = RunWhatIf(snap, core::PickOne(snap.survey, Find("vn-2022-2025")), g, off);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->result.deprived[0], real);
  snap.reusable = false;  // e.g. the stored run was of another version of the standard file
  auto not_reusable = RunWhatIf(snap, core::PickOne(snap.survey, Find("vn-2022-2025")), g);
  ASSERT_TRUE(not_reusable.ok());
  EXPECT_EQ(not_reusable->result.deprived[0], real);
}

TEST(WhatIfTest, AMissingColumnIsRefused) {
  Snapshot snap = Snap(Generate(20, 3, /*waste=*/false));
  auto w = RunWhatIf(snap, core::PickOne(snap.survey, Find("vn-2027-2030")),
                     GroupHouseholds(snap, UnitCatalog(), {}));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(w.status().message().find("waste_treated"), std::string::npos) << w.status().message();
}

TEST(WhatIfTest, CountChangesAddsUp) {
  const Snapshot& snap = Generated();
  Grouping g = GroupHouseholds(snap, UnitCatalog(), {UnitLevel::kCommune, {}, SplitBy::kArea});
  ASSERT_EQ(g.groups.size(), 10u);  // 5 communes x 2 areas
  // Leave some households unplaced: they count in the total only.
  uint64_t unplaced = 0;
  for (uint32_t h = 0; h < snap.household_count(); h += 7, ++unplaced) g.of_household[h] = kNoIndex;
  auto w = RunWhatIf(snap, core::PickOne(snap.survey, Find("vn-2027-2030")), g);
  ASSERT_TRUE(w.ok()) << w.status().message();
  ASSERT_EQ(w->rows.size(), g.groups.size());
  uint64_t households = 0, sum[4][4] = {};
  for (size_t i = 0; i < w->rows.size(); ++i) {
    const WhatIfRow& row = w->rows[i];
    EXPECT_EQ(row.group.unit_code, g.groups[i].unit_code);
    EXPECT_EQ(row.group.subgroup, g.groups[i].subgroup);
    uint64_t in_row = 0, diagonal = 0;
    for (int a = 0; a < 4; ++a) {
      uint64_t before = 0, after = 0;
      for (int b = 0; b < 4; ++b) {
        before += row.moves[a][b];
        after += row.moves[b][a];
        sum[a][b] += row.moves[a][b];
        in_row += row.moves[a][b];
      }
      EXPECT_EQ(row.before[a], before);
      EXPECT_EQ(row.after[a], after);
      diagonal += row.moves[a][a];
    }
    EXPECT_EQ(row.households, in_row);
    EXPECT_EQ(row.changed(), in_row - diagonal);
    households += row.households;
  }
  EXPECT_EQ(households + unplaced, w->total.households);
  EXPECT_EQ(w->total.households, 5000u);
  uint64_t total_moves = 0;
  for (int a = 0; a < 4; ++a) {
    EXPECT_EQ(w->total.before[a], CountOf(snap.result, static_cast<core::Category>(a)));
    EXPECT_EQ(w->total.after[a], CountOf(w->result, static_cast<core::Category>(a)));
    for (int b = 0; b < 4; ++b) {
      EXPECT_GE(w->total.moves[a][b], sum[a][b]);
      total_moves += w->total.moves[a][b];
    }
  }
  EXPECT_EQ(total_moves, 5000u);
  // CountChanges alone gives the same rows; calling it again does not add up twice.
  WhatIf again;
  again.total.households = 99;
  CountChanges(snap, w->result, g, &again);
  CountChanges(snap, w->result, g, &again);
  EXPECT_EQ(again.total.households, 5000u);
  for (size_t i = 0; i < again.rows.size(); ++i) {
    EXPECT_EQ(again.rows[i].households, w->rows[i].households);
    EXPECT_EQ(again.rows[i].changed(), w->rows[i].changed());
  }
}

// ---- Indicator::key ----

std::string StandardText(const std::string& crowded_rule, int per_member, int unused,
                         int rural_line) {
  return R"toml(
id = "k"
name_vi = "K"
name_en = "K"
legal_basis = "test"
valid_from = 2024-01-01
valid_to = 2024-12-31
[parameters]
line = { by = "area", rural = )toml" +
         std::to_string(rural_line) + R"toml(, urban = 200 }
per_member = )toml" +
         std::to_string(per_member) + R"toml(
unused = )toml" +
         std::to_string(unused) +
         R"toml(
until = { by = "sex", male = 61, female = 56 }
[[indicators]]
id = "crowded"
dimension = "d"
name_vi = "a"
name_en = "a"
deprived = ''')toml" +
         crowded_rule + R"toml('''
[[indicators]]
id = "idle"
dimension = "d"
name_vi = "b"
name_en = "b"
deprived = "any(members, age >= 15 and age < until and employment == 'unemployed')"
[[categories]]
id = "poor"
when = "income <= line and count >= 1"
[[categories]]
id = "not_poor"
when = "true"
)toml";
}

constexpr const char* kCrowded = "house_area_m2 < per_member * count(members)";

std::vector<std::string> Keys(const std::string& text) {
  auto s = core::ParseStandard(text, "k.toml");
  EXPECT_TRUE(s.ok()) << s.status().message();
  if (!s.ok()) return {};
  std::vector<std::string> keys;
  for (const core::Indicator& i : (*s)->indicators()) {
    EXPECT_FALSE(i.key.empty()) << i.id;
    keys.push_back(i.key);
  }
  return keys;
}

TEST(IndicatorKeyTest, SpacingAndCommentsDoNotMatter) {
  auto base = Keys(StandardText(kCrowded, 8, 5, 100));
  ASSERT_EQ(base.size(), 2u);
  EXPECT_NE(base[0], base[1]);
  auto spaced = Keys(StandardText(
      "house_area_m2   <\n   per_member*count( members )   # crowded: under 8 m2 a person\n", 8, 5,
      100));
  EXPECT_EQ(spaced, base);
}

TEST(IndicatorKeyTest, AParameterTheRuleReadsChangesTheKey) {
  auto base = Keys(StandardText(kCrowded, 8, 5, 100));
  auto wider = Keys(StandardText(kCrowded, 10, 5, 100));
  EXPECT_NE(wider[0], base[0]);
  EXPECT_EQ(wider[1], base[1]);  // idle does not read per_member
  // Parameters no indicator reads (the income line, an unused one) change no key.
  EXPECT_EQ(Keys(StandardText(kCrowded, 8, 7, 100)), base);
  EXPECT_EQ(Keys(StandardText(kCrowded, 8, 5, 150)), base);
  // Another rule is another key.
  EXPECT_NE(Keys(StandardText("house_area_m2 <= per_member * count(members)", 8, 5, 100))[0],
            base[0]);
  // An override is a changed value too.
  auto overridden =
      core::ParseStandard(StandardText(kCrowded, 8, 5, 100), "k.toml", {{"per_member", "", "10"}});
  ASSERT_TRUE(overridden.ok()) << overridden.status().message();
  EXPECT_EQ((*overridden)->indicators()[0].key, wider[0]);
  // Keyed parameters: a value for one key changes the key of the rule that reads it.
  auto female =
      core::ParseStandard(StandardText(kCrowded, 8, 5, 100), "k.toml", {{"until", "female", "60"}});
  ASSERT_TRUE(female.ok()) << female.status().message();
  EXPECT_NE((*female)->indicators()[1].key, base[1]);
  EXPECT_EQ((*female)->indicators()[0].key, base[0]);
}

TEST(IndicatorKeyTest, TheShippedStandardsShareTheKeysOfTheirCommonIndicators) {
  core::StandardPtr a = Find("vn-2022-2025"), b = Find("vn-2027-2030");
  int shared = 0;
  for (const core::Indicator& i : b->indicators()) {
    for (const core::Indicator& j : a->indicators()) {
      if (i.id == j.id) {
        EXPECT_EQ(i.key, j.key) << i.id;
        ++shared;
      }
      if (i.id == "waste") {
        EXPECT_NE(i.key, j.key) << j.id;
      }
    }
  }
  EXPECT_EQ(shared, 11);
}

}  // namespace
}  // namespace lnob::analytics
