// A deprivation matrix from CSV (deprivation_matrix_csv.hpp): the header, then the rows, stopping
// at the first problem with its file, line and column.
#include "analytics/deprivation_matrix_csv.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "common/json_text.hpp"
#include "ingest/cell_parser.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/text.hpp"

namespace lnob::analytics {
namespace {

using ingest::CsvField;
using ingest::CsvRecordReader;
using ingest::CsvStatus;

constexpr size_t kNone = SIZE_MAX;

class Parser {
 public:
  Parser(std::string_view text, std::string_view name, const DeprivationCsvOptions& options,
         Lang lang)
      : text_(text), name_(name), options_(options), vi_(lang == Lang::kVi) {}

  Result<DeprivationMatrix> Run() {
    CsvRecordReader reader(text_, ingest::SkipBom(text_), text_.size(), 1, 0, &arena_);
    CsvStatus st = reader.Next();
    if (st == CsvStatus::kEnd) {
      return Fail(
          1, 0,
          "the file is empty; it needs a header row (id, then the indicators) and one row "
          "per unit",
          "tệp trống; tệp cần một dòng tiêu đề (id, rồi các chỉ số) và mỗi đơn vị một dòng");
    }
    if (st == CsvStatus::kError) return CsvFail(reader);
    RETURN_IF_ERROR(Header(reader));
    reader = CsvRecordReader(text_, reader.position(), text_.size(), reader.next_line(),
                             static_cast<uint32_t>(header_.size()), &arena_);
    while ((st = reader.Next()) != CsvStatus::kEnd) {
      if (st == CsvStatus::kError) return CsvFail(reader);
      RETURN_IF_ERROR(Row(reader));
    }
    if (m_.unit_ids.empty()) {
      return Fail(1, 0, "the file has a header but no rows; add one row per unit",
                  "tệp chỉ có dòng tiêu đề mà không có dòng dữ liệu; thêm mỗi đơn vị một dòng");
    }
    return std::move(m_);
  }

 private:
  Status Fail(uint32_t line, uint32_t column, const std::string& en, const std::string& vi) {
    std::string where = std::string(name_) + ":" + std::to_string(line);
    if (column != 0) where += ":" + std::to_string(column);
    return InvalidArgument(where + ": " + (vi_ ? vi : en));
  }
  Status CsvFail(const CsvRecordReader& reader) {
    const ingest::CsvError& e = reader.error();
    const std::string m = ingest::CsvErrorMessage(e, vi_ ? Lang::kVi : Lang::kEn);
    return Fail(e.line, e.column, m, m);
  }
  // The text of field `c`, NFC-normalised, or an error when it is not UTF-8.
  Result<std::string_view> Text(const CsvRecordReader& reader, size_t c) {
    const CsvField& f = reader.fields()[c];
    if (f.bad_utf8_at != CsvField::kValidUtf8) {
      const std::string m = ingest::BadUtf8Message(f.bad_utf8_at, vi_ ? Lang::kVi : Lang::kEn);
      return Fail(reader.line(), static_cast<uint32_t>(c + 1), m, m);
    }
    return f.maybe_not_nfc ? ingest::NormalizeNfc(f.text, &arena_) : f.text;
  }
  std::string Columns() const {
    std::string all;
    for (const auto& h : header_) all += (all.empty() ? "" : ", ") + h;
    return all;
  }
  // The position of the column `name` named by an option, kNone when the option is empty.
  Result<size_t> Find(const std::string& name, const char* en_what, const char* vi_what) {
    if (name.empty()) return kNone;
    for (size_t c = 0; c < header_.size(); ++c) {
      if (header_[c] == name) return c;
    }
    return Fail(1, 0,
                std::string("there is no ") + en_what + " column " + JsonString(name) +
                    " in the header; the columns are: " + Columns() +
                    "; give the name exactly as it is in the header",
                std::string("dòng tiêu đề không có cột ") + vi_what + " " + JsonString(name) +
                    "; các cột là: " + Columns() + "; ghi tên cột đúng như trong dòng tiêu đề");
  }

  Status Header(const CsvRecordReader& reader) {
    std::unordered_map<std::string, size_t> seen;
    for (size_t c = 0; c < reader.fields().size(); ++c) {
      ASSIGN_OR_RETURN(std::string_view h, Text(reader, c));
      const auto col = static_cast<uint32_t>(c + 1);
      if (h.empty()) {
        return Fail(1, col, "this column has no name in the header row; write its name",
                    "cột này không có tên trong dòng tiêu đề; ghi tên cột");
      }
      auto [it, added] = seen.try_emplace(std::string(h), c);
      if (!added) {
        const std::string a = std::to_string(it->second + 1), s = JsonString(h);
        return Fail(1, col,
                    "the column " + s + " appears twice in the header (columns " + a + " and " +
                        std::to_string(col) + "); rename or delete one of them",
                    "cột " + s + " xuất hiện hai lần trong dòng tiêu đề (cột " + a + " và " +
                        std::to_string(col) + "); đổi tên hoặc xoá một cột");
      }
      header_.emplace_back(h);
    }
    auto id = seen.find("id");
    id_ = id == seen.end() ? 0 : id->second;
    ASSIGN_OR_RETURN(weight_, Find(options_.weight_column, "population-weight", "trọng số dân số"));
    ASSIGN_OR_RETURN(group_, Find(options_.group_column, "group", "nhóm"));
    for (size_t c : {weight_, group_}) {
      if (c != kNone && (c == id_ || (c == weight_ && c == group_))) {
        const std::string s = JsonString(header_[c]);
        return Fail(1, static_cast<uint32_t>(c + 1),
                    "the column " + s +
                        " is used for two purposes (unit id, population weight, group); "
                        "name a different column for each",
                    "cột " + s +
                        " được dùng cho hai mục đích (mã đơn vị, trọng số dân số, nhóm); chọn "
                        "mỗi mục đích một cột khác nhau");
      }
    }
    for (size_t c = 0; c < header_.size(); ++c) {
      if (c == id_ || c == weight_ || c == group_) continue;
      indicator_columns_.push_back(c);
      m_.indicator_ids.push_back(header_[c]);
    }
    if (m_.indicator_ids.empty()) {
      return Fail(1, 0,
                  "there is no indicator column; after the id, weight and group columns every "
                  "column is an indicator of 0/1",
                  "không có cột chỉ số nào; ngoài các cột mã, trọng số và nhóm, mỗi cột là một "
                  "chỉ số 0/1");
    }
    return OkStatus();
  }

