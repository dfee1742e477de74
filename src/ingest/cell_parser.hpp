// Cell values of the data dictionary's types (core/schema.hpp), parsed by hand: no locale, no
// strtol, no allocation. Used by the survey loader on every cell, so each is a short loop.
//
//   int64_t dong;
//   if (!ParseMoney("1500000", &dong)) ...            // "1.500.000" and "-5" are refused
//   int32_t day;
//   CellProblem p = ParseDateCell("2024-02-30", &day); // CellProblem::kNoSuchDay
//   EnumIndex area(FindField(Level::kHousehold, "area")->values);
//   int code = area.Find("urban");                     // 1; -1 when not a value
//   std::string m = CellProblemMessage(*def, CellProblem::kBadMoney, "-5", 0, Lang::kVi);
//
// Thread-safety: pure functions; an EnumIndex is immutable after construction.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "common/lang.hpp"
#include "core/schema.hpp"
#include "ingest/text.hpp"

namespace lnob::ingest {

// What is wrong with a cell (kOk: nothing).
enum class CellProblem : uint8_t {
  kOk,
  kEmpty,         // a required cell is empty
  kBadUtf8,       // not valid UTF-8
  kBadId,         // kId: not 1-64 of A-Z a-z 0-9 . _ -
  kBadMoney,      // kMoney: not digits only
  kBadDecimal,    // kDecimal: not digits with an optional '.' fraction
  kBadBool,       // kBool: not 0 or 1
  kBadEnum,       // kEnum: not one of the values
  kBadDate,       // kDate: not YYYY-MM-DD
  kBadBirthDate,  // kBirthDate: not YYYY-MM-DD or YYYY
  kNoSuchDay,     // a date form with a month or day that does not exist
  kYearRange,     // a year outside 1800-2200
  kBadCitizenId,  // kCitizenId: not exactly 12 digits
};

namespace internal {
constexpr std::array<bool, 256> MakeIdTable() {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  t['.'] = t['_'] = t['-'] = true;
  return t;
}
inline constexpr std::array<bool, 256> kIdChar = MakeIdTable();
inline unsigned Digit(char c) {
  return static_cast<unsigned>(static_cast<unsigned char>(c) - '0');
}
// The value of the n ASCII digits at p, or -1 when one is not a digit.
inline int Digits(const char* p, int n) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    unsigned d = Digit(p[i]);
    if (d > 9) return -1;
    v = v * 10 + static_cast<int>(d);
  }
  return v;
}
// Nonzero when a byte of t (text XOR '0') is not a digit 0-9; bytes that must be 0 (dashes XOR
// '-') pass too and are checked by the caller.
inline uint64_t NonDigits(uint64_t t) {
  return (t & 0xF0F0F0F0F0F0F0F0ull) | ((t + 0x0606060606060606ull) & 0x1010101010101010ull);
}
inline int DaysIn(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}
}  // namespace internal

