// The syntax tree of a rule expression, as parsed from a standard file.
//
//   ASSIGN_OR_RETURN(ExprPtr e, ParseExpression("any(members, age < 16 and malnourished)"));
//
// The grammar (lowest precedence first):
//   expr  := or ;  or := and ('or' and)* ;  and := not ('and' not)* ;  not := 'not' not | cmp
//   cmp   := sum (('<'|'<='|'>'|'>='|'=='|'!=') sum | 'not'? 'in' '[' literal (',' literal)* ']')?
//   sum   := prod (('+'|'-') prod)* ;  prod := unary (('*'|'/') unary)* ;  unary := '-' unary | atom
//   atom  := number | "string" | 'string' | true | false | name | name '(' args ')' | '(' expr ')'
// Numbers may use '_' between digits (1_500_000). Comments start with '#' and run to the line's end.
// Thread-safety: plain data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace lnob::core::rules {

// A position inside the expression text: 1-based line and column (in characters of the line).
struct TextPos {
  int line = 1;
  int column = 1;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  enum class Kind { kInt, kReal, kString, kBool, kName, kUnary, kBinary, kIn, kCall };
  Kind kind;
  TextPos pos;
  std::string text;  // kName: the name; kString: the value; kUnary/kBinary: the operator; kCall: fn
  int64_t int_value = 0;     // kInt, kBool
  double real_value = 0;     // kReal
  bool negated = false;      // kIn: 'not in'
  std::vector<ExprPtr> args;  // operands; kIn: args[0] is the tested value, the rest the set
};

// Returns the tree of `text`, or InvalidArgument "line L, column C: expected ..., found ...".
// The error's position is also stored in *error_pos when given.
Result<ExprPtr> ParseExpression(std::string_view text, TextPos* error_pos = nullptr);

}  // namespace lnob::core::rules
