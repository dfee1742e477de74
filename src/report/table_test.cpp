#include "report/table.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace lnob::report {
namespace {

namespace fs = std::filesystem;

// A commune table with every cell kind, diacritics, a comma and quotes, empty cells and the
// rounding edge cases; rendered into tests/golden/report/.
Table SampleTable() {
  Table t{"rates_by_commune", "Tỷ lệ hộ nghèo theo xã, 2024", "Poverty rate by commune, 2024"};
  t.columns = {
      {"unit_code", "Mã", "Code", CellKind::kText},
      {"unit_name", "Tên xã", "Commune", CellKind::kText},
      {"households", "Số hộ", "Households", CellKind::kInt},
      {"poor_rate", "Tỷ lệ nghèo (%)", "Poverty rate (%)", CellKind::kPercent},
      {"change", "Thay đổi (điểm %)", "Change (points)", CellKind::kPoints},
      {"income", "Thu nhập bình quân (đ)", "Mean income (VND)", CellKind::kMoney},
      {"m0", "M0", "M0", CellKind::kReal},
      {"surveyed_on", "Ngày điều tra", "Surveyed on", CellKind::kDate},
  };
  t.rows = {
      {Cell::Text("02788"), Cell::Text("Xã Lũng Cú"), Cell::Int(1250), Cell::Percent(51.2),
       Cell::Points(-13.255), Cell::Money(1500000), Cell::Real(1.0 / 3),
       Cell::DateCell({20241231})},
      {Cell::Text("02791"), Cell::Text("Thị trấn Mèo Vạc"), Cell::Int(408500),
       Cell::Percent(15.325), Cell::Points(4.42), Cell::Money(2750000), Cell::Real(0.1),
       Cell::DateCell({20240105})},
      {Cell::Text("02794"), Cell::Text("Xã Sơn Vĩ, \"mới\""), Cell::Int(980),
       Cell::Empty(CellKind::kPercent), Cell::Points(0.005), Cell::Money(0),
       Cell::Empty(CellKind::kReal), Cell::Empty(CellKind::kDate)},
      {Cell::Text("02797"), Cell::Text("Xã Pải Lủng"), Cell::Int(0), Cell::Percent(100),
       Cell::Points(-0.001), Cell::Money(-12000), Cell::Real(0), Cell::DateCell({20200229})},
  };
  t.note_vi = "Nguồn: rà soát hộ nghèo 2024. Điểm % = điểm phần trăm.";
  t.note_en = "Source: 2024 poverty review. Points = percentage points.";
  return t;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Compares `actual` with tests/golden/report/<name>. On a difference, writes `actual` to the
// test temp directory and fails naming both files, ready for `diff -u`.
void ExpectGolden(const std::string& name, const std::string& actual) {
  fs::path golden = fs::path(LNOB_SOURCE_DIR) / "tests/golden/report" / name;
  std::string expected = ReadAll(golden);
  if (expected == actual) return;
  fs::path out = fs::path(::testing::TempDir()) / ("actual_" + name);
  std::ofstream(out, std::ios::binary) << actual;
  std::istringstream e(expected), a(actual);
  std::string el, al;
  int line = 1;
  while (std::getline(e, el) && std::getline(a, al) && el == al) ++line;
  ADD_FAILURE() << "output differs from the golden file (first difference at line " << line
                << ")\n  diff -u " << golden.string() << " " << out.string()
                << "\nIf the new output is right, copy it over the golden file.";
}

TEST(TableGolden, EveryTextFormatInBothLanguages) {
  Table t = SampleTable();
  ExpectGolden("sample_vi.txt", RenderText(t, Lang::kVi));
  ExpectGolden("sample_en.txt", RenderText(t, Lang::kEn));
  ExpectGolden("sample_vi.md", RenderMarkdown(t, Lang::kVi));
  ExpectGolden("sample_en.md", RenderMarkdown(t, Lang::kEn));
  ExpectGolden("sample.csv", RenderCsv(t));
  ExpectGolden("sample.json", RenderJson(t));
}

TEST(TableFormat, RoundsHalfAwayFromZero) {
  auto pct = [](double v) { return FormatCell(Cell::Percent(v), Lang::kEn); };
  EXPECT_EQ(pct(0.005), "0.01");
  EXPECT_EQ(pct(15.325), "15.33");  // stored as 15.32499999999999929
  EXPECT_EQ(pct(15.3265), "15.33");
  EXPECT_EQ(pct(1.005), "1.01");
  EXPECT_EQ(pct(2.675), "2.68");
  EXPECT_EQ(pct(0.0049), "0.00");
  EXPECT_EQ(pct(100), "100.00");
  EXPECT_EQ(pct(-0.001), "0.00");  // no negative zero
  EXPECT_EQ(FormatCell(Cell::Points(-13.255), Lang::kEn), "-13.26");
  EXPECT_EQ(FormatCell(Cell::Points(-0.005), Lang::kEn), "-0.01");
  EXPECT_EQ(FormatCell(Cell::Real(0.00005), Lang::kEn), "0.0001");
  EXPECT_EQ(FormatCell(Cell::Real(1.0 / 3), Lang::kEn), "0.3333");
}

TEST(TableFormat, EachKindInBothLanguages) {
  EXPECT_EQ(FormatCell(Cell::Int(408500), Lang::kVi), "408.500");
  EXPECT_EQ(FormatCell(Cell::Int(408500), Lang::kEn), "408,500");
  EXPECT_EQ(FormatCell(Cell::Money(1500000), Lang::kVi), "1.500.000");
  EXPECT_EQ(FormatCell(Cell::Money(-1500000), Lang::kEn), "-1,500,000");
  EXPECT_EQ(FormatCell(Cell::Percent(15.3265), Lang::kVi), "15,33");
  EXPECT_EQ(FormatCell(Cell::Points(-13.255), Lang::kVi), "-13,26");
  EXPECT_EQ(FormatCell(Cell::Points(4.42), Lang::kVi), "4,42");  // no '+'
  EXPECT_EQ(FormatCell(Cell::Real(0.3333), Lang::kVi), "0,3333");
  EXPECT_EQ(FormatCell(Cell::DateCell({20241231}), Lang::kVi), "31/12/2024");
  EXPECT_EQ(FormatCell(Cell::DateCell({20241231}), Lang::kEn), "2024-12-31");
  EXPECT_EQ(FormatCell(Cell::Text("Nguyễn Văn A"), Lang::kEn), "Nguyễn Văn A");
  EXPECT_EQ(FormatCell(Cell::Empty(CellKind::kInt), Lang::kVi), "");
  EXPECT_EQ(FormatCell(Cell::Percent(std::numeric_limits<double>::quiet_NaN()), Lang::kVi), "");
}

Table RatesTable() {
  Table t{"rates", "Tỷ lệ hộ nghèo", "Poverty rates"};
  t.columns = {{"unit_code", "Mã", "Code", CellKind::kText},
               {"households", "Số hộ", "Households", CellKind::kInt},
               {"poor_rate", "Tỷ lệ nghèo (%)", "Poverty rate (%)", CellKind::kPercent}};
  t.rows.push_back({Cell::Text("08"), Cell::Int(408500), Cell::Percent(15.3265)});
  t.rows.push_back({Cell::Text("Đồng Văn"), Cell::Int(12), Cell::Percent(7)});
  return t;
}

TEST(TableText, AlignsVietnameseByCharactersNotBytes) {
  EXPECT_EQ(RenderText(RatesTable(), Lang::kVi),
            "Tỷ lệ hộ nghèo\n"
            "\n"
            "Mã          Số hộ  Tỷ lệ nghèo (%)\n"
            "08        408.500            15,33\n"
            "Đồng Văn       12             7,00\n");
  EXPECT_EQ(RenderText(RatesTable(), Lang::kEn),
            "Poverty rates\n"
            "\n"
            "Code      Households  Poverty rate (%)\n"
            "08           408,500             15.33\n"
            "Đồng Văn          12              7.00\n");
}

TEST(TableText, HeaderExampleIsTrue) {
  Table t = RatesTable();
  t.rows.pop_back();
  EXPECT_EQ(RenderText(t, Lang::kVi),
            "Tỷ lệ hộ nghèo\n\nMã    Số hộ  Tỷ lệ nghèo (%)\n08  408.500            15,33\n");
  EXPECT_EQ(RenderJson(t), R"([{"unit_code":"08","households":408500,"poor_rate":15.33}])");
}

TEST(TableText, DecomposedDiacriticsAlignLikeComposed) {
  Table t{"t", "", ""};
  t.columns = {{"name", "Tên", "Name", CellKind::kText}, {"n", "Số", "N", CellKind::kInt}};
  t.rows = {{Cell::Text("Lu\xCC\x83ng"), Cell::Int(1)},  // "Lũng" with U+0303 combining tilde
            {Cell::Text("Lũng"), Cell::Int(2)}};
  EXPECT_EQ(RenderText(t, Lang::kVi), "Tên   Số\nLu\xCC\x83ng   1\nLũng   2\n");
}

TEST(TableCsv, QuotesOnlyWhatNeedsQuoting) {
  Table t{"t", "", ""};
  t.columns = {{"a", "", "", CellKind::kText}, {"b", "", "", CellKind::kText}};
  t.rows = {{Cell::Text("Xã A, huyện B"), Cell::Text("say \"hi\"")},
            {Cell::Text("two\nlines"), Cell::Text("plain")},
            {Cell::Empty(CellKind::kText), Cell::Text("Đồng Văn")}};
  EXPECT_EQ(RenderCsv(t),
            "a,b\n\"Xã A, huyện B\",\"say \"\"hi\"\"\"\n\"two\nlines\",plain\n,Đồng Văn\n");
  EXPECT_EQ(RenderCsv(RatesTable()),
            "unit_code,households,poor_rate\n08,408500,15.33\nĐồng Văn,12,7.00\n");
}

TEST(TableJson, EscapesAndWritesNullForEmpty) {
  Table t{"t", "", ""};
  t.columns = {{"name", "", "", CellKind::kText},
               {"n", "", "", CellKind::kInt},
               {"rate", "", "", CellKind::kPercent},
               {"on", "", "", CellKind::kDate}};
  t.rows = {{Cell::Text("Nguyễn \"Tí\"\\\n\t\x01"), Cell::Empty(CellKind::kInt),
             Cell::Percent(-13.255), Cell::DateCell({20241231})},
            {Cell::Empty(CellKind::kText), Cell::Int(-5),
             Cell::Percent(std::numeric_limits<double>::infinity()), Cell::Empty(CellKind::kDate)}};
  EXPECT_EQ(RenderJson(t),
            "[{\"name\":\"Nguyễn \\\"Tí\\\"\\\\\\n\\t\\u0001\",\"n\":null,\"rate\":-13.26,"
            "\"on\":\"2024-12-31\"},{\"name\":null,\"n\":-5,\"rate\":null,\"on\":null}]");
  EXPECT_EQ(RenderJson(Table{}), "[]");
}

TEST(TableMarkdown, RightAlignsNumbersAndEscapesPipes) {
  Table t = RatesTable();
  t.rows[1][0] = Cell::Text("a|b");
  t.note_en = "Rates *per* 100";
  EXPECT_EQ(RenderMarkdown(t, Lang::kEn),
            "### Poverty rates\n"
            "\n"
            "| Code | Households | Poverty rate (%) |\n"
            "| ---- | ---------: | ---------------: |\n"
            "| 08   |    408,500 |            15.33 |\n"
            "| a\\|b |         12 |             7.00 |\n"
            "\n"
            "*Rates \\*per\\* 100*\n");
}

// Runs a shell command; returns its standard output, or "<exit N>" when it fails.
std::string Run(const std::string& cmd) {
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return "<popen failed>";
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  return rc == 0 ? out : "<exit " + std::to_string(rc) + ">";
}

std::string Unzip(const fs::path& xlsx, const std::string& member) {
  return Run("unzip -p '" + xlsx.string() + "' " + member);
}

// An empty directory of its own for one test, removed with everything in it at the end.
struct ScratchDir {
  explicit ScratchDir(const std::string& name)
      : path(fs::path(::testing::TempDir()) / (name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() { fs::remove_all(path); }
  fs::path path;
};

TEST(TableXlsx, WritesNumbersAsNumbersAndLabelsAsStrings) {
  ScratchDir scratch("table_xlsx");
  const fs::path& dir = scratch.path;
  fs::path file = dir / "report.xlsx";
  ASSERT_TRUE(WriteXlsx({RatesTable(), SampleTable()}, file.string(), Lang::kVi).ok());
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // no temp

  std::string sheet1 = Unzip(file, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet1.find("<v>408500</v>"), std::string::npos) << sheet1;
  EXPECT_NE(sheet1.find("<v>15.33</v>"), std::string::npos) << sheet1;  // rounded like the CSV
  EXPECT_NE(sheet1.find("<v>7</v>"), std::string::npos) << sheet1;
  std::string sheet2 = Unzip(file, "xl/worksheets/sheet2.xml");
  EXPECT_NE(sheet2.find("<v>-13.26</v>"), std::string::npos) << sheet2;
  EXPECT_NE(sheet2.find("<v>0.3333</v>"), std::string::npos) << sheet2;
  EXPECT_NE(sheet2.find("<v>1500000</v>"), std::string::npos) << sheet2;
  EXPECT_NE(sheet2.find("<v>45657</v>"), std::string::npos) << sheet2;  // 31/12/2024 as a date
  EXPECT_NE(sheet2.find("<v>43890</v>"), std::string::npos) << sheet2;  // 29/02/2020

  std::string strings = Unzip(file, "xl/sharedStrings.xml");
  for (const char* s :
       {"Tỷ lệ hộ nghèo", "Mã", "Số hộ", "Tỷ lệ nghèo (%)", "Đồng Văn", "Thị trấn Mèo Vạc",
        "Xã Sơn Vĩ, \"mới\"", "Nguồn: rà soát hộ nghèo 2024. Điểm % = điểm phần trăm."}) {
    EXPECT_NE(strings.find(s), std::string::npos) << s << " not in " << strings;
  }
  std::string styles = Unzip(file, "xl/styles.xml");
  for (const char* f : {"#,##0", "0.00", "0.0000", "dd/mm/yyyy"}) {
    EXPECT_NE(styles.find(f), std::string::npos) << f;
  }
  EXPECT_NE(styles.find("<b/>"), std::string::npos);  // bold header
}

TEST(TableXlsx, EnglishLabelsAndSameBytesEachTime) {
  ScratchDir scratch("table_xlsx_en");
  const fs::path& dir = scratch.path;
  ASSERT_TRUE(WriteXlsx({SampleTable()}, (dir / "a.xlsx").string(), Lang::kEn).ok());
  ASSERT_TRUE(WriteXlsx({SampleTable()}, (dir / "b.xlsx").string(), Lang::kEn).ok());
  std::string strings = Unzip(dir / "a.xlsx", "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Poverty rate by commune, 2024"), std::string::npos) << strings;
  EXPECT_NE(strings.find("Mean income (VND)"), std::string::npos) << strings;
  EXPECT_EQ(ReadAll(dir / "a.xlsx"), ReadAll(dir / "b.xlsx"));
}

TEST(TableXlsx, SheetNamesAreCutValidAndUnique) {
  ScratchDir scratch("table_xlsx_names");
  const fs::path& dir = scratch.path;
  fs::path file = dir / "names.xlsx";
  Table a = RatesTable(), b = RatesTable(), c = RatesTable(), d = RatesTable();
  a.key = "poverty_rates_by_commune_and_ethnic_group_2024";  // 46 characters
  b.key = a.key;
  c.key = "a/b:c[1]*?\\";
  d.key = "Rates";
  Table e = RatesTable();  // "rates": the same name as "Rates" in Excel
  ASSERT_TRUE(WriteXlsx({a, b, c, d, e}, file.string(), Lang::kEn).ok());
  std::string wb = Unzip(file, "xl/workbook.xml");
  EXPECT_NE(wb.find("name=\"poverty_rates_by_commune_and_et\""), std::string::npos) << wb;
  EXPECT_NE(wb.find("name=\"poverty_rates_by_commune_and_~2\""), std::string::npos) << wb;
  EXPECT_NE(wb.find("name=\"a_b_c_1____\""), std::string::npos) << wb;
  EXPECT_NE(wb.find("name=\"Rates\""), std::string::npos) << wb;
  EXPECT_NE(wb.find("name=\"rates~2\""), std::string::npos) << wb;
}

// quality.md: spreadsheet exports cannot run formulas.
TEST(TableXlsx, CsvAndXlsxNeverStartATextCellWithAFormula) {
  Table t{"t", "", ""};
  t.columns = {{"a", "", "", CellKind::kText}, {"n", "", "", CellKind::kPoints}};
  t.rows = {{Cell::Text("=HYPERLINK(\"http://x\")"), Cell::Points(-1.5)},
            {Cell::Text("+1"), Cell::Points(2)},
            {Cell::Text("@SUM(A1)"), Cell::Points(0)},
            {Cell::Text("-2"), Cell::Points(0)}};
  EXPECT_EQ(RenderCsv(t),
            "a,n\n\"'=HYPERLINK(\"\"http://x\"\")\",-1.50\n'+1,2.00\n'@SUM(A1),0.00\n'-2,0.00\n");
  EXPECT_NE(RenderJson(t).find("\"=HYPERLINK"), std::string::npos);  // machines get the value
  ScratchDir scratch("table_formula");
  fs::path file = scratch.path / "f.xlsx";
  ASSERT_TRUE(WriteXlsx({t}, file.string(), Lang::kEn).ok());
  std::string strings = Unzip(file, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("'=HYPERLINK"), std::string::npos) << strings;
  EXPECT_EQ(Unzip(file, "xl/worksheets/sheet1.xml").find("<f>"), std::string::npos);
}

TEST(TableXlsx, MissingDirectoryIsAnErrorAndLeavesNothing) {
  ScratchDir scratch("table_xlsx_missing");
  const fs::path& dir = scratch.path;
  fs::path file = dir / "no_such_dir" / "report.xlsx";
  Status s = WriteXlsx({RatesTable()}, file.string(), Lang::kVi);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kDataLoss);
  EXPECT_NE(s.message().find(file.string()), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(dir / "no_such_dir"));
  EXPECT_TRUE(fs::is_empty(dir));
}

}  // namespace
}  // namespace lnob::report
