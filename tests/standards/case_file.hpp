// The data-driven test files of poverty standards (data/standards/<id>.test).
//
// A file is a list of cases. Each case is a household built from a baseline that no indicator
// counts as deprived, with only what the case is about written out:
//
//   # working age ends at 61 for men: 60 is working age, 61 is not
//   case man aged 60 unemployed
//   household income_pc_month=1500000
//   member age=60 employment=unemployed
//   expect near_poor employment
//
// `household k=v ...` overrides household fields (baseline: rural, surveyed 2024-10-01, income
// 1,000,000, 100 m2, durable, piped water, septic toilet, telecom, information device, waste treated).
// `member k=v ...` adds a member (baseline: a man born 1980-01-01, insured, upper secondary, self
// employed, not at school; the first member is the head, the others children). `age=N` sets the
// birth date N years before the survey date exactly (the birthday falls on the survey date). With no
// member line, the household has one baseline head.
// `expect CATEGORY IDS [line=N]`: IDS are the deprived indicators in the standard's order joined by
// ';', or '-' for none.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lnob::testing {

struct Case {
  std::string name;
  int line = 0;  // line of `case` in the file
  std::map<std::string, std::string> household;
  std::vector<std::map<std::string, std::string>> members;
  std::string expect_category;
  std::string expect_deprived;
  std::string expect_line;  // empty when not checked
};

// Parses a case file; on a malformed line, returns no cases and sets *error to "file:line: ...".
std::vector<Case> ParseCaseFile(const std::string& path, std::string* error);

// Builds households.csv and members.csv texts holding every case (household_id = "c<line>").
void BuildCsv(const std::vector<Case>& cases, std::string* households, std::string* members);

}  // namespace lnob::testing
