// Internal to ingest: a found problem kept compactly (views, numbers) while millions of rows are
// read, and turned into a bilingual InputError only if it is among the first max_errors.
//
//   ErrorSink sink(options.max_errors);
//   sink.Add(PendingError{...});                  // counts all, keeps the first max_errors
//   InputError e = Describe(pending, file_names); // messages in Vietnamese and English
//
// Thread-safety: values; an ErrorSink belongs to one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema.hpp"
#include "ingest/survey_loader.hpp"

namespace lnob::ingest::internal {

enum class ErrorKind : uint8_t {
  kEmptyFile,           // no header row
  kReadFailed,          // the file could not be read: a = errno
  kCsv,                 // detail: CsvError::Kind; a = expected, b = found (field count)
  kHeaderBadUtf8,       // a = offset of the bad byte
  kMissingColumn,       // column_name: the field
  kDuplicateColumn,     // a = position of the first column with that name
  kEmptyColumnName,     // a header cell with no name
  kCell,                // detail: CellProblem; a = offset of a bad byte (kBadUtf8)
  kDuplicateHousehold,  // key = id; a = line of the first
  kUnknownHousehold,    // key = id
  kNoMembers,           // key = id
  kNoHead,              // key = id; a = first member line, b = number of members
  kSecondHead,          // key = id; a = line of the first head
  kDuplicateMember,     // key = household id; value = member id; a = line of the first
};

struct PendingError {
  uint8_t file = 0;  // 0: households, 1: members
  ErrorKind kind = ErrorKind::kCell;
  uint8_t detail = 0;
  int16_t field = -1;  // field index in Fields(level), or -1 (unknown column or none)
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t a = 0;
  uint32_t b = 0;
  std::string_view column_name;
  std::string_view value;
  std::string_view key;
};

// Keeps the first `limit` errors added (the caller adds them in file order) and counts them all.
struct ErrorSink {
  explicit ErrorSink(size_t limit = 100) : limit(limit) {}
  void Add(const PendingError& e) {
    ++count;
    if (list.size() < limit) list.push_back(e);
  }
  size_t limit;
  uint64_t count = 0;
  std::vector<PendingError> list;
};

// Orders errors as a reader of the files meets them: file, line, column.
inline bool FileOrder(const PendingError& x, const PendingError& y) {
  if (x.file != y.file) return x.file < y.file;
  if (x.line != y.line) return x.line < y.line;
  return x.column < y.column;
}

// Returns the InputError for `e`: file name from `file_names[e.file]`, masked value, and the
// messages in English and Vietnamese.
InputError Describe(const PendingError& e, const std::string (&file_names)[2]);

// Returns `value` made safe to show for a column: citizen IDs masked but for the last 4 characters,
// names (personal free text) cut to their first letter, invalid UTF-8 replaced, cut to `max_chars`
// characters (with "…" when cut).
std::string MaskValue(std::string_view column_name, std::string_view value, size_t max_chars);

}  // namespace lnob::ingest::internal
