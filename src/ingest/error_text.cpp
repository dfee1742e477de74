// InputError texts: the bilingual messages of every ingest error, value masking, formatting.
#include <cstring>
#include <string>

#include "common/json_text.hpp"
#include "ingest/cell_parser.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/pending_error.hpp"
#include "ingest/survey_loader.hpp"
#include "ingest/text.hpp"

namespace lnob::ingest {
namespace internal {
namespace {

using core::FieldDef;
using core::FieldType;
using core::Level;

const FieldDef* FieldByName(std::string_view name) {
  const FieldDef* def = core::FindField(Level::kMember, name);
  return def ? def : core::FindField(Level::kHousehold, name);
}

std::string RequiredColumns(Level level) {
  std::string out;
  for (const FieldDef& f : core::Fields(level)) {
    if (f.requirement != core::Requirement::kRequired) continue;
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

std::string Num(uint32_t n) {
  return std::to_string(n);
}

}  // namespace

std::string MaskValue(std::string_view column_name, std::string_view value, size_t max_chars) {
  const FieldDef* def = FieldByName(column_name);
  bool cut = false;
  if (def && def->type == FieldType::kCitizenId) {
    std::string shown = SanitizedPrefix(value, 64, &cut);
    size_t chars = 0;  // count code points to keep the last 4
    for (unsigned char c : shown) chars += (c & 0xC0) != 0x80;
    std::string out;
    size_t seen = 0;
    for (size_t i = 0; i < shown.size(); ++i) {
      auto c = static_cast<unsigned char>(shown[i]);
      if ((c & 0xC0) == 0x80) continue;
      size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (seen + 4 < chars) {
        out += '*';
      } else {
        out.append(shown, i, len);
      }
      ++seen;
    }
    return out;
  }
  if (def && def->personal && def->type == FieldType::kString) {
    std::string first = SanitizedPrefix(value, 1, &cut);
    return cut ? first + "…" : first;
  }
  std::string out = SanitizedPrefix(value, max_chars, &cut);
  return cut ? out + "…" : out;
}

InputError Describe(const PendingError& e, const std::string (&file_names)[2]) {
  InputError out;
  out.file = file_names[e.file];
  out.line = e.line;
  out.column = e.column;
  out.column_name = std::string(e.column_name);
  out.value = MaskValue(e.column_name, e.value, 200);
  const Level level = e.file == 0 ? Level::kHousehold : Level::kMember;
  const FieldDef* def = e.field >= 0 ? &core::Fields(level)[e.field] : nullptr;
  bool cut = false;
  const std::string key = SanitizedPrefix(e.key, 64, &cut);
  const std::string& hh_file = file_names[0];
  const std::string& mem_file = file_names[1];
  std::string& en = out.message_en;
  std::string& vi = out.message_vi;
  switch (e.kind) {
    case ErrorKind::kEmptyFile:
      en = "the file is empty; its first line must be a header row naming the columns, then one "
           "row per " +
           std::string(e.file == 0 ? "household" : "person");
      vi = "tệp trống; dòng đầu phải là dòng tiêu đề ghi tên các cột, sau đó mỗi " +
           std::string(e.file == 0 ? "hộ" : "người") + " một dòng";
      break;
    case ErrorKind::kReadFailed: {
      const std::string why = std::strerror(static_cast<int>(e.a));
      en = "the file could not be read (" + why +
           "); check the disk or copy the file again, then try again";
      vi = "không đọc được tệp (" + why + "); kiểm tra ổ đĩa hoặc chép lại tệp rồi thử lại";
      break;
    }
    case ErrorKind::kCsv: {
      CsvError c{static_cast<CsvError::Kind>(e.detail), e.line, e.column, e.a, e.b};
      en = CsvErrorMessage(c, Lang::kEn);
      vi = CsvErrorMessage(c, Lang::kVi);
      break;
    }
    case ErrorKind::kHeaderBadUtf8:
      en = BadUtf8Message(e.a, Lang::kEn);
      vi = BadUtf8Message(e.a, Lang::kVi);
      break;
    case ErrorKind::kMissingColumn:
      en = "the required column " + out.column_name +
           " is missing; the header row must name all of: " + RequiredColumns(level) +
           " (in any order)";
      vi = "thiếu cột bắt buộc " + out.column_name +
           "; dòng tiêu đề phải có đủ các cột: " + RequiredColumns(level) + " (thứ tự tuỳ ý)";
      break;
    case ErrorKind::kDuplicateColumn:
      en = "the column " + out.column_name + " appears twice in the header (columns " + Num(e.a) +
           " and " + Num(e.column) + "); delete one of them and import again";
      vi = "cột " + out.column_name + " xuất hiện hai lần trong dòng tiêu đề (cột " + Num(e.a) +
           " và " + Num(e.column) + "); xoá một cột rồi nhập lại";
      break;
    case ErrorKind::kEmptyColumnName:
      en = "column " + Num(e.column) +
           " has no name in the header row; write its name, or delete the column if it is "
           "empty, then import again";
      vi = "cột thứ " + Num(e.column) +
           " không có tên trong dòng tiêu đề; ghi tên cột, hoặc xoá cột nếu cột trống, rồi "
           "nhập lại";
      break;
    case ErrorKind::kCell: {
      auto problem = static_cast<CellProblem>(e.detail);
      if (def != nullptr) {
        en = CellProblemMessage(*def, problem, e.value, e.a, Lang::kEn);
        vi = CellProblemMessage(*def, problem, e.value, e.a, Lang::kVi);
      } else {
        en = BadUtf8Message(e.a, Lang::kEn);
        vi = BadUtf8Message(e.a, Lang::kVi);
      }
      break;
    }
    case ErrorKind::kDuplicateHousehold:
      en = "household ID " + key + " is already used on line " + Num(e.a) +
           "; each household needs its own ID; correct one of the two rows and import again";
      vi = "mã hộ " + key + " đã được dùng ở dòng " + Num(e.a) +
           "; mỗi hộ phải có mã riêng; sửa một trong hai dòng rồi nhập lại";
      break;
    case ErrorKind::kUnknownHousehold:
      en = "household " + key + " is not in " + hh_file +
           "; add the household there or correct the ID, then import again";
      vi = "không có hộ " + key + " trong tệp " + hh_file +
           "; thêm hộ vào tệp đó hoặc sửa lại mã hộ, rồi nhập lại";
      break;
    case ErrorKind::kNoMembers:
      en = "household " + key + " has no members in " + mem_file +
           "; add a row for each of its members (or delete the household) and import again";
      vi = "hộ " + key + " không có thành viên nào trong tệp " + mem_file +
           "; thêm mỗi thành viên của hộ một dòng (hoặc xoá hộ) rồi nhập lại";
      break;
    case ErrorKind::kNoHead:
      en = "household " + key + " has no head: none of its " + Num(e.b) +
           " members (the first on line " + Num(e.a) +
           ") has relation=head; mark exactly one member as head and import again";
      vi = "hộ " + key + " chưa có chủ hộ: không ai trong " + Num(e.b) +
           " thành viên (người đầu tiên ở dòng " + Num(e.a) +
           ") có relation=head; ghi đúng một người là chủ hộ (head) rồi nhập lại";
      break;
    case ErrorKind::kSecondHead:
      en = "household " + key + " already has a head on line " + Num(e.a) +
           "; a household has exactly one head; change the relation of one of the two and "
           "import again";
      vi = "hộ " + key + " đã có chủ hộ ở dòng " + Num(e.a) +
           "; mỗi hộ chỉ có đúng một chủ hộ; sửa quan hệ với chủ hộ của một trong hai người "
           "rồi nhập lại";
      break;
    case ErrorKind::kDuplicateMember: {
      std::string member = SanitizedPrefix(e.value, 40, &cut);
      en = "member ID " + member + " is already used in household " + key + " on line " + Num(e.a) +
           "; each member of a household needs its own ID; correct one of the two rows and "
           "import again";
      vi = "mã thành viên " + member + " đã được dùng trong hộ " + key + " ở dòng " + Num(e.a) +
           "; mỗi thành viên trong hộ phải có mã riêng; sửa một trong hai dòng rồi nhập lại";
      break;
    }
  }
  return out;
}

}  // namespace internal

std::string FormatInputError(const InputError& error, Lang lang) {
  std::string out = error.file + ":" + std::to_string(error.line);
  if (error.column != 0) {
    out += ":" + std::to_string(error.column);
    if (!error.column_name.empty()) {
      // Quoted and escaped like a JSON string, so that quotes and line breaks stay visible.
      out += " " + error.column_name + "=" +
             JsonString(internal::MaskValue(error.column_name, error.value, 40));
    }
  }
  out += ": ";
  out += lang == Lang::kVi ? error.message_vi : error.message_en;
  return out;
}

}  // namespace lnob::ingest
