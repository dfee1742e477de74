#include "ingest/table_parser.hpp"

#include <functional>

#include "ingest/cell_parser.hpp"
#include "ingest/text.hpp"

namespace lnob::ingest::internal {
namespace {

using core::FieldType;

enum class Kind : uint8_t {
  kIgnore, kExtra, kId, kString, kMoney, kDecimal, kBool, kEnum, kDate, kBirthDate, kCitizenId,
};

// What to do with one column of the input.
struct ColumnPlan {
  Kind kind = Kind::kIgnore;
  bool required = false;
  bool key = false;          // household_id
  uint8_t error_flag = 0;    // row flag set when the cell is bad
  int16_t field = -1;
  int extra = -1;
  const EnumIndex* enums = nullptr;
  std::string_view name;     // as written in the header, trimmed
  int64_t* ints = nullptr;   // the destination column, bound after allocation
  double* reals = nullptr;
  std::string_view* strings = nullptr;
};

Kind KindOf(FieldType t) {
  switch (t) {
    case FieldType::kId: return Kind::kId;
    case FieldType::kString: return Kind::kString;
    case FieldType::kMoney: return Kind::kMoney;
    case FieldType::kDecimal: return Kind::kDecimal;
    case FieldType::kBool: return Kind::kBool;
    case FieldType::kEnum: return Kind::kEnum;
    case FieldType::kDate: return Kind::kDate;
    case FieldType::kBirthDate: return Kind::kBirthDate;
    case FieldType::kCitizenId: return Kind::kCitizenId;
  }
  return Kind::kIgnore;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct ChunkOut {
  ErrorSink errors;
  uint64_t used = 0;
  bool fatal = false;
  size_t end_pos = 0;
  std::shared_ptr<Arena> arena;
};

class FileParser {
 public:
  explicit FileParser(const FileContext& ctx) : ctx_(ctx), bytes_(ctx.source->bytes) {}
  ParsedFile Run();

 private:
  bool ReadHeader(CsvRecordReader* reader);
  void Allocate(uint64_t rows);
  void ParseChunk(const CsvChunk& chunk, uint64_t slot0, ChunkOut* out);
  void Row(std::span<const CsvField> fields, uint64_t slot, uint32_t line, Arena* arena,
           ErrorSink* sink, uint32_t* last_h);
  void BrokenRow(std::span<const CsvField> fields, uint64_t slot, uint32_t line);
  uint32_t Resolve(std::string_view id, uint32_t* last_h) const;
  void Compact(const std::vector<uint64_t>& slot_begin, const std::vector<ChunkOut>& outs);
  PendingError Error(ErrorKind kind, uint32_t line, uint32_t column) const {
    PendingError e;
    e.file = ctx_.file;
    e.kind = kind;
    e.line = line;
    e.column = column;
    return e;
  }

  const FileContext& ctx_;
  std::string_view bytes_;
  ParsedFile out_;
  std::vector<ColumnPlan> plan_;
  std::vector<EnumIndex> enums_;
  int key_col_ = -1;  // 0-based header position of household_id
};

bool FileParser::ReadHeader(CsvRecordReader* reader) {
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
  enums_.resize(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].type == FieldType::kEnum) enums_[i] = EnumIndex(fields[i].values);
  }
  std::vector<std::pair<std::string_view, uint32_t>> extra_names;
  const auto cells = reader->fields();
  plan_.resize(cells.size());
  for (size_t c = 0; c < cells.size(); ++c) {
    const CsvField& f = cells[c];
    const auto col = static_cast<uint32_t>(c + 1);
    ColumnPlan& p = plan_[c];
    if (f.bad_utf8_at != CsvField::kValidUtf8) {
      PendingError e = Error(ErrorKind::kHeaderBadUtf8, 1, col);
      e.value = f.text;
      e.a = f.bad_utf8_at;
      header.Add(e);
      continue;
    }
    std::string_view name = Trim(f.text);
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
      p.extra = static_cast<int>(out_.table.extras.size());
      extra_names.emplace_back(name, col);
      out_.table.extras.push_back(core::ExtraColumn{std::string(name), {}});
      continue;
    }
    const core::FieldDef& def = fields[idx];
    out_.column_of_field[idx] = col;
    out_.table.columns[idx].present = true;
    p.kind = KindOf(def.type);
    p.field = static_cast<int16_t>(idx);
    p.required = def.requirement != core::Requirement::kOptional;
    p.enums = &enums_[idx];
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
      jobs.emplace_back([&t, &p, rows] { ResizeFresh(&t.extras[p.extra].values, rows); });
      continue;
    }
    core::FieldColumn& col = t.columns[p.field];
    if (p.kind == Kind::kDecimal) {
      jobs.emplace_back([&col, rows] { ResizeFresh(&col.reals, rows); });
    } else if (p.kind == Kind::kId || p.kind == Kind::kString || p.kind == Kind::kCitizenId) {
      jobs.emplace_back([&col, rows] { ResizeFresh(&col.strings, rows); });
    } else {
      jobs.emplace_back([&col, rows] { ResizeFresh(&col.ints, rows); });
    }
  }
  jobs.emplace_back([&t, rows] { ResizeFresh(&t.source_line, rows); });
  jobs.emplace_back([this, rows] { ResizeFresh(&out_.row_flags, rows); });
  if (ctx_.level == core::Level::kMember) {
    jobs.emplace_back([this, rows] {
      ResizeFresh(&out_.member_household, rows);
      std::fill(out_.member_household.begin(), out_.member_household.end(), kNoHousehold);
    });
  }
  int threads = rows < (1u << 16) ? 1 : ctx_.threads;
  RunParallel(
      threads,
      [&](int i) {
        for (size_t j = static_cast<size_t>(i); j < jobs.size(); j += threads) jobs[j]();
      },
      nullptr);
  for (ColumnPlan& p : plan_) {  // bind the destinations
    if (p.kind == Kind::kExtra) p.strings = t.extras[p.extra].values.data();
    if (p.field < 0) continue;
    p.ints = t.columns[p.field].ints.data();
    p.reals = t.columns[p.field].reals.data();
    p.strings = t.columns[p.field].strings.data();
  }
}

