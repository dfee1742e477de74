#include "ingest/csv_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lnob::ingest {
namespace {

// Bit i set when p[i] is one of , " CR LF or a byte >= 0x80 (64 bytes from p).
inline uint64_t SpecialMask64(const char* p) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
  uint64_t mask = 0;
  for (int k = 0; k < 4; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                             _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
    m = _mm_or_si128(m, v);  // the high bit of a non-ASCII byte
    mask |= uint64_t{static_cast<uint32_t>(_mm_movemask_epi8(m))} << (16 * k);
  }
  return mask;
#else
  uint64_t mask = 0;
  for (int i = 0; i < 64; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if (c == ',' || c == '"' || c == '\r' || c == '\n' || c >= 0x80) mask |= uint64_t{1} << i;
  }
  return mask;
#endif
}

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

}  // namespace

Result<CsvSource> MapCsvFile(const std::string& path, std::string name) {
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
  CsvSource src;
  src.name = std::move(name);
  size_t size = static_cast<size_t>(st.st_size);
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
  src.owner = std::shared_ptr<const void>(p, [size](const void* q) {
    ::munmap(const_cast<void*>(q), size);
  });
  return src;
}

CsvSource CsvFromString(std::string text, std::string name) {
  auto owned = std::make_shared<std::string>(std::move(text));
  CsvSource src;
  src.name = std::move(name);
  src.bytes = *owned;
  src.owner = std::move(owned);
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

CsvRecordReader::CsvRecordReader(std::string_view bytes, size_t begin, size_t end,
                                 uint32_t first_line, uint32_t expected_fields, Arena* arena)
    : data_(bytes.data()),
      n_(bytes.size()),
      pos_(begin),
      end_(end),
      line_(first_line),
      expected_(expected_fields),
      arena_(arena),
      inert_(NfcInertTable()),
      fields_(expected_fields + 1) {}

void CsvRecordReader::LoadBlock(size_t i) {
  block_base_ = i;
  if (i + 64 <= n_) {
    block_mask_ = SpecialMask64(data_ + i);
    return;
  }
  char tail[64] = {};
  std::memcpy(tail, data_ + i, n_ - i);
  block_mask_ = SpecialMask64(tail) & ((uint64_t{1} << (n_ - i)) - 1);
}

// Returns the first offset >= i holding , " CR LF or a non-ASCII byte, or n_.
inline size_t CsvRecordReader::NextSpecial(size_t i) {
  while (true) {
    size_t off = i - block_base_;  // wraps to a huge value when i < block_base_
    if (off < 64) {
      uint64_t m = block_mask_ >> off;
      if (m) return i + static_cast<size_t>(__builtin_ctzll(m));
      i = block_base_ + 64;
    }
    if (i >= n_) return n_;
    LoadBlock(i);
  }
}

CsvStatus CsvRecordReader::Fail(CsvError::Kind kind, uint32_t line, uint32_t column) {
  error_ = CsvError{kind, line, column, 0, 0};
  if (error_.fatal()) done_ = true;
  return CsvStatus::kError;
}

bool CsvRecordReader::ReadUnquoted(CsvField* f) {
  const size_t start = pos_;
  size_t i = pos_;
  while (true) {
    size_t e = NextSpecial(i);
    if (e >= n_) {
      f->text = {data_ + start, n_ - start};
      pos_ = n_;
      return true;
    }
    auto c = static_cast<unsigned char>(data_[e]);
    if (c == ',' || c == '\n' || (c == '\r' && e + 1 < n_ && data_[e + 1] == '\n')) {
      f->text = {data_ + start, e - start};
      pos_ = e;
      return true;
    }
    auto column = static_cast<uint32_t>(nfields_);
    if (c == '\r') return Fail(CsvError::Kind::kBareCarriageReturn, line_, column), false;
    if (c == '"') return Fail(CsvError::Kind::kQuoteInUnquoted, line_, column), false;
    char32_t cp;
    int len = DecodeUtf8(data_ + e, data_ + n_, &cp);
    f->non_ascii = true;
    if (len == 0) {
      if (f->bad_utf8_at == CsvField::kValidUtf8) f->bad_utf8_at = static_cast<uint32_t>(e - start);
      len = 1;
    } else if (!IsNfcInert(inert_, cp)) {
      f->maybe_not_nfc = true;
    }
    i = e + static_cast<size_t>(len);
  }
}

bool CsvRecordReader::ReadQuoted(CsvField* f) {
  const auto column = static_cast<uint32_t>(nfields_);
  const uint32_t open_line = line_;
  const size_t start = pos_ + 1;
  size_t i = start, escapes = 0, close = 0;
  while (true) {
    size_t e = NextSpecial(i);
    if (e >= n_) return Fail(CsvError::Kind::kUnterminatedQuote, open_line, column), false;
    auto c = static_cast<unsigned char>(data_[e]);
    if (c == '"') {
      if (e + 1 < n_ && data_[e + 1] == '"') {
        ++escapes;
        i = e + 2;
        continue;
      }
      close = e;
      break;
    }
    if (c == '\n') ++line_;
    if (c < 0x80) {
      i = e + 1;
      continue;
    }
    char32_t cp;
    int len = DecodeUtf8(data_ + e, data_ + n_, &cp);
    f->non_ascii = true;
    if (len == 0) {
      if (f->bad_utf8_at == CsvField::kValidUtf8) {
        f->bad_utf8_at = static_cast<uint32_t>(e - start - escapes);
      }
      len = 1;
    } else if (!IsNfcInert(inert_, cp)) {
      f->maybe_not_nfc = true;
    }
    i = e + static_cast<size_t>(len);
  }
  pos_ = close + 1;
  if (pos_ < n_) {
    char d = data_[pos_];
    if (d == '\r' && !(pos_ + 1 < n_ && data_[pos_ + 1] == '\n')) {
      return Fail(CsvError::Kind::kBareCarriageReturn, line_, column), false;
    }
    if (d != ',' && d != '\n' && d != '\r') {
      return Fail(CsvError::Kind::kTextAfterQuote, line_, column), false;
    }
  }
  if (escapes == 0) {
    f->text = {data_ + start, close - start};
    return true;
  }
  char* out = arena_->Allocate(close - start - escapes);
  char* w = out;
  for (size_t j = start; j < close; ++j) {
    *w++ = data_[j];
    if (data_[j] == '"') ++j;  // the second quote of a "" pair
  }
  f->text = {out, static_cast<size_t>(w - out)};
  return true;
}

CsvStatus CsvRecordReader::Next() {
  if (done_ || pos_ >= end_) {
    done_ = true;
    return CsvStatus::kEnd;
  }
  record_line_ = line_;
  char c = data_[pos_];
  if (c == '\n' || (c == '\r' && pos_ + 1 < n_ && data_[pos_ + 1] == '\n')) {
    size_t j = pos_;
    while (j < n_ && (data_[j] == '\n' || data_[j] == '\r')) ++j;
    if (j == n_) {  // only empty lines up to the end of the file: allowed
      pos_ = end_;
      done_ = true;
      return CsvStatus::kEnd;
    }
    pos_ += c == '\n' ? 1 : 2;
    ++line_;
    return Fail(CsvError::Kind::kEmptyLine, record_line_, 0);
  }
  nfields_ = 0;
  while (true) {
    if (nfields_ == fields_.size()) fields_.resize(fields_.size() * 2 + 16);
    CsvField& f = fields_[nfields_++];
    f = CsvField{};
    bool ok = (pos_ < n_ && data_[pos_] == '"') ? ReadQuoted(&f) : ReadUnquoted(&f);
    if (!ok) return CsvStatus::kError;
    if (pos_ >= n_) break;
    char d = data_[pos_];
    if (d == ',') {
      ++pos_;
      continue;
    }
    pos_ += d == '\n' ? 1 : 2;  // LF or CRLF (a lone CR has failed above)
    ++line_;
    break;
  }
  if (expected_ != 0 && nfields_ != expected_) {
    error_ = CsvError{CsvError::Kind::kFieldCount, record_line_, 0, expected_,
                      static_cast<uint32_t>(nfields_)};
    return CsvStatus::kError;
  }
  return CsvStatus::kRecord;
}

std::vector<CsvChunk> SplitCsv(std::string_view bytes, size_t begin, uint32_t first_line,
                               int parts) {
  const size_t n = bytes.size();
  const char* p = bytes.data();
  if (parts < 1) parts = 1;
  if (begin > n) begin = n;
  const size_t body = n - begin;
  std::vector<size_t> nominal(parts + 1);
  for (int i = 0; i <= parts; ++i) nominal[i] = begin + body / parts * i;
  nominal[parts] = n;

  std::vector<uint64_t> quotes(parts), line_feeds(parts);
  auto count = [&](int i) {
    CountQuotesAndLineFeeds(p + nominal[i], nominal[i + 1] - nominal[i], &quotes[i],
                            &line_feeds[i]);
  };
  if (parts > 1 && body >= (1u << 20)) {
    std::vector<std::thread> threads;
    for (int i = 1; i < parts; ++i) threads.emplace_back(count, i);
    count(0);
    for (auto& t : threads) t.join();
  } else {
    for (int i = 0; i < parts; ++i) count(i);
  }

  // split[i]: first record boundary after nominal[i]; lf_before[i]: line feeds in [begin, split[i]).
  std::vector<size_t> split(parts + 1);
  std::vector<uint64_t> lf_before(parts + 1);
  split[0] = begin;
  uint64_t q_acc = 0, lf_acc = 0;
  for (int i = 1; i < parts; ++i) {
    q_acc += quotes[i - 1];
    lf_acc += line_feeds[i - 1];
    uint64_t parity = q_acc & 1, extra = 0;
    size_t j = nominal[i];
    if (j == begin) {
      split[i] = begin;  // an empty body: nothing to split
      lf_before[i] = 0;
      continue;
    }
    for (; j < n; ++j) {
      if (p[j] == '"') parity ^= 1;
      if (p[j] == '\n') {
        ++extra;
        if (parity == 0) break;
      }
    }
    split[i] = j < n ? j + 1 : n;
    lf_before[i] = lf_acc + extra;
  }
  split[parts] = n;
  lf_before[parts] = lf_acc + line_feeds[parts - 1];

  std::vector<CsvChunk> chunks(parts);
  for (int i = 0; i < parts; ++i) {
    chunks[i].begin = split[i];
    chunks[i].end = split[i + 1];
    chunks[i].first_line = first_line + static_cast<uint32_t>(lf_before[i]);
    chunks[i].line_feeds = lf_before[i + 1] - lf_before[i];
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
                    "this cell is not valid UTF-8 text (byte " +
                        std::to_string(f.bad_utf8_at + 1) +
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
