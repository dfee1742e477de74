// The demo's answers give the planned category under the real standard and classifier, and the
// plan has the account's exact counts.
#include "demo/answers.hpp"

#include <gtest/gtest.h>

#include "core/classifier.hpp"
#include "demo/geography.hpp"
#include "demo/plan.hpp"
#include "ingest/standard_files.hpp"
#include "ingest/survey_loader.hpp"
#include "ingest/units_csv.hpp"

namespace lnob::demo {
namespace {

TEST(DemoAnswers, ClassifierGivesThePlannedCategory) {
  std::string households(kHouseholdHeader), members(kMemberHeader);
  std::vector<int> planned;
  std::vector<std::string> ids;
  std::vector<Person> family;
  for (int i = 0; i < 4000; ++i) {
    Rng r(Mix(7, i));
    int size = 1 + r.Below(10);
    MakeFamily(r, size, r.Below(kEthnicCount), &family);
    ids.push_back("H" + std::to_string(i));
    AnswerContext c;
    c.household_id = ids.back();
    c.commune_code = "00769";
    c.village_code = "0076901";
    c.urban = i % 5 == 0;
    c.survey_date = 20210000 + (i % 5) * 10000 + 1001 + i % 30;
    c.category = i % 4;
    c.remoteness = (i % 10) / 10.0;
    planned.push_back(c.category);
    AppendAnswers(c, family, r, &households, &members);
  }
  std::vector<ingest::InputError> errors;
  auto survey = ingest::LoadSurveyFromText(households, members, {}, &errors);
  ASSERT_TRUE(survey.ok()) << survey.status().message() << " "
                           << (errors.empty() ? ""
                                              : ingest::FormatInputError(errors[0], Lang::kEn));
  auto all = ingest::LoadStandardDirectory(ingest::DefaultStandardsDirectory());
  ASSERT_TRUE(all.ok());
  auto standard = ingest::FindStandard(*all, "vn-2022-2025");
  ASSERT_TRUE(standard.ok());
  auto result = core::Classify(*survey, core::PickOne(*survey, *standard));
  ASSERT_TRUE(result.ok());
  int poor_counts[10] = {};
  for (uint32_t h = 0; h < survey->household_count(); ++h) {
    constexpr core::Category kAs[] = {core::Category::kPoor, core::Category::kNearPoor,
                                      core::Category::kMiddle, core::Category::kNotPoor};
    ASSERT_EQ(result->category[h], kAs[planned[h]]) << survey->household_id(h);
    if (planned[h] == kPoor)
      ++poor_counts[std::min(9, static_cast<int>(result->deprivation_count[h]))];
  }
  EXPECT_EQ(poor_counts[0] + poor_counts[1] + poor_counts[2], 0);
  EXPECT_GT(poor_counts[3], 0);
  EXPECT_GT(poor_counts[6], 0);
}

TEST(DemoPlan, ExactCountsPerFormerProvinceAndYear) {
  Geography g = BuildGeography(11);
  EXPECT_EQ(g.new_units.size(), 124u);
  EXPECT_EQ(g.old_units.size(), 331u);
  Figures f = DemoFigures(0.05);
  Plan plan = MakePlan(g, f, 11);
  for (int p = 0; p < 2; ++p) {
    for (int y = 0; y < kYears; ++y) {
      int64_t n = 0, poor = 0, near = 0;
      for (const auto& h : plan.households) {
        if (h.part != p || h.category[y] == kAbsent) continue;
        ++n;
        poor += h.category[y] == kPoor;
        near += h.category[y] == kNearPoor;
      }
      EXPECT_EQ(n, f.part[p][y].households) << p << " " << y;
      EXPECT_EQ(poor, f.part[p][y].poor) << p << " " << y;
      EXPECT_EQ(near, f.part[p][y].near_poor) << p << " " << y;
    }
  }
  // The merged province at the end of 2025: 62,609 poor of 408,400 (15.33%) at any scale.
  double rate = 100.0 * static_cast<double>(f.part[0][4].poor + f.part[1][4].poor) /
                static_cast<double>(f.part[0][4].households + f.part[1][4].households);
  EXPECT_NEAR(rate, 15.33, 0.05);
  // Same seed, same plan.
  Plan again = MakePlan(g, f, 11);
  ASSERT_EQ(again.households.size(), plan.households.size());
  for (size_t i = 0; i < plan.households.size(); ++i)
    ASSERT_EQ(again.households[i].category[4], plan.households[i].category[4]);
}

TEST(DemoGeography, UnitsFileIsValid) {
  Geography g = BuildGeography(3);
  std::vector<ingest::InputError> errors;
  auto file = ingest::ParseUnitsCsv(UnitsCsv(g), "demo-units.csv", &errors);
  ASSERT_TRUE(file.ok()) << (errors.empty() ? file.status().message()
                                            : ingest::FormatInputError(errors[0], Lang::kEn));
  int wards = 0;
  for (const NewUnit& n : g.new_units) wards += n.kind == 'P';
  EXPECT_EQ(wards, 7);
  const NewUnit& mv = g.new_units[g.meo_vac];
  EXPECT_EQ(mv.name, "Mèo Vạc");
  EXPECT_EQ(mv.old_units.size(), 4u);
  int villages = 0, groups = 0;
  for (uint32_t o : mv.old_units) {
    for (uint32_t k = 0; k < g.old_units[o].village_count; ++k)
      (g.villages[g.old_units[o].first_village + k].residential_group ? groups : villages)++;
  }
  EXPECT_EQ(villages, 34);
  EXPECT_EQ(groups, 5);
}

}  // namespace
}  // namespace lnob::demo
