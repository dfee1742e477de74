#include "ingest/csv_reader.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace lnob::ingest {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Record {
  uint32_t line;
  std::vector<std::string> fields;
  bool operator==(const Record&) const = default;
};

// Reads every record of bytes[begin, end) with one reader; errors are recorded as a record whose
// line is the error's and whose fields are {"!", kind, column}.
std::vector<Record> ReadRange(std::string_view bytes, size_t begin, size_t end, uint32_t line,
                              uint32_t expected, size_t* end_pos = nullptr) {
  Arena arena;
  CsvRecordReader reader(bytes, begin, end, line, expected, &arena);
  std::vector<Record> out;
  while (true) {
    CsvStatus st = reader.Next();
    if (st == CsvStatus::kEnd) break;
    if (st == CsvStatus::kError) {
      const CsvError& e = reader.error();
      out.push_back(
          {e.line, {"!", std::to_string(static_cast<int>(e.kind)), std::to_string(e.column)}});
      if (e.fatal()) break;
      continue;
    }
    Record r{reader.line(), {}};
    for (const CsvField& f : reader.fields()) r.fields.emplace_back(f.text);
    out.push_back(std::move(r));
  }
  if (end_pos) *end_pos = reader.position();
  return out;
}

std::vector<Record> ReadAll(std::string_view text) {
  return ReadRange(text, SkipBom(text), text.size(), 1, 0);
}

TEST(CsvReaderTest, QuotedVietnameseNamesWithCommasAndQuotes) {
  auto t = ReadCsv(
      "id,full_name\n"
      "1,\"Nguyễn Văn \"\"Tí\"\", con\"\n"
      "2,Trần Thị Lan\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->header, (std::vector<std::string>{"id", "full_name"}));
  EXPECT_EQ(t->rows[0][1], "Nguyễn Văn \"Tí\", con");
  EXPECT_EQ(t->rows[1][1], "Trần Thị Lan");
  EXPECT_EQ(t->lines, (std::vector<uint32_t>{2, 3}));
}

TEST(CsvReaderTest, CrlfBomAndNoFinalLineBreak) {
  auto t = ReadCsv("\xEF\xBB\xBFid,name\r\n1,\"a\r\nb\"\r\n2,c");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->header[0], "id");  // the byte-order mark is not part of the first name
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][1], "a\r\nb");
  EXPECT_EQ(t->rows[1][1], "c");
  EXPECT_EQ(t->lines, (std::vector<uint32_t>{2, 4}));
}

TEST(CsvReaderTest, EmbeddedLineBreaksCountPhysicalLines) {
  auto t = ReadCsv("a,b\n1,\"x\n\ny\"\n2,\"\"\n\"3\",\"q\"\"\n\"\n4,z\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->lines, (std::vector<uint32_t>{2, 5, 6, 8}));
  EXPECT_EQ(t->rows[0][1], "x\n\ny");
  EXPECT_EQ(t->rows[1][1], "");
  EXPECT_EQ(t->rows[2][0], "3");
  EXPECT_EQ(t->rows[2][1], "q\"\n");
}

TEST(CsvReaderTest, EmptyFieldsAndTrailingEmptyLines) {
  EXPECT_EQ(ReadAll("a,,\n,,\n\n\r\n"),
            (std::vector<Record>{{1, {"a", "", ""}}, {2, {"", "", ""}}}));
  EXPECT_EQ(ReadAll(""), std::vector<Record>{});
  EXPECT_EQ(ReadAll("x"), (std::vector<Record>{{1, {"x"}}}));
  EXPECT_EQ(ReadAll("x,"), (std::vector<Record>{{1, {"x", ""}}}));
}

TEST(CsvReaderTest, EmptyLineInTheMiddleIsAnError) {
  auto t = ReadCsv("a,b\n1,2\n\n3,4\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(),
            "input.csv:3: this line is empty; delete the empty line and import again");
}

TEST(CsvReaderTest, FieldCountSaysExpectedAndFound) {
  auto t = ReadCsv("a,b,c\n1,2,3\n1,2\n", "members.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(),
            "members.csv:3: this row has 2 cells but the header has 3; look for a missing or "
            "extra comma (a cell that contains a comma must be in quotes) and import again");
  // Not fatal: the reader goes on after the bad record.
  std::string text = "1,2\n1,2,3\n4,5\n";
  EXPECT_EQ(ReadRange(text, 0, text.size(), 1, 2),
            (std::vector<Record>{{1, {"1", "2"}}, {2, {"!", "4", "0"}}, {3, {"4", "5"}}}));
}

TEST(CsvReaderTest, UnterminatedQuoteIsFatalAtTheLineItOpens) {
  auto t = ReadCsv("a,b\n1,2\n3,\"never\nclosed\n4,5\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message().substr(0, 14), "input.csv:3:2:");
  EXPECT_NE(t.status().message().find("never closed"), std::string::npos);
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldAndTextAfterQuote) {
  auto a = ReadCsv("a,b\n1,ab\"c\n");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message().substr(0, 14), "input.csv:2:2:");
  EXPECT_NE(a.status().message().find("inside a cell"), std::string::npos);
  auto b = ReadCsv("a,b\n1,2\n\"ab\"c,2\n");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message().substr(0, 14), "input.csv:3:1:");
  EXPECT_NE(b.status().message().find("after the closing quote"), std::string::npos);
}

