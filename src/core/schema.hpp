// The data dictionary: every field a household or member record has, its type and its rules.
//
//   const FieldDef* f = FindField(Level::kMember, "education");
//   int code = f->EnumCode("upper_secondary");   // 3; -1 when not a value of the enumeration
//
// This is ../shared/domain/standards.md's data dictionary as a table. Ingest validates against it,
// the rules language type-checks against it, the store persists it. Enumeration codes are the index
// of the value in `values` and are persisted: append new values, never reorder.
// Thread-safety: immutable static data.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace lnob::core {

enum class Level : uint8_t { kHousehold, kMember };

enum class FieldType : uint8_t {
  kId,         // 1-64 of A-Z a-z 0-9 . _ -
  kString,     // free UTF-8 text
  kMoney,      // integer VND >= 0
  kDecimal,    // decimal number >= 0
  kBool,       // 0 / 1
  kEnum,       // one of `values`
  kDate,       // YYYY-MM-DD
  kBirthDate,  // YYYY-MM-DD or YYYY
  kCitizenId,  // 12 digits
};

enum class Requirement : uint8_t {
  kRequired,     // column must exist and every cell must hold a value
  kOptional,     // column may be absent; cells may be empty
  kIfStandard,   // column may be absent; a standard that uses the field needs it (waste_treated)
};

struct FieldDef {
  std::string_view name;
  Level level;
  FieldType type;
  Requirement requirement;
  bool personal;  // personal or sensitive data: masked, never logged
  std::span<const std::string_view> values;  // kEnum only
  std::string_view label_vi;
  std::string_view label_en;

  // Returns the code of `value` in the enumeration, or -1.
  int EnumCode(std::string_view value) const;
  // "a, b, c": the enumeration's values, for error messages.
  std::string ValuesText() const;
};

// All fields of one level, in dictionary order. Index in this span = field index used by columns.
std::span<const FieldDef> Fields(Level level);
// Returns the field named `name` at `level`, or nullptr.
const FieldDef* FindField(Level level, std::string_view name);
// Returns the index of the field in Fields(level), or -1.
int FieldIndex(Level level, std::string_view name);

// Stable indices of the fields code touches directly (ingest joins, grouping, ages).
namespace hh {
inline constexpr int kHouseholdId = 0;
inline constexpr int kCommuneCode = 1;
inline constexpr int kVillageCode = 2;
inline constexpr int kArea = 3;
inline constexpr int kSurveyDate = 4;
inline constexpr int kIncome = 5;
}  // namespace hh
namespace mem {
inline constexpr int kHouseholdId = 0;
inline constexpr int kMemberId = 1;
inline constexpr int kFullName = 2;
inline constexpr int kNationalId = 3;
inline constexpr int kBirthDate = 4;
inline constexpr int kSex = 5;
inline constexpr int kRelation = 6;
}  // namespace mem

// Code of "head" in the relation enumeration.
inline constexpr int kRelationHead = 0;

}  // namespace lnob::core
