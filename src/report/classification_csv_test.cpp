// The results CSV: its format, and the same bytes whatever the number of threads formatting it.
#include "report/classification_csv.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "analytics/analytics_fixture.hpp"

namespace lnob::report {
namespace {

using analytics::testing::Hh;

// What WriteClassificationCsv writes with `threads` threads.
std::string Written(const core::Survey& survey, const core::Classification& result, int threads) {
  std::FILE* f = std::tmpfile();
  EXPECT_NE(f, nullptr);
  EXPECT_TRUE(WriteClassificationCsv(survey, result, f, threads).ok());
  std::string text(static_cast<size_t>(std::ftell(f)), '\0');
  std::rewind(f);
  EXPECT_EQ(std::fread(text.data(), 1, text.size(), f), text.size());
  std::fclose(f);
  return text;
}

TEST(ClassificationCsvTest, RowsInSurveyOrderAndTheSameBytesOnAnyThreads) {
  const char* kinds[] = {"poor", "near_poor", "middle", "not_poor"};
  std::vector<Hh> list;
  for (int i = 0; i < 50000; ++i) {  // more than three slices of 16,384 households
    list.push_back({"H" + std::to_string(i), "00760", "", "02", kinds[i % 4]});
  }
  core::Survey survey = analytics::testing::Load(list);
  ASSERT_EQ(survey.household_count(), 50000u);
  auto result =
      core::Classify(survey, core::PickOne(survey, analytics::testing::Find("vn-2022-2025")));
  ASSERT_TRUE(result.ok());
  const std::string one = Written(survey, *result, 1);
  EXPECT_EQ(one.substr(0, one.find('\n', one.find('\n') + 1) + 1),
            "household_id,standard,category,deprivation_count,deprived,income_line\n"
            "H0,vn-2022-2025,poor,3,water;toilet;telecom,1500000\n");
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 50001);
  EXPECT_NE(one.find("\nH49999,vn-2022-2025,not_poor,0,,1500000\n"), std::string::npos);
  for (int threads : {2, 3, 8}) EXPECT_EQ(Written(survey, *result, threads), one) << threads;

  core::Survey empty = analytics::testing::Load({});
  auto none = core::Classify(empty, core::PickOne(empty, analytics::testing::Find("vn-2022-2025")));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(Written(empty, *none, 2),
            "household_id,standard,category,deprivation_count,deprived,income_line\n");
}

}  // namespace
}  // namespace lnob::report