TEST(CsvReaderTest, LoneCarriageReturnIsFatal) {
  auto t = ReadCsv("a,b\r1,2\r");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message().substr(0, 14), "input.csv:1:2:");
  EXPECT_NE(t.status().message().find("carriage return"), std::string::npos);
}

TEST(CsvReaderTest, InvalidUtf8SaysWhere) {
  auto t = ReadCsv("a,b\n1,Nguy\xE1\xBB\x85n\n2,ab\xC3\x28z\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(),
            "input.csv:3:2: this cell is not valid UTF-8 text (byte 3 is wrong); save the file "
            "as \"CSV UTF-8\" and import again");
  // Overlong form, surrogate, cut-short sequence at the end of the input.
  for (std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "ab\xE1\xBB"}) {
    Arena arena;
    CsvRecordReader r(bad, 0, bad.size(), 1, 0, &arena);
    ASSERT_EQ(r.Next(), CsvStatus::kRecord);
    EXPECT_NE(r.fields()[0].bad_utf8_at, CsvField::kValidUtf8) << bad;
  }
}

TEST(CsvReaderTest, FlagsTextThatMayNotBeNfc) {
  std::string text = "Nguyễn,Nguye\xCC\x82\xCC\x83n,abc,\"Lò \"\"A\"\"\"\n";
  Arena arena;
  CsvRecordReader r(text, 0, text.size(), 1, 4, &arena);
  ASSERT_EQ(r.Next(), CsvStatus::kRecord);
  auto f = r.fields();
  EXPECT_TRUE(f[0].non_ascii);
  EXPECT_FALSE(f[0].maybe_not_nfc);  // precomposed Vietnamese letters are NFC already
  EXPECT_TRUE(f[1].maybe_not_nfc);   // combining circumflex and tilde
  EXPECT_FALSE(f[2].non_ascii);
  EXPECT_EQ(f[3].text, "Lò \"A\"");
  EXPECT_FALSE(f[3].maybe_not_nfc);
  EXPECT_EQ(NormalizeNfc(f[1].text, &arena), "Nguyễn");
}

TEST(CsvReaderTest, LargeQuotedFieldGoesToTheArena) {
  std::string big(200000, 'x');
  big[100000] = '"';
  std::string escaped = big;
  escaped.insert(100000, "\"");
  std::string text = "a\n\"" + escaped + "\"\n";
  auto t = ReadCsv(text);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0][0], big);
}