// True when `s` is 1-64 characters of A-Z a-z 0-9 . _ -
inline bool IsValidId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!internal::kIdChar[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

// True when `s` is exactly 12 ASCII digits.
inline bool IsCitizenId(std::string_view s) {
  if (s.size() != 12) return false;
  uint64_t a, b;  // bytes 0-7 and 4-11
  std::memcpy(&a, s.data(), 8);
  std::memcpy(&b, s.data() + 4, 8);
  return !internal::NonDigits(a ^ 0x3030303030303030ull) &&
         !internal::NonDigits(b ^ 0x3030303030303030ull);
}

// Sets *out and returns true when `s` is 1-18 ASCII digits (a whole number >= 0); false otherwise.
inline bool ParseMoney(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    unsigned d = internal::Digit(c);
    if (d > 9) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

// Sets *out and returns true when `s` is digits with an optional '.' and digits ("35", "35.5");
// false otherwise (signs, exponents, commas, spaces, "35.", ".5").
bool ParseDecimal(std::string_view s, double* out);

// Returns kOk and sets *out (yyyymmdd) for a real day written YYYY-MM-DD in 1800-2200; else
// kBadDate, kNoSuchDay or kYearRange.
inline CellProblem ParseDateCell(std::string_view s, int32_t* out) {
  if (s.size() != 10) return CellProblem::kBadDate;
  uint64_t a;  // "YYYY-MM-": digits XOR '0' are 0-9, dashes XOR '-' are 0
  uint16_t b;  // "DD"
  std::memcpy(&a, s.data(), 8);
  std::memcpy(&b, s.data() + 8, 2);
  const uint64_t t = a ^ 0x2D30302D30303030ull;
  const uint64_t d = b ^ 0x3030u;
  if (internal::NonDigits(t) || (t & 0xFF0000FF00000000ull) != 0 || internal::NonDigits(d)) {
    return CellProblem::kBadDate;
  }
  auto byte = [](uint64_t v, int i) { return static_cast<int>((v >> (8 * i)) & 0xFF); };
  const int y = byte(t, 0) * 1000 + byte(t, 1) * 100 + byte(t, 2) * 10 + byte(t, 3);
  const int m = byte(t, 5) * 10 + byte(t, 6);
  const int day = byte(d, 0) * 10 + byte(d, 1);
  if (y < 1800 || y > 2200) return CellProblem::kYearRange;
  if (m < 1 || m > 12 || day < 1 || day > internal::DaysIn(y, m)) return CellProblem::kNoSuchDay;
  *out = y * 10000 + m * 100 + day;
  return CellProblem::kOk;
}

// Like ParseDateCell, and also accepts a bare year YYYY (*out = yyyy0000); the form error is
// kBadBirthDate.
inline CellProblem ParseBirthDateCell(std::string_view s, int32_t* out) {
  if (s.size() == 4) {
    int y = internal::Digits(s.data(), 4);
    if (y < 0) return CellProblem::kBadBirthDate;
    if (y < 1800 || y > 2200) return CellProblem::kYearRange;
    *out = y * 10000;
    return CellProblem::kOk;
  }
  CellProblem p = ParseDateCell(s, out);
  return p == CellProblem::kBadDate ? CellProblem::kBadBirthDate : p;
}

// Finds the code of an enumeration value with one multiply and one comparison: a hash of (length,
// first byte, last byte) chosen at construction to have no collisions among the values (a linear
// search is the fallback should no such hash exist).
class EnumIndex {
 public:
  EnumIndex() = default;
  explicit EnumIndex(std::span<const std::string_view> values);
  // Returns the code (index in values) of `s`, or -1.
  int Find(std::string_view s) const {
    if (s.empty()) return -1;
    if (linear_) return FindLinear(s);
    int code = slots_[Slot(s)];
    return code >= 0 && EqualBytes(values_[code], s) ? code : -1;
  }

 private:
  static uint32_t Key(std::string_view s) {
    return (static_cast<uint32_t>(s.size()) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(s[0])) << 8) |
           static_cast<unsigned char>(s.back());
  }
  uint32_t Slot(std::string_view s) const { return (Key(s) * mult_) >> 26; }
  int FindLinear(std::string_view s) const;

  std::span<const std::string_view> values_;
  std::array<int8_t, 64> slots_{};
  uint32_t mult_ = 0;
  bool linear_ = true;
};

// What is wrong and what to do, for a commune official, in `lang`: e.g. "Income per person per
// month must be a whole number of dong, 0 or more ...". `value` is used for hints (an enumeration
// value in the wrong case); `bad_byte` is the 0-based offset of the first invalid byte (kBadUtf8).
std::string CellProblemMessage(const core::FieldDef& def, CellProblem problem,
                               std::string_view value, uint32_t bad_byte, Lang lang);
// The kBadUtf8 message alone (also used for cells of unknown columns and header cells).
std::string BadUtf8Message(uint32_t bad_byte, Lang lang);

}  // namespace lnob::ingest
