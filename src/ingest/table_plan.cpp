// The header row of a survey file -> a plan for each column, and the columns allocated once.
#include <functional>

#include "ingest/table_parser_impl.hpp"

namespace lnob::ingest::internal {

bool FileParser::ReadHeader(CsvRecordReader* reader, Arena* arena) {
  // The header's bytes are a block that is read over: names and values are copied to `arena`.
  ErrorSink header(ctx_.max_errors);
  CsvStatus st = reader->Next();
  if (st != CsvStatus::kRecord) {
    if (st == CsvStatus::kEnd) {
      header.Add(Error(ErrorKind::kEmptyFile, 1, 0));
    } else {
      const CsvError& c = reader->error();
      PendingError e = Error(ErrorKind::kCsv, c.line, c.column);
      e.detail = static_cast<uint8_t>(c.kind);
      header.Add(e);
    }
    out_.errors = std::move(header.list);
    out_.error_count = header.count;
    return false;
  }
  auto fields = core::Fields(ctx_.level);
  std::vector<std::pair<std::string_view, uint32_t>> extra_names;
  const auto cells = reader->fields();
  plan_.resize(cells.size());
  for (size_t c = 0; c < cells.size(); ++c) {
    const CsvField& f = cells[c];
    const auto col = static_cast<uint32_t>(c + 1);
    ColumnPlan& p = plan_[c];
    if (f.bad_utf8_at != CsvField::kValidUtf8) {
      PendingError e = Error(ErrorKind::kHeaderBadUtf8, 1, col);
      e.value = arena->Copy(f.text);
      e.a = f.bad_utf8_at;
      header.Add(e);
      continue;
    }
    std::string_view name = arena->Copy(Trim(f.text));
    p.name = name;
    if (name.empty()) {
      header.Add(Error(ErrorKind::kEmptyColumnName, 1, col));
      continue;
    }
    int idx = core::FieldIndex(ctx_.level, name);
    uint32_t first = 0;
    if (idx >= 0) {
      first = out_.column_of_field[idx];
    } else {
      for (const auto& [n, at] : extra_names) {
        if (n == name) first = at;
      }
    }
    if (first != 0) {
      PendingError e = Error(ErrorKind::kDuplicateColumn, 1, col);
      e.column_name = name;
      e.a = first;
      header.Add(e);
      continue;
    }
    if (idx < 0) {
      p.kind = Kind::kExtra;
      extra_names.emplace_back(name, col);
      if (ctx_.drop_text) continue;  // validated (UTF-8) only
      p.extra = static_cast<int>(out_.table.extras.size());
      Arena nfc;  // names keep their diacritics, NFC-normalised like the values
      std::string_view kept = f.maybe_not_nfc ? NormalizeNfc(name, &nfc) : name;
      out_.table.extras.push_back(core::ExtraColumn{std::string(kept), {}});
      continue;
    }
    const core::FieldDef& def = fields[idx];
    out_.column_of_field[idx] = col;
    p.keep = !(ctx_.drop_text && IsText(def.type) && idx != 0 &&
               !(ctx_.level == core::Level::kMember && idx == core::mem::kMemberId)) &&
             !(ctx_.drop_member_keys && ctx_.level == core::Level::kMember &&
               idx == core::mem::kHouseholdId);
    out_.table.columns[idx].present = p.keep;
    p.kind = KindOf(def.type);
    p.field = static_cast<int16_t>(idx);
    p.required = def.requirement != core::Requirement::kOptional;
    if (def.type == FieldType::kEnum) p.enums = EnumIndex(def.values);
    p.key = idx == 0;  // household_id is field 0 at both levels
    if (p.key) key_col_ = static_cast<int>(c);
    if (p.key) p.error_flag = kRowBadKey;
    if (ctx_.level == core::Level::kMember && idx == core::mem::kRelation) {
      p.error_flag = kRowBadRelation;
    }
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].requirement == core::Requirement::kRequired && out_.column_of_field[i] == 0) {
      PendingError e = Error(ErrorKind::kMissingColumn, 1, 0);
      e.column_name = fields[i].name;
      e.field = static_cast<int16_t>(i);
      header.Add(e);
    }
  }
  out_.errors = std::move(header.list);
  out_.error_count = header.count;
  return true;
}

void FileParser::Allocate(uint64_t rows) {
  std::vector<std::function<void()>> jobs;
  core::Table& t = out_.table;
  for (ColumnPlan& p : plan_) {
    if (p.kind == Kind::kIgnore) continue;
    if (p.kind == Kind::kExtra) {
      if (p.extra >= 0) {
        jobs.emplace_back([&t, &p, rows] { ResizeFresh(&t.extras[p.extra].values, rows); });
      }
      continue;
    }
    core::FieldColumn& col = t.columns[p.field];
    if (p.kind == Kind::kDecimal) {
      jobs.emplace_back([&col, rows] { ResizeFresh(&col.reals, rows); });
    } else if (p.kind == Kind::kId || p.kind == Kind::kString || p.kind == Kind::kCitizenId) {
      if (p.keep) jobs.emplace_back([&col, rows] { ResizeFresh(&col.strings, rows); });
    } else if (p.kind == Kind::kMoney) {
      jobs.emplace_back([&col, rows] { ResizeFresh(&col.i64, rows); });
    } else if (p.kind == Kind::kDate || p.kind == Kind::kBirthDate) {
      jobs.emplace_back([&col, rows] { ResizeFresh(&col.i32, rows); });
    } else {  // kBool, kEnum
      jobs.emplace_back([&col, rows] { ResizeFresh(&col.i8, rows); });
    }
  }
  jobs.emplace_back([&t, rows] { ResizeFresh(&t.source_line, rows); });
  jobs.emplace_back([this, rows] { ResizeFresh(&out_.row_flags, rows); });
  if (ctx_.level == core::Level::kMember && out_.column_of_field[core::mem::kMemberId] != 0) {
    jobs.emplace_back([this, rows] { ResizeFresh(&out_.member_id_hash, rows); });
  }
  if (ctx_.level == core::Level::kMember) {
    jobs.emplace_back([this, rows] { ResizeFresh(&out_.member_household, rows, kNoHousehold); });
  }
  int threads = rows < (1u << 16) ? 1 : ctx_.threads;
  RunParallel(
      threads,
      [&](int i) {
        for (size_t j = static_cast<size_t>(i); j < jobs.size(); j += threads) jobs[j]();
      },
      nullptr);
  for (ColumnPlan& p : plan_) {  // bind the destinations
    if (p.kind == Kind::kExtra && p.extra >= 0) p.strings = t.extras[p.extra].values.data();
    if (p.field < 0) continue;
    p.i64 = t.columns[p.field].i64.data();
    p.i32 = t.columns[p.field].i32.data();
    p.i8 = t.columns[p.field].i8.data();
    p.reals = t.columns[p.field].reals.data();
    p.strings = p.keep ? t.columns[p.field].strings.data() : nullptr;
    if (ctx_.level == core::Level::kMember && p.field == core::mem::kMemberId) {
      p.hashes = out_.member_id_hash.data();
    }
  }
}

}  // namespace lnob::ingest::internal
