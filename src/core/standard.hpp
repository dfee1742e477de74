// A poverty standard loaded from its data file (data/standards/<id>.toml) and compiled.
//
//   ASSIGN_OR_RETURN(StandardPtr std, ParseStandard(toml_text, "vn-2022-2025.toml"));
//   std->indicators()[0].id;           // "employment"
//   std->InForce(Date{20241001});      // true
//
// The file format is documented in docs/standards.md. Parsing checks every name and type once and
// reports "file:line:column: what was expected"; nothing is parsed again per household.
// Parameter overrides ("line.rural=2200000") produce a new, separately compiled standard: this is
// how what-if questions are answered. Thread-safety: immutable after loading; share freely.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/lang.hpp"
#include "common/result.hpp"
#include "core/rules/compiler.hpp"
#include "core/rules/program.hpp"

namespace lnob::core {

// Categories a standard may assign. Persisted: never renumber.
enum class Category : uint8_t { kNotPoor = 0, kMiddle = 1, kNearPoor = 2, kPoor = 3 };
// "poor", "near_poor", "middle", "not_poor".
std::string_view CategoryId(Category c);
// Returns the category of an id, or false.
bool ParseCategory(std::string_view id, Category* out);
// Vietnamese and English names of a category.
std::string_view CategoryName(Category c, Lang lang);

struct Indicator {
  std::string id;
  std::string dimension;
  std::string name_vi;
  std::string name_en;
  std::string rule;  // the expression text
  // The expression with comments and spacing removed and the value of every parameter it names:
  // two indicators with the same key (in any standards) give the same result on the same survey.
  std::string key;
  rules::NodePtr program;
};

struct CategoryRule {
  Category category;
  std::string rule;
  rules::NodePtr program;
};

// "line.rural=2200000": set the value of parameter `name` (for the key `key`, when keyed).
struct ParameterOverride {
  std::string name;
  std::string key;  // empty for a scalar parameter
  std::string value;
};
// Parses "name.key=value" or "name=value"; InvalidArgument on another shape.
Result<ParameterOverride> ParseOverride(std::string_view text);

class Standard {
 public:
  const std::string& id() const { return id_; }
  int version() const { return version_; }
  const std::string& name(Lang lang) const { return lang == Lang::kVi ? name_vi_ : name_en_; }
  const std::string& legal_basis() const { return legal_basis_; }
  const std::string& note() const { return note_; }
  Date valid_from() const { return valid_from_; }
  Date valid_to() const { return valid_to_; }
  bool InForce(Date d) const { return valid_from_ <= d && d <= valid_to_; }
  // A local standard (a province's own lines) is applied only when named, never picked by date.
  bool local() const { return local_; }
  const std::string& source_path() const { return source_path_; }
  const std::vector<rules::Parameter>& parameters() const { return parameters_; }
  const std::vector<Indicator>& indicators() const { return indicators_; }
  const std::vector<CategoryRule>& categories() const { return categories_; }
  // The income line (parameter `line`), compiled for household-level evaluation.
  const rules::Node& income_line() const { return *income_line_; }
  // Household and member fields any rule reads (their columns must be present in the input).
  const std::vector<rules::FieldUse>& fields_used() const { return fields_used_; }
  // Returns a parameter by name, or nullptr.
  const rules::Parameter* FindParameter(std::string_view name) const;

  friend Result<std::shared_ptr<const Standard>> ParseStandard(
      std::string_view, const std::string&, const std::vector<ParameterOverride>&);

 private:
  std::string id_, name_vi_, name_en_, legal_basis_, note_, source_path_;
  int version_ = 1;
  bool local_ = false;
  Date valid_from_, valid_to_;
  std::vector<rules::Parameter> parameters_;
  std::vector<Indicator> indicators_;
  std::vector<CategoryRule> categories_;
  rules::NodePtr income_line_;
  std::vector<rules::FieldUse> fields_used_;
};

using StandardPtr = std::shared_ptr<const Standard>;

// Returns the standard described by TOML `text` (named `path` in messages) with `overrides`
// applied, or InvalidArgument "path:line:column: message" for the first problem found.
Result<StandardPtr> ParseStandard(std::string_view text, const std::string& path,
                                  const std::vector<ParameterOverride>& overrides = {});

}  // namespace lnob::core
