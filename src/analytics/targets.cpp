#include "analytics/targets.hpp"

#include <cmath>
#include <map>
#include <tuple>

#include "analytics/grouping.hpp"

namespace lnob::analytics {
namespace {

// Rounded to 2 decimals, half away from zero, as reports print it.
double Round2(double v) {
  return std::round(v * 100.0 + (v >= 0 ? 1e-9 : -1e-9)) / 100.0;
}

}  // namespace

double UnitTally::Value(core::TargetIndicator indicator) const {
  auto rate = [&](uint64_t n) {
    return households == 0 ? 0.0 : 100.0 * static_cast<double>(n) / households;
  };
  switch (indicator) {
    case core::TargetIndicator::kPovertyRate: return rate(poor);
    case core::TargetIndicator::kNearPovertyRate: return rate(near_poor);
    case core::TargetIndicator::kPoorNearPoorRate: return rate(poor + near_poor);
    case core::TargetIndicator::kPoorHouseholds: return static_cast<double>(poor);
    case core::TargetIndicator::kNearPoorHouseholds: return static_cast<double>(near_poor);
  }
  return 0;
}

UnitTally TallyUnit(const std::vector<store::PlaceCount>& places, const UnitCatalog& catalog,
                    const std::string& code, Date on) {
  UnitLevel level = UnitLevel::kCommune;
  if (const store::UnitRecord* u = catalog.InForce(code, on)) LevelOfKind(u->kind, &level);
  const bool known = catalog.Knows(code);
  UnitTally t;
  for (const store::PlaceCount& p : places) {
    const bool in =
        known ? PlaceHousehold(catalog, p.province_code, p.commune_code, p.village_code, on,
                               level) == code
              : p.province_code == code || p.commune_code == code || p.village_code == code;
    if (!in) continue;
    t.households += p.households;
    t.poor += p.poor;
    t.near_poor += p.near_poor;
  }
  return t;
}

std::vector<store::PlaceCount> CountByPlace(const std::vector<store::HouseholdCategory>& results) {
  std::map<std::tuple<std::string_view, std::string_view, std::string_view>, store::PlaceCount>
      by_place;
  for (const store::HouseholdCategory& h : results) {
    store::PlaceCount& p = by_place[{h.province_code, h.commune_code, h.village_code}];
    if (p.households++ == 0) {
      p.province_code = h.province_code;
      p.commune_code = h.commune_code;
      p.village_code = h.village_code;
    }
    p.poor += h.category == core::Category::kPoor;
    p.near_poor += h.category == core::Category::kNearPoor;
  }
  std::vector<store::PlaceCount> out;
  for (auto& [key, p] : by_place) out.push_back(std::move(p));
  return out;
}

UnitTally TallyUnit(const std::vector<store::HouseholdCategory>& results,
                    const UnitCatalog& catalog, const std::string& code, Date on) {
  return TallyUnit(CountByPlace(results), catalog, code, on);
}

Result<TargetStatus> EvaluateTarget(const core::Target& target, int year, double baseline,
                                    double actual) {
  if (year <= target.baseline_year) {
    return InvalidArgument("target " + target.id + " has its baseline in " +
                           std::to_string(target.baseline_year) +
                           "; it can be judged only on a later round, not " + std::to_string(year));
  }
  const bool rate = core::IsRate(target.indicator);
  TargetStatus s;
  s.target = target;
  s.year = year;
  s.baseline = rate ? Round2(baseline) : baseline;
  s.actual = rate ? Round2(actual) : actual;
  s.change = Round2(s.actual - s.baseline);
  s.change_per_year = Round2(s.change / (year - target.baseline_year));
  s.final = year >= target.deadline_year;
  if (target.goal == core::GoalKind::kChangePerYear) {
    // A cut (negative goal) is beaten by a larger cut; a rise by a larger rise.
    s.margin = Round2(target.goal_value < 0 ? target.goal_value - s.change_per_year
                                            : s.change_per_year - target.goal_value);
  } else {
    const bool down = target.goal_value < s.baseline;
    double aim = target.goal_value;
    if (!s.final) {
      double span = target.deadline_year - target.baseline_year;
      aim = s.baseline + (target.goal_value - s.baseline) * (year - target.baseline_year) / span;
      s.expected = Round2(aim);
      aim = s.expected;
    }
    s.margin = Round2(down ? aim - s.actual : s.actual - aim);
  }
  s.verdict = s.margin > 0 ? Verdict::kAhead : s.margin < 0 ? Verdict::kBehind : Verdict::kOnTarget;
  return s;
}

Result<std::vector<StoredTargetStatus>> EvaluateStoredTargets(store::Store& store,
                                                              const UnitCatalog& catalog, int year,
                                                              const std::string& kind) {
  ASSIGN_OR_RETURN(std::vector<core::Target> targets, store.ListTargets());
  ASSIGN_OR_RETURN(store::RoundInfo round, store.FindRound(year, kind));
  std::map<int, std::vector<store::PlaceCount>> results;  // by year, read once
  auto results_of = [&](int y, Date* reference) -> Result<const std::vector<store::PlaceCount>*> {
    ASSIGN_OR_RETURN(store::RoundInfo r, store.FindRound(y, kind));
    *reference = r.reference_date;
    auto it = results.find(y);
    if (it == results.end()) {
      ASSIGN_OR_RETURN(auto rows, store.RoundPlaceCounts(r));
      it = results.emplace(y, std::move(rows)).first;
    }
    return &it->second;
  };
  std::vector<StoredTargetStatus> out;
  for (const core::Target& t : targets) {
    if (t.baseline_year >= year) continue;  // not yet measurable in this round
    Date reference;
    ASSIGN_OR_RETURN(auto now, results_of(year, &reference));
    Date on = t.units_on.value_or(round.reference_date);
    if (!t.units_on && catalog.Knows(t.unit_code) && !catalog.InForce(t.unit_code, on)) {
      // A former unit (a province merged away): its territory as on its last day.
      const store::UnitRecord* last = catalog.Latest(t.unit_code);
      if (last && last->valid_to) on = *last->valid_to;
    }
    double actual = TallyUnit(*now, catalog, t.unit_code, on).Value(t.indicator);
    double baseline = 0;
    if (t.baseline_value) {
      baseline = *t.baseline_value;
    } else {
      Date base_reference;
      auto base = results_of(t.baseline_year, &base_reference);
      if (!base.ok()) {
        return FailedPrecondition("target " + t.id + " takes its baseline from round " +
                                  std::to_string(t.baseline_year) + ": " + base.status().message() +
                                  "; or state the value: baseline = { year = " +
                                  std::to_string(t.baseline_year) + ", value = ... }");
      }
      baseline = TallyUnit(**base, catalog, t.unit_code, on).Value(t.indicator);
    }
    ASSIGN_OR_RETURN(TargetStatus s, EvaluateTarget(t, year, baseline, actual));
    out.push_back({std::move(s), catalog.NameOn(t.unit_code, on)});
  }
  return out;
}

}  // namespace lnob::analytics
