// Internal to ingest: the pieces of ParseFile (table_parser.hpp) shared by its two .cpp files:
// table_plan.cpp (the header row -> what to do with each column; allocating the columns) and
// table_parser.cpp (the rows, in parallel chunks).
//
//   FileParser parser(ctx);
//   ParsedFile file = parser.Run();
//
// Thread-safety: a FileParser runs once; during Run its ParseChunk is called from several threads
// on disjoint rows (the plan is read-only by then).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "ingest/cell_parser.hpp"
#include "ingest/table_parser.hpp"

namespace lnob::ingest::internal {

using core::FieldType;

enum class Kind : uint8_t {
  kIgnore,
  kExtra,
  kId,
  kString,
  kMoney,
  kDecimal,
  kBool,
  kEnum,
  kDate,
  kBirthDate,
  kCitizenId,
};

// What to do with one column of the input.
struct ColumnPlan {
  Kind kind = Kind::kIgnore;
  bool required = false;
  bool key = false;        // household_id
  bool keep = true;        // text: the values are kept (false: validated only; drop_text)
  uint8_t error_flag = 0;  // row flag set when the cell is bad
  int16_t field = -1;
  int extra = -1;
  EnumIndex enums;         // kEnum: the values
  std::string_view name;   // as written in the header, trimmed
  int64_t* i64 = nullptr;  // the destination column (the one its type uses), bound after allocation
  int32_t* i32 = nullptr;
  int8_t* i8 = nullptr;
  double* reals = nullptr;
  std::string_view* strings = nullptr;
  uint32_t* hashes = nullptr;  // member_id: a hash of each value, to find duplicates fast
};

inline Kind KindOf(FieldType t) {
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

// Text: never read by a rule (FileContext::drop_text).
inline bool IsText(FieldType t) {
  return t == FieldType::kId || t == FieldType::kString || t == FieldType::kCitizenId;
}

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Where the last member's household was found, to guess the next one's (see FileParser::Guess).
struct GuessState {
  uint32_t last = kNoHousehold;
  uint32_t pause = 0;   // rows left without guessing, after wrong guesses
  bool missed = false;  // the last guess was wrong
};

// A member row left to JoinMembers while its household_id column is not kept (drop_member_keys).
struct KeyToFind {
  uint64_t slot;
  std::string_view id;
};

struct ChunkOut {
  ErrorSink errors;
  uint64_t used = 0;
  bool fatal = false;
  size_t end_pos = 0;
  std::shared_ptr<Arena> arena;
  std::vector<KeyToFind> to_find;  // drop_member_keys: the rows left to find, in slot order
};

// The bytes of a source from a record start on, a block at a time: holds [at(), at() + filled) of
// the file in a buffer of its own. Thread-safety: one per thread.
inline constexpr int kChunksPerThread = 8;  // ParseFile's chunks per thread, for balance

class Blocks {
 public:
  Blocks(const CsvSource& source, uint64_t at, size_t block_size)
      : source_(source), at_(at), buf_(new char[block_size]), capacity_(block_size) {}
  // Reads on until the buffer is full or the file ends. False when the file cannot be read
  // (errno says why).
  bool Fill();
  // What a reader may have: the bytes held up to just after the last line feed, or all of them
  // when they reach the end of the file; empty when no line feed is held (Grow, then Fill).
  std::string_view Usable() const;
  // The bytes held reach the end of the file.
  bool final() const { return at_ + filled_ == source_.size; }
  bool full() const { return filled_ == capacity_; }
  // Drops the first `n` bytes held (records done with); the rest moves to the front.
  void Consume(size_t n);
  // Doubles the buffer, for a record longer than it.
  void Grow();
  uint64_t at() const { return at_; }

 private:
  const CsvSource& source_;
  uint64_t at_;
  std::unique_ptr<char[]> buf_;
  size_t capacity_;
  size_t filled_ = 0;
};

class FileParser {
 public:
  explicit FileParser(const FileContext& ctx) : ctx_(ctx) {}
  ParsedFile Run();

 private:
  bool ReadHeader(CsvRecordReader* reader, Arena* arena);
  void ReadFailed(ErrorSink* sink) const;
  // The file could not be read (errno says why): the result with that one error.
  ParsedFile Unreadable();
  void Allocate(uint64_t rows);
  void ParseChunk(const CsvChunk& chunk, uint64_t slot0, const std::shared_ptr<Arena>& arena,
                  ChunkOut* out);
  void Row(std::span<const CsvField> fields, uint64_t slot, uint32_t line, ChunkOut* out,
           GuessState* guess);
  uint32_t Guess(std::string_view id, GuessState* guess) const;
  void BrokenRow(std::span<const CsvField> fields, uint64_t slot, uint32_t line, ChunkOut* out);
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
  ParsedFile out_;
  std::vector<ColumnPlan> plan_;
  int key_col_ = -1;  // 0-based header position of household_id
};

}  // namespace lnob::ingest::internal
