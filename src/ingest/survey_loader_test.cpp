#include "ingest/survey_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "ingest/survey_test_util.hpp"

namespace lnob::ingest {
namespace {

using core::Level;
using testing::HouseholdRow;
using testing::kHouseholdHeader;
using testing::kMemberHeader;
using testing::MemberRow;
namespace hh = core::hh;
namespace mem = core::mem;

core::Survey LoadOk(std::string households, std::string members, int threads = 1) {
  LoadOptions options;
  options.threads = threads;
  std::vector<InputError> errors;
  auto s = LoadSurveyFromText(std::move(households), std::move(members), options, &errors);
  EXPECT_TRUE(s.ok()) << s.status().ToString() << "\n"
                      << (errors.empty() ? "" : FormatInputError(errors[0], Lang::kEn));
  return s.ok() ? std::move(s).value() : core::Survey{};
}

std::vector<std::string> Strings(const core::Table& t, int field) {
  const auto& v = t.Column(field).strings;
  return {v.begin(), v.end()};
}

// Reverses the order of the columns of a CSV without quotes.
std::string ReverseColumns(const std::string& csv) {
  std::string out;
  size_t start = 0;
  while (start < csv.size()) {
    size_t end = csv.find('\n', start);
    std::string line = csv.substr(start, end - start);
    std::vector<std::string> cells;
    size_t a = 0;
    while (true) {
      size_t b = line.find(',', a);
      cells.push_back(line.substr(a, b == std::string::npos ? std::string::npos : b - a));
      if (b == std::string::npos) break;
      a = b + 1;
    }
    out += testing::JoinRow({cells.rbegin(), cells.rend()});
    start = end + 1;
  }
  return out;
}

TEST(SurveyLoaderTest, LoadsValidFilesIntoColumns) {
  core::Survey s = LoadOk(kHouseholdHeader + HouseholdRow("H1") +
                              HouseholdRow("H2", {{4, "urban"}, {6, "0"}, {7, "12"}}),
                          kMemberHeader + MemberRow("H1", "1") +
                              MemberRow("H1", "2", "spouse", {{5, "1990"}, {6, "female"}}) +
                              MemberRow("H2", "1"));
  ASSERT_EQ(s.household_count(), 2u);
  ASSERT_EQ(s.member_count(), 3u);
  EXPECT_EQ(s.household_id(1), "H2");
  EXPECT_EQ(s.households.Column(hh::kArea).i8, (std::vector<int8_t>{0, 1}));
  EXPECT_EQ(s.households.Column(hh::kIncome).i64, (std::vector<int64_t>{1500000, 0}));
  EXPECT_EQ(s.households.Column(hh::kSurveyDate).i32, (std::vector<int32_t>{20241001, 20241001}));
  EXPECT_EQ(s.households.Column(6).reals, (std::vector<double>{35.5, 12}));
  EXPECT_TRUE(s.households.Column(hh::kVillageCode).present);
  EXPECT_EQ(Strings(s.households, hh::kVillageCode), (std::vector<std::string>{"", ""}));
  int waste = core::FieldIndex(Level::kHousehold, "waste_treated");
  EXPECT_FALSE(s.households.Column(waste).present);
  EXPECT_TRUE(s.households.Column(waste).i8.empty());
  EXPECT_EQ(s.members.Column(mem::kBirthDate).i32,
            (std::vector<int32_t>{19870520, 19900000, 19870520}));
  EXPECT_EQ(s.members.Column(mem::kSex).i8, (std::vector<int8_t>{0, 1, 0}));
  EXPECT_EQ(s.members.Column(mem::kRelation).i8, (std::vector<int8_t>{0, 1, 0}));
  EXPECT_EQ(Strings(s.members, mem::kFullName)[0], "Nguyễn Văn A");
  EXPECT_EQ(Strings(s.members, mem::kNationalId)[0], "001087012345");
  EXPECT_EQ(s.member_begin, (std::vector<uint32_t>{0, 2, 3}));
  EXPECT_EQ(s.member_household, (std::vector<uint32_t>{0, 0, 1}));
  EXPECT_EQ(s.households.source_line, (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(s.members.source_line, (std::vector<uint32_t>{2, 3, 4}));
  EXPECT_EQ(s.households_source, "households.csv");
  EXPECT_EQ(s.members_source, "members.csv");
  EXPECT_FALSE(s.storage.empty());
}

TEST(SurveyLoaderTest, AnyColumnOrderGivesTheSameSurvey) {
  std::string households = kHouseholdHeader + HouseholdRow("H1") + HouseholdRow("H2");
  std::string members = kMemberHeader + MemberRow("H1", "1") + MemberRow("H2", "1") +
                        MemberRow("H2", "2", "child", {{12, "primary"}});
  core::Survey a = LoadOk(households, members);
  core::Survey b = LoadOk(ReverseColumns(households), ReverseColumns(members));
  for (int f = 0; f < static_cast<int>(a.households.columns.size()); ++f) {
    EXPECT_EQ(a.households.Column(f).i64, b.households.Column(f).i64) << f;
    EXPECT_EQ(a.households.Column(f).i32, b.households.Column(f).i32) << f;
    EXPECT_EQ(a.households.Column(f).i8, b.households.Column(f).i8) << f;
    EXPECT_EQ(a.households.Column(f).reals, b.households.Column(f).reals) << f;
    EXPECT_EQ(Strings(a.households, f), Strings(b.households, f)) << f;
  }
  for (int f = 0; f < static_cast<int>(a.members.columns.size()); ++f) {
    EXPECT_EQ(a.members.Column(f).i64, b.members.Column(f).i64) << f;
    EXPECT_EQ(a.members.Column(f).i32, b.members.Column(f).i32) << f;
    EXPECT_EQ(a.members.Column(f).i8, b.members.Column(f).i8) << f;
    EXPECT_EQ(Strings(a.members, f), Strings(b.members, f)) << f;
  }
}

TEST(SurveyLoaderTest, UnknownColumnsAreKeptAndHeaderNamesTrimmed) {
  std::string households = kHouseholdHeader;
  households.replace(households.find("area"), 4, " area ");
  households.insert(households.size() - 1, ",address");
  households += HouseholdRow("H1");
  households.insert(households.size() - 1, ",\"Thôn Bản Phố, xã Mường Lát\"");
  std::string members = kMemberHeader;
  members.insert(members.size() - 1, ",phone");
  members += MemberRow("H1", "1");
  members.insert(members.size() - 1, ",0912345678");
  core::Survey s = LoadOk(households, members);
  ASSERT_EQ(s.households.extras.size(), 1u);
  EXPECT_EQ(s.households.extras[0].name, "address");
  ASSERT_EQ(s.households.extras[0].values.size(), 1u);
  EXPECT_EQ(s.households.extras[0].values[0], "Thôn Bản Phố, xã Mường Lát");
  EXPECT_TRUE(s.households.Column(hh::kArea).present);
  ASSERT_EQ(s.members.extras.size(), 1u);
  EXPECT_EQ(s.members.extras[0].name, "phone");
  EXPECT_EQ(s.members.extras[0].values[0], "0912345678");
}

TEST(SurveyLoaderTest, CrlfBomAndQuotedNames) {
  std::string households = "\xEF\xBB\xBF" + kHouseholdHeader + HouseholdRow("H1");
  std::string members =
      kMemberHeader + MemberRow("H1", "1", "head", {{3, "\"Nguyễn Văn \"\"Tí\"\", con\""}}) +
      MemberRow("H1", "2", "child", {{3, "\"Lò Thị\nMai\""}}) + MemberRow("H1", "3", "child");
  for (std::string* text : {&households, &members}) {
    for (size_t at = text->find('\n'); at != std::string::npos; at = text->find('\n', at + 2)) {
      text->insert(at, "\r");
    }
  }
  core::Survey s = LoadOk(households, members);
  ASSERT_EQ(s.member_count(), 3u);
  EXPECT_EQ(Strings(s.members, mem::kFullName),
            (std::vector<std::string>{"Nguyễn Văn \"Tí\", con", "Lò Thị\r\nMai", "Nguyễn Văn A"}));
  EXPECT_EQ(s.members.source_line, (std::vector<uint32_t>{2, 3, 5}));
  EXPECT_EQ(s.household_id(0), "H1");
}

TEST(SurveyLoaderTest, GroupsUnsortedMembersByHousehold) {
  core::Survey s = LoadOk(
      kHouseholdHeader + HouseholdRow("H1") + HouseholdRow("H2") + HouseholdRow("H3"),
      kMemberHeader + MemberRow("H2", "a") + MemberRow("H1", "b") + MemberRow("H2", "c", "child") +
          MemberRow("H1", "d", "spouse") + MemberRow("H3", "e"));
  EXPECT_EQ(s.member_begin, (std::vector<uint32_t>{0, 2, 4, 5}));
  EXPECT_EQ(s.member_household, (std::vector<uint32_t>{0, 0, 1, 1, 2}));
  EXPECT_EQ(s.members.source_line, (std::vector<uint32_t>{3, 5, 2, 4, 6}));
  EXPECT_EQ(Strings(s.members, mem::kMemberId),
            (std::vector<std::string>{"b", "d", "a", "c", "e"}));
  EXPECT_EQ(s.members.Column(mem::kRelation).i8, (std::vector<int8_t>{0, 1, 0, 2, 0}));
}

TEST(SurveyLoaderTest, NamesAreNfcNormalised) {
  const std::string decomposed = "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Ha\xCC\x80";
  std::string households = kHouseholdHeader;
  households.insert(households.size() - 1, ",note");
  households += HouseholdRow("H1");
  households.insert(households.size() - 1, "," + decomposed);
  core::Survey s =
      LoadOk(households, kMemberHeader + MemberRow("H1", "1", "head", {{3, decomposed}}));
  EXPECT_EQ(s.members.Column(mem::kFullName).strings[0], "Nguyễn Thị Hà");
  EXPECT_EQ(s.households.extras[0].values[0], "Nguyễn Thị Hà");
}

// A survey with quoted line breaks everywhere, so that chunk boundaries fall next to them.
// `shuffled`: the members out of household order (most are joined by JoinMembers).
void BigInput(std::string* households, std::string* members, bool with_errors,
              bool shuffled = false) {
  std::mt19937 rng(3);
  std::vector<std::string> member_rows;
  *households = kHouseholdHeader;
  households->insert(households->size() - 1, ",address");
  *members = kMemberHeader;
  for (int h = 0; h < 1500; ++h) {
    std::string id = "H" + std::to_string(h);
    std::string income = std::to_string(rng() % 5000000);
    if (with_errors && h % 97 == 5) income = "1.000";
    std::string row = HouseholdRow(id, {{6, income}});
    row.insert(row.size() - 1, rng() % 3 ? ",\"Thôn 1,\nxã \"\"2\"\"\"" : ",plain");
    *households += row;
    int n = 1 + static_cast<int>(rng() % 5);
    for (int m = 0; m < n; ++m) {
      std::string name = rng() % 2 ? "\"Lò Văn\n\"\"Pao\"\"\"" : "Giàng A Dính";
      std::string relation = m == 0 ? "head" : "child";
      if (with_errors && h % 89 == 7) relation = "child";
      member_rows.push_back(MemberRow(id, std::to_string(m), relation, {{3, name}}));
    }
  }
  if (shuffled) std::shuffle(member_rows.begin(), member_rows.end(), rng);
  for (const std::string& row : member_rows) *members += row;
  if (with_errors) *members += MemberRow("H99999", "1") + "H7,9\n" + MemberRow("H8", "9");
}

void ExpectSameSurvey(const core::Survey& a, const core::Survey& b) {
  ASSERT_EQ(a.household_count(), b.household_count());
  ASSERT_EQ(a.member_count(), b.member_count());
  auto same_table = [](const core::Table& x, const core::Table& y) {
    EXPECT_EQ(x.source_line, y.source_line);
    for (size_t f = 0; f < x.columns.size(); ++f) {
      EXPECT_EQ(x.columns[f].present, y.columns[f].present);
      EXPECT_EQ(x.columns[f].i64, y.columns[f].i64);
      EXPECT_EQ(x.columns[f].i32, y.columns[f].i32);
      EXPECT_EQ(x.columns[f].i8, y.columns[f].i8);
      EXPECT_EQ(x.columns[f].reals, y.columns[f].reals);
      EXPECT_EQ(x.columns[f].strings, y.columns[f].strings);  // compares the texts
    }
    ASSERT_EQ(x.extras.size(), y.extras.size());
    for (size_t e = 0; e < x.extras.size(); ++e) EXPECT_EQ(x.extras[e].values, y.extras[e].values);
  };
  same_table(a.households, b.households);
  same_table(a.members, b.members);
  EXPECT_EQ(a.member_begin, b.member_begin);
  EXPECT_EQ(a.member_household, b.member_household);
}

TEST(SurveyLoaderTest, ThreadsGiveTheSameResultAsOneThread) {
  std::string households, members;
  BigInput(&households, &members, false);
  core::Survey one = LoadOk(households, members, 1);
  ASSERT_EQ(one.household_count(), 1500u);
  EXPECT_EQ(one.households.extras[0].values[0].find('\n') != std::string_view::npos ||
                one.households.extras[0].values[0] == "plain",
            true);
  for (int threads : {2, 3, 4, 7, 16}) {
    SCOPED_TRACE(threads);
    ExpectSameSurvey(one, LoadOk(households, members, threads));
  }
}

TEST(SurveyLoaderTest, ThreadsGiveTheSameErrorsAsOneThread) {
  std::string households, members;
  BigInput(&households, &members, true);
  auto run = [&](int threads) {
    LoadOptions options;
    options.threads = threads;
    options.max_errors = 1000;
    std::vector<InputError> errors;
    auto s = LoadSurveyFromText(households, members, options, &errors);
    EXPECT_FALSE(s.ok());
    std::vector<std::string> lines;
    for (const auto& e : errors) lines.push_back(FormatInputError(e, Lang::kVi));
    return lines;
  };
  std::vector<std::string> one = run(1);
  EXPECT_GT(one.size(), 30u);
  for (int threads : {2, 3, 5, 8}) EXPECT_EQ(run(threads), one) << threads;
}

// Blocks of a few bytes cut records everywhere: in quoted line breaks, in "" pairs, in multi-byte
// letters, between CR and LF, in empty lines at the end, in the header.
TEST(SurveyLoaderTest, TinyBlocksGiveTheSameSurveyAndErrors) {
  std::string households, members;
  BigInput(&households, &members, false);
  auto crlf = [](std::string s) {
    std::string out;
    for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
  };
  struct Case {
    std::string households, members;
  };
  std::vector<Case> cases = {{households, members},
                             {crlf(households), crlf(members) + "\r\n\r\n"},
                             {households + "\n\n", members + "\n"}};
  for (const Case& c : cases) {
    core::Survey whole = LoadOk(c.households, c.members, 1);
    for (size_t block : {size_t{1}, size_t{2}, size_t{7}, size_t{64}, size_t{1000}}) {
      for (int threads : {1, 3}) {
        SCOPED_TRACE(std::to_string(block) + " bytes, " + std::to_string(threads) + " threads");
        LoadOptions options;
        options.threads = threads;
        options.block_size = block;
        auto s = LoadSurveyFromText(c.households, c.members, options, nullptr);
        ASSERT_TRUE(s.ok()) << s.status().ToString();
        ExpectSameSurvey(whole, *s);
      }
    }
  }
  BigInput(&households, &members, true);
  auto errors = [&](size_t block, int threads) {
    LoadOptions options;
    options.threads = threads;
    options.block_size = block;
    options.max_errors = 1000;
    std::vector<InputError> found;
    EXPECT_FALSE(LoadSurveyFromText(households, members, options, &found).ok());
    std::vector<std::string> lines;
    for (const auto& e : found) lines.push_back(FormatInputError(e, Lang::kEn));
    return lines;
  };
  const std::vector<std::string> one = errors(size_t{1} << 20, 1);
  EXPECT_GT(one.size(), 30u);
  for (size_t block : {size_t{3}, size_t{50}, size_t{4096}}) {
    EXPECT_EQ(errors(block, 2), one) << block;
  }
}

TEST(SurveyLoaderTest, ReportsProgressUpToTheTotal) {
  std::string households = kHouseholdHeader + HouseholdRow("H1");
  std::string members = kMemberHeader + MemberRow("H1", "1");
  const uint64_t total = households.size() + members.size();
  LoadOptions options;
  std::vector<std::pair<uint64_t, uint64_t>> calls;
  options.progress = [&](uint64_t done, uint64_t all) { calls.emplace_back(done, all); };
  auto s = LoadSurveyFromText(households, members, options, nullptr);
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), std::make_pair(total, total));
}

TEST(SurveyLoaderTest, LoadsFilesAndNamesThemInMessages) {
  std::string dir = ::testing::TempDir();
  std::string hh_path = dir + "/hh_2024.csv", mem_path = dir + "/mem_2024.csv";
  std::ofstream(hh_path) << kHouseholdHeader << HouseholdRow("H1", {{6, "-5"}});
  std::ofstream(mem_path) << kMemberHeader << MemberRow("H1", "1");
  std::vector<InputError> errors;
  auto s = LoadSurvey(hh_path, mem_path, LoadOptions{}, &errors);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "1 error in the input; the files were not loaded");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(FormatInputError(errors[0], Lang::kEn).substr(0, 35),
            "hh_2024.csv:2:6 income_pc_month=\"-5");
  std::ofstream(hh_path) << kHouseholdHeader << HouseholdRow("H1");
  EXPECT_TRUE(LoadSurvey(hh_path, mem_path, LoadOptions{}, &errors).ok());
  auto missing = LoadSurvey(dir + "/nope.csv", mem_path, LoadOptions{}, &errors);
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(errors.empty());
}

// Files are read a block at a time (pread): the same survey as from the same text in memory.
TEST(SurveyLoaderTest, FilesReadInBlocksGiveTheSameSurveyAsTexts) {
  std::string households, members;
  BigInput(&households, &members, true);
  households += "\n";
  std::string dir = ::testing::TempDir() + "/blocks";
  std::filesystem::create_directories(dir);
  std::string hh_path = dir + "/households.csv", mem_path = dir + "/members.csv";
  std::ofstream(hh_path, std::ios::binary) << households;
  std::ofstream(mem_path, std::ios::binary) << members;
  auto errors = [](const std::vector<InputError>& found) {
    std::vector<std::string> lines;
    for (const auto& e : found) lines.push_back(FormatInputError(e, Lang::kEn));
    return lines;
  };
  LoadOptions options;
  options.max_errors = 1000;
  std::vector<InputError> from_text, from_files;
  EXPECT_FALSE(LoadSurveyFromText(households, members, options, &from_text).ok());
  options.block_size = 100;
  options.threads = 3;
  EXPECT_FALSE(LoadSurvey(hh_path, mem_path, options, &from_files).ok());
  EXPECT_GT(from_text.size(), 30u);
  EXPECT_EQ(errors(from_files), errors(from_text));

  BigInput(&households, &members, false);
  std::ofstream(hh_path, std::ios::binary) << households;
  std::ofstream(mem_path, std::ios::binary) << members;
  auto files = LoadSurvey(hh_path, mem_path, options, nullptr);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ExpectSameSurvey(LoadOk(households, members, 1), *files);
}

// Issue 2: `lnob classify` loads without text (names, citizen IDs, place codes, unknown columns)
// but the household and member ids, nor the members' household_id column (the join is kept);
// everything else, and every error, is as without the option.
TEST(SurveyLoaderTest, ClassifyOnlyDropsPersonalTextAndKeepsTheRest) {
  std::string dir = ::testing::TempDir();
  std::string hh_path = dir + "/hh_lean.csv", mem_path = dir + "/mem_lean.csv";
  for (int variant = 0; variant < 4; ++variant) {
    const bool with_errors = variant & 1, shuffled = variant & 2;
    SCOPED_TRACE(variant);
    std::string households, members;
    BigInput(&households, &members, with_errors, shuffled);
    std::ofstream(hh_path, std::ios::trunc) << households;
    std::ofstream(mem_path, std::ios::trunc) << members;
    LoadOptions options;
    options.max_errors = 1000;
    std::vector<InputError> full_errors, lean_errors;
    auto full = LoadSurvey(hh_path, mem_path, options, &full_errors);
    options.classify_only = true;
    auto lean = LoadSurvey(hh_path, mem_path, options, &lean_errors);
    ASSERT_EQ(full.ok(), !with_errors);
    ASSERT_EQ(lean.ok(), !with_errors);
    std::vector<std::string> a, b;
    for (const auto& e : full_errors) a.push_back(FormatInputError(e, Lang::kEn));
    for (const auto& e : lean_errors) b.push_back(FormatInputError(e, Lang::kEn));
    EXPECT_EQ(a, b);
    if (with_errors) continue;
    const int ethnicity = core::FieldIndex(Level::kMember, "ethnicity");
    for (int f : {static_cast<int>(mem::kFullName), static_cast<int>(mem::kNationalId), ethnicity,
                  static_cast<int>(mem::kHouseholdId)}) {
      EXPECT_FALSE(lean->members.Column(f).present) << f;
      EXPECT_TRUE(lean->members.Column(f).strings.empty()) << f;
      full->members.Column(f) = core::FieldColumn{};
    }
    for (int f : {static_cast<int>(hh::kCommuneCode), static_cast<int>(hh::kVillageCode)}) {
      EXPECT_TRUE(full->households.Column(f).present) << f;
      EXPECT_FALSE(lean->households.Column(f).present) << f;
      EXPECT_TRUE(lean->households.Column(f).strings.empty()) << f;
      full->households.Column(f) = core::FieldColumn{};
    }
    EXPECT_EQ(full->households.extras.size(), 1u);  // "address"
    EXPECT_TRUE(lean->households.extras.empty());
    full->households.extras.clear();
    EXPECT_TRUE(lean->households.Column(hh::kHouseholdId).present);
    EXPECT_TRUE(lean->members.Column(mem::kMemberId).present);
    ExpectSameSurvey(*full, *lean);
  }
}

TEST(SurveyLoaderTest, FormatsErrorsWithMaskedPersonalValues) {
  InputError e{"households.csv", 12, 6, "income_pc_month", "-5", "income is wrong", "thu nhập sai"};
  EXPECT_EQ(FormatInputError(e, Lang::kEn),
            "households.csv:12:6 income_pc_month=\"-5\": income is wrong");
  EXPECT_EQ(FormatInputError(e, Lang::kVi),
            "households.csv:12:6 income_pc_month=\"-5\": thu nhập sai");
  e.column_name = "national_id";
  e.value = "001087012345";
  EXPECT_EQ(FormatInputError(e, Lang::kEn),
            "households.csv:12:6 national_id=\"********2345\": income is wrong");
  e.column_name = "full_name";
  e.value = "Nguyễn Văn A";
  EXPECT_EQ(FormatInputError(e, Lang::kEn),
            "households.csv:12:6 full_name=\"N…\": income is wrong");
  e.column_name = "note";
  e.value = std::string(45, 'x') + "\"";
  EXPECT_EQ(FormatInputError(e, Lang::kEn),
            "households.csv:12:6 note=\"" + std::string(40, 'x') + "…\": income is wrong");
  e.value = "a\"b\nc";
  EXPECT_EQ(FormatInputError(e, Lang::kEn),
            "households.csv:12:6 note=\"a\\\"b\\nc\": income is wrong");
  e.column = 0;
  EXPECT_EQ(FormatInputError(e, Lang::kEn), "households.csv:12: income is wrong");
}

}  // namespace
}  // namespace lnob::ingest