// Random records with every feature, written out, must read back the same.
std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string RandomCsv(std::mt19937* rng, int records, int fields, Rows* rows,
                      std::vector<uint32_t>* lines) {
  const std::vector<std::string> pieces = {"a",    "Nguyễn", "Văn", ",",  "\"", "\n",
                                           "\r\n", "12",     " ",   "Tí", "đ",  "xyzxyzxyzxyzxyz"};
  std::string text;
  uint32_t line = 1;
  for (int r = 0; r < records; ++r) {
    std::vector<std::string> row;
    lines->push_back(line);
    for (int f = 0; f < fields; ++f) {
      std::string v;
      int n = static_cast<int>((*rng)() % 6);
      for (int i = 0; i < n; ++i) v += pieces[(*rng)() % pieces.size()];
      bool special = v.find_first_of(",\"\r\n") != std::string::npos ||
                     (v.empty() && fields == 1);  // else it would be an empty line
      if (f) text += ',';
      text += special || (*rng)() % 4 == 0 ? Quote(v) : v;
      for (char c : v) line += c == '\n';
      row.push_back(v);
    }
    text += (*rng)() % 2 ? "\n" : "\r\n";
    ++line;
    rows->push_back(row);
  }
  return text;
}

TEST(CsvReaderTest, RandomRecordsRoundTrip) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    Rows rows;
    std::vector<uint32_t> lines;
    std::string text = RandomCsv(&rng, 40, 1 + round % 5, &rows, &lines);
    auto got = ReadAll(text);
    ASSERT_EQ(got.size(), rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(got[i].fields, rows[i]) << "round " << round << " record " << i;
      EXPECT_EQ(got[i].line, lines[i]);
    }
  }
}

TEST(CsvReaderTest, SplitChunksReadExactlyLikeOneReader) {
  std::mt19937 rng(11);
  for (int round = 0; round < 20; ++round) {
    Rows rows;
    std::vector<uint32_t> lines;
    std::string text = "h1,h2,h3\n" + RandomCsv(&rng, 60, 3, &rows, &lines);
    auto whole = ReadRange(text, 9, text.size(), 2, 3);
    for (int parts = 1; parts <= 37; parts += 3) {
      auto split = SplitCsv(CsvFromString(text, "t.csv"), 9, 2, parts, 3);
      ASSERT_TRUE(split.ok());
      const std::vector<CsvChunk>& chunks = *split;
      ASSERT_EQ(chunks.size(), static_cast<size_t>(parts));
      std::vector<Record> joined;
      uint64_t max_records = 0;
      for (size_t i = 0; i < chunks.size(); ++i) {
        if (i > 0) {
          ASSERT_EQ(chunks[i].begin, chunks[i - 1].end);
        }
        size_t end_pos = 0;
        auto part =
            ReadRange(text, chunks[i].begin, chunks[i].end, chunks[i].first_line, 3, &end_pos);
        EXPECT_EQ(end_pos, chunks[i].end);
        max_records += chunks[i].MaxRecords();
        EXPECT_GE(chunks[i].MaxRecords(), part.size());
        joined.insert(joined.end(), part.begin(), part.end());
      }
      EXPECT_EQ(chunks.back().end, text.size());
      EXPECT_EQ(joined, whole) << "round " << round << " parts " << parts;
    }
  }
}

TEST(CsvReaderTest, SplitCountsLinesOfEveryChunk) {
  std::string text = "h\n1\n\"a\nb\"\n3\n4\n";
  auto chunks = SplitCsv(CsvFromString(text, "t.csv"), 2, 2, 4, 2);
  ASSERT_TRUE(chunks.ok());
  for (const CsvChunk& c : *chunks) {
    if (c.begin == c.end) continue;
    auto recs = ReadRange(text, c.begin, c.end, c.first_line, 1);
    ASSERT_FALSE(recs.empty());
    if (recs[0].fields[0] == "3") {
      EXPECT_EQ(recs[0].line, 5u);
    }
  }
}

TEST(CsvReaderTest, MapCsvFileReportsMissingFile) {
  auto r = MapCsvFile("/nonexistent/dir/households.csv", "households.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("households.csv"), std::string::npos);
}

}  // namespace
}  // namespace lnob::ingest
