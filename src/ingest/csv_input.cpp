// The parts of the CSV reader around the records: getting the bytes (mapping a file), cutting
// them into chunks for threads, messages, and a simple whole-text reader.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include "ingest/csv_reader.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lnob::ingest {
namespace {

// Counts '"' and '\n' bytes in [p, p + n).
void CountQuotesAndLineFeeds(const char* p, size_t n, uint64_t* quotes, uint64_t* line_feeds) {
  uint64_t q = 0, lf = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
  while (i + 16 <= n) {
    __m128i acc_q = zero, acc_lf = zero;
    size_t stop = std::min(n - 15, i + 255 * 16);  // byte counters must not overflow
    for (; i < stop; i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      acc_q = _mm_sub_epi8(acc_q, _mm_cmpeq_epi8(v, quote));
      acc_lf = _mm_sub_epi8(acc_lf, _mm_cmpeq_epi8(v, nl));
    }
    __m128i sq = _mm_sad_epu8(acc_q, zero), sl = _mm_sad_epu8(acc_lf, zero);
    q += static_cast<uint64_t>(_mm_cvtsi128_si64(sq)) +
         static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sq, sq)));
    lf += static_cast<uint64_t>(_mm_cvtsi128_si64(sl)) +
          static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sl, sl)));
  }
#endif
  for (; i < n; ++i) {
    q += p[i] == '"';
    lf += p[i] == '\n';
  }
  *quotes = q;
  *line_feeds = lf;
}

// Opens `path` for reading and checks that it is a regular file; *size gets its length.
Result<int> OpenRegular(const std::string& path, const std::string& name, uint64_t* size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    std::string what = name + " (" + path + ")";
    if (err == ENOENT) return NotFound("cannot open " + what + ": the file does not exist");
    if (err == EACCES) return PermissionDenied("cannot open " + what + ": permission denied");
    return InvalidArgument("cannot open " + what + ": " + std::strerror(err));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return InvalidArgument("cannot read " + name + " (" + path + "): not a regular file");
  }
  *size = static_cast<uint64_t>(st.st_size);
  return fd;
}

}  // namespace

Result<CsvSource> MapCsvFile(const std::string& path, std::string name) {
  uint64_t size = 0;
  ASSIGN_OR_RETURN(int fd, OpenRegular(path, name, &size));
  CsvSource src;
  src.name = std::move(name);
  if (size == 0) {
    ::close(fd);
    src.owner = std::make_shared<std::string>();
    return src;
  }
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  int err = errno;
  ::close(fd);
  if (p == MAP_FAILED) {
    return InvalidArgument("cannot read " + src.name + " (" + path + "): " + std::strerror(err));
  }
  src.bytes = {static_cast<const char*>(p), size};
  src.size = size;
  src.owner = std::shared_ptr<const void>(
      p, [size](const void* q) { ::munmap(const_cast<void*>(q), size); });
  return src;
}

Result<CsvSource> OpenCsvFile(const std::string& path, std::string name) {
  uint64_t size = 0;
  ASSIGN_OR_RETURN(int fd, OpenRegular(path, name, &size));
  CsvSource src;
  src.name = std::move(name);
  src.fd = fd;
  src.size = size;
  src.owner = std::shared_ptr<const void>(nullptr, [fd](const void*) { ::close(fd); });
  return src;
}

