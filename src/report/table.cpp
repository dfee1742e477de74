#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "common/json_text.hpp"
#include "common/money.hpp"

namespace lnob::report {
namespace {

// Rounds half away from zero to `decimals` places. A decimal such as 15.325 is stored as
// 15.32499999999999928946 and 15.325 * 100 as 1532.4999999999998, so plain std::round would give
// 15.32: the scaled value is first nudged away from zero by a relative 1e-12 (far above the few
// ulps of representation error, far below any difference that matters in a rate). Returns +0.0 for
// a result of zero, so that -0.001 prints "0.00", not "-0.00".
double RoundHalfAway(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  double scaled = value * scale;
  if (std::abs(scaled) >= 4503599627370496.0) return value;  // 2^52: already an integer
  scaled += std::copysign(std::abs(scaled) * 1e-12, scaled);
  double rounded = std::round(scaled) / scale;
  return rounded == 0 ? 0.0 : rounded;
}

int Decimals(CellKind kind) {
  return kind == CellKind::kReal ? 4 : 2;
}

bool IsReal(CellKind kind) {
  return kind == CellKind::kPercent || kind == CellKind::kPoints || kind == CellKind::kReal;
}

bool IsNumeric(CellKind kind) {
  return kind != CellKind::kText;
}

// A cell with no value to show: empty, or a NaN / infinite real (which JSON cannot hold).
bool NoValue(const Cell& c) {
  return c.empty || (IsReal(c.kind) && !std::isfinite(c.real));
}

// The machine form: plain digits, '.' decimal, ISO date; "" for no value.
std::string MachineValue(const Cell& c) {
  if (NoValue(c)) return "";
  switch (c.kind) {
    case CellKind::kText: return c.text;
    case CellKind::kInt:
    case CellKind::kYear:
    case CellKind::kMoney: return std::to_string(c.integer);
    case CellKind::kDate: return FormatIsoDate(Date{static_cast<int32_t>(c.integer)});
    default:
      return FormatDecimal(RoundHalfAway(c.real, Decimals(c.kind)), Decimals(c.kind), Lang::kEn);
  }
}

// Display width: UTF-8 code points, not counting continuation bytes nor combining diacritical
// marks (U+0300..U+036F, bytes CC 80 .. CD AF), so that NFD text aligns like NFC text.
size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    if ((c == 0xCC ||
         (c == 0xCD && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0xAF))) {
      continue;
    }
    ++width;
  }
  return width;
}

// Text as one line: control characters (line breaks, tabs) become spaces.
std::string OneLine(std::string s) {
  for (char& ch : s) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) ch = ' ';
  }
  return s;
}

// The i-th cell of a row; a short row reads as empty cells (rows should match the columns).
const Cell& CellAt(const std::vector<Cell>& row, size_t i) {
  static const Cell kMissing = Cell::Empty(CellKind::kText);
  return i < row.size() ? row[i] : kMissing;
}

const std::string& Label(const Column& c, Lang lang) {
  return lang == Lang::kVi ? c.label_vi : c.label_en;
}

const std::string& Note(const Table& t, Lang lang) {
  return lang == Lang::kVi ? t.note_vi : t.note_en;
}

// The header and body cells as people read them, one line each.
std::vector<std::vector<std::string>> DisplayGrid(const Table& t, Lang lang) {
  std::vector<std::vector<std::string>> grid;
  grid.reserve(t.rows.size() + 1);
  grid.emplace_back();
  for (const Column& c : t.columns) grid.back().push_back(OneLine(Label(c, lang)));
  for (const auto& row : t.rows) {
    grid.emplace_back();
    for (size_t i = 0; i < t.columns.size(); ++i) {
      grid.back().push_back(OneLine(FormatCell(CellAt(row, i), lang)));
    }
  }
  return grid;
}

std::vector<size_t> Widths(const std::vector<std::vector<std::string>>& grid, size_t min) {
  std::vector<size_t> w(grid.empty() ? 0 : grid[0].size(), min);
  for (const auto& line : grid) {
    for (size_t i = 0; i < line.size(); ++i) w[i] = std::max(w[i], DisplayWidth(line[i]));
  }
  return w;
}

void Pad(std::string* out, const std::string& s, size_t width, bool right) {
  size_t fill = width - std::min(width, DisplayWidth(s));
  if (right) out->append(fill, ' ');
  *out += s;
  if (!right) out->append(fill, ' ');
}

