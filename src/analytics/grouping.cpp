#include "analytics/grouping.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/memory.hpp"
#include "core/schema.hpp"

namespace lnob::analytics {
namespace {

// The unit of `level` on `on` holding all of `candidates`, or empty when they disagree.
std::string CommonAncestor(const UnitCatalog& catalog, const std::vector<std::string>& candidates,
                           Date on, UnitLevel level) {
  std::string found;
  for (const std::string& c : candidates) {
    std::string a = catalog.AncestorOn(c, on, level);
    if (a.empty() || (!found.empty() && a != found)) return {};
    found = a;
  }
  return found;
}

// A household's recorded (province, commune, village), and its hash for the placement cache.
using PlaceKey = std::tuple<std::string_view, std::string_view, std::string_view>;
struct PlaceKeyHash {
  size_t operator()(const PlaceKey& k) const {
    std::hash<std::string_view> h;
    size_t x = h(std::get<0>(k));
    x = x * 0x9E3779B97F4A7C15ull ^ h(std::get<1>(k));
    return x * 0x9E3779B97F4A7C15ull ^ h(std::get<2>(k));
  }
};

}  // namespace

std::string PlaceHousehold(const UnitCatalog& catalog, std::string_view province,
                           std::string_view commune, std::string_view village, Date on,
                           UnitLevel level) {
  if (!village.empty()) {
    auto cands = catalog.Restate(std::string(village), on);
    std::string a = CommonAncestor(catalog, cands, on, level);
    if (!a.empty()) return a;
  }
  auto cands = catalog.Restate(std::string(commune), on);
  if (!cands.empty()) {
    // A commune does not say its village; a village the registry does not list names itself.
    if (level == UnitLevel::kVillage) return catalog.Knows(village) ? "" : std::string(village);
    return CommonAncestor(catalog, cands, on, level);
  }
  if (!catalog.Knows(commune)) {  // not in the registry at all: codes stand for themselves
    switch (level) {
      case UnitLevel::kProvince:
        if (catalog.Knows(province)) {  // but a province the registry knows has a lineage
          return CommonAncestor(catalog, catalog.Restate(std::string(province), on), on, level);
        }
        return std::string(province);
      case UnitLevel::kCommune: return std::string(commune);
      case UnitLevel::kVillage: return std::string(village);
    }
  }
  return {};
}

std::string_view SplitById(SplitBy by) {
  switch (by) {
    case SplitBy::kNone: return "none";
    case SplitBy::kArea: return "area";
    case SplitBy::kEthnicity: return "ethnicity";
    case SplitBy::kSex: return "sex";
  }
  return "";
}

bool ParseSplitBy(std::string_view id, SplitBy* out) {
  for (SplitBy b : {SplitBy::kNone, SplitBy::kArea, SplitBy::kEthnicity, SplitBy::kSex}) {
    if (SplitById(b) == id) {
      *out = b;
      return true;
    }
  }
  return false;
}

Grouping GroupHouseholds(const Snapshot& snap, const UnitCatalog& catalog,
                         const GroupingOptions& options) {
  using core::hh::kCommuneCode;
  using core::hh::kVillageCode;
  const core::Survey& s = snap.survey;
  const uint32_t n = s.household_count();
  Grouping g;
  g.level = options.level;
  g.units_on = options.units_on.value_or(snap.round.reference_date);
  g.by = options.by;

  const auto& commune = s.households.Column(kCommuneCode).strings;
  const auto& village_col = s.households.Column(kVillageCode);
  const auto& province_col =
      s.households.Column(core::FieldIndex(core::Level::kHousehold, "province_code"));
  const auto& area = s.households.Column(core::hh::kArea).i8;

  // Unit code per household, through a cache of distinct (province, commune, village).
  std::unordered_map<PlaceKey, uint32_t, PlaceKeyHash> cache;
  std::vector<std::string> unit_codes;  // index -> code; "" unplaced
  std::map<std::string, uint32_t> unit_index;
  std::vector<uint32_t> unit_of;
  ResizeFresh(&unit_of, n, uint32_t{0});
  std::set<std::string> unplaced;
  PlaceKey last{};
  uint32_t last_unit = kNoIndex;
  for (uint32_t h = 0; h < n; ++h) {
    std::string_view v = village_col.present ? village_col.strings[h] : std::string_view();
    std::string_view p = province_col.present ? province_col.strings[h] : std::string_view();
    auto key = std::make_tuple(p, commune[h], v);
    if (h > 0 && key == last) {
      unit_of[h] = last_unit;
      continue;
    }
    auto it = cache.find(key);
    if (it == cache.end()) {
      std::string code = PlaceHousehold(catalog, p, commune[h], v, g.units_on, options.level);
      uint32_t u = kNoIndex;
      if (!code.empty()) {
        auto [ui, added] = unit_index.emplace(code, static_cast<uint32_t>(unit_codes.size()));
        if (added) unit_codes.push_back(code);
        u = ui->second;
      }
      it = cache.emplace(key, u).first;
    }
    last = key;
    last_unit = it->second;
    unit_of[h] = last_unit;
    if (last_unit == kNoIndex) unplaced.emplace(commune[h]);
  }

  // Subgroup per household: a small number (area code, sex code, ethnicity index) named once.
  std::vector<std::string> subs;
  std::vector<uint32_t> sub_of_h;  // empty without a split: every household in subgroup 0
  if (options.by != SplitBy::kNone) ResizeFresh(&sub_of_h, n, uint32_t{0});
  auto sub_of = [&](uint32_t h) { return sub_of_h.empty() ? 0u : sub_of_h[h]; };
  std::map<uint32_t, uint32_t> sub_index;  // raw value -> index in subs
  auto name_of = [&](uint32_t raw) -> std::string {
    switch (options.by) {
      case SplitBy::kArea:
        return std::string(core::FindField(core::Level::kHousehold, "area")->values[raw]);
      case SplitBy::kSex:
        return raw == kUnknownCode
                   ? std::string("unknown")
                   : std::string(core::FindField(core::Level::kMember, "sex")->values[raw]);
      case SplitBy::kEthnicity:
        return raw == kNoIndex ? std::string("unknown") : snap.ethnicities[raw];
      case SplitBy::kNone: break;
    }
    return {};
  };
  if (options.by == SplitBy::kNone) {
    subs.push_back({});
  } else {
    for (uint32_t h = 0; h < n; ++h) {
      uint32_t raw = options.by == SplitBy::kArea  ? static_cast<uint32_t>(area[h])
                     : options.by == SplitBy::kSex ? snap.head_sex[h]
                                                   : snap.head_ethnicity[h];
      auto [it, added] = sub_index.emplace(raw, static_cast<uint32_t>(subs.size()));
      if (added) subs.push_back(name_of(raw));
      sub_of_h[h] = it->second;
    }
  }
  const size_t nsub = subs.size();
  std::vector<uint8_t> used(unit_codes.size() * nsub, 0);
  for (uint32_t h = 0; h < n; ++h) {
    if (unit_of[h] != kNoIndex) used[unit_of[h] * nsub + sub_of(h)] = 1;
  }
  std::vector<std::pair<std::pair<std::string, std::string>, uint32_t>> order;
  for (size_t i = 0; i < used.size(); ++i) {
    if (used[i])
      order.push_back({{unit_codes[i / nsub], subs[i % nsub]}, static_cast<uint32_t>(i)});
  }
  std::sort(order.begin(), order.end());
  std::vector<uint32_t> group_of_pair(used.size(), kNoIndex);
  for (const auto& [key, pair] : order) {
    group_of_pair[pair] = static_cast<uint32_t>(g.groups.size());
    g.groups.push_back({key.first, catalog.NameOn(key.first, g.units_on), key.second});
  }
  ResizeFresh(&g.of_household, n, uint32_t{0});
  for (uint32_t h = 0; h < n; ++h) {
    g.of_household[h] =
        unit_of[h] == kNoIndex ? kNoIndex : group_of_pair[unit_of[h] * nsub + sub_of(h)];
    if (unit_of[h] == kNoIndex) ++g.unplaced;
  }
  g.unplaced_codes.assign(unplaced.begin(), unplaced.end());
  return g;
}

}  // namespace lnob::analytics
