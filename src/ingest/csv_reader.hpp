// CSV reader: RFC 4180 records out of a file (mapped, or read a block at a time) or a string, fast
// enough to read a country's survey (hundreds of MB) in parallel chunks.
//
//   ASSIGN_OR_RETURN(CsvSource src, MapCsvFile("/data/households.csv", "households.csv"));
//   Arena arena;
//   size_t body = SkipBom(src.bytes);
//   CsvRecordReader reader(src.bytes, body, src.bytes.size(), /*first_line=*/1, 0, &arena);
//   while (true) {
//     CsvStatus st = reader.Next();
//     if (st == CsvStatus::kEnd) break;
//     if (st == CsvStatus::kError) { report(reader.error()); if (reader.error().fatal()) break;
//                                    continue; }
//     for (const CsvField& f : reader.fields()) use(f.text);   // line: reader.line()
//   }
//
// What is accepted: an optional UTF-8 byte-order mark, LF or CRLF line ends, quoted fields with
// embedded commas, doubled quotes ("") and line breaks, and empty lines at the very end. Unquoted
// fields are views into the source bytes; fields with "" escapes are unescaped into an Arena.
// Invalid UTF-8 is flagged per field (CsvField::bad_utf8_at) so that every bad cell can be
// reported. Errors: a quote that is never closed, a quote inside an unquoted field, text after a
// closing quote and a carriage return without a line feed are fatal (the rest of the file cannot be
// read reliably); a record with the wrong number of fields and an empty line in the middle are not.
//
// Parallel reading: SplitCsv cuts the body into chunks at record boundaries (a line feed is a
// boundary iff the number of quotes before it is even) and gives each chunk's first line number, so
// that one CsvRecordReader per thread gives the same records, lines and columns as one reader.
// Reading in blocks: a reader over a block that ends after its last line feed, told that more
// bytes follow, stops with kNeedMore at a record the block cuts; the caller moves that record's
// start to the front, reads more after it and goes on with a new reader at next_line().
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/lang.hpp"
#include "common/result.hpp"
#include "ingest/text.hpp"

namespace lnob::ingest {

// The bytes of one CSV file: in memory (a string, a mapping) or an open file read in blocks
// (OpenCsvFile), which costs far less than touching a fresh mapping page by page on a VM and keeps
// no more than a block per thread in memory. Thread-safety: immutable; share freely (reads of an
// open file use pread at an offset).
struct CsvSource {
  std::string name;                   // "households.csv": the name used in messages
  std::string_view bytes;             // the whole file when in memory; empty for an open file
  std::shared_ptr<const void> owner;  // keeps `bytes` alive, or closes `fd`
  int fd = -1;                        // an open file (OpenCsvFile), else -1
  uint64_t size = 0;                  // the file's length in bytes

  bool in_memory() const { return fd < 0; }
  // Copies up to `len` bytes at `offset` into `dst`. Returns the number copied (less than `len`
  // only at the end of the file), or -1 with errno set when the file cannot be read.
  int64_t Read(uint64_t offset, char* dst, size_t len) const;
};

// Memory-maps the file at `path` read-only (an empty file needs no mapping), its pages mapped up
// front. Returns the source, or NotFound (no such file), PermissionDenied (cannot be read), or
// InvalidArgument (a directory, or another error opening or mapping it); messages name `name`.
Result<CsvSource> MapCsvFile(const std::string& path, std::string name);
// Opens the file at `path` to be read in blocks (CsvSource::Read). Errors as MapCsvFile's.
Result<CsvSource> OpenCsvFile(const std::string& path, std::string name);
// Returns a source owning `text`. Never fails.
CsvSource CsvFromString(std::string text, std::string name);
// Returns 3 when `bytes` starts with a UTF-8 byte-order mark, else 0.
size_t SkipBom(std::string_view bytes);

// One field of a record.
struct CsvField {
  static constexpr uint32_t kValidUtf8 = UINT32_MAX;
  std::string_view text;              // without the surrounding quotes, "" unescaped
  uint32_t bad_utf8_at = kValidUtf8;  // 0-based byte offset in `text` of the first invalid byte
  bool non_ascii = false;             // has a byte >= 0x80
  bool maybe_not_nfc = false;         // has a code point that NFC might change (see text.hpp)
};

struct CsvError {
  enum class Kind : uint8_t {
    kUnterminatedQuote,   // fatal: a quoted field never closes
    kQuoteInUnquoted,     // fatal: ab"c
    kTextAfterQuote,      // fatal: "ab"c
    kBareCarriageReturn,  // fatal: CR not followed by LF
    kFieldCount,          // the record has `found` fields, the header `expected`
    kEmptyLine,           // an empty line before the end of the file
  };
  Kind kind = Kind::kFieldCount;
  uint32_t line = 0;      // 1-based line where the record (or the quoted field) starts
  uint32_t column = 0;    // 1-based field position; 0 for whole-record errors
  uint32_t expected = 0;  // kFieldCount only
  uint32_t found = 0;     // kFieldCount only