void TrimRight(std::string* s) {
  while (!s->empty() && s->back() == ' ') s->pop_back();
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

// Backslash-escapes the characters in `special` (GFM: '|' inside a cell, '*' inside *italics*).
std::string MarkdownEscape(const std::string& s, std::string_view special) {
  std::string out;
  for (char ch : s) {
    if (special.find(ch) != std::string_view::npos) out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace

std::string FormatCell(const Cell& cell, Lang lang) {
  if (NoValue(cell)) return "";
  switch (cell.kind) {
    case CellKind::kText: return cell.text;
    case CellKind::kYear: return std::to_string(cell.integer);
    case CellKind::kInt:
    case CellKind::kMoney: return GroupThousands(cell.integer, lang);
    case CellKind::kDate: {
      Date d{static_cast<int32_t>(cell.integer)};
      return lang == Lang::kVi ? FormatVietnameseDate(d) : FormatIsoDate(d);
    }
    default: {
      int decimals = Decimals(cell.kind);
      return FormatDecimal(RoundHalfAway(cell.real, decimals), decimals, lang);
    }
  }
}

std::string RenderText(const Table& table, Lang lang) {
  std::string out;
  if (!table.title(lang).empty()) out += OneLine(table.title(lang)) + "\n\n";
  auto grid = DisplayGrid(table, lang);
  auto widths = Widths(grid, 0);
  for (const auto& line : grid) {
    std::string text;
    for (size_t i = 0; i < line.size(); ++i) {
      if (i != 0) text += "  ";
      Pad(&text, line[i], widths[i], IsNumeric(table.columns[i].kind));
    }
    TrimRight(&text);
    out += text + '\n';
  }
  if (!Note(table, lang).empty()) out += "\n" + OneLine(Note(table, lang)) + "\n";
  return out;
}

std::string SpreadsheetSafe(std::string text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    text.insert(0, 1, '\'');
  }
  return text;
}

std::string RenderCsv(const Table& table) {
  std::string out;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i != 0) out += ',';
    out += CsvField(table.columns[i].key);
  }
  out += '\n';
  for (const auto& row : table.rows) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (i != 0) out += ',';
      const Cell& c = CellAt(row, i);
      out +=
          CsvField(c.kind == CellKind::kText ? SpreadsheetSafe(MachineValue(c)) : MachineValue(c));
    }
    out += '\n';
  }
  return out;
}

std::string RenderJson(const Table& table) {
  std::string out = "[";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (r != 0) out += ',';
    out += '{';
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (i != 0) out += ',';
      out += JsonString(table.columns[i].key);
      out += ':';
      const Cell& c = CellAt(table.rows[r], i);
      if (NoValue(c)) {
        out += "null";
      } else if (c.kind == CellKind::kText || c.kind == CellKind::kDate) {
        out += JsonString(MachineValue(c));
      } else {
        out += MachineValue(c);
      }
    }
    out += '}';
  }
  return out + ']';
}

std::string RenderMarkdown(const Table& table, Lang lang) {
  std::string out;
  if (!table.title(lang).empty()) out += "### " + OneLine(table.title(lang)) + "\n\n";
  auto grid = DisplayGrid(table, lang);
  for (auto& line : grid) {
    for (auto& s : line) s = MarkdownEscape(s, "|");
  }
  auto widths = Widths(grid, 3);
  auto emit = [&](const std::vector<std::string>& line) {
    out += '|';
    for (size_t i = 0; i < line.size(); ++i) {
      out += ' ';
      Pad(&out, line[i], widths[i], IsNumeric(table.columns[i].kind));
      out += " |";
    }
    out += '\n';
  };
  emit(grid[0]);
  out += '|';
  for (size_t i = 0; i < widths.size(); ++i) {
    bool right = IsNumeric(table.columns[i].kind);
    out += ' ' + std::string(widths[i] - (right ? 1 : 0), '-') + (right ? ":" : "") + " |";
  }
  out += '\n';
  for (size_t r = 1; r < grid.size(); ++r) emit(grid[r]);
  if (!Note(table, lang).empty()) {
    out += "\n*" + MarkdownEscape(OneLine(Note(table, lang)), "*") + "*\n";
  }
  return out;
}

}  // namespace lnob::report
