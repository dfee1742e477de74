#include <map>
#include <tuple>

#include "analytics/grouping.hpp"
#include "analytics/transitions.hpp"

namespace lnob::analytics {

Result<Transitions> TransitionsFromStore(store::Store& store, const UnitCatalog& catalog,
                                         const std::string& kind, int from_year, int to_year,
                                         UnitLevel level) {
  ASSIGN_OR_RETURN(auto rounds, store.ListRounds());
  Date units_on;
  for (const auto& r : rounds) {
    if (r.kind == kind && r.year == to_year) units_on = r.reference_date;
  }
  std::vector<RoundCategories> results;
  std::map<std::string, std::pair<std::string, std::string>> unit_of;
  for (const auto& r : rounds) {
    if (r.kind != kind || r.year > to_year) continue;
    auto cats = store.RoundCategories(r);
    if (!cats.ok()) {
      if (cats.status().code() == ErrorCode::kNotFound && r.year != from_year &&
          r.year != to_year) {
        continue;  // an unclassified earlier round: no results to follow
      }
      return cats.status();
    }
    RoundCategories rc;
    rc.year = r.year;
    std::map<std::tuple<std::string, std::string, std::string>, std::string> placed;
    for (const auto& h : *cats) {
      rc.households.emplace_back(h.household_id, h.category);
      auto key = std::make_tuple(h.province_code, h.commune_code, h.village_code);
      auto it = placed.find(key);
      if (it == placed.end()) {
        it = placed
                 .emplace(key, PlaceHousehold(catalog, h.province_code, h.commune_code,
                                              h.village_code, units_on, level))
                 .first;
      }
      unit_of[h.household_id] = {it->second, catalog.NameOn(it->second, units_on)};
    }
    results.push_back(std::move(rc));
  }
  return ComputeTransitions(
      results, from_year, to_year, [&](const std::string& id) -> std::pair<std::string, std::string> {
        auto it = unit_of.find(id);
        return it == unit_of.end() ? std::pair<std::string, std::string>() : it->second;
      });
}

}  // namespace lnob::analytics
