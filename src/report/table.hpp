// A report table: titled, typed columns and rows, rendered as an aligned text table, CSV, JSON,
// Markdown or an XLSX sheet. Every report of lnob (rates, transitions, targets, what-if, summary)
// builds Tables and hands them to one of these writers; no report formats numbers itself.
//
//   Table t{"rates", "Tỷ lệ hộ nghèo", "Poverty rates"};
//   t.columns = {{"unit_code", "Mã", "Code", CellKind::kText},
//                {"households", "Số hộ", "Households", CellKind::kInt},
//                {"poor_rate", "Tỷ lệ nghèo (%)", "Poverty rate (%)", CellKind::kPercent}};
//   t.rows.push_back({Cell::Text("08"), Cell::Int(408500), Cell::Percent(15.3265)});
//   RenderText(t, Lang::kVi);
//     // "Tỷ lệ hộ nghèo\n\nMã    Số hộ  Tỷ lệ nghèo (%)\n08  408.500            15,33\n"
//   RenderJson(t);  // [{"unit_code":"08","households":408500,"poor_rate":15.33}]
//
// People read text, Markdown and XLSX: labels in their language, Vietnamese number formats in
// Vietnamese (408.500; 15,33). Machines read CSV and JSON: column keys, plain numbers (408500;
// 15.33), ISO dates. Percent and points cells are rounded to 2 decimals (half away from zero) in
// every format, so that a CSV and a printed table never disagree (real cells to 4 decimals the same
// way). Half away from zero is applied to the value as written in decimal: 15.325 -> 15.33 and
// -13.255 -> -13.26 although their binary doubles lie just below (see RoundHalfAway in table.cpp).
// A NaN or infinite real cell counts as empty.
// Thread-safety: values and pure functions; WriteXlsx writes one file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/lang.hpp"
#include "common/result.hpp"

namespace lnob::report {

enum class CellKind : uint8_t {
  kText,     // free text
  kInt,      // a count: 408500 -> "408.500" (vi) / "408,500" (en)
  kMoney,    // integer VND: "1.500.000" (vi) / "1,500,000" (en); the column label says the unit
  kPercent,  // a percentage, 15.3265 -> "15,33" (vi) / "15.33" (en); JSON 15.33
  kPoints,   // a signed change in percentage points: -13.26 -> "-13,26"; JSON -13.26
  kReal,     // a plain real number, 4 decimals: 0.3333 (indices such as M0)
  kYear,     // a plain whole number without grouping: 2024 (years, round numbers); JSON 2024
  kDate,     // yyyymmdd -> "31/12/2024" (vi) / "2024-12-31" (en); CSV and JSON ISO
};

struct Cell {
  CellKind kind = CellKind::kText;
  bool empty = false;   // no value (renders as "" / null)
  std::string text;     // kText
  int64_t integer = 0;  // kInt, kMoney, kDate (yyyymmdd)
  double real = 0;      // kPercent, kPoints, kReal

  static Cell Text(std::string s) { return {CellKind::kText, false, std::move(s)}; }
  static Cell Int(int64_t v) { return {CellKind::kInt, false, {}, v}; }
  static Cell Money(int64_t dong) { return {CellKind::kMoney, false, {}, dong}; }
  static Cell Percent(double v) { return {CellKind::kPercent, false, {}, 0, v}; }
  static Cell Points(double v) { return {CellKind::kPoints, false, {}, 0, v}; }
  static Cell Real(double v) { return {CellKind::kReal, false, {}, 0, v}; }
  static Cell Year(int64_t v) { return {CellKind::kYear, false, {}, v}; }
  static Cell DateCell(Date d) { return {CellKind::kDate, false, {}, d.value}; }
  static Cell Empty(CellKind k) { return {k, true}; }
};

struct Column {
  std::string key;       // machine name: CSV header, JSON key, e.g. "poor_rate"
  std::string label_vi;  // header people read
  std::string label_en;
  CellKind kind = CellKind::kText;
};

struct Table {
  std::string key;  // machine name; also the XLSX sheet name (see WriteXlsx)
  std::string title_vi;
  std::string title_en;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each row has columns.size() cells (missing ones: empty)
  std::string note_vi;  // a sentence printed under the table (sources, definitions); may be empty
  std::string note_en;

  const std::string& title(Lang lang) const { return lang == Lang::kVi ? title_vi : title_en; }
};

// The cell as people read it in `lang` (no padding).
std::string FormatCell(const Cell& cell, Lang lang);

// Title line, a blank line, header and rows with columns aligned (numbers right, text left, widths
// counted in characters, not bytes, combining marks not counted), a blank line and the note if any.
// No title lines when the title is empty; no trailing spaces. Ends with '\n'.
std::string RenderText(const Table& table, Lang lang);
// `text` with a leading apostrophe when it starts with = + - @, a tab or a carriage return, so that
// a spreadsheet opening a CSV or XLSX export never runs it as a formula (OWASP CSV injection).
std::string SpreadsheetSafe(std::string text);

// RFC 4180: header of column keys, then rows; text cells made SpreadsheetSafe; machine values (no
// thousands separators, '.' decimal, ISO dates); fields quoted when they hold ',', '"' or a line
// break. Lines end with "\n". No byte-order mark: a file meant for Excel starts with "\xEF\xBB\xBF"
// written by the caller.
std::string RenderCsv(const Table& table);
// A JSON array of one object per row, keys = column keys, in column order; numbers as numbers
// written as in the CSV (percent/points with 2 decimals: 51.20, reals with 4), text and ISO dates
// as strings, empty cells as null. No trailing newline.
std::string RenderJson(const Table& table);
// "### title", blank line, a GitHub-flavoured Markdown table (labels in `lang`, numbers formatted
// for `lang` and right-aligned), the note in italics if any. Ends with '\n'.
std::string RenderMarkdown(const Table& table, Lang lang);

// Writes `tables` to an XLSX workbook at `path`, one sheet per table, title in row 1, bold header
// in row 3, values from row 4 as real numbers with a number format ("#,##0" counts and money,
// "0.00" percent/points rounded as above, "0.0000" reals, dates as Excel dates shown dd/mm/yyyy;
// a year-only or pre-1900 date as text), a blank row and the note under the last row; columns as
// wide as their content. Sheet name: the key with []:*?/\ and control characters (and an
// apostrophe at either end) replaced by '_', cut to 31 characters, made unique by "~2", "~3"...
// The document's creation time is fixed, so equal tables give byte-identical files.
// Written to "<path>.tmp-<pid>" renamed into place: a failure leaves no partial or temporary file.
// Returns OK; InvalidArgument when a table exceeds a sheet (1,048,576 rows, 16,384 columns);
// PermissionDenied or DataLoss naming the path when it cannot be created or written; Internal
// naming the sheet when libxlsxwriter rejects a cell (e.g. text over 32,767 characters).
Status WriteXlsx(const std::vector<Table>& tables, const std::string& path, Lang lang);

}  // namespace lnob::report