int64_t CsvSource::Read(uint64_t offset, char* dst, size_t len) const {
  if (offset >= size) return 0;
  if (len > size - offset) len = static_cast<size_t>(size - offset);
  if (in_memory()) {
    std::memcpy(dst, bytes.data() + offset, len);
    return static_cast<int64_t>(len);
  }
  size_t got = 0;
  while (got < len) {
    ssize_t r = ::pread(fd, dst + got, len - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1;
    if (r == 0) break;  // the file got shorter while read
    got += static_cast<size_t>(r);
  }
  return static_cast<int64_t>(got);
}

CsvSource CsvFromString(std::string text, std::string name) {
  auto owned = std::make_shared<std::string>(std::move(text));
  CsvSource src;
  src.name = std::move(name);
  src.bytes = *owned;
  src.owner = std::move(owned);
  src.size = src.bytes.size();
  return src;
}

size_t SkipBom(std::string_view bytes) {
  return bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

std::string CsvErrorMessage(const CsvError& e, Lang lang) {
  bool vi = lang == Lang::kVi;
  using K = CsvError::Kind;
  switch (e.kind) {
    case K::kUnterminatedQuote:
      return vi ? "ô này mở dấu ngoặc kép (\") nhưng không có dấu đóng, nên không đọc được phần "
                  "còn lại của tệp; thêm dấu ngoặc kép đóng rồi nhập lại"
                : "this cell opens a quote (\") that is never closed, so the rest of the file "
                  "cannot be read; add the closing quote and import again";
    case K::kQuoteInUnquoted:
      return vi ? "có dấu ngoặc kép (\") giữa một ô không bắt đầu bằng dấu ngoặc kép; đặt cả ô "
                  "trong ngoặc kép và viết dấu ngoặc kép bên trong thành hai dấu (\"\"), hoặc "
                  "xoá nó, rồi nhập lại (phần còn lại của tệp chưa được kiểm tra)"
                : "a quote (\") appears inside a cell that does not start with a quote; put the "
                  "whole cell in quotes and double the inner quote (\"\"), or delete it, then "
                  "import again (the rest of the file was not checked)";
    case K::kTextAfterQuote:
      return vi ? "có chữ sau dấu ngoặc kép đóng của ô này; đặt cả ô trong ngoặc kép và viết dấu "
                  "ngoặc kép bên trong thành hai dấu (\"\"), rồi nhập lại (phần còn lại của tệp "
                  "chưa được kiểm tra)"
                : "there is text after the closing quote of this cell; put the whole cell in "
                  "quotes and double any quote inside it (\"\"), then import again (the rest of "
                  "the file was not checked)";
    case K::kBareCarriageReturn:
      return vi ? "dòng kết thúc bằng ký tự CR đơn lẻ (định dạng Mac cũ); lưu tệp dưới dạng "
                  "\"CSV UTF-8\" rồi nhập lại (phần còn lại của tệp chưa được kiểm tra)"
                : "a line ends with a lone carriage return (old Mac format); save the file as "
                  "\"CSV UTF-8\" and import again (the rest of the file was not checked)";
    case K::kFieldCount: {
      std::string f = std::to_string(e.found), x = std::to_string(e.expected);
      return vi ? "dòng này có " + f + " ô nhưng dòng tiêu đề có " + x +
                      " ô; kiểm tra dấu phẩy thừa hoặc thiếu (ô có dấu phẩy phải đặt trong "
                      "ngoặc kép) rồi nhập lại"
                : "this row has " + f + " cells but the header has " + x +
                      "; look for a missing or extra comma (a cell that contains a comma must be "
                      "in quotes) and import again";
    }
    case K::kEmptyLine:
      return vi ? "dòng này trống; xoá dòng trống rồi nhập lại"
                : "this line is empty; delete the empty line and import again";
  }
  return {};
}

namespace {

constexpr size_t kCountBlock = size_t{1} << 20;  // bytes read at a time when counting a file

Status ReadFailed(const CsvSource& src) {
  return DataLoss("could not read " + src.name + ": " + std::strerror(errno) +
                  "; check the disk and try again");
}

// Counts quotes and line feeds in bytes [from, to) of `src`, a block at a time for a file.
bool CountRange(const CsvSource& src, uint64_t from, uint64_t to, uint64_t* quotes,
                uint64_t* line_feeds) {
  *quotes = *line_feeds = 0;
  if (src.in_memory()) {
    CountQuotesAndLineFeeds(src.bytes.data() + from, to - from, quotes, line_feeds);
    return true;
  }
  std::unique_ptr<char[]> buf(new char[kCountBlock]);
  for (uint64_t at = from; at < to;) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(kCountBlock, to - at));
    const int64_t got = src.Read(at, buf.get(), want);
    if (got <= 0) return false;
    uint64_t q = 0, lf = 0;
    CountQuotesAndLineFeeds(buf.get(), static_cast<size_t>(got), &q, &lf);
    *quotes += q;
    *line_feeds += lf;
    at += static_cast<uint64_t>(got);
  }
  return true;
}

// From `at` on, with `parity` the number of quotes before it mod 2: the offset just after the
// first line feed outside quotes (or the end of the file), and the line feeds passed on the way
// (*extra). False when the file cannot be read.
bool FindBoundary(const CsvSource& src, uint64_t at, uint64_t parity, uint64_t* boundary,
                  uint64_t* extra) {
  char piece[64 * 1024];
  *extra = 0;
  while (at < src.size) {
    const char* p = piece;
    int64_t got;
    if (src.in_memory()) {
      p = src.bytes.data() + at;
      got = static_cast<int64_t>(std::min<uint64_t>(sizeof piece, src.size - at));
    } else {
      got = src.Read(at, piece, sizeof piece);
      if (got <= 0) return false;
    }
    for (int64_t j = 0; j < got; ++j) {
      if (p[j] == '"') parity ^= 1;
      if (p[j] == '\n') {
        ++*extra;
        if (parity == 0) {
          *boundary = at + static_cast<uint64_t>(j) + 1;
          return true;
        }
      }
    }
    at += static_cast<uint64_t>(got);
  }
  *boundary = src.size;
  return true;
}

}  // namespace

