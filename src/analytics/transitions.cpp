#include "analytics/transitions.hpp"

#include <algorithm>
#include <functional>
#include <map>

namespace lnob::analytics {
namespace {

constexpr int kAbsent = -1;
constexpr int kPoor = static_cast<int>(core::Category::kPoor);
constexpr int kNearPoor = static_cast<int>(core::Category::kNearPoor);

}  // namespace

Result<Transitions> ComputeTransitions(
    const std::vector<RoundCategories>& rounds, int from_year, int to_year,
    const std::function<std::pair<std::string, std::string>(const std::string&)>& unit_of) {
  if (from_year >= to_year) {
    return InvalidArgument("--from " + std::to_string(from_year) + " must be before --to " +
                           std::to_string(to_year));
  }
  // Rounds up to `to`, by year.
  std::vector<const RoundCategories*> used;
  for (const auto& r : rounds) {
    if (r.year <= to_year) used.push_back(&r);
  }
  std::sort(used.begin(), used.end(), [](auto* a, auto* b) { return a->year < b->year; });
  int ifrom = -1, ito = -1;
  for (size_t i = 0; i < used.size(); ++i) {
    if (used[i]->year == from_year) ifrom = static_cast<int>(i);
    if (used[i]->year == to_year) ito = static_cast<int>(i);
  }
  std::string years;
  for (auto* r : used) years += (years.empty() ? "" : ", ") + std::to_string(r->year);
  if (ifrom < 0 || ito < 0) {
    return InvalidArgument(
        "round " + std::to_string(ifrom < 0 ? from_year : to_year) +
        " has no classified results; rounds with results: " + (years.empty() ? "none" : years));
  }
  const size_t nr = used.size();

  // Every household's path over the rounds: a k-way merge of the sorted lists.
  std::vector<std::string> ids;
  for (auto* r : used) {
    for (const auto& [id, c] : r->households) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<int8_t> path(ids.size() * nr, kAbsent);
  for (size_t r = 0; r < nr; ++r) {
    size_t k = 0;
    for (const auto& [id, c] : used[r]->households) {
      while (ids[k] < id) ++k;
      path[k * nr + r] = static_cast<int8_t>(c);
    }
  }

  Transitions t;
  t.from_year = from_year;
  t.to_year = to_year;
  std::map<std::string, TransitionCounts> units;
  for (size_t r = 1; r < nr; ++r) {
    ExitCohort e;
    e.year = used[r]->year;
    e.out_after.assign(nr - 1 - r, 0);
    t.exits.push_back(e);
  }
  for (size_t k = 0; k < ids.size(); ++k) {
    const int8_t* p = &path[k * nr];
    // Exits and how long they last.
    for (size_t r = 1; r < nr; ++r) {
      if (p[r - 1] != kPoor || p[r] == kAbsent || p[r] == kPoor) continue;
      ExitCohort& e = t.exits[r - 1];
      ++e.escaped;
      bool fell = false;
      for (size_t q = r + 1; q < nr; ++q) {
        if (p[q] == kPoor) {
          fell = true;
          break;
        }
        if (p[q] != kAbsent) ++e.out_after[q - r - 1];
      }
      if (fell) {
        ++e.fell_back;
      } else if (p[nr - 1] == kAbsent) {
        ++e.not_seen;
      } else {
        ++e.still_out;
      }
    }
    int a = p[ifrom], b = p[ito];
    if (a == kAbsent && b == kAbsent) continue;
    t.matrix[a == kAbsent ? 4 : a][b == kAbsent ? 4 : b]++;
    // Escaped before `to`: poor in some round, then present and not poor in a later one.
    bool seen_poor = false, escaped_before = false;
    for (int r = 0; r < ito; ++r) {
      if (p[r] == kPoor) {
        seen_poor = true;
      } else if (p[r] != kAbsent && seen_poor) {
        escaped_before = true;
      }
    }
    HouseholdTransition ht{ids[k], a, b, ""};
    if (a == kPoor && b == kPoor) {
      ht.flow = "stayed_poor";
    } else if (a == kPoor && b != kAbsent) {
      ht.flow = b == kNearPoor ? "escaped_to_near_poor" : "escaped";
    } else if (b == kPoor) {
      ht.flow = escaped_before ? "fell_back" : "newly_poor";
    } else if (a == kNearPoor && b == kNearPoor) {
      ht.flow = "stayed_near_poor";
    } else if (b == kNearPoor) {
      ht.flow = "became_near_poor";
    }
    auto count = [&](TransitionCounts& c) {
      if (a != kAbsent) ++c.households_from;
      if (b != kAbsent) ++c.households_to;
      if (a == kPoor) ++c.poor_from;
      if (b == kPoor) ++c.poor_to;
      if (a == kAbsent) ++c.entered;
      if (b == kAbsent) ++c.left;
      if (ht.flow == "stayed_poor") ++c.stayed_poor;
      if (ht.flow == "escaped" || ht.flow == "escaped_to_near_poor") ++c.escaped;
      if (ht.flow == "escaped_to_near_poor") ++c.escaped_to_near_poor;
      if (ht.flow == "fell_back") ++c.fell_back;
      if (ht.flow == "newly_poor") ++c.newly_poor;
      if (ht.flow == "stayed_near_poor") ++c.stayed_near_poor;
      if (ht.flow == "became_near_poor" || ht.flow == "escaped_to_near_poor") {
        ++c.became_near_poor;
      }
    };
    count(t.total);
    if (unit_of) {
      auto [code, name] = unit_of(ids[k]);
      TransitionCounts& u = units[code];
      u.unit_code = code;
      u.unit_name = name;
      count(u);
    }
    t.households.push_back(std::move(ht));
  }
  for (auto& [code, c] : units) t.by_unit.push_back(std::move(c));
  return t;
}

}  // namespace lnob::analytics
