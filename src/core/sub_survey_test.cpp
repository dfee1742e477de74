#include "core/sub_survey.hpp"

#include <gtest/gtest.h>

namespace lnob::core {
namespace {

// Households 0..3 with 2, 0, 1 and 3 members; a money, a date, an enumeration, a decimal and a
// text column, one optional column absent.
Survey Small() {
  Survey s;
  s.households = MakeTable(Level::kHousehold);
  s.members = MakeTable(Level::kMember);
  auto& H = s.households.columns;
  auto& M = s.members.columns;
  for (int f : {hh::kHouseholdId, hh::kArea, hh::kSurveyDate, hh::kIncome}) H[f].present = true;
  H[hh::kHouseholdId].strings = {"a", "b", "c", "d"};
  H[hh::kArea].i8 = {0, 1, 0, 1};
  H[hh::kSurveyDate].i32 = {20240101, 20240102, 20240103, 20240104};
  H[hh::kIncome].i64 = {10, 20, 30, 40};
  const int area = FieldIndex(Level::kHousehold, "house_area_m2");
  H[area].present = true;
  H[area].reals = {1.5, 2.5, 3.5, 4.5};
  M[mem::kMemberId].present = M[mem::kBirthDate].present = true;
  M[mem::kMemberId].strings = {"1", "2", "1", "1", "2", "3"};
  M[mem::kBirthDate].i32 = {19800101, 19810101, 19820101, 19830101, 19840101, 19850101};
  s.member_begin = {0, 2, 2, 3, 6};
  s.member_household = {0, 0, 2, 3, 3, 3};
  s.households.rows = 4;
  s.members.rows = 6;
  s.households_source = "h.csv";
  return s;
}

TEST(SubSurvey, HoldsThePickedHouseholdsAndTheirMembersInOrder) {
  const Survey s = Small();
  const std::vector<uint32_t> picked = {1, 3};
  Survey sub;
  SubSurvey(s, {}, &sub);
  EXPECT_EQ(sub.household_count(), 0u);
  EXPECT_EQ(sub.member_begin, (std::vector<uint32_t>{0}));
  SubSurvey(s, std::vector<uint32_t>{0, 1, 2, 3}, &sub);
  EXPECT_EQ(sub.member_count(), 6u);
  SubSurvey(s, picked, &sub);  // the same Survey again: nothing left of the last one
  EXPECT_EQ(sub.household_count(), 2u);
  EXPECT_EQ(sub.member_count(), 3u);
  EXPECT_EQ(sub.member_begin, (std::vector<uint32_t>{0, 0, 3}));
  EXPECT_EQ(sub.member_household, (std::vector<uint32_t>{1, 1, 1}));
  const auto& H = sub.households.columns;
  EXPECT_EQ(H[hh::kArea].i8, (std::vector<int8_t>{1, 1}));
  EXPECT_EQ(H[hh::kSurveyDate].i32, (std::vector<int32_t>{20240102, 20240104}));
  EXPECT_EQ(H[hh::kIncome].i64, (std::vector<int64_t>{20, 40}));
  EXPECT_EQ(H[FieldIndex(Level::kHousehold, "house_area_m2")].reals,
            (std::vector<double>{2.5, 4.5}));
  EXPECT_EQ(sub.members.columns[mem::kBirthDate].i32,
            (std::vector<int32_t>{19830101, 19840101, 19850101}));
  // Text: present, no values; absent columns stay absent.
  EXPECT_TRUE(H[hh::kHouseholdId].present);
  EXPECT_TRUE(H[hh::kHouseholdId].strings.empty());
  EXPECT_FALSE(H[hh::kCommuneCode].present);
  EXPECT_EQ(sub.households_source, "h.csv");
}

}  // namespace
}  // namespace lnob::core