Result<std::vector<CsvChunk>> SplitCsv(const CsvSource& src, uint64_t begin, uint32_t first_line,
                                       int parts, int threads) {
  const uint64_t n = src.size;
  if (parts < 1) parts = 1;
  if (begin > n) begin = n;
  const uint64_t body = n - begin;
  std::vector<uint64_t> nominal(parts + 1);
  for (int i = 0; i <= parts; ++i) nominal[i] = begin + body / parts * i;
  nominal[parts] = n;

  std::vector<uint64_t> quotes(parts), line_feeds(parts);
  std::vector<char> ok(parts, 1);
  std::atomic<int> next{0};
  auto count = [&] {
    for (int i; (i = next.fetch_add(1)) < parts;) {
      ok[i] = CountRange(src, nominal[i], nominal[i + 1], &quotes[i], &line_feeds[i]);
    }
  };
  threads = body >= (1u << 20) ? std::clamp(threads, 1, parts) : 1;
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t) helpers.emplace_back(count);
  count();
  for (auto& t : helpers) t.join();
  for (char c : ok) {
    if (!c) return ReadFailed(src);
  }

  // split[i]: first record boundary after nominal[i]; lf_before[i]: line feeds in [begin,
  // split[i]).
  std::vector<uint64_t> split(parts + 1);
  std::vector<uint64_t> lf_before(parts + 1);
  split[0] = begin;
  uint64_t q_acc = 0, lf_acc = 0;
  for (int i = 1; i < parts; ++i) {
    q_acc += quotes[i - 1];
    lf_acc += line_feeds[i - 1];
    if (nominal[i] == begin) {
      split[i] = begin;  // an empty body: nothing to split
      lf_before[i] = 0;
      continue;
    }
    uint64_t extra = 0;
    if (!FindBoundary(src, nominal[i], q_acc & 1, &split[i], &extra)) return ReadFailed(src);
    lf_before[i] = lf_acc + extra;
  }
  split[parts] = n;
  lf_before[parts] = lf_acc + line_feeds[parts - 1];

  char last = '\n';
  if (n > begin && src.Read(n - 1, &last, 1) != 1) return ReadFailed(src);
  std::vector<CsvChunk> chunks(parts);
  for (int i = 0; i < parts; ++i) {
    chunks[i].begin = split[i];
    chunks[i].end = split[i + 1];
    chunks[i].first_line = first_line + static_cast<uint32_t>(lf_before[i]);
    chunks[i].line_feeds = lf_before[i + 1] - lf_before[i];
    // Every boundary but the file's end follows a line feed.
    chunks[i].ends_with_line_feed = chunks[i].end < n || last == '\n';
  }
  return chunks;
}

Result<CsvTable> ReadCsv(std::string_view text, std::string_view name) {
  Arena arena;
  CsvTable table;
  CsvRecordReader reader(text, SkipBom(text), text.size(), 1, 0, &arena);
  auto fail = [&](uint32_t line, uint32_t column, const std::string& message) {
    std::string where = std::string(name) + ":" + std::to_string(line);
    if (column != 0) where += ":" + std::to_string(column);
    return InvalidArgument(where + ": " + message);
  };
  bool header = true;
  while (true) {
    CsvStatus st = reader.Next();
    if (st == CsvStatus::kEnd) break;
    if (st == CsvStatus::kError) {
      const CsvError& e = reader.error();
      return fail(e.line, e.column, CsvErrorMessage(e, Lang::kEn));
    }
    std::vector<std::string> row;
    for (size_t c = 0; c < reader.fields().size(); ++c) {
      const CsvField& f = reader.fields()[c];
      if (f.bad_utf8_at != CsvField::kValidUtf8) {
        return fail(reader.line(), static_cast<uint32_t>(c + 1),
                    "this cell is not valid UTF-8 text (byte " + std::to_string(f.bad_utf8_at + 1) +
                        " is wrong); save the file as \"CSV UTF-8\" and import again");
      }
      row.emplace_back(f.text);
    }
    if (header) {
      table.header = std::move(row);
      header = false;
      reader = CsvRecordReader(text, reader.position(), text.size(), reader.next_line(),
                               static_cast<uint32_t>(table.header.size()), &arena);
    } else {
      table.rows.push_back(std::move(row));
      table.lines.push_back(reader.line());
    }
  }
  return table;
}

}  // namespace lnob::ingest
