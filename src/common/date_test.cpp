#include "common/date.hpp"

#include <gtest/gtest.h>

#include "common/money.hpp"

namespace lnob {
namespace {

TEST(Date, ParsesIsoAndRejectsImpossibleDays) {
  EXPECT_EQ(ParseIsoDate("2024-02-29")->value, 20240229);
  EXPECT_FALSE(ParseIsoDate("2023-02-29").ok());
  EXPECT_FALSE(ParseIsoDate("2024-13-01").ok());
  EXPECT_FALSE(ParseIsoDate("2024-1-01").ok());
  EXPECT_FALSE(ParseIsoDate("01/02/2024").ok());
  EXPECT_EQ(ParseBirthDate("1987")->value, 19870000);
  EXPECT_TRUE(ParseBirthDate("1987")->year_only());
  EXPECT_FALSE(ParseBirthDate("87").ok());
}

TEST(Date, CompletedYears) {
  EXPECT_EQ(CompletedYears(20080315, 20240314), 15);
  EXPECT_EQ(CompletedYears(20080315, 20240315), 16);
  EXPECT_EQ(CompletedYears(19870000, 20240101), 37);  // year only: survey year - birth year
  // 29 February: completed on 1 March in a common year, on 29 February in a leap year.
  EXPECT_EQ(CompletedYears(20080229, 20250228), 16);
  EXPECT_EQ(CompletedYears(20080229, 20250301), 17);
  EXPECT_EQ(CompletedYears(20080229, 20240229), 16);
}

TEST(Date, Formats) {
  EXPECT_EQ(FormatIsoDate(Date{20240105}), "2024-01-05");
  EXPECT_EQ(FormatVietnameseDate(Date{20240105}), "05/01/2024");
  EXPECT_EQ(FormatIsoDate(Date{19870000}), "1987");
}

TEST(Money, FormatsInBothLanguages) {
  EXPECT_EQ(FormatMoney(Money::Vnd(1500000), Lang::kVi), "1.500.000 đ");
  EXPECT_EQ(FormatMoney(Money::Vnd(1500000), Lang::kEn), "1,500,000 VND");
  EXPECT_EQ(GroupThousands(0, Lang::kVi), "0");
  EXPECT_EQ(GroupThousands(999, Lang::kVi), "999");
  EXPECT_EQ(GroupThousands(-1234567, Lang::kEn), "-1,234,567");
  EXPECT_EQ(FormatDecimal(15.333, 2, Lang::kVi), "15,33");
  EXPECT_EQ(FormatDecimal(7.575, 1, Lang::kEn), "7.6");
  EXPECT_EQ(FormatDecimal(40, 2, Lang::kEn), "40.00");
}

}  // namespace
}  // namespace lnob
