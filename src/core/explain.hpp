// Why a household got its category: each indicator, whether it is deprived, and the members or
// fields that caused it. This is what a commune official reads out at the village meeting.
//
//   ASSIGN_OR_RETURN(Explanation e, Explain(survey, h, standard));
//   std::string text = FormatExplanation(e, Lang::kVi);
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/lang.hpp"
#include "common/result.hpp"
#include "core/standard.hpp"
#include "core/survey.hpp"

namespace lnob::core {

// One member (or the household itself, when member_id is empty) and the values that matter.
struct Cause {
  std::string member_id;
  std::vector<std::pair<std::string, std::string>> values;  // field name, value as text
};

struct IndicatorVerdict {
  const Indicator* indicator = nullptr;
  bool deprived = false;
  std::vector<Cause> causes;  // for a deprived indicator: who or what made it so
};

struct Explanation {
  std::string household_id;
  const Standard* standard = nullptr;
  Category category = Category::kNotPoor;
  int deprivation_count = 0;
  std::string area;
  int64_t income = 0;
  int64_t line = 0;
  std::vector<IndicatorVerdict> indicators;
};

// Explains household `h` of `survey` under `standard`. FailedPrecondition when a needed column is
// missing.
Result<Explanation> Explain(const Survey& survey, uint32_t h, StandardPtr standard);

// The explanation as text for a terminal or a printed page, in `lang`.
std::string FormatExplanation(const Explanation& e, Lang lang);

// The value of a field of row `row` as text: enumeration value, 0/1, ISO date, number.
std::string FieldValueText(const Survey& survey, Level level, int field, uint32_t row);

}  // namespace lnob::core
