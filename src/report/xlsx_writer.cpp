// WriteXlsx: report tables as an XLSX workbook, through libxlsxwriter.
#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <string_view>

#include "common/date.hpp"
#include "report/table.hpp"

namespace lnob::report {
namespace {

constexpr size_t kMaxSheetName = 31;   // Excel's limit, in characters
constexpr size_t kMaxRows = 1048576;   // rows per sheet
constexpr size_t kMaxColumns = 16384;  // columns per sheet
constexpr lxw_row_t kTitleRow = 0, kHeaderRow = 2, kFirstDataRow = 3;
// Fixed document creation time (2020-01-01T00:00:00Z): libxlsxwriter writes it to docProps/core.xml
// and uses it for the zip entries' times, so the same tables give the same bytes. Excel shows it
// as "Created"; the real date of a report belongs in its title or note.
constexpr time_t kCreated = 1577836800;

// UTF-8 code points, ignoring continuation bytes.
size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The first `n` code points of `s`.
std::string CutCodePoints(const std::string& s, size_t n) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == n) return s.substr(0, i);
  }
  return s;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A valid sheet name from a table key, unique among `used` (lower-cased names; Excel compares
// names case-insensitively, here for ASCII letters only): characters []:*?/\ and control
// characters become '_', as does an apostrophe at either end; cut to 31 characters; "~2", "~3"...
// appended (after cutting) when taken. An empty key gives "Sheet".
std::string SheetName(const std::string& key, std::set<std::string>* used) {
  std::string base = key.empty() ? "Sheet" : key;
  for (char& c : base) {
    if (std::strchr("[]:*?/\\", c) != nullptr || static_cast<unsigned char>(c) < 0x20) c = '_';
  }
  if (base.front() == '\'') base.front() = '_';
  base = CutCodePoints(base, kMaxSheetName);
  if (base.back() == '\'') base.back() = '_';
  std::string name = base;
  for (int n = 2; used->count(AsciiLower(name)) != 0; ++n) {
    std::string suffix = "~" + std::to_string(n);
    name = CutCodePoints(base, kMaxSheetName - suffix.size()) + suffix;
  }
  used->insert(AsciiLower(name));
  return name;
}

struct Formats {
  lxw_format* title;
  lxw_format* header_left;
  lxw_format* header_right;
  lxw_format* count;    // kInt, kMoney
  lxw_format* decimal;  // kPercent, kPoints
  lxw_format* real;     // kReal
  lxw_format* date;     // kDate
};

Formats AddFormats(lxw_workbook* wb) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 13);
  f.header_left = workbook_add_format(wb);
  format_set_bold(f.header_left);
  format_set_bottom(f.header_left, LXW_BORDER_THIN);
  f.header_right = workbook_add_format(wb);
  format_set_bold(f.header_right);
  format_set_bottom(f.header_right, LXW_BORDER_THIN);
  format_set_align(f.header_right, LXW_ALIGN_RIGHT);
  f.count = workbook_add_format(wb);
  format_set_num_format(f.count, "#,##0");
  f.decimal = workbook_add_format(wb);
  format_set_num_format(f.decimal, "0.00");
  f.real = workbook_add_format(wb);
  format_set_num_format(f.real, "0.0000");
  f.date = workbook_add_format(wb);
  format_set_num_format(f.date, "dd/mm/yyyy");
  return f;
}

// A date Excel can hold as a date: a whole calendar day from 1900 on.
bool ExcelDate(Date d) {
  return d.year() >= 1900 && d.month() >= 1 && d.month() <= 12 && d.day() >= 1 &&
         d.day() <= DaysInMonth(d.year(), d.month());
}

// Writes one cell; nothing for an empty one. Numbers are written as the value their text shows
// (percent and points rounded like every other format), so Excel and the CSV agree.
lxw_error WriteCell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Cell& cell,
                    const std::string& shown, const Formats& f) {
  if (shown.empty()) return LXW_NO_ERROR;
  switch (cell.kind) {
    case CellKind::kText:
      return worksheet_write_string(ws, r, c, SpreadsheetSafe(shown).c_str(), nullptr);
    case CellKind::kInt:
    case CellKind::kMoney:
      return worksheet_write_number(ws, r, c, static_cast<double>(cell.integer), f.count);
    case CellKind::kYear:
      return worksheet_write_number(ws, r, c, static_cast<double>(cell.integer), nullptr);
    case CellKind::kDate: {
      Date d{static_cast<int32_t>(cell.integer)};
      if (!ExcelDate(d)) return worksheet_write_string(ws, r, c, shown.c_str(), nullptr);
      lxw_datetime dt{d.year(), d.month(), d.day(), 0, 0, 0};
      return worksheet_write_datetime(ws, r, c, &dt, f.date);
    }
    default: {
      double v = std::strtod(FormatCell(cell, Lang::kEn).c_str(), nullptr);
      return worksheet_write_number(ws, r, c, v, cell.kind == CellKind::kReal ? f.real : f.decimal);
    }
  }
}

