// Text helpers for ingest: an arena for bytes that outlive parsing, UTF-8 decoding, and NFC
// normalisation (ICU) with a fast path for text that is already NFC.
//
//   Arena arena;
//   char32_t cp;
//   int len = DecodeUtf8(p, end, &cp);             // 0: invalid UTF-8 at p
//   if (!IsNfcInert(cp)) { ... }                    // this code point may change under NFC
//   std::string_view nfc = NormalizeNfc(text, &arena);   // "Nguye\u0302\u0303n" -> "Nguyễn"
//
// Names keep their diacritics end to end and are stored NFC-normalised (DESIGN.md), so that the
// same name typed on two keyboards compares equal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lnob::ingest {

// A bump allocator: bytes handed out live as long as the arena (views into it stay valid when the
// arena moves into a shared_ptr). Thread-safety: not thread-safe; use one arena per thread.
class Arena {
 public:
  // block_size: bytes asked of the system at a time; blocks of 4 MB or more are backed by huge
  // pages (see common/memory.hpp), for arenas that take millions of values.
  explicit Arena(size_t block_size = 64 * 1024) : block_size_(block_size) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Returns `n` writable bytes (n may be 0), not initialised. Never fails (allocation failure
  // aborts).
  char* Allocate(size_t n) {
    if (n > left_) return AllocateBlock(n);
    used_ += n;
    char* out = cur_;
    cur_ += n;
    left_ -= n;
    return out;
  }
  // Returns a view of a copy of `s` held by the arena.
  std::string_view Copy(std::string_view s) {
    char* p = Allocate(s.size());
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }
  // Bytes handed out so far.
  size_t used() const { return used_; }

 private:
  char* AllocateBlock(size_t n);
  struct Free {
    void operator()(char* p) const;
  };
  std::vector<std::unique_ptr<char[], Free>> blocks_;
  size_t block_size_;
  char* cur_ = nullptr;
  size_t left_ = 0;
  size_t used_ = 0;
};

// Returns a == b, inline and without a library call for texts up to 32 bytes (ids, enum values).
inline bool EqualBytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  auto word = [](const char* s) {
    uint64_t v;
    std::memcpy(&v, s, 8);
    return v;
  };
  if (n >= 8) {
    if (n > 32) return std::memcmp(p, q, n) == 0;
    uint64_t diff = (word(p) ^ word(q)) | (word(p + n - 8) ^ word(q + n - 8));
    if (n > 16) diff |= (word(p + 8) ^ word(q + 8)) | (word(p + n - 16) ^ word(q + n - 16));
    return diff == 0;
  }
  if (n >= 4) {
    uint32_t x0, y0, x1, y1;
    std::memcpy(&x0, p, 4);
    std::memcpy(&y0, q, 4);
    std::memcpy(&x1, p + n - 4, 4);
    std::memcpy(&y1, q + n - 4, 4);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

// Decodes the UTF-8 sequence at `p` (p < end). Returns its length in bytes (1-4) and sets *cp, or 0
// when the bytes at p are not valid UTF-8 (bad lead or continuation byte, overlong form, surrogate,
// above U+10FFFF, or cut short by `end`).
inline int DecodeUtf8(const char* p, const char* end, char32_t* cp) {
  auto b0 = static_cast<unsigned char>(p[0]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  auto cont = [&](ptrdiff_t i) -> int {
    if (p + i >= end) return -1;
    auto b = static_cast<unsigned char>(p[i]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    int c1 = cont(1);
    if (c1 < 0) return 0;
    *cp = (char32_t(b0 & 0x1F) << 6) | c1;
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    int c1 = cont(1), c2 = cont(2);
    if (c1 < 0 || c2 < 0) return 0;
    char32_t v = (char32_t(b0 & 0x0F) << 12) | (char32_t(c1) << 6) | c2;
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 0;  // overlong or surrogate
    *cp = v;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    int c1 = cont(1), c2 = cont(2), c3 = cont(3);
    if (c1 < 0 || c2 < 0 || c3 < 0) return 0;
    char32_t v = (char32_t(b0 & 0x07) << 18) | (char32_t(c1) << 12) | (char32_t(c2) << 6) | c3;
    if (v < 0x10000 || v > 0x10FFFF) return 0;
    *cp = v;
    return 4;
  }
  return 0;
}

// Returns the offset of the first byte of `s` that is not valid UTF-8, or std::string_view::npos.
size_t FindInvalidUtf8(std::string_view s);

// True when `cp` has canonical combining class 0 and NFC_Quick_Check=Yes (from ICU): a text made of
// such code points only is already NFC. False for anything else, including all code points above
// U+FFFF (they take the exact ICU path). Thread-safety: safe; the table is built once on first use.
bool IsNfcInert(char32_t cp);

// The 8 KiB table behind IsNfcInert, one bit per BMP code point (bit set = inert), for tight loops.
const uint64_t* NfcInertTable();
inline bool IsNfcInert(const uint64_t* table, char32_t cp) {
  return cp < 0x10000 && ((table[cp >> 6] >> (cp & 63)) & 1);
}

// Returns `text` in Unicode Normalization Form C: `text` itself when it is already NFC, else a view
// of the normalised bytes copied into `arena`. `text` must be valid UTF-8. Returns `text` unchanged
// if ICU reports an error (it does not for valid UTF-8). Thread-safety: safe (ICU's NFC instance is
// shared and immutable).
std::string_view NormalizeNfc(std::string_view text, Arena* arena);

// Returns the prefix of `s` of at most `max_chars` code points, cut on a code point boundary;
// invalid bytes are replaced by U+FFFD so that the result is always valid UTF-8. `*cut` is set to
// true when something was left off.
std::string SanitizedPrefix(std::string_view s, size_t max_chars, bool* cut);

}  // namespace lnob::ingest
