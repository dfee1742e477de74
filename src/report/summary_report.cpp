#include "report/summary_report.hpp"

#include <algorithm>
#include <cmath>

#include "common/money.hpp"
#include "analytics/grouping.hpp"
#include "analytics/targets.hpp"
#include "report/rates_report.hpp"

namespace lnob::report {
namespace {

std::string N(uint64_t v, Lang lang) {
  return GroupThousands(static_cast<int64_t>(v), lang);
}
std::string P(double v, Lang lang) {
  return FormatDecimal(v, 2, lang) + "%";
}

double Pct(uint64_t n, uint64_t of) {
  return of == 0 ? 0.0 : 100.0 * static_cast<double>(n) / static_cast<double>(of);
}

// Rounded as printed, so that differences of printed rates add up.
double Round2(double v) {
  return std::round(v * 100.0 + (v >= 0 ? 1e-9 : -1e-9)) / 100.0;
}

// "giảm 1,23 điểm phần trăm" / "down 1.23 points".
std::string PointsChange(double before, double now, Lang lang) {
  double d = Round2(Round2(now) - Round2(before));
  bool vi = lang == Lang::kVi;
  if (d == 0) return vi ? "không đổi" : "unchanged";
  return std::string(d < 0 ? (vi ? "giảm " : "down ") : (vi ? "tăng " : "up ")) +
         FormatDecimal(std::fabs(d), 2, lang) + (vi ? " điểm phần trăm" : " points");
}

// "9.525 hộ ít hơn" / "9,525 fewer".
std::string CountChange(uint64_t before, uint64_t now, Lang lang) {
  bool vi = lang == Lang::kVi;
  if (before == now) return vi ? "không đổi" : "unchanged";
  uint64_t d = now > before ? now - before : before - now;
  return N(d, lang) +
         (now < before ? (vi ? " hộ ít hơn" : " fewer") : (vi ? " hộ nhiều hơn" : " more"));
}

// One paragraph about a unit (a province or the whole round).
std::string Paragraph(const std::string& name, const analytics::RateRow& r,
                      const analytics::RateRow* before, int prev_year, Lang lang) {
  bool vi = lang == Lang::kVi;
  uint64_t both = r.poor + r.near_poor;
  std::string s = vi ? name + ": " + N(r.households, lang) + " hộ, " + N(r.persons, lang) +
                           " người. Hộ nghèo: " + N(r.poor, lang) + " hộ (" +
                           P(r.poor_rate(), lang) + "); hộ cận nghèo: " + N(r.near_poor, lang) +
                           " hộ (" + P(r.near_poor_rate(), lang) +
                           "); tổng hộ nghèo và cận nghèo " + N(both, lang) + " hộ (" +
                           P(r.Rate(both), lang) + ")."
                     : name + ": " + N(r.households, lang) + " households, " + N(r.persons, lang) +
                           " persons. Poor: " + N(r.poor, lang) + " households (" +
                           P(r.poor_rate(), lang) + "); near-poor: " + N(r.near_poor, lang) + " (" +
                           P(r.near_poor_rate(), lang) + "); poor and near-poor together " +
                           N(both, lang) + " (" + P(r.Rate(both), lang) + ").";
  if (before && before->households > 0) {
    uint64_t both_before = before->poor + before->near_poor;
    std::string y = std::to_string(prev_year);
    s += vi ? " So với năm " + y + ": tỷ lệ hộ nghèo " +
                  PointsChange(before->poor_rate(), r.poor_rate(), lang) + " (từ " +
                  P(before->poor_rate(), lang) + "), hộ nghèo " +
                  CountChange(before->poor, r.poor, lang) + "; hộ nghèo và cận nghèo " +
                  CountChange(both_before, both, lang) + "."
            : " Since " + y + ": the poverty rate is " +
                  PointsChange(before->poor_rate(), r.poor_rate(), lang) + " (from " +
                  P(before->poor_rate(), lang) + "), poor households " +
                  CountChange(before->poor, r.poor, lang) + "; poor and near-poor " +
                  CountChange(both_before, both, lang) + ".";
  }
  return s;
}

const analytics::RateRow* Find(const std::optional<analytics::Rates>& r, const std::string& code) {
  if (!r) return nullptr;
  for (const auto& row : r->rows) {
    if (row.group.unit_code == code) return &row;
  }
  return nullptr;
}

// Communes by poverty rate, highest first (ties: more poor households first, then code).
std::vector<const analytics::RateRow*> Behind(const analytics::Rates& communes, size_t n) {
  std::vector<const analytics::RateRow*> rows;
  for (const auto& r : communes.rows) rows.push_back(&r);
  std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
    double ra = a->poor_rate(), rb = b->poor_rate();
    if (ra != rb) return ra > rb;
    if (a->poor != b->poor) return a->poor > b->poor;
    return a->group.unit_code < b->group.unit_code;
  });
  if (rows.size() > n) rows.resize(n);
  return rows;
}