  Status Row(const CsvRecordReader& reader) {
    const uint32_t line = reader.line();
    auto col = [](size_t c) { return static_cast<uint32_t>(c + 1); };
    ASSIGN_OR_RETURN(std::string_view id, Text(reader, id_));
    if (id.empty()) {
      return Fail(line, col(id_), "the unit id is empty; every row needs its own id",
                  "mã đơn vị trống; mỗi dòng cần một mã riêng");
    }
    auto [it, added] = lines_.try_emplace(std::string(id), line);
    if (!added) {
      const std::string s = JsonString(id), l = std::to_string(it->second);
      return Fail(line, col(id_),
                  "the unit id " + s + " is already used on line " + l +
                      "; every row needs its own id: correct or delete one of the rows",
                  "mã đơn vị " + s + " đã dùng ở dòng " + l +
                      "; mỗi dòng cần một mã riêng: sửa hoặc xoá một trong hai dòng");
    }
    m_.unit_ids.emplace_back(id);
    if (weight_ != kNone) {
      ASSIGN_OR_RETURN(std::string_view t, Text(reader, weight_));
      double v = -1;
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v) ||
          v < 0) {
        const std::string s = JsonString(t), c = JsonString(header_[weight_]);
        return Fail(line, col(weight_),
                    "the population weight " + c + " is " + s +
                        ", not a number >= 0; write a number such as 4 or 1.5 (decimal point)",
                    "trọng số dân số " + c + " là " + s +
                        ", không phải một số >= 0; ghi một số như 4 hoặc 1.5 (dấu chấm thập phân)");
      }
      m_.population.push_back(v);
    }
    if (group_ != kNone) {
      ASSIGN_OR_RETURN(std::string_view g, Text(reader, group_));
      if (g.empty()) {
        const std::string c = JsonString(header_[group_]);
        return Fail(line, col(group_), "the group " + c + " is empty; write the unit's group",
                    "nhóm " + c + " trống; ghi nhóm của đơn vị");
      }
      m_.groups.emplace_back(g);
    }
    for (size_t c : indicator_columns_) {
      ASSIGN_OR_RETURN(std::string_view t, Text(reader, c));
      if (t != "0" && t != "1") {
        const std::string s = JsonString(t), h = JsonString(header_[c]);
        // On the first row the whole column is likely not an indicator (a name, a size).
        const bool first = m_.unit_ids.size() == 1;
        return Fail(line, col(c),
                    "the indicator " + h + " is " + s +
                        ", but an indicator cell must be 0 (not deprived) or 1 (deprived); "
                        "correct the cell" +
                        (first ? "; if " + h +
                                     " is not an indicator, name it as the group or "
                                     "population-weight column"
                               : ""),
                    "chỉ số " + h + " có giá trị " + s +
                        ", nhưng ô chỉ số phải là 0 (không thiếu hụt) hoặc 1 (thiếu hụt); sửa ô "
                        "này" +
                        (first ? "; nếu " + h +
                                     " không phải là chỉ số, hãy khai báo nó là cột nhóm hoặc cột "
                                     "trọng số dân số"
                               : ""));
      }
      m_.cells.push_back(t == "1" ? 1 : 0);
    }
    return OkStatus();
  }

  std::string_view text_, name_;
  const DeprivationCsvOptions& options_;
  bool vi_;
  ingest::Arena arena_;
  std::vector<std::string> header_;
  size_t id_ = 0, weight_ = kNone, group_ = kNone;
  std::vector<size_t> indicator_columns_;
  std::unordered_map<std::string, uint32_t> lines_;  // unit id -> line
  DeprivationMatrix m_;
};

}  // namespace

Result<DeprivationMatrix> ParseDeprivationCsv(std::string_view text, std::string_view name,
                                              const DeprivationCsvOptions& options, Lang lang) {
  return Parser(text, name, options, lang).Run();
}

Result<DeprivationMatrix> LoadDeprivationCsv(const std::string& path,
                                             const DeprivationCsvOptions& options, Lang lang) {
  ASSIGN_OR_RETURN(ingest::CsvSource src,
                   ingest::MapCsvFile(path, std::filesystem::path(path).filename().string()));
  return ParseDeprivationCsv(src.bytes, src.name, options, lang);
}

}  // namespace lnob::analytics
