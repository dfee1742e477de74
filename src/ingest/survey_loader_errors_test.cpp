// Every kind of input error the survey loader reports, with its exact place and value.
#include <gtest/gtest.h>

#include "ingest/survey_loader.hpp"
#include "ingest/survey_test_util.hpp"

namespace lnob::ingest {
namespace {

using testing::HouseholdRow;
using testing::kHouseholdHeader;
using testing::kMemberHeader;
using testing::MemberRow;

struct Where {
  std::string file;
  uint32_t line;
  uint32_t column;
  std::string column_name;
  std::string value;
  bool operator==(const Where&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Where& w) {
  return os << w.file << ":" << w.line << ":" << w.column << " " << w.column_name << "=" << w.value;
}

struct Outcome {
  Status status;
  std::vector<InputError> errors;
  std::vector<Where> where() const {
    std::vector<Where> out;
    for (const auto& e : errors) out.push_back({e.file, e.line, e.column, e.column_name, e.value});
    return out;
  }
};

Outcome Load(std::string households, std::string members, size_t max_errors = 100,
             int threads = 2) {
  LoadOptions options;
  options.max_errors = max_errors;
  options.threads = threads;
  Outcome out;
  auto s = LoadSurveyFromText(std::move(households), std::move(members), options, &out.errors);
  EXPECT_FALSE(s.ok());
  out.status = s.status();
  return out;
}

TEST(SurveyErrorsTest, CellErrorsSayFileLineColumnAndValue) {
  std::string households =
      kHouseholdHeader + HouseholdRow("H 1") + HouseholdRow("H3", {{6, "-5"}}) +
      HouseholdRow("H4", {{6, "1.500.000"}}) + HouseholdRow("H5", {{7, "\"35,5\""}}) +
      HouseholdRow("H6", {{8, "2"}}) + HouseholdRow("H7", {{4, "Urban"}}) +
      HouseholdRow("H8", {{5, "2024-02-30"}}) + HouseholdRow("H9", {{5, "01/10/2024"}}) +
      HouseholdRow("H10", {{2, ""}}) + HouseholdRow("H11", {{2, "ab\xFF"}});
  std::string members = kMemberHeader;
  for (int h = 3; h <= 11; ++h) members += MemberRow("H" + std::to_string(h), "1");
  members +=
      MemberRow("H3", "2", "child", {{5, "87"}}) + MemberRow("H3", "3", "child", {{4, "12345"}}) +
      MemberRow("H3", "4", "child", {{6, ""}}) + MemberRow("H3", "5", "child", {{5, "1987"}});
  Outcome out = Load(households, members);
  EXPECT_EQ(out.status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(out.status.message(), "13 errors in the input; the files were not loaded");
  const std::string h = "households.csv", m = "members.csv";
  EXPECT_EQ(out.where(), (std::vector<Where>{
                             {h, 2, 1, "household_id", "H 1"},
                             {h, 3, 6, "income_pc_month", "-5"},
                             {h, 4, 6, "income_pc_month", "1.500.000"},
                             {h, 5, 7, "house_area_m2", "35,5"},
                             {h, 6, 8, "wall_durable", "2"},
                             {h, 7, 4, "area", "Urban"},
                             {h, 8, 5, "survey_date", "2024-02-30"},
                             {h, 9, 5, "survey_date", "01/10/2024"},
                             {h, 10, 2, "commune_code", ""},
                             {h, 11, 2, "commune_code", "ab\xEF\xBF\xBD"},
                             {m, 11, 5, "birth_date", "87"},
                             {m, 12, 4, "national_id", "*2345"},
                             {m, 13, 6, "sex", ""},
                         }));
  EXPECT_EQ(out.errors[1].message_en,
            "Income per person per month must be a whole number of dong, 0 or more, in digits "
            "only (no dots or commas: write 1500000, not 1.500.000); correct the cell and import "
            "again");
  EXPECT_EQ(out.errors[1].message_vi,
            "Thu nhập bình quân/người/tháng phải là số nguyên đồng, từ 0 trở lên, chỉ gồm chữ số "
            "(không có dấu chấm hay dấu phẩy: viết 1500000, không viết 1.500.000); sửa ô này rồi "
            "nhập lại");
  EXPECT_EQ(FormatInputError(out.errors[5], Lang::kEn),
            "households.csv:7:4 area=\"Urban\": Area must be one of: rural, urban (in lower case, "
            "without spaces: urban); correct the cell and import again");
  EXPECT_NE(out.errors[6].message_en.find("no such day"), std::string::npos);
  EXPECT_NE(out.errors[7].message_en.find("YYYY-MM-DD"), std::string::npos);
  EXPECT_EQ(out.errors[8].message_vi,
            "thiếu Mã xã: ô bắt buộc này đang trống; điền vào rồi nhập lại");
  EXPECT_NE(out.errors[9].message_en.find("not valid UTF-8 text (byte 3 is wrong)"),
            std::string::npos);
  EXPECT_NE(out.errors[10].message_en.find("or the year alone (YYYY)"), std::string::npos);
  EXPECT_EQ(FormatInputError(out.errors[11], Lang::kVi),
            "members.csv:12:4 national_id=\"*2345\": Số định danh cá nhân phải gồm đúng 12 chữ số "
            "(số trên thẻ căn cước), hoặc để trống; sửa ô này rồi nhập lại");
}

TEST(SurveyErrorsTest, HeaderErrors) {
  std::string households =
      "household_id,commune_code,village_code,survey_date,income_pc_month,house_area_m2,"
      "wall_durable,frame_durable,roof_durable,water_source,toilet_type,uses_telecom,"
      "has_info_device, income_pc_month,\n";
  Outcome out = Load(households, kMemberHeader);
  const std::string h = "households.csv";
  EXPECT_EQ(out.where(),
            (std::vector<Where>{
                {h, 1, 0, "area", ""}, {h, 1, 14, "income_pc_month", ""}, {h, 1, 15, "", ""}}));
  EXPECT_EQ(out.errors[0].message_en,
            "the required column area is missing; the header row must name all of: "
            "household_id, commune_code, area, survey_date, income_pc_month, house_area_m2, "
            "wall_durable, frame_durable, roof_durable, water_source, toilet_type, uses_telecom, "
            "has_info_device (in any order)");
  EXPECT_EQ(FormatInputError(out.errors[0], Lang::kEn).substr(0, 17), "households.csv:1:");
  EXPECT_EQ(out.errors[1].message_en,
            "the column income_pc_month appears twice in the header (columns 5 and 14); delete "
            "one of them and import again");
  EXPECT_NE(out.errors[2].message_vi.find("cột thứ 15 không có tên"), std::string::npos);
}

TEST(SurveyErrorsTest, CrossRecordErrors) {
  std::string households = kHouseholdHeader + HouseholdRow("H1") + HouseholdRow("H2") +
                           HouseholdRow("H3") + HouseholdRow("H1") + HouseholdRow("H4");
  std::string members = kMemberHeader + MemberRow("H1", "1") + MemberRow("H2", "1") +
                        MemberRow("H9", "1") + MemberRow("H2", "2") +
                        MemberRow("H1", "1", "child") + MemberRow("H4", "1", "spouse") +
                        MemberRow("H4", "2", "child");
  Outcome out = Load(households, members);
  const std::string h = "households.csv", m = "members.csv";
  ASSERT_EQ(out.where(), (std::vector<Where>{
                             {h, 4, 1, "household_id", "H3"},
                             {h, 5, 1, "household_id", "H1"},
                             {m, 4, 1, "household_id", "H9"},
                             {m, 5, 7, "relation", "head"},
                             {m, 6, 2, "member_id", "1"},
                             {m, 7, 1, "household_id", "H4"},
                         }));
  EXPECT_EQ(out.errors[0].message_en,
            "household H3 has no members in members.csv; add a row for each of its members (or "
            "delete the household) and import again");
  EXPECT_EQ(out.errors[1].message_en,
            "household ID H1 is already used on line 2; each household needs its own ID; "
            "correct one of the two rows and import again");
  EXPECT_EQ(out.errors[2].message_vi,
            "không có hộ H9 trong tệp households.csv; thêm hộ vào tệp đó hoặc sửa lại mã hộ, rồi "
            "nhập lại");
  EXPECT_EQ(out.errors[3].message_en,
            "household H2 already has a head on line 3; a household has exactly one head; "
            "change the relation of one of the two and import again");
  EXPECT_EQ(out.errors[4].message_en,
            "member ID 1 is already used in household H1 on line 2; each member of a household "
            "needs its own ID; correct one of the two rows and import again");
  EXPECT_EQ(out.errors[5].message_en,
            "household H4 has no head: none of its 2 members (the first on line 7) has "
            "relation=head; mark exactly one member as head and import again");
}

TEST(SurveyErrorsTest, MembersAreNotJoinedToADuplicateHousehold) {
  // The third member follows H2 and reads H1: the next row of households.csv is the duplicate.
  Outcome out = Load(
      kHouseholdHeader + HouseholdRow("H1") + HouseholdRow("H2") + HouseholdRow("H1"),
      kMemberHeader + MemberRow("H2", "1") + MemberRow("H1", "1") + MemberRow("H1", "2", "child"));
  ASSERT_EQ(out.where(), (std::vector<Where>{{"households.csv", 4, 1, "household_id", "H1"}}));
}

TEST(SurveyErrorsTest, MaxErrorsKeepsTheFirstInFileOrder) {
  std::string households = kHouseholdHeader, members = kMemberHeader;
  for (int i = 0; i < 150; ++i) {
    households += HouseholdRow("H" + std::to_string(i), {{6, "-1"}});
    members += MemberRow("H" + std::to_string(i), "1", "head", {{6, "x"}});
  }
  for (int threads : {1, 2, 3}) {
    Outcome out = Load(households, members, 100, threads);
    EXPECT_EQ(out.status.message(), "300 errors in the input; the files were not loaded");
    ASSERT_EQ(out.errors.size(), 100u);
    for (size_t i = 0; i < out.errors.size(); ++i) {
      EXPECT_EQ(out.errors[i].file, "households.csv");
      EXPECT_EQ(out.errors[i].line, i + 2);
    }
  }
  Outcome few = Load(households, members, 0);
  EXPECT_EQ(few.status.message(), "300 errors in the input; the files were not loaded");
  EXPECT_TRUE(few.errors.empty());
}

// 70,000 households: enough for the checks across rows to run on several threads. Every 997th
// household lacks a head, every 1009th has two, every 1013th repeats a member id, every 1019th has
// no members: the same errors, in file order, on any number of threads and with any limit.
TEST(SurveyErrorsTest, ChecksAcrossRowsGiveTheSameErrorsOnAnyThreads) {
  std::string households = kHouseholdHeader, members = kMemberHeader;
  int expected = 0;
  for (int i = 0; i < 70000; ++i) {
    const std::string id = "H" + std::to_string(i);
    households += HouseholdRow(id);
    if (i % 1019 == 0) {
      ++expected;
      continue;
    }
    members += MemberRow(id, "1", i % 997 == 0 ? "spouse" : "head");
    members += MemberRow(id, i % 1013 == 0 ? "1" : "2", i % 1009 == 0 ? "head" : "child");
    expected += (i % 997 == 0) + (i % 1009 == 0) + (i % 1013 == 0);
  }
  const Outcome one = Load(households, members, 1000, 1);
  EXPECT_EQ(one.status.message(),
            std::to_string(expected) + " errors in the input; the files were not loaded");
  ASSERT_EQ(one.errors.size(), static_cast<size_t>(expected));
  const std::vector<Where> all = one.where();
  for (int threads : {2, 3}) {
    const Outcome many = Load(households, members, 1000, threads);
    EXPECT_EQ(many.status.message(), one.status.message()) << threads;
    EXPECT_EQ(many.where(), all) << threads;
    const Outcome few = Load(households, members, 7, threads);
    EXPECT_EQ(few.status.message(), one.status.message()) << threads;
    ASSERT_EQ(few.errors.size(), 7u);
    EXPECT_EQ(few.where(), std::vector<Where>(all.begin(), all.begin() + 7)) << threads;
  }
}

TEST(SurveyErrorsTest, RowWithWrongFieldCountKeepsItsHouseholdForTheJoin) {
  std::string households = kHouseholdHeader + HouseholdRow("H1") + HouseholdRow("H2");
  households.insert(households.size() - 1, ",Thôn 1");
  Outcome out = Load(households, kMemberHeader + MemberRow("H1", "1") + MemberRow("H2", "1"));
  ASSERT_EQ(out.where(), (std::vector<Where>{{"households.csv", 3, 0, "", ""}}));
  EXPECT_EQ(FormatInputError(out.errors[0], Lang::kEn),
            "households.csv:3: this row has 15 cells but the header has 14; look for a missing or "
            "extra comma (a cell that contains a comma must be in quotes) and import again");
}

TEST(SurveyErrorsTest, UnterminatedQuoteStopsTheFileWithoutFollowUpErrors) {
  std::string households =
      kHouseholdHeader + HouseholdRow("H1") + HouseholdRow("H2") + HouseholdRow("H3");
  std::string members = kMemberHeader + MemberRow("H1", "1") +
                        MemberRow("H2", "1", "head", {{3, "\"Nguyễn Văn A"}}) +
                        MemberRow("H3", "1");
  Outcome out = Load(households, members);
  ASSERT_EQ(out.where(), (std::vector<Where>{{"members.csv", 3, 3, "", ""}}));
  EXPECT_NE(out.errors[0].message_en.find("never closed"), std::string::npos);
}

TEST(SurveyErrorsTest, StandardColumnIsCheckedWhenPresent) {
  std::string households = kHouseholdHeader;
  households.insert(households.size() - 1, ",waste_treated");
  households += HouseholdRow("H1");
  households.insert(households.size() - 1, ",");
  Outcome out = Load(households, kMemberHeader + MemberRow("H1", "1"));
  ASSERT_EQ(out.where(), (std::vector<Where>{{"households.csv", 2, 15, "waste_treated", ""}}));
}

TEST(SurveyErrorsTest, EmptyFileAndBadMemberKey) {
  Outcome out = Load("", kMemberHeader + MemberRow("H 1", "1"));
  ASSERT_EQ(out.where(), (std::vector<Where>{{"households.csv", 1, 0, "", ""},
                                             {"members.csv", 2, 1, "household_id", "H 1"}}));
  EXPECT_NE(out.errors[0].message_en.find("the file is empty"), std::string::npos);
  Outcome bad_key = Load(kHouseholdHeader + HouseholdRow("H1"),
                         kMemberHeader + MemberRow("H1", "1") + MemberRow("H 1", "2", "child"));
  ASSERT_EQ(bad_key.where(), (std::vector<Where>{{"members.csv", 3, 1, "household_id", "H 1"}}));
}

TEST(SurveyErrorsTest, PersonalValuesAreMaskedInErrors) {
  std::string members = kMemberHeader + MemberRow("H1", "1", "head", {{3, "Lò Văn \xFFPao"}});
  Outcome out = Load(kHouseholdHeader + HouseholdRow("H1"), members);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].value, "L…");
  EXPECT_EQ(FormatInputError(out.errors[0], Lang::kEn).substr(0, 31),
            "members.csv:2:3 full_name=\"L…");
}

}  // namespace
}  // namespace lnob::ingest