uint32_t FileParser::Resolve(std::string_view id, uint32_t* last_h) const {
  // Members usually come in household order: try the last household and the next one first.
  const auto& ids = ctx_.household_ids;
  uint32_t h = *last_h;
  if (h < ids.size() && EqualBytes(ids[h], id)) return h;
  if (h + 1 < ids.size() && EqualBytes(ids[h + 1], id)) return *last_h = h + 1;  // kNoHousehold + 1 == 0
  h = ctx_.households->Find(id);
  if (h != kNoHousehold) *last_h = h;
  return h;
}

void FileParser::Row(std::span<const CsvField> fields, uint64_t slot, uint32_t line, Arena* arena,
                     ErrorSink* sink, uint32_t* last_h) {
  out_.table.source_line[slot] = line;
  uint8_t flags = 0;
  for (size_t c = 0; c < fields.size(); ++c) {
    const ColumnPlan& p = plan_[c];
    const CsvField& f = fields[c];
    std::string_view t = f.text;
    CellProblem problem = CellProblem::kOk;
    if (__builtin_expect(f.bad_utf8_at != CsvField::kValidUtf8, 0)) {
      problem = CellProblem::kBadUtf8;
    } else {
      switch (p.kind) {
        case Kind::kIgnore:
          break;
        case Kind::kExtra:
        case Kind::kString:
          if (t.empty()) {
            if (p.required) problem = CellProblem::kEmpty;
          } else {
            p.strings[slot] = f.maybe_not_nfc ? NormalizeNfc(t, arena) : t;
          }
          break;
        case Kind::kId:
          if (IsValidId(t)) {
            p.strings[slot] = t;
            if (p.key && ctx_.households) {
              uint32_t h = Resolve(t, last_h);
              out_.member_household[slot] = h;
              if (h == kNoHousehold) {
                flags |= kRowBadKey;
                if (ctx_.check_unknown) {
                  PendingError e = Error(ErrorKind::kUnknownHousehold, line, c + 1);
                  e.field = p.field;
                  e.column_name = p.name;
                  e.value = e.key = t;
                  sink->Add(e);
                }
              }
            }
          } else {
            problem = t.empty() ? CellProblem::kEmpty : CellProblem::kBadId;
          }
          break;
        case Kind::kMoney:
          if (!ParseMoney(t, &p.ints[slot])) {
            problem = t.empty() ? CellProblem::kEmpty : CellProblem::kBadMoney;
          }
          break;
        case Kind::kDecimal:
          if (!ParseDecimal(t, &p.reals[slot])) {
            problem = t.empty() ? CellProblem::kEmpty : CellProblem::kBadDecimal;
          }
          break;
        case Kind::kBool:
          if (t.size() == 1 && (t[0] == '0' || t[0] == '1')) {
            p.ints[slot] = t[0] - '0';
          } else {
            problem = t.empty() ? CellProblem::kEmpty : CellProblem::kBadBool;
          }
          break;
        case Kind::kEnum: {
          int code = p.enums->Find(t);
          if (code >= 0) {
            p.ints[slot] = code;
          } else {
            problem = t.empty() ? CellProblem::kEmpty : CellProblem::kBadEnum;
          }
          break;
        }
        case Kind::kDate:
        case Kind::kBirthDate: {
          int32_t v = 0;
          problem = p.kind == Kind::kDate ? ParseDateCell(t, &v) : ParseBirthDateCell(t, &v);
          if (problem == CellProblem::kOk) {
            p.ints[slot] = v;
          } else if (t.empty()) {
            problem = CellProblem::kEmpty;
          }
          break;
        }
        case Kind::kCitizenId:
          if (IsCitizenId(t)) {
            p.strings[slot] = t;
          } else {
            problem = t.empty() ? CellProblem::kEmpty : CellProblem::kBadCitizenId;
          }
          break;
      }
    }
    if (__builtin_expect(problem == CellProblem::kOk, 1)) continue;
    if (problem == CellProblem::kEmpty && !p.required) continue;
    if (p.kind == Kind::kIgnore && problem != CellProblem::kBadUtf8) continue;
    flags |= p.error_flag;
    PendingError e = Error(ErrorKind::kCell, line, c + 1);
    e.detail = static_cast<uint8_t>(problem);
    e.field = p.field;
    e.column_name = p.name;
    e.value = t;
    e.a = f.bad_utf8_at;
    sink->Add(e);
  }
  out_.row_flags[slot] = flags;
}

