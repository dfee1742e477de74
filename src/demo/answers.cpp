#include "demo/answers.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "demo/plan.hpp"

namespace lnob::demo {
namespace {

using SV = std::string_view;

// The indicators of vn-2022-2025, in the standard's order.
enum Indicator {
  kEmployment,
  kDependants,
  kNutrition,
  kHealthInsurance,
  kAdultEducation,
  kChildSchool,
  kHousingQuality,
  kHousingArea,
  kWater,
  kToilet,
  kTelecom,
  kInfoAccess,
  kIndicators
};
// How often each is among a poor household's deprivations in the northern mountains.
constexpr double kPoorWeight[kIndicators] = {0.25, 0.35, 0.35, 0.15, 0.6, 0.2,
                                             0.6,  0.35, 0.55, 0.8,  0.2, 0.2};

constexpr int kLineRural = 1500000, kLineUrban = 2000000;
constexpr int kCeilingRural = 2250000, kCeilingUrban = 3000000;

struct Member {
  int age = 0;
  bool working_age = false;
  bool insurance = true, malnourished = false, attending = false, allowance = false;
  SV education = "none", employment = "none";
};

void Append(std::string* s, int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  s->append(buf, end);
}

void AppendDate(std::string* s, int32_t d) {
  char buf[11] = {static_cast<char>('0' + d / 10000000),
                  static_cast<char>('0' + d / 1000000 % 10),
                  static_cast<char>('0' + d / 100000 % 10),
                  static_cast<char>('0' + d / 10000 % 10),
                  '-',
                  static_cast<char>('0' + d / 1000 % 10),
                  static_cast<char>('0' + d / 100 % 10),
                  '-',
                  static_cast<char>('0' + d / 10 % 10),
                  static_cast<char>('0' + d % 10),
                  0};
  s->append(buf, 10);
}

SV AdultEducation(int schooling, Rng& r) {
  constexpr SV kByLevel[4][2] = {{"none", "primary"},
                                 {"primary", "lower_secondary"},
                                 {"lower_secondary", "upper_secondary"},
                                 {"upper_secondary", "vocational_intermediate"}};
  return kByLevel[schooling][r.Below(2)];
}

// Answers with no deprivation that the person's age allows to avoid.
Member Clean(const Person& p, int age, Rng& r) {
  Member m;
  m.age = age;
  m.working_age = age >= 15 && age < (p.male ? 61 : 56);
  if (age < 3) return m;
  if (age < 16) {
    m.attending = true;
    m.education = age < 11 ? "none" : age < 15 ? "primary" : "lower_secondary";
    m.employment = "student";
  } else if (age <= 17) {
    m.attending = r.Chance(0.75);
    m.education = "lower_secondary";
    m.employment = m.attending ? "student" : "self_employed";
  } else if (age <= 30) {
    m.attending = r.Chance(age <= 22 ? 0.25 : 0.03);
    constexpr SV kClean[] = {"upper_secondary",         "upper_secondary", "vocational_elementary",
                             "vocational_intermediate", "college",         "university"};
    m.education = kClean[std::min(5, p.schooling + r.Below(3))];
    m.employment = m.attending ? "student" : r.Chance(0.3) ? "wage_contract" : "self_employed";
  } else {
    m.education = AdultEducation(p.schooling, r);
    if (m.working_age) {
      m.employment = r.Chance(0.2)                   ? "wage_contract"
                     : !p.male && r.Chance(0.1)      ? "homemaker"
                     : p.disability && r.Chance(0.5) ? "unable_to_work"
                                                     : "self_employed";
    } else {
      m.employment = r.Chance(0.25) ? "retired" : r.Chance(0.5) ? "self_employed" : "none";
    }
  }
  return m;
}

}  // namespace

int AppendAnswers(const AnswerContext& c, const std::vector<Person>& people, Rng& r,
                  std::string* households, std::string* members) {
  // The people of this round: those born by the survey date.
  std::vector<const Person*> who;
  std::vector<Member> m;
  std::vector<int> ids;
  for (size_t i = 0; i < people.size(); ++i) {
    if (people[i].birth > c.survey_date) continue;
    who.push_back(&people[i]);
    ids.push_back(static_cast<int>(i) + 1);
    m.push_back(Clean(people[i], AgeOn(people[i].birth, c.survey_date), r));
  }
  const int n = static_cast<int>(m.size());
  int children = 0;
  std::vector<int> eligible, working, kids, young, school_kids, insured;
  for (int i = 0; i < n; ++i) {
    if (m[i].age < 16) ++children, kids.push_back(i);
    if (m[i].age >= 16 && (m[i].age >= 60 || who[i]->disability)) eligible.push_back(i);
    if (m[i].working_age) working.push_back(i);
    if (m[i].age >= 16 && m[i].age <= 30) young.push_back(i);
    if (m[i].age >= 3 && m[i].age < 16) school_kids.push_back(i);
    if (m[i].age >= 6) insured.push_back(i);
  }
  const bool dependants_forced = children * 2 > n;
  bool feasible[kIndicators];
  std::fill(std::begin(feasible), std::end(feasible), true);
  feasible[kEmployment] = !working.empty();
  feasible[kDependants] = (children + static_cast<int>(eligible.size())) * 2 > n;
  feasible[kNutrition] = !kids.empty();
  feasible[kHealthInsurance] = !insured.empty();
  feasible[kAdultEducation] = !young.empty();
  feasible[kChildSchool] = !school_kids.empty();

  // Which indicators are deprived.
  bool deprived[kIndicators] = {};
  deprived[kDependants] = dependants_forced;
  const bool low_income = c.category == kPoor || c.category == kNearPoor;
  if (low_income) {
    int want = c.category == kPoor ? 3 + r.Pick({0.3, 0.28, 0.2, 0.12, 0.06, 0.04})
                                   : r.Pick({0.35, 0.4, 0.25});
    int have = dependants_forced;
    double w[kIndicators];
    while (have < want) {
      for (int k = 0; k < kIndicators; ++k) w[k] = feasible[k] && !deprived[k] ? kPoorWeight[k] : 0;
      if (std::all_of(std::begin(w), std::end(w), [](double x) { return x == 0; })) break;
      deprived[r.Pick(w, kIndicators)] = true;
      ++have;
    }
  } else {
    double scale = (c.category == kMiddle ? 0.35 : 0.15) * (0.3 + c.remoteness);
    for (int k = 0; k < kIndicators; ++k)
      if (k != kDependants && feasible[k]) deprived[k] = r.Chance(kPoorWeight[k] * scale);
  }

  // Monthly allowances: the old and the disabled receive one, unless it would make the household
  // deprived in dependants when it is not meant to be.
  int dependants = children;
  for (int i : eligible) {
    bool wants = r.Chance(m[i].age >= 75 ? 0.9 : 0.4);
    if (wants && (deprived[kDependants] || (dependants + 1) * 2 <= n)) {
      m[i].allowance = true;
      ++dependants;
    }
  }
  if (deprived[kDependants]) {
    for (int i : eligible) {
      if (dependants * 2 > n) break;
      if (!m[i].allowance) m[i].allowance = true, ++dependants;
    }
  }
  auto pick = [&](const std::vector<int>& from) {
    return from[static_cast<size_t>(r.Below(static_cast<int>(from.size())))];
  };
  if (deprived[kNutrition]) m[pick(kids)].malnourished = true;
  if (deprived[kHealthInsurance]) m[pick(insured)].insurance = false;
  if (deprived[kAdultEducation]) {
    Member& y = m[pick(young)];
    y.attending = false;
    y.education = y.age <= 17 ? "primary" : r.Chance(0.6) ? "lower_secondary" : "primary";
    if (y.employment == "student") y.employment = "self_employed";
  }
  if (deprived[kChildSchool]) {
    Member& k = m[pick(school_kids)];
    k.attending = false;
    k.employment = k.age >= 15 ? "self_employed" : "none";
  }
  if (deprived[kEmployment])
    m[pick(working)].employment = r.Chance(0.5) ? "unemployed" : "wage_no_contract";

  // Income: the category's band of the area's line and ceiling.
  const int line = c.urban ? kLineUrban : kLineRural;
  const int ceiling = c.urban ? kCeilingUrban : kCeilingRural;
  int64_t income;
  if (c.category == kPoor) {
    income = static_cast<int64_t>(line * (0.3 + 0.7 * r.Unit())) / 1000 * 1000;
  } else if (c.category == kNearPoor) {
    income = static_cast<int64_t>(line * (0.6 + 0.4 * r.Unit())) / 1000 * 1000;
  } else if (c.category == kMiddle) {
    income = (line + 1000 + static_cast<int64_t>((ceiling - line - 1000) * r.Unit())) / 1000 * 1000;
    if (income <= line) income = line + 1000;
  } else {
    income = ceiling + 1000 +
             static_cast<int64_t>(ceiling * 0.9 * std::exp(0.6 * r.Normal())) / 1000 * 1000;
  }

  // The house, water, sanitation, information.
  int broken = deprived[kHousingQuality] ? 2 + r.Below(2) : r.Chance(0.3) ? 1 : 0;
  bool structure[3] = {true, true, true};
  for (int k = 0, start = r.Below(3); k < broken; ++k) structure[(start + k) % 3] = false;
  int area = deprived[kHousingArea] ? std::max(0, 8 * n - 1 - r.Below(4 * n))
                                    : 8 * n + r.Between(0, 12 * n + 20);
  constexpr SV kGoodWater[] = {
      "piped", "drilled_well", "protected_dug_well", "protected_spring", "rainwater", "bottled"};
  constexpr SV kBadWater[] = {"unprotected_well", "unprotected_spring", "surface_water", "other"};
  constexpr SV kGoodToilet[] = {"septic", "semi_septic", "pour_flush", "ventilated_pit",
                                "double_vault"};
  constexpr SV kBadToilet[] = {"simple_pit", "none", "other"};
  SV water = deprived[kWater] ? kBadWater[r.Pick({0.25, 0.4, 0.3, 0.05})]
             : c.urban        ? kGoodWater[r.Pick({0.8, 0.1, 0.04, 0.02, 0.02, 0.02})]
                              : kGoodWater[r.Pick({0.25, 0.15, 0.15, 0.3, 0.13, 0.02})];
  SV toilet = deprived[kToilet] ? kBadToilet[r.Pick({0.7, 0.2, 0.1})]
                                : kGoodToilet[r.Pick({c.urban ? 0.7 : 0.3, 0.25, 0.2, 0.1, 0.05})];

  std::string& h = *households;
  h.append(c.household_id).push_back(',');
  h.append(c.commune_code).push_back(',');
  h.append(c.village_code).push_back(',');
  h.append(c.urban ? "urban," : "rural,");
  AppendDate(&h, c.survey_date);
  h.push_back(',');
  Append(&h, income);
  h.push_back(',');
  Append(&h, area);
  for (bool s : structure) h.append(s ? ",1" : ",0");
  h.push_back(',');
  h.append(water).push_back(',');
  h.append(toilet);
  h.append(deprived[kTelecom] ? ",0" : ",1");
  h.append(deprived[kInfoAccess] ? ",0" : ",1");
  h.append(r.Chance(c.urban ? 0.9 : 0.55 - 0.35 * c.remoteness) ? ",1\n" : ",0\n");

  std::string& out = *members;
  for (int i = 0; i < n; ++i) {
    const Person& p = *who[i];
    out.append(c.household_id).push_back(',');
    Append(&out, ids[i]);
    out.push_back(',');
    out.append(FullName(p)).push_back(',');
    if (p.national_id) {
      char buf[13];
      uint64_t v = p.national_id;
      for (int d = 11; d >= 0; --d) buf[d] = static_cast<char>('0' + v % 10), v /= 10;
      out.append(buf, 12);
    }
    out.push_back(',');
    AppendDate(&out, p.birth);
    out.append(p.male ? ",male," : ",female,");
    out.append(kRelations[p.relation]).push_back(',');
    out.append(EthnicId(p.ethnic));
    out.append(m[i].insurance ? ",1" : ",0");
    out.append(m[i].malnourished ? ",1" : ",0");
    out.append(m[i].attending ? ",1," : ",0,");
    out.append(m[i].education).push_back(',');
    out.append(m[i].employment);
    out.append(p.disability ? ",1" : ",0");
    out.append(m[i].allowance ? ",1\n" : ",0\n");
  }
  return n;
}

}  // namespace lnob::demo