  bool fatal() const { return kind <= Kind::kBareCarriageReturn; }
};

// What the error means and what to do, for a commune official, in `lang` (no location prefix).
std::string CsvErrorMessage(const CsvError& error, Lang lang);

// kNeedMore: only from a reader told that more bytes follow (set_more_follows): the next record
// does not end within the bytes given; position() and next_line() are where it starts.
enum class CsvStatus : uint8_t { kRecord, kEnd, kError, kNeedMore };

// Reads the records that start in bytes[begin, end); `begin` must be a record start on line
// `first_line`. The last record may run past `end` (then the split was wrong: position() > end).
// Thread-safety: not thread-safe; several readers may share the same bytes (one per thread).
class CsvRecordReader {
 public:
  // expected_fields: the number of fields every record must have, or 0 for any. `arena` receives
  // unescaped fields and must outlive the views.
  CsvRecordReader(std::string_view bytes, size_t begin, size_t end, uint32_t first_line,
                  uint32_t expected_fields, Arena* arena);

  // kRecord: fields() and line() describe the next record. kEnd: no record starts before `end`.
  // kError: error() says what is wrong; after a non-fatal error the record has been skipped and
  // Next() may be called again; after a fatal one it returns kEnd.
  CsvStatus Next();
  // The bytes end in the middle of the file (a block of it): a quoted field still open at the end,
  // or empty lines up to the end, give kNeedMore instead of an error or the end. The bytes must
  // end just after a line feed (so that no other record can be cut).
  void set_more_follows(bool more) { more_follows_ = more; }

  std::span<const CsvField> fields() const { return {fields_.data(), nfields_}; }
  uint32_t line() const { return record_line_; }  // first line of the last record
  const CsvError& error() const { return error_; }
  size_t position() const { return pos_; }      // offset just after the last record
  uint32_t next_line() const { return line_; }  // line on which the next record starts

 private:
  size_t NextSpecial(size_t i);
  bool ReadUnquotedRest(CsvField* f, size_t start, size_t special);
  bool ReadQuoted(CsvField* f);
  CsvStatus Fail(CsvError::Kind kind, uint32_t line, uint32_t column);

  const char* data_;
  size_t n_;
  size_t pos_;
  size_t end_;
  uint32_t line_;
  uint32_t record_line_ = 0;
  size_t record_start_ = 0;
  uint32_t expected_;
  Arena* arena_;
  const uint64_t* inert_;
  // A 64-byte window of the input: bit i of mask is set when bytes[base + i] is , " CR LF or a
  // byte >= 0x80 (none loaded yet: base is far away from any offset).
  struct Window {
    size_t base = SIZE_MAX / 2;
    uint64_t mask = 0;
  };
  Window window_;
  std::vector<CsvField> fields_;
  size_t nfields_ = 0;
  CsvError error_;
  bool done_ = false;
  bool more_follows_ = false;
  bool need_more_ = false;  // ReadQuoted ran out of bytes while more follow
};

// A part of a file's body that starts at a record boundary.
struct CsvChunk {
  uint64_t begin = 0;
  uint64_t end = 0;
  uint32_t first_line = 0;  // line number of the record at `begin`
  uint64_t line_feeds = 0;  // '\n' bytes in [begin, end)
  bool ends_with_line_feed = true;

  // An upper bound on the records that start in the chunk (exact unless quoted fields contain line
  // breaks or the file ends with empty lines).
  uint64_t MaxRecords() const { return line_feeds + (end > begin && !ends_with_line_feed ? 1 : 0); }
};

// Cuts bytes [begin, size) of `source` into `parts` chunks (some possibly empty) that start at
// record boundaries, counting quotes with up to `threads` threads. `first_line` is the line at `begin`.
// Always returns `parts` chunks (at least one) covering the range in order. For input whose quotes
// are well formed the boundaries are exact; otherwise a reader of an earlier chunk reports a fatal
// error first. Returns the chunks, or DataLoss when the file cannot be read. Thread-safety: safe;
// starts and joins its own threads.
Result<std::vector<CsvChunk>> SplitCsv(const CsvSource& source, uint64_t begin, uint32_t first_line,
                                       int parts, int threads);

// A whole small file in memory, for tests and small inputs.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<uint32_t> lines;  // line of each row
};
// Reads `text` (header row first) sequentially. Returns the table, or InvalidArgument
// "<name>:<line>:<column>: <message>" for the first error of any kind, invalid UTF-8 included.
Result<CsvTable> ReadCsv(std::string_view text, std::string_view name = "input.csv");

}  // namespace lnob::ingest
