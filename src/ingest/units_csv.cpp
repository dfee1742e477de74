// The units file (units_csv.hpp): one pass over the records, every cell checked, every error kept.
#include "ingest/units_csv.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>

#include "ingest/cell_parser.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/text.hpp"
#include "ingest/units_csv_text.hpp"

namespace lnob::ingest {
namespace {

using namespace units_text;  // NOLINT: the message constants

constexpr std::array<std::string_view, 11> kColumns = {
    "type",       "code",     "name", "kind", "parent_code", "province_code",
    "valid_from", "valid_to", "from", "to",   "note"};
constexpr std::string_view kHeader =
    "type,code,name,kind,parent_code,province_code,valid_from,valid_to,from,to,note";
constexpr std::string_view kUnitKinds =
    "province, district, commune, ward, township, village, residential_group";
constexpr std::string_view kEventKinds = "merge, split, rename, reparent, create, dissolve";

// How many codes each kind of event lists in from ([0]) and in to ([1]).
struct EventRule {
  std::string_view kind;
  size_t min[2], max[2];
};
constexpr size_t kMany = SIZE_MAX;
constexpr EventRule kEventRules[] = {
    {"merge", {2, 1}, {kMany, 1}},  {"split", {1, 2}, {1, kMany}},
    {"rename", {1, 1}, {1, 1}},     {"reparent", {1, 1}, {kMany, kMany}},
    {"create", {0, 1}, {0, kMany}}, {"dissolve", {1, 0}, {kMany, 0}},
};

// True when `word` is one of the ", "-separated `list`.
bool InList(std::string_view word, std::string_view list) {
  for (size_t p = 0; p < list.size();) {
    size_t q = std::min(list.find(',', p), list.size());
    if (list.substr(p, q - p) == word) return true;
    p = q + 2;
  }
  return false;
}

class Reader {
 public:
  Reader(std::string name, std::vector<InputError>* out) : name_(std::move(name)), out_(out) {}

  void Error(uint32_t line, uint32_t column, std::string_view column_name, std::string_view value,
             const Text& m, std::initializer_list<std::string_view> args = {}) {
    bool cut = false;
    std::string shown = SanitizedPrefix(value, 200, &cut);
    out_->push_back({name_, line, column, std::string(column_name), cut ? shown + "…" : shown,
                     Fill(m.en, args), Fill(m.vi, args)});
  }
  // An error about the cell of `column` in the current row.
  void Error(std::string_view column, const Text& m,
             std::initializer_list<std::string_view> args = {}) {
    Error(line_, Pos(column) + 1, column, Cell(column), m, args);
  }

  // Reads the header row; false when the rows cannot be read (errors added).
  bool Header(std::span<const CsvField> fields) {
    pos_.fill(UINT32_MAX);
    for (uint32_t i = 0; i < fields.size(); ++i) {
      std::string_view name = fields[i].text;
      auto it = std::find(kColumns.begin(), kColumns.end(), name);
      if (it == kColumns.end()) {
        Error(1, i + 1, "", name, kUnknownColumn, {name, kHeader});
      } else if (uint32_t& p = pos_[it - kColumns.begin()]; p != UINT32_MAX) {
        Error(1, i + 1, name, name, kTwiceColumn, {name});
      } else {
        p = i;
      }
    }
    for (size_t c = 0; c < kColumns.size(); ++c) {
      if (pos_[c] == UINT32_MAX) Error(1, 0, "", "", kMissingColumn, {kColumns[c], kHeader});
    }
    return out_->empty();
  }

  void Row(uint32_t line, std::span<const CsvField> fields, Arena* arena) {
    line_ = line;
    cells_.clear();
    bool ok = true, cut = false;
    for (uint32_t i = 0; i < fields.size(); ++i) {
      const CsvField& f = fields[i];
      const bool valid = f.bad_utf8_at == CsvField::kValidUtf8;
      cells_.emplace_back(valid && f.maybe_not_nfc ? NormalizeNfc(f.text, arena) : f.text);
      if (valid) continue;
      out_->push_back({name_, line, i + 1, std::string(kColumns[Column(i)]),
                       SanitizedPrefix(f.text, 200, &cut), BadUtf8Message(f.bad_utf8_at, Lang::kEn),
                       BadUtf8Message(f.bad_utf8_at, Lang::kVi)});
      ok = false;
    }
    if (!ok) return;
    if (Cell("type") == "unit") return UnitRow();
    if (Cell("type") == "event") return EventRow();
    Error("type", kBadType);
  }

