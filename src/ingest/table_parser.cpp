#include "ingest/table_parser.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "ingest/table_parser_impl.hpp"
#include "ingest/text.hpp"

namespace lnob::ingest::internal {

uint32_t FileParser::Guess(std::string_view id, GuessState* guess) const {
  // Members usually come in household order: the last household or the next one. Else one look
  // up starts a new run; in a shuffled file, where guesses would cost cache misses on every row,
  // two wrong guesses in a row stop the guessing for a while (JoinMembers finds those in batches).
  const auto& ids = ctx_.household_ids;
  if (ctx_.households == nullptr) return kHouseholdToFind;
  if (guess->pause > 0) {
    --guess->pause;
    return kHouseholdToFind;
  }
  const auto& flags = ctx_.household_flags;
  uint32_t h = guess->last;
  if (h < ids.size() && EqualBytes(ids[h], id)) {
    guess->missed = false;
    return h;
  }
  if (h + 1 < ids.size() && EqualBytes(ids[h + 1], id) &&  // (kNoHousehold + 1 == 0)
      (flags[h + 1] & kRowBadKey) == 0) {
    guess->last = ++h;
    guess->missed = false;
    // The ids of the next households are far from the cache by now: ask for them early.
    if (h + 8 < ids.size()) __builtin_prefetch(ids[h + 8].data());
    return h;
  }
  if (guess->missed) {
    guess->pause = 256;
    guess->missed = false;
    return kHouseholdToFind;
  }
  guess->missed = true;
  h = ctx_.households->Find(id);
  guess->last = h;
  return h == kNoHousehold ? kHouseholdToFind : h;  // JoinMembers reports an unknown one
}

void FileParser::Row(std::span<const CsvField> fields, uint64_t slot, uint32_t line, ChunkOut* out,
                     GuessState* guess) {
  Arena* arena = out->arena.get();
  ErrorSink* sink = &out->errors;
  out_.table.source_line[slot] = line;
  uint8_t flags = 0;
  const ColumnPlan* plan = plan_.data();
  const CsvField* cells = fields.data();
  const size_t n = fields.size();
  for (size_t c = 0; c < n; ++c) {
    const ColumnPlan& p = plan[c];
    const CsvField& f = cells[c];
    std::string_view t = f.text;
    CellProblem problem = CellProblem::kOk;
    if (__builtin_expect(f.bad_utf8_at != CsvField::kValidUtf8, 0)) {
      problem = CellProblem::kBadUtf8;
    } else {
      switch (p.kind) {
        case Kind::kIgnore: break;
        case Kind::kExtra:
        case Kind::kString:
          if (t.empty()) {
            if (p.required) problem = CellProblem::kEmpty;
          } else if (p.strings != nullptr) {
            p.strings[slot] = f.maybe_not_nfc ? NormalizeNfc(t, arena) : arena->Copy(t);
            if (p.hashes) p.hashes[slot] = static_cast<uint32_t>(HashId(p.strings[slot]));
          }
          break;
        case Kind::kId:
          if (IsValidId(t)) {
            if (p.strings != nullptr) p.strings[slot] = arena->Copy(t);
            if (p.key && ctx_.level == core::Level::kMember) {
              const uint32_t h = Guess(t, guess);
              out_.member_household[slot] = h;
              if (h == kHouseholdToFind && p.strings == nullptr) {
                out->to_find.push_back({slot, arena->Copy(t)});
              }
            }
          } else {
            problem = t.empty() ? CellProblem::kEmpty : CellProblem::kBadId;
          }
          break;
        case Kind::kMoney:
          if (!ParseMoney(t, &p.i64[slot])) {
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
            p.i8[slot] = static_cast<int8_t>(t[0] - '0');
          } else {
            problem = t.empty() ? CellProblem::kEmpty : CellProblem::kBadBool;
          }
          break;
        case Kind::kEnum: {
          int code = p.enums.Find(t);
          if (code >= 0) {
            p.i8[slot] = static_cast<int8_t>(code);
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
            p.i32[slot] = v;
          } else if (t.empty()) {
            problem = CellProblem::kEmpty;
          }
          break;
        }
        case Kind::kCitizenId:
          if (IsCitizenId(t)) {
            if (p.strings != nullptr) p.strings[slot] = arena->Copy(t);
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
    if (sink->list.size() < sink->limit) e.value = arena->Copy(t);  // the block is read over
    e.a = f.bad_utf8_at;
    sink->Add(e);
  }
  out_.row_flags[slot] = flags;
}

void FileParser::BrokenRow(std::span<const CsvField> fields, uint64_t slot, uint32_t line,
                           ChunkOut* out) {
  // The row is reported already; keep its household_id, if readable, for the checks across rows.
  out_.table.source_line[slot] = line;
  uint8_t flags = kRowBroken | kRowBadKey;
  if (key_col_ >= 0 && static_cast<size_t>(key_col_) < fields.size() &&
      IsValidId(fields[key_col_].text)) {
    std::string_view id = out->arena->Copy(fields[key_col_].text);
    if (plan_[key_col_].strings != nullptr) {
      plan_[key_col_].strings[slot] = id;
    } else {
      out->to_find.push_back({slot, id});  // drop_member_keys: members only
    }
    flags = kRowBroken;
    if (ctx_.level == core::Level::kMember) out_.member_household[slot] = kHouseholdToFind;
  }
  out_.row_flags[slot] = flags;
}

bool Blocks::Fill() {
  while (filled_ < capacity_ && !final()) {
    const int64_t got = source_.Read(at_ + filled_, buf_.get() + filled_, capacity_ - filled_);
    if (got < 0) return false;
    if (got == 0) {  // the file got shorter while read
      errno = EIO;
      return false;
    }
    filled_ += static_cast<size_t>(got);
  }
  return true;
}

std::string_view Blocks::Usable() const {
  if (final()) return {buf_.get(), filled_};
  const void* lf = filled_ == 0 ? nullptr : ::memrchr(buf_.get(), '\n', filled_);
  if (lf == nullptr) return {};
  return {buf_.get(), static_cast<size_t>(static_cast<const char*>(lf) - buf_.get()) + 1};
}

void Blocks::Consume(size_t n) {
  if (n < filled_) std::memmove(buf_.get(), buf_.get() + n, filled_ - n);
  filled_ -= n;
  at_ += n;
}

void Blocks::Grow() {
  std::unique_ptr<char[]> bigger(new char[capacity_ * 2]);
  std::memcpy(bigger.get(), buf_.get(), filled_);
  buf_ = std::move(bigger);
  capacity_ *= 2;
}

void FileParser::ReadFailed(ErrorSink* sink) const {
  PendingError e = Error(ErrorKind::kReadFailed, 0, 0);
  e.a = static_cast<uint32_t>(errno);
  sink->Add(e);
}

ParsedFile FileParser::Unreadable() {
  ErrorSink sink(ctx_.max_errors);
  ReadFailed(&sink);
  out_.errors = std::move(sink.list);
  out_.error_count = sink.count;
  return std::move(out_);
}

void FileParser::ParseChunk(const CsvChunk& chunk, uint64_t slot0,
                            const std::shared_ptr<Arena>& arena, ChunkOut* out) {
  out->arena = arena;
  out->errors = ErrorSink(ctx_.max_errors);
  const auto expected = static_cast<uint32_t>(plan_.size());
  Blocks blocks(*ctx_.source, chunk.begin, ctx_.block_size);
  uint64_t slot = slot0;
  uint32_t line = chunk.first_line;
  GuessState guess;
  while (blocks.at() < chunk.end && !out->fatal) {
    if (!blocks.Fill()) {
      ReadFailed(&out->errors);
      out->fatal = true;
      break;
    }
    const std::string_view usable = blocks.Usable();
    if (usable.empty()) {  // a record longer than the buffer (at the end: the file got shorter)
      if (blocks.final()) break;
      blocks.Grow();
      continue;
    }
    const size_t limit =
        static_cast<size_t>(std::min<uint64_t>(chunk.end - blocks.at(), usable.size()));
    CsvRecordReader reader(usable, 0, limit, line, expected, out->arena.get());
    reader.set_more_follows(!blocks.final());
    CsvStatus st;
    while ((st = reader.Next()) != CsvStatus::kEnd && st != CsvStatus::kNeedMore) {
      if (st == CsvStatus::kRecord) {
        Row(reader.fields(), slot++, reader.line(), out, &guess);
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
      if (c.kind == CsvError::Kind::kFieldCount) BrokenRow(reader.fields(), slot++, c.line, out);
    }
    const size_t used = out->fatal ? 0 : reader.position();
    line = reader.next_line();
    if (ctx_.progress) ctx_.progress->Add(used);
    blocks.Consume(used);
    if (st == CsvStatus::kNeedMore && used == 0 && blocks.full()) blocks.Grow();
  }
  if (ctx_.progress && !out->fatal && chunk.end > blocks.at()) {
    ctx_.progress->Add(chunk.end - blocks.at());
  }
  out->used = slot - slot0;
  out->end_pos = blocks.at();
}

namespace {

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

}  // namespace

void FileParser::Compact(const std::vector<uint64_t>& slot_begin,
                         const std::vector<ChunkOut>& outs) {
  core::Table& t = out_.table;
  for (auto& col : t.columns) {
    CompactVector(&col.i64, slot_begin, outs);
    CompactVector(&col.i32, slot_begin, outs);
    CompactVector(&col.i8, slot_begin, outs);
    CompactVector(&col.reals, slot_begin, outs);
    CompactVector(&col.strings, slot_begin, outs);
  }
  for (auto& extra : t.extras) CompactVector(&extra.values, slot_begin, outs);
  CompactVector(&t.source_line, slot_begin, outs);
  CompactVector(&out_.row_flags, slot_begin, outs);
  CompactVector(&out_.member_household, slot_begin, outs);
  CompactVector(&out_.member_id_hash, slot_begin, outs);
}

ParsedFile FileParser::Run() {
  out_.table = core::MakeTable(ctx_.level);
  out_.column_of_field.assign(core::Fields(ctx_.level).size(), 0);
  auto header_arena = std::make_shared<Arena>();
  out_.storage.push_back(header_arena);

  // The header: from the first block (grown until the header row fits in it).
  const CsvSource& src = *ctx_.source;
  Blocks first(src, 0, std::min(ctx_.block_size, size_t{64} << 10));
  uint64_t body = 0;
  uint32_t body_line = 1;
  while (true) {
    if (!first.Fill()) return Unreadable();
    const std::string_view usable = first.Usable();
    if (usable.empty() && !first.final()) {
      first.Grow();
      continue;
    }
    CsvRecordReader header(usable, SkipBom(usable), usable.size(), 1, 0, header_arena.get());
    header.set_more_follows(!first.final());
    if (first.final() || header.Next() != CsvStatus::kNeedMore) {
      header = CsvRecordReader(usable, SkipBom(usable), usable.size(), 1, 0, header_arena.get());
      header.set_more_follows(!first.final());
      if (!ReadHeader(&header, header_arena.get())) return std::move(out_);
      body = header.position();
      body_line = header.next_line();
      break;
    }
    if (first.full()) first.Grow();
  }

  // Several chunks a thread, taken in turn: a thread that goes faster takes more of them.
  const int threads = std::max(ctx_.threads, 1);
  const int parts = threads == 1 ? 1 : threads * kChunksPerThread;
  auto split = SplitCsv(src, body, body_line, parts, threads);
  if (!split.ok()) return Unreadable();
  std::vector<CsvChunk> chunks = std::move(*split);
  std::vector<uint64_t> slot_begin(chunks.size() + 1, 0);
  for (size_t i = 0; i < chunks.size(); ++i) {
    slot_begin[i + 1] = slot_begin[i] + chunks[i].MaxRecords();
  }
  Allocate(slot_begin.back());
  if (ctx_.before_rows) ctx_.before_rows();

  std::vector<ChunkOut> outs(chunks.size());
  std::atomic<size_t> next{0};
  RunParallel(
      threads,
      [&](int) {
        auto arena = std::make_shared<Arena>(size_t{8} << 20);  // the thread's kept texts
        for (size_t i; (i = next.fetch_add(1)) < chunks.size();) {
          ParseChunk(chunks[i], slot_begin[i], arena, &outs[i]);
        }
      },
      ctx_.progress);

  out_.complete = true;
  uint64_t rows = 0;
  for (size_t i = 0; i < outs.size(); ++i) {
    if (!out_.complete) {  // after a fatal error: the rest is not read
      outs[i].used = 0;
      continue;
    }
    if (!outs[i].fatal && outs[i].end_pos != chunks[i].end && chunks.size() > 1) {
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
    for (const KeyToFind& k : outs[i].to_find) {  // slots -> rows once compacted
      out_.key_rows.push_back(static_cast<uint32_t>(rows + (k.slot - slot_begin[i])));
      out_.key_values.push_back(k.id);
    }
    rows += outs[i].used;
  }
  if (rows != slot_begin.back()) Compact(slot_begin, outs);
  out_.table.rows = static_cast<uint32_t>(rows);
  return std::move(out_);
}

ParsedFile ParseFile(const FileContext& ctx) {
  return FileParser(ctx).Run();
}

}  // namespace lnob::ingest::internal
