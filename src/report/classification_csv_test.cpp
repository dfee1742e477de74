// The results CSV: its format, and the same bytes whatever the number of threads formatting it.
#include "report/classification_csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <random>
#include <string>
#include <thread>

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

TEST(ClassificationCsvTest, AStreamWritesRowsAddedInAnyOrderInSurveyOrder) {
  const char* kinds[] = {"poor", "near_poor", "middle", "not_poor"};
  std::vector<Hh> list;
  for (int i = 0; i < 3000; ++i)
    list.push_back({"H" + std::to_string(i), "00760", "", "02", kinds[i % 3]});
  core::Survey survey = analytics::testing::Load(list);
  auto result =
      core::Classify(survey, core::PickOne(survey, analytics::testing::Find("vn-2022-2025")));
  ASSERT_TRUE(result.ok());
  const std::string want = Written(survey, *result, 1);
  // Pieces of 1 to 300 households, added from 3 threads, the pieces shuffled.
  std::vector<std::pair<uint32_t, uint32_t>> pieces;
  std::mt19937 rng(3);
  for (uint32_t h = 0; h < 3000;) {
    uint32_t e = std::min<uint32_t>(3000, h + 1 + rng() % 300);
    pieces.emplace_back(h, e);
    h = e;
  }
  std::shuffle(pieces.begin(), pieces.end(), rng);
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    ClassificationCsvStream stream(survey, f, 3);
    std::atomic<size_t> next{0};
    auto work = [&](int worker) {
      for (size_t i; (i = next.fetch_add(1)) < pieces.size();) {
        stream.Add(*result, worker, pieces[i].first, pieces[i].second);
      }
    };
    std::thread a(work, 1), b(work, 2);
    work(0);
    a.join();
    b.join();
    ASSERT_TRUE(stream.Finish().ok());
  }
  std::string got(static_cast<size_t>(std::ftell(f)), '\0');
  std::rewind(f);
  ASSERT_EQ(std::fread(got.data(), 1, got.size(), f), got.size());
  std::fclose(f);
  EXPECT_EQ(got, want);
}

TEST(ClassificationCsvTest, AStreamSaysWhatWentWrong) {
  std::vector<Hh> list = {{"H1", "00760", "", "02", "poor"}, {"H2", "00760", "", "02", "poor"}};
  core::Survey survey = analytics::testing::Load(list);
  auto result =
      core::Classify(survey, core::PickOne(survey, analytics::testing::Find("vn-2022-2025")));
  ASSERT_TRUE(result.ok());
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  ClassificationCsvStream missing(survey, f, 1);
  missing.Add(*result, 0, 1, 2);
  Status s = missing.Finish();
  EXPECT_EQ(s.code(), ErrorCode::kInternal);
  EXPECT_EQ(s.message(), "the results of 2 households were not written");
  EXPECT_EQ(std::ftell(f), 0);  // nothing written: household 0 never came
  std::fclose(f);

  std::FILE* full = std::fopen("/dev/full", "w");  // every write fails: no space left
  ASSERT_NE(full, nullptr);
  ClassificationCsvStream stream(survey, full, 1);
  stream.Add(*result, 0, 0, 2);
  s = stream.Finish();
  EXPECT_EQ(s.code(), ErrorCode::kDataLoss);
  EXPECT_NE(s.message().find("could not write the results: No space left on device"),
            std::string::npos)
      << s.message();
  std::fclose(full);
}

}  // namespace
}  // namespace lnob::report