  // Checks the versions of each code against each other; returns the file or the errors.
  Result<UnitsFile> Finish() {
    std::map<std::string, std::vector<size_t>> by_code;  // indices into file_.units
    for (size_t i = 0; i < file_.units.size(); ++i) by_code[file_.units[i].code].push_back(i);
    for (auto& [code, list] : by_code) {
      auto from = [&](size_t i) { return file_.units[i].valid_from; };
      std::sort(list.begin(), list.end(), [&](size_t a, size_t b) { return from(a) < from(b); });
      for (size_t k = 1; k < list.size(); ++k) {
        const store::UnitRecord& a = file_.units[list[k - 1]];
        if (a.valid_to && *a.valid_to < from(list[k])) continue;
        size_t earlier = std::min(list[k - 1], list[k]), later = std::max(list[k - 1], list[k]);
        std::string date = FormatIsoDate(file_.units[later].valid_from);
        Error(lines_[later], Pos("valid_from") + 1, "valid_from", date,
              a.valid_from == from(list[k]) ? kSameStart : kOverlap,
              {code, date, std::to_string(lines_[earlier])});
      }
    }
    if (out_->empty()) return std::move(file_);
    std::stable_sort(out_->begin(), out_->end(), [](const InputError& a, const InputError& b) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    const size_t n = out_->size();
    return InvalidArgument(std::to_string(n) + (n == 1 ? " error in " : " errors in ") + name_ +
                           "; nothing was imported");
  }

 private:
  uint32_t Pos(std::string_view column) const {
    return pos_[std::find(kColumns.begin(), kColumns.end(), column) - kColumns.begin()];
  }
  size_t Column(uint32_t pos) const {
    return std::find(pos_.begin(), pos_.end(), pos) - pos_.begin();
  }
  const std::string& Cell(std::string_view column) const { return cells_[Pos(column)]; }

  bool Required(std::string_view c, bool unit) {
    if (!Cell(c).empty()) return true;
    Error(c, kRequired, {c, unit ? "unit" : "event"});
    return false;
  }
  bool Unused(std::string_view c, bool unit) {
    if (Cell(c).empty()) return true;
    Error(c, kUnused, {c, unit ? "unit" : "event"});
    return false;
  }
  bool CodeOk(std::string_view c, std::string_view code) {
    if (IsValidId(code)) return true;
    Error(c, kBadCode, {code});
    return false;
  }
  bool DateOk(std::string_view c, Date* out) {
    auto d = ParseIsoDate(Cell(c));
    if (d.ok()) *out = *d;
    if (!d.ok()) Error(c, kBadDate);
    return d.ok();
  }
  bool KindOk(std::string_view list) {
    if (InList(Cell("kind"), list)) return true;
    Error("kind", kBadKind, {list});
    return false;
  }

  void UnitRow() {
    store::UnitRecord u{Cell("code"), Cell("name"), Cell("kind"), Cell("parent_code"),
                        Cell("province_code")};
    bool ok = Required("code", true) && CodeOk("code", u.code);
    ok &= Required("name", true);
    const bool kind = Required("kind", true) && KindOk(kUnitKinds);
    const bool province = kind && u.kind == "province";
    ok &= kind;
    if (province && !u.parent_code.empty()) {
      Error("parent_code", kProvinceParent);
      ok = false;
    } else if (kind && !province) {
      ok &= u.parent_code.empty() ? (Error("parent_code", kNeedsParent, {u.kind}), false)
                                  : CodeOk("parent_code", u.parent_code);
    }
    if (Required("province_code", true) && CodeOk("province_code", u.province_code)) {
      if (province && u.province_code != u.code) Error("province_code", kProvinceCode, {u.code});
      ok &= !province || u.province_code == u.code;
    } else {
      ok = false;
    }
    ok &= Required("valid_from", true) && DateOk("valid_from", &u.valid_from);
    Date to;
    if (!Cell("valid_to").empty()) {
      ok &= DateOk("valid_to", &to);
      if (to.value != 0) u.valid_to = to;
      if (to.value != 0 && u.valid_from.value != 0 && to < u.valid_from) {
        Error("valid_to", kToBeforeFrom, {Cell("valid_from")});
        ok = false;
      }
    }
    ok &= Unused("from", true) & Unused("to", true);
    if (!ok) return;
    file_.units.push_back(std::move(u));
    lines_.push_back(line_);
  }

  // Splits the codes of `c` at ';'; false (with an error) on a bad or repeated code.
  bool Codes(std::string_view c, std::vector<std::string>* out) {
    std::string_view s = Cell(c);
    for (size_t p = 0; !s.empty() && p <= s.size();) {
      size_t q = std::min(s.find(';', p), s.size());
      std::string_view code = s.substr(p, q - p);
      while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
      while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
      if (!CodeOk(c, code)) return false;
      if (std::find(out->begin(), out->end(), code) != out->end()) {
        Error(c, kCodeTwice, {code});
        return false;
      }
      out->emplace_back(code);
      p = q + 1;
    }
    return true;
  }

  void EventRow() {
    store::UnitEvent e{Cell("kind"), {}, {}, {}, Cell("note")};
    const bool kind = Required("kind", false) && KindOk(kEventKinds);
    bool ok = Required("valid_from", false) && DateOk("valid_from", &e.date);
    for (auto c : {"code", "name", "parent_code", "province_code", "valid_to"}) {
      ok &= Unused(c, false);
    }
    ok &= Codes("from", &e.from) & Codes("to", &e.to);
    for (const EventRule& r : kEventRules) {
      if (!ok || r.kind != e.kind) continue;
      for (int side = 0; side < 2; ++side) {
        const size_t n = (side ? e.to : e.from).size(), min = r.min[side], max = r.max[side];
        if (n >= min && n <= max) continue;
        Error(
            side ? "to" : "from", min == max || max == 0 ? kCountExact : kCountMin,
            {e.kind, std::to_string(max == 0 ? 0 : min), side ? "to" : "from", std::to_string(n)});
        ok = false;
      }
    }
    if (ok && kind) file_.events.push_back(std::move(e));
  }

  std::string name_;
  std::vector<InputError>* out_;
  std::array<uint32_t, kColumns.size()> pos_{};
  uint32_t line_ = 0;
  std::vector<std::string> cells_;
  UnitsFile file_;
  std::vector<uint32_t> lines_;  // line of each unit in file_
};

}  // namespace

Result<UnitsFile> ParseUnitsCsv(std::string_view text, const std::string& name,
                                std::vector<InputError>* errors) {
  std::vector<InputError> local;
  std::vector<InputError>* out = errors ? errors : &local;
  out->clear();
  Reader r(name, out);
  Arena arena;
  CsvRecordReader csv(text, SkipBom(text), text.size(), 1, 0, &arena);
  bool header = true;
  while (true) {
    CsvStatus st = csv.Next();
    if (st == CsvStatus::kEnd) break;
    if (st == CsvStatus::kError) {
      const CsvError& e = csv.error();
      out->push_back({name, e.line, e.column, "", "", CsvErrorMessage(e, Lang::kEn),
                      CsvErrorMessage(e, Lang::kVi)});
      continue;
    }
    if (!header) {
      r.Row(csv.line(), csv.fields(), &arena);
      continue;
    }
    header = false;
    if (!r.Header(csv.fields())) break;
    const auto fields = static_cast<uint32_t>(csv.fields().size());
    csv = CsvRecordReader(text, csv.position(), text.size(), csv.next_line(), fields, &arena);
  }
  if (header && out->empty()) r.Error(1, 0, "", "", kEmptyFile, {kHeader});
  return r.Finish();
}

Result<UnitsFile> LoadUnitsCsv(const std::string& path, std::vector<InputError>* errors) {
  if (errors) errors->clear();
  std::string name = path.substr(path.find_last_of('/') + 1);
  ASSIGN_OR_RETURN(CsvSource src, MapCsvFile(path, name));
  return ParseUnitsCsv(src.bytes, name, errors);
}

}  // namespace lnob::ingest
