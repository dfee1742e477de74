// Targets as a report: each target's values, change and verdict, and the sentence an official
// puts in a report ("down 13.26 points, 4.42 points a year, above target").
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "analytics/targets.hpp"
#include "report/table.hpp"

namespace lnob::report {

struct TargetLine {
  analytics::TargetStatus status;
  std::string unit_name;
};

// E.g. (en) "Poverty rate, Tuyên Quang: 23.45% (2021) to 10.19% (2024): down 13.26 points,
// 4.42 points a year, above target (a cut of 3.00 points a year) by 1.42 points a year."
std::string TargetSentence(const TargetLine& line, Lang lang);
// "ahead", "on_target", "behind" (machine) and the words for people.
std::string_view VerdictId(analytics::Verdict v);
std::string VerdictText(const analytics::TargetStatus& s, Lang lang);

// Columns: target_id, target, unit_code, unit_name, indicator, baseline_year, baseline, year,
// actual, change, change_per_year, goal_kind, goal, deadline, verdict, margin, sentence.
Table TargetsTable(const std::vector<TargetLine>& lines, int year, Lang lang);

}  // namespace lnob::report