// Fills one sheet. Returns the first libxlsxwriter error, or LXW_NO_ERROR.
lxw_error WriteSheet(lxw_worksheet* ws, const Table& t, Lang lang, const Formats& f) {
  lxw_error err = LXW_NO_ERROR;
  auto keep = [&err](lxw_error e) {
    if (err == LXW_NO_ERROR) err = e;
  };
  keep(worksheet_write_string(ws, kTitleRow, 0, t.title(lang).c_str(), f.title));
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const Column& col = t.columns[i];
    const std::string& label = lang == Lang::kVi ? col.label_vi : col.label_en;
    bool right = col.kind != CellKind::kText;
    size_t width = CodePoints(label);
    auto c = static_cast<lxw_col_t>(i);
    keep(worksheet_write_string(ws, kHeaderRow, c, label.c_str(),
                                right ? f.header_right : f.header_left));
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (i >= t.rows[r].size()) continue;
      std::string shown = FormatCell(t.rows[r][i], lang);
      width = std::max(width, CodePoints(shown));
      keep(WriteCell(ws, static_cast<lxw_row_t>(kFirstDataRow + r), c, t.rows[r][i], shown, f));
    }
    keep(worksheet_set_column(ws, c, c, static_cast<double>(std::clamp<size_t>(width + 2, 6, 60)),
                              nullptr));
  }
  const std::string& note = lang == Lang::kVi ? t.note_vi : t.note_en;
  if (!note.empty()) {
    auto row = static_cast<lxw_row_t>(kFirstDataRow + t.rows.size() + 1);
    keep(worksheet_write_string(ws, row, 0, note.c_str(), nullptr));
  }
  return err;
}

// Builds the workbook into `file`. `path` is the name used in messages.
Status BuildWorkbook(const std::vector<Table>& tables, const std::string& file,
                     const std::string& path, Lang lang) {
  lxw_workbook* wb = workbook_new(file.c_str());
  if (wb == nullptr) return Internal("cannot start the workbook " + path);
  std::string title = tables.empty() ? std::string() : tables.front().title(lang);
  std::string author = "lnob";
  lxw_doc_properties props{};
  props.title = title.data();
  props.author = author.data();
  props.created = kCreated;
  workbook_set_properties(wb, &props);
  Formats f = AddFormats(wb);
  std::set<std::string> used = {"history"};  // reserved by Excel
  Status status;
  for (const Table& t : tables) {
    std::string name = SheetName(t.key, &used);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    lxw_error err = ws == nullptr ? LXW_ERROR_PARAMETER_VALIDATION : WriteSheet(ws, t, lang, f);
    if (err != LXW_NO_ERROR) {
      status =
          Internal("cannot write the sheet \"" + name + "\" of " + path + ": " + lxw_strerror(err));
      break;
    }
  }
  lxw_error err = workbook_close(wb);  // also frees the workbook
  if (status.ok() && err != LXW_NO_ERROR) {
    status = DataLoss("cannot write " + path + ": " + lxw_strerror(err));
  }
  return status;
}

Status CheckSize(const Table& t) {
  if (t.columns.size() > kMaxColumns || t.rows.size() + kFirstDataRow + 2 > kMaxRows) {
    return InvalidArgument("the table \"" + t.key + "\" has " + std::to_string(t.rows.size()) +
                           " rows and " + std::to_string(t.columns.size()) +
                           " columns: more than an Excel sheet holds; export it as CSV instead");
  }
  return OkStatus();
}

Status SyncFile(const std::string& file, const std::string& path) {
  int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    std::string m = "cannot write " + path + ": " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return DataLoss(m);
  }
  ::close(fd);
  return OkStatus();
}

}  // namespace

Status WriteXlsx(const std::vector<Table>& tables, const std::string& path, Lang lang) {
  for (const Table& t : tables) RETURN_IF_ERROR(CheckSize(t));
  // libxlsxwriter writes the whole file at close; creating the temporary file here first turns a
  // missing or read-only directory into a clear error before any work.
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  std::FILE* probe = std::fopen(tmp.c_str(), "wb");
  if (probe == nullptr) {
    int e = errno;
    std::string m = "cannot create " + path + ": " + std::strerror(e);
    return e == EACCES || e == EPERM || e == EROFS ? PermissionDenied(m) : DataLoss(m);
  }
  std::fclose(probe);
  Status s = BuildWorkbook(tables, tmp, path, lang);
  if (s.ok()) s = SyncFile(tmp, path);
  if (s.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    s = DataLoss("cannot replace " + path + ": " + std::strerror(errno));
  }
  if (!s.ok()) std::remove(tmp.c_str());
  return s;
}

}  // namespace lnob::report