// Indicators by share of poor households deprived, highest first.
std::vector<size_t> TopDeprivations(const analytics::Rates& r) {
  std::vector<size_t> idx(r.indicators.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    return r.total.deprived_poor[a] > r.total.deprived_poor[b];
  });
  return idx;
}

Table BehindTable(const SummaryInput& in, Lang lang) {
  analytics::Rates top = in.communes;
  top.rows.clear();
  for (const auto* r : Behind(in.communes, in.furthest_behind)) top.rows.push_back(*r);
  Table t = RatesTable(top, {.lang = lang});
  t.key = "furthest_behind";
  t.title_vi = std::to_string(top.rows.size()) + " xã có tỷ lệ hộ nghèo cao nhất năm " +
               std::to_string(in.year);
  t.title_en = "The " + std::to_string(top.rows.size()) +
               " communes with the highest poverty rates, " + std::to_string(in.year);
  return t;
}

}  // namespace

Result<SummaryInput> SummaryFromStore(store::Store& store, const analytics::UnitCatalog& units,
                                      const analytics::Snapshot& now,
                                      const std::vector<core::StandardPtr>& standards) {
  SummaryInput in;
  in.year = now.round.year;
  const Date on = now.round.reference_date;
  auto province = analytics::GroupHouseholds(now, units, {analytics::UnitLevel::kProvince, on});
  in.provinces = analytics::ComputeRates(now, now.result, province);
  auto commune = analytics::GroupHouseholds(now, units, {analytics::UnitLevel::kCommune, on});
  in.communes = analytics::ComputeRates(now, now.result, commune);

  // The previous round of the same kind, restated under this round's units, when classified.
  ASSIGN_OR_RETURN(auto rounds, store.ListRounds());
  const store::RoundInfo* previous = nullptr;
  for (const auto& r : rounds) {
    if (r.kind == now.round.kind && r.year < now.round.year &&
        (!previous || r.year > previous->year)) {
      previous = &r;
    }
  }
  if (previous) {
    auto before = analytics::LoadSnapshot(store, *previous, standards);
    if (before.ok()) {
      auto g = analytics::GroupHouseholds(*before, units, {analytics::UnitLevel::kProvince, on});
      in.previous = analytics::ComputeRates(*before, before->result, g);
    } else if (before.status().code() != ErrorCode::kNotFound) {
      return before.status();
    }
  }
  ASSIGN_OR_RETURN(auto targets, analytics::EvaluateStoredTargets(store, units, now.round.year,
                                                                  now.round.kind));
  for (auto& t : targets) in.targets.push_back({std::move(t.status), std::move(t.unit_name)});
  return in;
}

