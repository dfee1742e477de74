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
  kEmpty,          // a required cell is empty
  kBadUtf8,        // not valid UTF-8
  kBadId,          // kId: not 1-64 of A-Z a-z 0-9 . _ -
  kBadMoney,       // kMoney: not digits only
  kBadDecimal,     // kDecimal: not digits with an optional '.' fraction
  kBadBool,        // kBool: not 0 or 1
  kBadEnum,        // kEnum: not one of the values
  kBadDate,        // kDate: not YYYY-MM-DD
  kBadBirthDate,   // kBirthDate: not YYYY-MM-DD or YYYY
  kNoSuchDay,      // a date form with a month or day that does not exist
  kYearRange,      // a year outside 1800-2200
  kBadCitizenId,   // kCitizenId: not exactly 12 digits
};

// True when `s` is 1-64 characters of A-Z a-z 0-9 . _ -
bool IsValidId(std::string_view s);
// True when `s` is exactly 12 ASCII digits.
bool IsCitizenId(std::string_view s);
// Sets *out and returns true when `s` is 1-18 ASCII digits (a whole number >= 0); false otherwise.
bool ParseMoney(std::string_view s, int64_t* out);
// Sets *out and returns true when `s` is digits with an optional '.' and digits ("35", "35.5");
// false otherwise (signs, exponents, commas, spaces, "35.", ".5").
bool ParseDecimal(std::string_view s, double* out);
// Returns kOk and sets *out (yyyymmdd) for a real day written YYYY-MM-DD in 1800-2200; else
// kBadDate, kNoSuchDay or kYearRange.
CellProblem ParseDateCell(std::string_view s, int32_t* out);
// Like ParseDateCell, and also accepts a bare year YYYY (*out = yyyy0000); the form error is
// kBadBirthDate.
CellProblem ParseBirthDateCell(std::string_view s, int32_t* out);

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
