#include "tests/standards/case_file.hpp"

#include <fstream>
#include <sstream>

#include "common/date.hpp"

namespace lnob::testing {
namespace {

const std::vector<std::pair<std::string, std::string>> kHouseholdBase = {
    {"household_id", ""},         {"commune_code", "C01"},      {"village_code", "V01"},
    {"area", "rural"},            {"survey_date", "2024-10-01"}, {"income_pc_month", "1000000"},
    {"house_area_m2", "100"},     {"wall_durable", "1"},        {"frame_durable", "1"},
    {"roof_durable", "1"},        {"water_source", "piped"},    {"toilet_type", "septic"},
    {"uses_telecom", "1"},        {"has_info_device", "1"},     {"waste_treated", "1"},
};

const std::vector<std::pair<std::string, std::string>> kMemberBase = {
    {"household_id", ""},         {"member_id", ""},          {"full_name", "Nguyễn Văn A"},
    {"birth_date", "1980-01-01"}, {"sex", "male"},            {"relation", "head"},
    {"ethnicity", "kinh"},        {"health_insurance", "1"},  {"malnourished", "0"},
    {"school_attending", "0"},    {"education", "upper_secondary"},
    {"employment", "self_employed"}, {"disability", "0"},     {"monthly_allowance", "0"},
};

std::map<std::string, std::string> ParsePairs(std::istringstream& in, bool* ok) {
  std::map<std::string, std::string> out;
  std::string word;
  while (in >> word) {
    size_t eq = word.find('=');
    if (eq == std::string::npos || eq == 0) {
      *ok = false;
      return out;
    }
    out[word.substr(0, eq)] = word.substr(eq + 1);
  }
  return out;
}

std::string Get(const std::map<std::string, std::string>& m, const std::string& key,
                const std::string& fallback) {
  auto it = m.find(key);
  return it == m.end() ? fallback : it->second;
}

}  // namespace

std::vector<Case> ParseCaseFile(const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read " + path;
    return {};
  }
  std::vector<Case> cases;
  std::string text;
  int n = 0;
  auto fail = [&](const std::string& m) {
    *error = path + ":" + std::to_string(n) + ": " + m;
    return std::vector<Case>{};
  };
  while (std::getline(in, text)) {
    ++n;
    size_t hash = text.find('#');
    if (hash != std::string::npos) text = text.substr(0, hash);
    std::istringstream words(text);
    std::string verb;
    if (!(words >> verb)) continue;
    if (verb == "case") {
      Case c;
      c.line = n;
      std::getline(words, c.name);
      cases.push_back(std::move(c));
      continue;
    }
    if (cases.empty()) return fail("'" + verb + "' before the first 'case'");
    Case& c = cases.back();
    bool ok = true;
    if (verb == "household") {
      for (auto& [k, v] : ParsePairs(words, &ok)) c.household[k] = v;
    } else if (verb == "member") {
      c.members.push_back(ParsePairs(words, &ok));
    } else if (verb == "expect") {
      std::string rest;
      if (!(words >> c.expect_category >> c.expect_deprived)) {
        return fail("write: expect CATEGORY IDS|- [line=N]");
      }
      if (words >> rest) {
        if (rest.rfind("line=", 0) != 0) return fail("unexpected '" + rest + "'");
        c.expect_line = rest.substr(5);
      }
      if (c.expect_deprived == "-") c.expect_deprived.clear();
    } else {
      return fail("unknown line '" + verb + "'");
    }
    if (!ok) return fail("expected key=value pairs");
  }
  for (const Case& c : cases) {
    if (c.expect_category.empty()) {
      n = c.line;
      return fail("case '" + c.name + "' has no expect line");
    }
  }
  return cases;
}

void BuildCsv(const std::vector<Case>& cases, std::string* households, std::string* members) {
  for (size_t i = 0; i < kHouseholdBase.size(); ++i) {
    *households += (i ? "," : "") + kHouseholdBase[i].first;
  }
  *households += "\n";
  for (size_t i = 0; i < kMemberBase.size(); ++i) {
    *members += (i ? "," : "") + kMemberBase[i].first;
  }
  *members += "\n";
  for (const Case& c : cases) {
    std::string id = "c" + std::to_string(c.line);
    std::string survey = Get(c.household, "survey_date", "2024-10-01");
    for (size_t i = 0; i < kHouseholdBase.size(); ++i) {
      const auto& [k, base] = kHouseholdBase[i];
      *households += (i ? "," : "") + (k == "household_id" ? id : Get(c.household, k, base));
    }
    *households += "\n";
    auto list = c.members;
    if (list.empty()) list.emplace_back();
    for (size_t m = 0; m < list.size(); ++m) {
      auto fields = list[m];
      if (fields.count("age")) {
        int age = std::stoi(fields["age"]);
        int y = std::stoi(survey.substr(0, 4)) - age;
        std::string md = survey.substr(4);
        // Surveyed on 29 February, born in a common year: born 28 February, so that exactly N
        // years are completed on the survey date.
        if (md == "-02-29" && !IsLeapYear(y)) md = "-02-28";
        fields["birth_date"] = std::to_string(y) + md;
        fields.erase("age");
      }
      for (size_t i = 0; i < kMemberBase.size(); ++i) {
        const auto& [k, base] = kMemberBase[i];
        std::string v;
        if (k == "household_id") {
          v = id;
        } else if (k == "member_id") {
          v = Get(fields, k, "m" + std::to_string(m + 1));
        } else if (k == "relation") {
          v = Get(fields, k, m == 0 ? "head" : "child");
        } else {
          v = Get(fields, k, base);
        }
        *members += (i ? "," : "") + v;
      }
      *members += "\n";
    }
  }
}

}  // namespace lnob::testing