void FileParser::BrokenRow(std::span<const CsvField> fields, uint64_t slot, uint32_t line) {
  // The row is reported already; keep its household_id, if readable, for the checks across rows.
  out_.table.source_line[slot] = line;
  uint8_t flags = kRowBroken | kRowBadKey;
  if (key_col_ >= 0 && static_cast<size_t>(key_col_) < fields.size()) {
    std::string_view id = fields[key_col_].text;
    if (IsValidId(id)) {
      plan_[key_col_].strings[slot] = id;
      flags = kRowBroken;
      if (ctx_.households) {
        uint32_t h = ctx_.households->Find(id);
        out_.member_household[slot] = h;
        if (h == kNoHousehold) flags |= kRowBadKey;
      }
    }
  }
  out_.row_flags[slot] = flags;
}

void FileParser::ParseChunk(const CsvChunk& chunk, uint64_t slot0, ChunkOut* out) {
  out->arena = std::make_shared<Arena>();
  out->errors = ErrorSink(ctx_.max_errors);
  CsvRecordReader reader(bytes_, chunk.begin, chunk.end, chunk.first_line,
                         static_cast<uint32_t>(plan_.size()), out->arena.get());
  uint64_t slot = slot0;
  size_t reported = chunk.begin;
  uint32_t last_h = kNoHousehold;
  for (uint32_t n = 1;; ++n) {
    CsvStatus st = reader.Next();
    if (st == CsvStatus::kEnd) break;
    if ((n & 4095) == 0 && ctx_.progress) {
      ctx_.progress->Add(reader.position() - reported);
      reported = reader.position();
    }
    if (st == CsvStatus::kRecord) {
      Row(reader.fields(), slot++, reader.line(), out->arena.get(), &out->errors, &last_h);
      continue;
    }
    const CsvError& c = reader.error();
    PendingError e = Error(ErrorKind::kCsv, c.line, c.column);
    e.detail = static_cast<uint8_t>(c.kind);
    e.a = c.expected;
    e.b = c.found;
    out->errors.Add(e);
    if (c.fatal()) {
      out->fatal = true;
      break;
    }
    if (c.kind == CsvError::Kind::kFieldCount) BrokenRow(reader.fields(), slot++, c.line);
  }
  if (ctx_.progress && chunk.end > reported) ctx_.progress->Add(chunk.end - reported);
  out->used = slot - slot0;
  out->end_pos = reader.position();
}

