#include "ingest/cell_parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lnob::ingest {
namespace {

TEST(SurveyCellTest, Dates) {
  int32_t d = 0;
  EXPECT_EQ(ParseDateCell("2024-02-29", &d), CellProblem::kOk);
  EXPECT_EQ(d, 20240229);
  EXPECT_EQ(ParseDateCell("2200-12-31", &d), CellProblem::kOk);
  EXPECT_EQ(ParseDateCell("1800-01-01", &d), CellProblem::kOk);
  EXPECT_EQ(d, 18000101);
  EXPECT_EQ(ParseDateCell("2023-02-29", &d), CellProblem::kNoSuchDay);
  EXPECT_EQ(ParseDateCell("2024-13-01", &d), CellProblem::kNoSuchDay);
  EXPECT_EQ(ParseDateCell("2024-00-10", &d), CellProblem::kNoSuchDay);
  EXPECT_EQ(ParseDateCell("2024-04-31", &d), CellProblem::kNoSuchDay);
  EXPECT_EQ(ParseDateCell("2024-04-00", &d), CellProblem::kNoSuchDay);
  EXPECT_EQ(ParseDateCell("1799-12-31", &d), CellProblem::kYearRange);
  EXPECT_EQ(ParseDateCell("2201-01-01", &d), CellProblem::kYearRange);
  for (const char* bad : {"2024/01/01", "2024-1-01x", "20240101xx", "2024-01-0a", ":024-01-01",
                          "2024 01 01", "2024-01-1", "", "01/10/2024", "2024-01-01 ", "/024-01-01",
                          "2024-0\xE1-01", "2024-01-01T"}) {
    EXPECT_EQ(ParseDateCell(bad, &d), CellProblem::kBadDate) << bad;
  }
  EXPECT_EQ(ParseBirthDateCell("1987", &d), CellProblem::kOk);
  EXPECT_EQ(d, 19870000);
  EXPECT_EQ(ParseBirthDateCell("1987-05-20", &d), CellProblem::kOk);
  EXPECT_EQ(d, 19870520);
  EXPECT_EQ(ParseBirthDateCell("87", &d), CellProblem::kBadBirthDate);
  EXPECT_EQ(ParseBirthDateCell("1987-05", &d), CellProblem::kBadBirthDate);
  EXPECT_EQ(ParseBirthDateCell("198a", &d), CellProblem::kBadBirthDate);
  EXPECT_EQ(ParseBirthDateCell("1799", &d), CellProblem::kYearRange);
  EXPECT_EQ(ParseBirthDateCell("1987-02-30", &d), CellProblem::kNoSuchDay);
}

TEST(SurveyCellTest, NumbersIdsAndCitizenIds) {
  int64_t v = -1;
  EXPECT_TRUE(ParseMoney("0", &v) && v == 0);
  EXPECT_TRUE(ParseMoney("1500000", &v) && v == 1500000);
  EXPECT_TRUE(ParseMoney("999999999999999999", &v) && v == 999999999999999999);
  for (const char* bad :
       {"-5", "1.500.000", "1,500,000", " 5", "", "5 ", "1e6", "9999999999999999999"}) {
    EXPECT_FALSE(ParseMoney(bad, &v)) << bad;
  }
  double x = 0;
  EXPECT_TRUE(ParseDecimal("35", &x) && x == 35);
  EXPECT_TRUE(ParseDecimal("35.5", &x) && x == 35.5);
  EXPECT_TRUE(ParseDecimal("0.1", &x) && x == 0.1);
  EXPECT_TRUE(ParseDecimal("12345678901234567.5", &x) && x == 12345678901234567.5);
  for (const char* bad : {"35,5", "35.", "-1", ".5", "1e3", "", " 1", "1.2.3"}) {
    EXPECT_FALSE(ParseDecimal(bad, &x)) << bad;
  }
  EXPECT_TRUE(IsValidId("HH-0001"));
  EXPECT_TRUE(IsValidId("a.b_c-D9"));
  EXPECT_TRUE(IsValidId(std::string(64, 'x')));
  for (std::string bad : {std::string("H 1"), std::string(), std::string(65, 'x'),
                          std::string("Hộ1"), std::string("H,1"), std::string("H\"1")}) {
    EXPECT_FALSE(IsValidId(bad)) << bad;
  }
  EXPECT_TRUE(IsCitizenId("001087012345"));
  for (const char* bad : {"00108701234a", "00108701234", "0010870123456",
                          "00108701234:", "/01087012345", "0010 7012345", ""}) {
    EXPECT_FALSE(IsCitizenId(bad)) << bad;
  }
}

TEST(SurveyCellTest, EnumIndexFindsEveryValueAndNothingElse) {
  for (core::Level level : {core::Level::kHousehold, core::Level::kMember}) {
    for (const core::FieldDef& f : core::Fields(level)) {
      if (f.type != core::FieldType::kEnum) continue;
      EnumIndex index(f.values);
      for (size_t i = 0; i < f.values.size(); ++i) {
        EXPECT_EQ(index.Find(f.values[i]), static_cast<int>(i)) << f.values[i];
        std::string longer = std::string(f.values[i]) + "s";
        EXPECT_EQ(index.Find(longer), -1) << longer;
        std::string upper(f.values[i]);
        upper[0] = static_cast<char>(upper[0] - 'a' + 'A');
        EXPECT_EQ(index.Find(upper), -1) << upper;
      }
      EXPECT_EQ(index.Find(""), -1);
    }
  }
}

}  // namespace
}  // namespace lnob::ingest
