#include "core/standard.hpp"

#include <gtest/gtest.h>

namespace lnob::core {
namespace {

// A minimal valid standard; tests replace one line to break it.
std::string Minimal(const std::string& indicator_rule = "not uses_telecom",
                    const std::string& extra_params = "") {
  return "id = \"t\"\nname_vi = \"T\"\nname_en = \"T\"\nlegal_basis = \"none\"\n"
         "valid_from = 2022-01-01\nvalid_to = 2022-12-31\n\n[parameters]\n"
         "line = { by = \"area\", rural = 100, urban = 200 }\n" +
         extra_params +
         "\n[[indicators]]\nid = \"i\"\ndimension = \"d\"\nname_vi = \"I\"\nname_en = \"I\"\n"
         "deprived = \"" +
         indicator_rule +
         "\"\n\n[[categories]]\nid = \"poor\"\nwhen = \"income <= line and count >= 1\"\n"
         "\n[[categories]]\nid = \"not_poor\"\nwhen = \"true\"\n";
}

std::string ErrorOf(const std::string& text) {
  auto s = ParseStandard(text, "t.toml");
  return s.ok() ? "ok" : s.status().message();
}

TEST(Standard, ParsesAMinimalStandard) {
  auto s = ParseStandard(Minimal(), "t.toml");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->id(), "t");
  EXPECT_EQ((*s)->indicators().size(), 1u);
  EXPECT_TRUE((*s)->InForce(Date{20220615}));
  EXPECT_FALSE((*s)->InForce(Date{20230101}));
  ASSERT_EQ((*s)->fields_used().size(), 2u);  // uses_telecom, income_pc_month
}

TEST(Standard, RuleErrorsPointIntoTheFile) {
  // line 16 holds `deprived = "..."`; column 13 is the first character inside the quotes.
  EXPECT_EQ(ErrorOf(Minimal("not uses_telecon")),
            "t.toml:16:17: unknown name 'uses_telecon': not a field of the data dictionary, nor a "
            "parameter of this standard");
  EXPECT_EQ(ErrorOf(Minimal("water_source == 'tap'")),
            "t.toml:16:29: \"tap\" is not a value of water_source; the values are: piped, "
            "drilled_well, protected_dug_well, protected_spring, rainwater, bottled, "
            "unprotected_well, unprotected_spring, surface_water, other");
  EXPECT_EQ(ErrorOf(Minimal("age < 16")),
            "t.toml:16:13: 'age' is a member's value: use it inside any(members, ...), "
            "all(members, ...), count(members, ...) or sum(members, ...)");
  EXPECT_EQ(ErrorOf(Minimal("house_area_m2")),
            "t.toml:16:13: the rule must be a yes/no test (a comparison, 'in', any(...), ...), not "
            "a number");
  EXPECT_EQ(ErrorOf(Minimal("any(members, any(members, true))")),
            "t.toml:16:26: 'any' cannot be used inside another member aggregate");
  EXPECT_EQ(ErrorOf(Minimal("any(members, full_name == 'x')")),
            "t.toml:16:26: 'full_name' is text and cannot be used in a rule");
  EXPECT_EQ(ErrorOf(Minimal("area == 1")),
            "t.toml:16:18: a value from a list can only be compared with == or != to a value of "
            "the same list, or tested with 'in [...]'");
  EXPECT_EQ(ErrorOf(Minimal("wage > 1")),
            "t.toml:16:13: unknown name 'wage': not a field of the data dictionary, nor a "
            "parameter of this standard");
}

TEST(Standard, FileErrorsNameTheKey) {
  std::string s = Minimal();
  EXPECT_EQ(ErrorOf("idd = 1\n" + s),
            "t.toml:1:7: unknown key 'idd' in the standard; the keys are: id, version, local, "
            "name_vi, name_en, legal_basis, note, valid_from, valid_to, parameters, indicators, "
            "categories");
  EXPECT_EQ(ErrorOf(Minimal("true", "x = { by = \"area\", rural = 1 }\n")),
            "t.toml:10:5: parameter 'x' has no value for area = urban");
  EXPECT_EQ(ErrorOf(Minimal("true", "age = 3\n")),
            "t.toml:10:7: parameter 'age' has the name of a field; choose another");
  std::string no_fallback = s.substr(0, s.rfind("\n[[categories]]"));
  EXPECT_EQ(ErrorOf(no_fallback),
            "t.toml:18:1: the last category must have when = \"true\", so that every household "
            "gets a category");
  EXPECT_NE(ErrorOf("id = \n").find("t.toml:1:"), std::string::npos);  // TOML syntax error
}

TEST(Standard, MemberParametersOnlyInsideAggregates) {
  std::string params = "until = { by = \"sex\", male = 61, female = 56 }\n";
  EXPECT_EQ(ErrorOf(Minimal("any(members, age < until)", params)), "ok");
  EXPECT_EQ(ErrorOf(Minimal("until > 3", params)),
            "t.toml:17:13: parameter 'until' depends on each member's sex: use it inside "
            "any(members, ...) or another member aggregate");
}

TEST(Standard, OverridesChangeParameters) {
  auto o = ParseOverride("line.rural=150");
  ASSERT_TRUE(o.ok());
  auto s = ParseStandard(Minimal(), "t.toml", {*o});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->FindParameter("line")->int_values[0], 150);
  EXPECT_EQ((*s)->FindParameter("line")->int_values[1], 200);
  EXPECT_EQ(ParseStandard(Minimal(), "t.toml", {{"line", "hill", "1"}}).status().message(),
            "parameter line has one value per area (rural, urban): write line.rural=VALUE");
  EXPECT_EQ(ParseStandard(Minimal(), "t.toml", {{"lines", "", "1"}}).status().message(),
            "this standard has no parameter 'lines'; it has: line");
  EXPECT_EQ(ParseStandard(Minimal(), "t.toml", {{"line", "rural", "1.5"}}).status().message(),
            "'1.5' is not a whole number for parameter line");
  EXPECT_FALSE(ParseOverride("line.rural").ok());
}

}  // namespace
}  // namespace lnob::core