std::string SummaryMarkdown(const SummaryInput& in, Lang lang) {
  const bool vi = lang == Lang::kVi;
  const std::string y = std::to_string(in.year);
  const int prev_year = in.previous ? in.previous->round.year : 0;
  std::string md = vi ? "# Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo năm " + y + "\n\n"
                      : "# Poor and near-poor households: review of " + y + "\n\n";
  md += vi ? "## Kết quả chung\n\n" : "## Overview\n\n";
  for (const auto& row : in.provinces.rows) {
    std::string name = (vi ? "Tỉnh " : "") + row.group.unit_name + (vi ? "" : " province");
    md +=
        "- " + Paragraph(name, row, Find(in.previous, row.group.unit_code), prev_year, lang) + "\n";
  }
  if (in.provinces.rows.size() != 1) {
    const analytics::RateRow* before = in.previous ? &in.previous->total : nullptr;
    md += "- " +
          Paragraph(vi ? "Toàn bộ kỳ rà soát" : "The whole round", in.provinces.total, before,
                    prev_year, lang) +
          "\n";
  }
  md += "\n";

  if (!in.targets.empty()) {
    md += vi ? "## Thực hiện mục tiêu\n\n" : "## Targets\n\n";
    for (const auto& t : in.targets) md += "- " + TargetSentence(t, lang) + "\n";
    md += "\n";
  }

  auto behind = Behind(in.communes, in.furthest_behind);
  if (!behind.empty()) {
    md += vi ? "## Các xã còn nhiều khó khăn nhất\n\n" : "## The communes furthest behind\n\n";
    std::string list;
    for (const auto* r : behind) {
      list += (list.empty() ? "" : "; ") + r->group.unit_name + " " + P(r->poor_rate(), lang) +
              " (" + N(r->poor, lang) + (vi ? " hộ nghèo)" : " poor households)");
    }
    md += (vi ? "Tỷ lệ hộ nghèo cao nhất: " : "Highest poverty rates: ") + list + ".\n\n";
    md += RenderMarkdown(BehindTable(in, lang), lang) + "\n";
  }

  const analytics::Rates& all = in.provinces;
  if (all.total.poor > 0 && !all.indicators.empty()) {
    md += vi ? "## Thiếu hụt chủ yếu của hộ nghèo\n\n" : "## Main deprivations among the poor\n\n";
    std::string list;
    auto order = TopDeprivations(all);
    for (size_t k = 0; k < order.size() && k < 3; ++k) {
      size_t i = order[k];
      if (all.total.deprived_poor[i] == 0) break;
      const auto& ind = all.indicators[i];
      list += (list.empty() ? "" : "; ") + (vi ? ind.name_vi : ind.name_en) + " " +
              P(Pct(all.total.deprived_poor[i], all.total.poor), lang) + " (" +
              N(all.total.deprived_poor[i], lang) + (vi ? " hộ)" : " households)");
    }
    if (!list.empty()) {
      md += (vi ? "Tỷ lệ hộ nghèo thiếu hụt, cao nhất: "
                : "Shares of poor households deprived, highest: ") +
            list + ".\n\n";
    }
    md += RenderMarkdown(DeprivationTable(all, lang), lang) + "\n";
  }
  md += RenderMarkdown(RatesTable(in.provinces, {.total_row = true, .lang = lang}), lang);
  return md;
}

std::vector<Table> SummaryTables(const SummaryInput& in, Lang lang) {
  std::vector<Table> out;
  Table provinces = RatesTable(in.provinces, {.total_row = true, .lang = lang});
  provinces.key = "provinces";
  out.push_back(std::move(provinces));
  out.push_back(BehindTable(in, lang));
  out.push_back(DeprivationTable(in.provinces, lang));
  if (!in.targets.empty()) out.push_back(TargetsTable(in.targets, in.year, lang));
  Table communes = RatesTable(in.communes, {.total_row = true, .lang = lang});
  communes.key = "communes";
  out.push_back(std::move(communes));
  return out;
}

}  // namespace lnob::report