template <typename T>
void CompactVector(std::vector<T>* v, const std::vector<uint64_t>& slot_begin,
                   const std::vector<ChunkOut>& outs) {
  if (v->empty()) return;
  uint64_t dst = 0;
  for (size_t i = 0; i < outs.size(); ++i) {
    auto first = v->begin() + static_cast<ptrdiff_t>(slot_begin[i]);
    if (dst != slot_begin[i]) {
      std::move(first, first + static_cast<ptrdiff_t>(outs[i].used),
                v->begin() + static_cast<ptrdiff_t>(dst));
    }
    dst += outs[i].used;
  }
  v->resize(dst);
}

void FileParser::Compact(const std::vector<uint64_t>& slot_begin,
                         const std::vector<ChunkOut>& outs) {
  core::Table& t = out_.table;
  for (auto& col : t.columns) {
    CompactVector(&col.ints, slot_begin, outs);
    CompactVector(&col.reals, slot_begin, outs);
    CompactVector(&col.strings, slot_begin, outs);
  }
  for (auto& extra : t.extras) CompactVector(&extra.values, slot_begin, outs);
  CompactVector(&t.source_line, slot_begin, outs);
  CompactVector(&out_.row_flags, slot_begin, outs);
  CompactVector(&out_.member_household, slot_begin, outs);
}

ParsedFile FileParser::Run() {
  out_.table = core::MakeTable(ctx_.level);
  out_.storage.push_back(ctx_.source->owner);
  out_.column_of_field.assign(core::Fields(ctx_.level).size(), 0);
  auto header_arena = std::make_shared<Arena>();
  out_.storage.push_back(header_arena);
  CsvRecordReader header(bytes_, SkipBom(bytes_), bytes_.size(), 1, 0, header_arena.get());
  if (!ReadHeader(&header)) return std::move(out_);

  const int parts = ctx_.threads < 1 ? 1 : ctx_.threads;
  std::vector<CsvChunk> chunks = SplitCsv(bytes_, header.position(), header.next_line(), parts);
  std::vector<uint64_t> slot_begin(chunks.size() + 1, 0);
  for (size_t i = 0; i < chunks.size(); ++i) {
    slot_begin[i + 1] = slot_begin[i] + chunks[i].MaxRecords(bytes_);
  }
  Allocate(slot_begin.back());

  std::vector<ChunkOut> outs(chunks.size());
  RunParallel(
      static_cast<int>(chunks.size()),
      [&](int i) { ParseChunk(chunks[i], slot_begin[i], &outs[i]); }, ctx_.progress);

  out_.complete = true;
  uint64_t rows = 0;
  for (size_t i = 0; i < outs.size(); ++i) {
    if (!out_.complete) {  // after a fatal error: the rest is not read
      outs[i].used = 0;
      continue;
    }
    if (!outs[i].fatal && outs[i].end_pos != chunks[i].end && parts > 1) {
      // A record crossed a chunk boundary: only possible with malformed quotes that a reader did
      // not catch. Read the file again on one thread, which is always right.
      FileContext one = ctx_;
      one.threads = 1;
      return FileParser(one).Run();
    }
    for (const PendingError& e : outs[i].errors.list) {
      if (out_.errors.size() < ctx_.max_errors) out_.errors.push_back(e);
    }
    out_.error_count += outs[i].errors.count;
    out_.storage.push_back(outs[i].arena);
    if (outs[i].fatal) out_.complete = false;
    rows += outs[i].used;
  }
  if (rows != slot_begin.back()) Compact(slot_begin, outs);
  out_.table.rows = static_cast<uint32_t>(rows);
  return std::move(out_);
}

}  // namespace

ParsedFile ParseFile(const FileContext& ctx) { return FileParser(ctx).Run(); }

}  // namespace lnob::ingest::internal
