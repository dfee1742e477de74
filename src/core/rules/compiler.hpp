// Compiles a parsed rule expression into typed, vectorised nodes, checking every name and type.
//
//   std::vector<Parameter> params = ...;                  // from the standard file
//   TextPos where;
//   ASSIGN_OR_RETURN(NodePtr n, CompileRule(*expr, RuleScope::kIndicator, params, &where));
//
// Names resolve in this order: in category rules `count` (deprived indicators) and `income`
// (income_pc_month); in a member context (inside any/all/count/sum over members) `age` and the
// member fields; then household fields (seen from each member inside an aggregate); then the
// standard's parameters. `count(members)` is the number of members. Enumeration fields compare with
// text values ("piped"), which must belong to the enumeration. Booleans count as 0/1 in arithmetic.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"
#include "core/rules/ast.hpp"
#include "core/rules/program.hpp"

namespace lnob::core::rules {

// A parameter of a standard: a number, or a number per value of an enumeration field
// (`line = { by = "area", rural = 1_500_000, urban = 2_000_000 }`).
struct Parameter {
  std::string name;
  bool is_real = false;
  // Scalar value.
  int64_t int_value = 0;
  double real_value = 0;
  // Keyed by an enumeration field: `by` names it; values are indexed by the enumeration code.
  std::string by;
  Level by_level = Level::kHousehold;
  int by_field = -1;
  std::vector<int64_t> int_values;
  std::vector<double> real_values;

  bool keyed() const { return by_field >= 0; }
};

enum class RuleScope { kIndicator, kCategory };

// Returns the compiled boolean rule, or InvalidArgument "line L, column C: ..." (relative to the
// expression text) with the position in *error_pos.
Result<NodePtr> CompileRule(const Expr& expr, RuleScope scope, const std::vector<Parameter>& params,
                            TextPos* error_pos);

}  // namespace lnob::core::rules
