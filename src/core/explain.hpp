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

// Explains households under one standard. Construction walks the compiled rules once; Explain
// then costs one batch evaluation per household, so a whole round can be explained.
// Thread-safety: immutable after construction; Explain may run concurrently.
class Explainer {
 public:
  explicit Explainer(StandardPtr standard);
  // Explains household `h`; `ages` are ComputeAges(survey).
  Explanation Explain(const Survey& survey, const std::vector<int32_t>& ages, uint32_t h) const;

 private:
  struct Plan {
    std::vector<const rules::Node*> aggregates;       // member aggregates of the rule
    std::vector<std::vector<rules::FieldUse>> member_uses;  // per aggregate: values to show
    std::vector<rules::FieldUse> household_uses;      // household values read outside aggregates
  };
  StandardPtr standard_;
  std::vector<Plan> plans_;  // one per indicator
};

// Explains household `h` of `survey` under `standard` (computes ages; for one household). The
// survey must have the columns the standard reads (CheckColumns).
Explanation Explain(const Survey& survey, uint32_t h, StandardPtr standard);

// The causes of the deprived indicators as a JSON object, for storage:
// {"water":[{"water_source":"surface_water"}],"nutrition":[{"member":"3","age":"2",...}]}
std::string ExplanationJson(const Explanation& e);

// The explanation as text for a terminal or a printed page, in `lang`.
std::string FormatExplanation(const Explanation& e, Lang lang);

// The value of a field of row `row` as text: enumeration value, 0/1, ISO date, number.
std::string FieldValueText(const Survey& survey, Level level, int field, uint32_t row);

}  // namespace lnob::core
