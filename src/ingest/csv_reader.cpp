#include "ingest/csv_reader.hpp"

#include <cstring>

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

}  // namespace

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

// Returns the first offset >= i in data[0, n) holding , " CR LF or a non-ASCII byte, or n; `w`
// caches the 64-byte window the answer came from.
template <typename Window>
inline size_t NextSpecialIn(const char* data, size_t n, Window* w, size_t i) {
  while (true) {
    size_t off = i - w->base;  // wraps to a huge value when i < base
    if (off < 64) {
      uint64_t m = w->mask >> off;
      if (m) return i + static_cast<size_t>(__builtin_ctzll(m));
      i = w->base + 64;
    }
    if (i >= n) return n;
    w->base = i;
    if (i + 64 <= n) {
      __builtin_prefetch(data + i + 1024);  // the file streams from memory: ask ahead
      w->mask = SpecialMask64(data + i);
    } else {
      char tail[64] = {};
      std::memcpy(tail, data + i, n - i);
      w->mask = SpecialMask64(tail) & ((uint64_t{1} << (n - i)) - 1);
    }
  }
}

size_t CsvRecordReader::NextSpecial(size_t i) {
  return NextSpecialIn(data_, n_, &window_, i);
}

CsvStatus CsvRecordReader::Fail(CsvError::Kind kind, uint32_t line, uint32_t column) {
  error_ = CsvError{kind, line, column, 0, 0};
  if (error_.fatal()) done_ = true;
  return CsvStatus::kError;
}

// The slow path of an unquoted field that started at `start` and has a byte at `special` that is
// not a plain separator (non-ASCII, a quote, a carriage return). Leaves pos_ on the terminator.
__attribute__((noinline)) bool CsvRecordReader::ReadUnquotedRest(CsvField* f, size_t start,
                                                                 size_t special) {
  size_t e = special;
  while (true) {
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
    e = NextSpecial(e + static_cast<size_t>(len));
  }
}

__attribute__((noinline)) bool CsvRecordReader::ReadQuoted(CsvField* f) {
  const auto column = static_cast<uint32_t>(nfields_);
  const uint32_t open_line = line_;
  const size_t start = pos_ + 1;
  size_t i = start, escapes = 0, close = 0;
  while (true) {
    size_t e = NextSpecial(i);
    if (e >= n_ && more_follows_) return need_more_ = true, false;
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
  record_start_ = pos_;
  char c = data_[pos_];
  if (c == '\n' || (c == '\r' && pos_ + 1 < n_ && data_[pos_ + 1] == '\n')) {
    size_t j = pos_;
    while (j < n_ && (data_[j] == '\n' || data_[j] == '\r')) ++j;
    if (j == n_ && more_follows_) return CsvStatus::kNeedMore;  // read on: more may follow
    if (j == n_) {  // only empty lines up to the end of the file: allowed
      pos_ = end_;
      done_ = true;
      return CsvStatus::kEnd;
    }
    pos_ += c == '\n' ? 1 : 2;
    ++line_;
    return Fail(CsvError::Kind::kEmptyLine, record_line_, 0);
  }
  // The usual field (text up to a comma or line feed) is read here with everything in registers;
  // anything else goes to ReadQuoted / ReadUnquotedRest with the state in members.
  const char* data = data_;
  const size_t n = n_;
  const uint64_t* inert = inert_;
  Window w = window_;
  CsvField* fields = fields_.data();
  size_t capacity = fields_.size();
  size_t nf = 0;
  size_t pos = pos_;
  auto slow = [&](auto read) {
    window_ = w;
    pos_ = pos;
    nfields_ = nf;
    bool ok = read();
    w = window_;
    pos = pos_;
    return ok;
  };
  while (true) {
    if (nf == capacity) {
      fields_.resize(capacity * 2 + 16);
      fields = fields_.data();
      capacity = fields_.size();
    }
    CsvField& f = fields[nf++];
    f.bad_utf8_at = CsvField::kValidUtf8;
    f.non_ascii = f.maybe_not_nfc = false;
    const size_t start = pos;
    size_t e = NextSpecialIn(data, n, &w, start);
    char d = e < n ? data[e] : '\n';
    while (static_cast<unsigned char>(d) >= 0x80) {  // letters with diacritics, in NFC
      char32_t cp;
      int len = DecodeUtf8(data + e, data + n, &cp);
      if (len == 0 || !IsNfcInert(inert, cp)) break;  // the slow path says what is wrong
      f.non_ascii = true;
      e = NextSpecialIn(data, n, &w, e + static_cast<size_t>(len));
      d = e < n ? data[e] : '\n';
    }
    if (d == ',') {  // the usual field, read with everything in registers
      f.text = {data + start, e - start};
      pos = e + 1;
      continue;
    }
    if (d == '\n') {
      f.text = {data + start, e - start};
      if (e < n) {
        pos = e + 1;
        ++line_;
      } else {
        pos = n;
      }
      break;
    }
    if (d == '"' && e == start) {
      if (!slow([&] { return ReadQuoted(&f); })) {
        if (!need_more_) return CsvStatus::kError;
        need_more_ = false;  // the record continues after these bytes: start it again later
        pos_ = record_start_;
        line_ = record_line_;
        window_ = Window();
        return CsvStatus::kNeedMore;
      }
    } else if (!slow([&] { return ReadUnquotedRest(&f, start, e); })) {
      return CsvStatus::kError;
    }
    if (pos >= n) break;
    d = data[pos];
    if (d == ',') {
      ++pos;
      continue;
    }
    pos += d == '\n' ? 1 : 2;  // LF or CRLF (a lone CR has failed above)
    ++line_;
    break;
  }
  window_ = w;
  pos_ = pos;
  nfields_ = nf;
  if (expected_ != 0 && nfields_ != expected_) {
    error_ = CsvError{CsvError::Kind::kFieldCount, record_line_, 0, expected_,
                      static_cast<uint32_t>(nfields_)};
    return CsvStatus::kError;
  }
  return CsvStatus::kRecord;
}

}  // namespace lnob::ingest
