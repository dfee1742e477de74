#include "report/targets_report.hpp"

#include <cmath>

#include "common/money.hpp"

namespace lnob::report {
namespace {

bool Rate(const core::Target& t) {
  return core::IsRate(t.indicator);
}

// A value as people read it: "10,19%" or "69.740" (households).
std::string Value(const core::Target& t, double v, Lang lang) {
  if (Rate(t)) return FormatDecimal(v, 2, lang) + "%";
  return GroupThousands(static_cast<int64_t>(std::llround(v)), lang);
}

// A magnitude of change: "13,26 điểm phần trăm" / "13.26 points" or "11.711 hộ" / "11,711
// households".
std::string Amount(const core::Target& t, double v, Lang lang, bool short_unit = false) {
  v = std::fabs(v);
  if (Rate(t)) {
    return FormatDecimal(v, 2, lang) +
           (lang == Lang::kVi ? (short_unit ? " điểm" : " điểm phần trăm") : " points");
  }
  // A count of households; an average a year may have decimals ("0,33 hộ").
  const bool whole = std::fabs(v - std::round(v)) < 0.005;
  std::string n = whole ? GroupThousands(static_cast<int64_t>(std::llround(v)), lang)
                        : FormatDecimal(v, 2, lang);
  return n + (lang == Lang::kVi ? " hộ"
                                : (whole && std::llround(v) == 1 ? " household" : " households"));
}

std::string IndicatorName(core::TargetIndicator i, Lang lang) {
  bool vi = lang == Lang::kVi;
  switch (i) {
    case core::TargetIndicator::kPovertyRate: return vi ? "Tỷ lệ hộ nghèo" : "Poverty rate";
    case core::TargetIndicator::kNearPovertyRate:
      return vi ? "Tỷ lệ hộ cận nghèo" : "Near-poverty rate";
    case core::TargetIndicator::kPoorNearPoorRate:
      return vi ? "Tỷ lệ hộ nghèo và cận nghèo" : "Poor and near-poor rate";
    case core::TargetIndicator::kPoorHouseholds: return vi ? "Số hộ nghèo" : "Poor households";
    case core::TargetIndicator::kNearPoorHouseholds:
      return vi ? "Số hộ cận nghèo" : "Near-poor households";
  }
  return "";
}

std::string Direction(double change, Lang lang) {
  if (change < 0) return lang == Lang::kVi ? "giảm" : "down";
  if (change > 0) return lang == Lang::kVi ? "tăng" : "up";
  return lang == Lang::kVi ? "không đổi" : "unchanged";
}

std::string GoalText(const core::Target& t, Lang lang) {
  if (t.goal == core::GoalKind::kChangePerYear) {
    return (lang == Lang::kVi ? (t.goal_value < 0 ? "giảm " : "tăng ")
                              : (t.goal_value < 0 ? "down " : "up ")) +
           Amount(t, t.goal_value, lang, true) + (lang == Lang::kVi ? "/năm" : " a year");
  }
  return (lang == Lang::kVi ? "đạt " : "reach ") + Value(t, t.goal_value, lang) +
         (lang == Lang::kVi ? " vào năm " : " by ") + std::to_string(t.deadline_year);
}

}  // namespace

std::string_view VerdictId(analytics::Verdict v) {
  switch (v) {
    case analytics::Verdict::kAhead: return "ahead";
    case analytics::Verdict::kOnTarget: return "on_target";
    case analytics::Verdict::kBehind: return "behind";
  }
  return "";
}

std::string VerdictText(const analytics::TargetStatus& s, Lang lang) {
  const bool vi = lang == Lang::kVi;
  const core::Target& t = s.target;
  const bool per_year = t.goal == core::GoalKind::kChangePerYear;
  const std::string by =
      Amount(t, s.margin, lang, true) + (per_year ? (vi ? "/năm" : " a year") : "");
  switch (s.verdict) {
    case analytics::Verdict::kOnTarget: return vi ? "đạt đúng mục tiêu" : "on target";
    case analytics::Verdict::kAhead:
      if (per_year) return vi ? "vượt mục tiêu " + by : "above target by " + by;
      if (s.final) return vi ? "đạt mục tiêu, vượt " + by : "target met, beaten by " + by;
      return vi ? "đúng tiến độ, vượt lộ trình " + by : "on track, " + by + " ahead of the path";
    case analytics::Verdict::kBehind:
      if (per_year) return vi ? "chưa đạt mục tiêu, thiếu " + by : "below target by " + by;
      if (s.final) return vi ? "không đạt mục tiêu, thiếu " + by : "target missed by " + by;
      return vi ? "chậm tiến độ, sau lộ trình " + by : "behind the path by " + by;
  }
  return "";
}

std::string TargetSentence(const TargetLine& line, Lang lang) {
  const analytics::TargetStatus& s = line.status;
  const core::Target& t = s.target;
  const bool vi = lang == Lang::kVi;
  const char* to_vi = s.change < 0 ? " xuống " : s.change > 0 ? " lên " : " và ";
  std::string out = IndicatorName(t.indicator, lang) + (vi ? " của " : ", ") + line.unit_name +
                    (vi ? " từ " : ": ") + Value(t, s.baseline, lang) + " (" +
                    std::to_string(t.baseline_year) + ")" + (vi ? to_vi : " to ") +
                    Value(t, s.actual, lang) + " (" + std::to_string(s.year) + ")" +
                    (vi ? ", " : ": ") + Direction(s.change, lang);
  if (s.change != 0) {
    out += " " + Amount(t, s.change, lang) + ", " + (vi ? "bình quân " : "") +
           Amount(t, s.change_per_year, lang, true) + (vi ? "/năm" : " a year");
  }
  out += "; " + (vi ? std::string("mục tiêu ") : std::string("target: ")) + GoalText(t, lang) +
         ": " + VerdictText(s, lang) + ".";
  return out;
}

Table TargetsTable(const std::vector<TargetLine>& lines, int year, Lang lang) {
  Table tab;
  tab.key = "targets";
  tab.title_vi = "Thực hiện mục tiêu đến năm " + std::to_string(year);
  tab.title_en = "Targets as of " + std::to_string(year);
  using K = CellKind;
  tab.columns = {{"target_id", "Mã mục tiêu", "Target ID", K::kText},
                 {"target", "Mục tiêu", "Target", K::kText},
                 {"unit_code", "Mã đơn vị", "Unit code", K::kText},
                 {"unit_name", "Đơn vị", "Unit", K::kText},
                 {"indicator", "Chỉ tiêu", "Indicator", K::kText},
                 {"baseline_year", "Năm gốc", "Baseline year", K::kYear},
                 {"baseline", "Giá trị gốc", "Baseline", K::kPoints},
                 {"year", "Năm", "Year", K::kYear},
                 {"actual", "Thực hiện", "Actual", K::kPoints},
                 {"change", "Thay đổi", "Change", K::kPoints},
                 {"change_per_year", "Bình quân/năm", "Per year", K::kPoints},
                 {"goal_kind", "Loại mục tiêu", "Goal kind", K::kText},
                 {"goal", "Mục tiêu", "Goal", K::kPoints},
                 {"deadline", "Thời hạn", "Deadline", K::kYear},
                 {"verdict", "Đánh giá", "Verdict", K::kText},
                 {"margin", "Chênh lệch", "Margin", K::kPoints},
                 {"sentence", "Nhận xét", "Statement", K::kText}};
  for (const TargetLine& l : lines) {
    const analytics::TargetStatus& s = l.status;
    const core::Target& t = s.target;
    tab.rows.push_back({Cell::Text(t.id), Cell::Text(lang == Lang::kVi ? t.name_vi : t.name_en),
                        Cell::Text(t.unit_code), Cell::Text(l.unit_name),
                        Cell::Text(std::string(core::TargetIndicatorId(t.indicator))),
                        Cell::Year(t.baseline_year), Cell::Points(s.baseline), Cell::Year(s.year),
                        Cell::Points(s.actual), Cell::Points(s.change),
                        Cell::Points(s.change_per_year),
                        Cell::Text(t.goal == core::GoalKind::kLevel ? "level" : "change_per_year"),
                        Cell::Points(t.goal_value), Cell::Year(t.deadline_year),
                        Cell::Text(std::string(VerdictId(s.verdict))), Cell::Points(s.margin),
                        Cell::Text(TargetSentence(l, lang))});
  }
  return tab;
}

}  // namespace lnob::report
