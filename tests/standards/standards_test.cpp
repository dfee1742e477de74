// Runs every data/standards/<id>.test case file against its standard <id>.toml.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/classifier.hpp"
#include "core/explain.hpp"
#include "ingest/standard_files.hpp"
#include "ingest/survey_loader.hpp"
#include "tests/standards/case_file.hpp"

namespace lnob {
namespace {

std::string StandardsDir() { return std::string(LNOB_SOURCE_DIR) + "/data/standards"; }

std::string DeprivedIds(const core::Standard& s, uint32_t mask) {
  std::string out;
  for (size_t i = 0; i < s.indicators().size(); ++i) {
    if (mask & (1u << i)) out += (out.empty() ? "" : ";") + s.indicators()[i].id;
  }
  return out;
}

class StandardCases : public ::testing::TestWithParam<std::string> {};

TEST_P(StandardCases, EveryCaseGetsItsExpectedResult) {
  const std::string id = GetParam();
  const std::string test_path = StandardsDir() + "/" + id + ".test";
  std::string error;
  auto cases = testing::ParseCaseFile(test_path, &error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_GE(cases.size(), 20u) << test_path << " should cover every threshold";
  auto standard = ingest::LoadStandardFile(StandardsDir() + "/" + id + ".toml");
  ASSERT_TRUE(standard.ok()) << standard.status().message();

  std::string households, members;
  testing::BuildCsv(cases, &households, &members);
  std::vector<ingest::InputError> errors;
  auto survey = ingest::LoadSurveyFromText(households, members, {}, &errors);
  ASSERT_TRUE(survey.ok()) << survey.status().message() << "\n"
                           << (errors.empty() ? "" : ingest::FormatInputError(errors[0], Lang::kEn));
  auto result = core::Classify(*survey, core::PickOne(*survey, *standard));
  ASSERT_TRUE(result.ok()) << result.status().message();

  for (uint32_t h = 0; h < survey->household_count(); ++h) {
    const testing::Case& c = cases[h];
    std::string category(core::CategoryId(result->category[h]));
    std::string deprived = DeprivedIds(**standard, result->deprived[h]);
    bool line_ok = c.expect_line.empty() || c.expect_line == std::to_string(result->income_line[h]);
    if (category != c.expect_category || deprived != c.expect_deprived || !line_ok) {
      auto e = core::Explain(*survey, h, *standard);
      ADD_FAILURE() << test_path << ":" << c.line << ": case" << c.name << "\n  expected "
                    << c.expect_category << " [" << c.expect_deprived << "]"
                    << (c.expect_line.empty() ? "" : " line=" + c.expect_line) << "\n  got      "
                    << category << " [" << deprived << "] line=" << result->income_line[h] << "\n"
                    << core::FormatExplanation(e, Lang::kEn);
    }
  }
}

std::vector<std::string> StandardsWithCases() {
  std::vector<std::string> ids;
  for (const auto& entry : std::filesystem::directory_iterator(StandardsDir())) {
    if (entry.path().extension() == ".toml") ids.push_back(entry.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Every standard shipped must have its case file: a missing one fails.
INSTANTIATE_TEST_SUITE_P(Shipped, StandardCases, ::testing::ValuesIn(StandardsWithCases()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace lnob
