#include <gtest/gtest.h>

#include "core/rules/ast.hpp"

namespace lnob::core::rules {
namespace {

std::string Shape(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kInt: return std::to_string(e.int_value);
    case Expr::Kind::kReal: return e.text;
    case Expr::Kind::kString: return "\"" + e.text + "\"";
    case Expr::Kind::kBool: return e.text;
    case Expr::Kind::kName: return e.text;
    default: break;
  }
  std::string out = "(" + e.text;
  for (const auto& a : e.args) out += " " + Shape(*a);
  return out + ")";
}

std::string ParseShape(std::string_view text) {
  auto e = ParseExpression(text);
  return e.ok() ? Shape(**e) : "error: " + e.status().message();
}

TEST(RuleParser, PrecedenceAndGrouping) {
  EXPECT_EQ(ParseShape("a or b and not c"), "(or a (and b (not c)))");
  EXPECT_EQ(ParseShape("1 + 2 * 3 >= 7 - -1"), "(>= (+ 1 (* 2 3)) (- 7 (- 1)))");
  EXPECT_EQ(ParseShape("(a or b) and c"), "(and (or a b) c)");
  EXPECT_EQ(ParseShape("x not in [\"a\", 'b']"), "(not in x \"a\" \"b\")");
  EXPECT_EQ(ParseShape("any(members, age < 16)"), "(any members (< age 16))");
  EXPECT_EQ(ParseShape("count(members)"), "(count members)");
  EXPECT_EQ(ParseShape("1_500_000 <= 2.5"), "(<= 1500000 2.5)");
}

TEST(RuleParser, CommentsAndNewlines) {
  EXPECT_EQ(ParseShape("a  # first\n and b"), "(and a b)");
}

TEST(RuleParser, ErrorsNameLineColumnAndWhatWasExpected) {
  EXPECT_EQ(ParseShape("a and"),
            "error: line 1, column 6: expected a value, found the end of the expression");
  EXPECT_EQ(ParseShape("a = 1"),
            "error: line 1, column 3: '=' is not an operator; write '==' to compare");
  EXPECT_EQ(ParseShape("x in [1,\n 2"),
            "error: line 2, column 3: expected ',' or ']' in the list of values, found the end "
            "of the expression");
  EXPECT_EQ(ParseShape("any(members, a"),
            "error: line 1, column 15: expected ',' or ')' in the call, found the end of the "
            "expression");
  EXPECT_EQ(ParseShape("\"open"),
            "error: line 1, column 1: a text value is not closed: add the closing quote");
  EXPECT_EQ(ParseShape("a b"),
            "error: line 1, column 3: expected an operator or the end of the expression, found "
            "'b'");
  EXPECT_EQ(ParseShape("a $ b"), "error: line 1, column 3: unexpected character '$'");
}

}  // namespace
}  // namespace lnob::core::rules
