// Survey: the answers of a set of households and their members, held in columns.
//
//   const Survey& s = ...;                       // filled by ingest (CSV) or the store
//   for (uint32_t h = 0; h < s.household_count(); ++h)
//     for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1]; ++m) ...
//   int64_t income = s.households.Column(hh::kIncome).i64[h];
//
// Columns follow the data dictionary (core/schema.hpp): column i of `households` holds field i of
// Fields(Level::kHousehold). Members are grouped by household, in household order. Text values are
// string_views into bytes the Survey owns (`storage`), so a Survey is cheap to move and must not be
// copied. Thread-safety: immutable after loading; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema.hpp"

namespace lnob::core {

// The values of one dictionary field, in the narrowest vector that holds its type:
//   kMoney                 -> i64 (VND)
//   kDate, kBirthDate      -> i32 (yyyymmdd)
//   kBool, kEnum           -> i8  (0/1; the code, an index into FieldDef::values)
//   kDecimal               -> reals
//   kId, kString, kCitizenId -> strings
// The other vectors stay empty. `present` is false when the column was absent from the input
// (optional fields); then all vectors are empty. An empty optional text cell is an empty view. A
// value the store holds as NULL reads as -1. Code that is not on a hot path can use Int(row), which
// widens whichever integer vector the column uses.
struct FieldColumn {
  bool present = false;
  std::vector<int64_t> i64;
  std::vector<int32_t> i32;
  std::vector<int8_t> i8;
  std::vector<double> reals;
  std::vector<std::string_view> strings;

  int64_t Int(uint32_t row) const {
    if (!i8.empty()) return i8[row];
    if (!i32.empty()) return i32[row];
    return i64[row];
  }
};

// Which integer vector of a FieldColumn holds a field of type `t` (8, 32 or 64 bits); 0 when the
// type is not an integer type.
constexpr int IntBits(FieldType t) {
  switch (t) {
    case FieldType::kMoney: return 64;
    case FieldType::kDate:
    case FieldType::kBirthDate: return 32;
    case FieldType::kBool:
    case FieldType::kEnum: return 8;
    default: return 0;
  }
}

// A column of the input that the dictionary does not know: kept as text, never dropped.
struct ExtraColumn {
  std::string name;
  std::vector<std::string_view> values;
};

struct Table {
  uint32_t rows = 0;
  std::vector<FieldColumn> columns;  // one per field of the level, in dictionary order
  std::vector<ExtraColumn> extras;
  std::vector<uint32_t> source_line;  // 1-based line of each row in its file (for messages)

  const FieldColumn& Column(int field) const { return columns[field]; }
  FieldColumn& Column(int field) { return columns[field]; }
};

struct Survey {
  Table households;
  Table members;  // grouped by household: household h owns [member_begin[h], member_begin[h+1])
  std::vector<uint32_t> member_begin;      // households.rows + 1 entries
  std::vector<uint32_t> member_household;  // members.rows entries: index of the member's household
  std::vector<std::shared_ptr<const void>> storage;  // owns the bytes the string_views point into
  // Row id of each household's answers in the store (LoadSurvey); empty for a survey read from CSV.
  std::vector<int64_t> record_ids;
  std::string households_source;  // file names, for messages
  std::string members_source;

  uint32_t household_count() const { return households.rows; }
  uint32_t member_count() const { return members.rows; }
  std::string_view household_id(uint32_t h) const {
    return households.columns[hh::kHouseholdId].strings[h];
  }
};

// Returns an empty Table with one (absent) column per field of `level`.
Table MakeTable(Level level);

}  // namespace lnob::core
