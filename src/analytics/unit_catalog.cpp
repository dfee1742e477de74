#include "analytics/unit_catalog.hpp"

#include <algorithm>

namespace lnob::analytics {
namespace {

constexpr int32_t kForever = 99991231;

int32_t End(const store::UnitRecord& u) {
  return u.valid_to ? u.valid_to->value : kForever;
}

}  // namespace

std::string_view UnitLevelId(UnitLevel level) {
  switch (level) {
    case UnitLevel::kProvince: return "province";
    case UnitLevel::kCommune: return "commune";
    case UnitLevel::kVillage: return "village";
  }
  return "";
}

bool ParseUnitLevel(std::string_view id, UnitLevel* out) {
  for (UnitLevel l : {UnitLevel::kProvince, UnitLevel::kCommune, UnitLevel::kVillage}) {
    if (UnitLevelId(l) == id) {
      *out = l;
      return true;
    }
  }
  return false;
}

bool LevelOfKind(std::string_view kind, UnitLevel* out) {
  if (kind == "province") {
    *out = UnitLevel::kProvince;
  } else if (kind == "commune" || kind == "ward" || kind == "township") {
    *out = UnitLevel::kCommune;
  } else if (kind == "village" || kind == "residential_group") {
    *out = UnitLevel::kVillage;
  } else {
    return false;
  }
  return true;
}

UnitCatalog::UnitCatalog(std::vector<store::UnitRecord> units, std::vector<store::UnitEvent> events)
    : events_(std::move(events)) {
  for (store::UnitRecord& u : units) versions_[u.code].push_back(std::move(u));
  for (auto& [code, list] : versions_) {
    std::sort(list.begin(), list.end(),
              [](const auto& a, const auto& b) { return a.valid_from < b.valid_from; });
  }
  std::stable_sort(events_.begin(), events_.end(),
                   [](const auto& a, const auto& b) { return a.date < b.date; });
  for (size_t i = 0; i < events_.size(); ++i) {
    for (const std::string& c : events_[i].from) from_[c].push_back(i);
    for (const std::string& c : events_[i].to) to_[c].push_back(i);
  }
}

Result<UnitCatalog> UnitCatalog::Load(store::Store& store) {
  ASSIGN_OR_RETURN(auto units, store.AllUnits());
  ASSIGN_OR_RETURN(auto events, store.AllUnitEvents());
  return UnitCatalog(std::move(units), std::move(events));
}

const store::UnitRecord* UnitCatalog::InForce(std::string_view code, Date on) const {
  auto it = versions_.find(std::string(code));
  if (it == versions_.end()) return nullptr;
  for (const store::UnitRecord& v : it->second) {
    if (v.valid_from <= on && on.value <= End(v)) return &v;
  }
  return nullptr;
}

const store::UnitRecord* UnitCatalog::Latest(std::string_view code) const {
  auto it = versions_.find(std::string(code));
  return it == versions_.end() || it->second.empty() ? nullptr : &it->second.back();
}

std::string UnitCatalog::NameOn(std::string_view code, Date on) const {
  if (const store::UnitRecord* u = InForce(code, on)) return u->name;
  auto it = versions_.find(std::string(code));
  if (it == versions_.end() || it->second.empty()) return std::string(code);
  return it->second.back().name;
}

std::vector<std::string> UnitCatalog::Restate(const std::string& code, Date on) const {
  std::vector<std::string> seen, out;
  Follow(code, on, 0, &seen, &out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Adds to `out` the codes in force on `on` reached from `code`. dir: -1 backwards (on is before
// the code existed), +1 forwards (after it ended), 0 either.
void UnitCatalog::Follow(const std::string& code, Date on, int dir, std::vector<std::string>* seen,
                         std::vector<std::string>* out) const {
  if (std::find(seen->begin(), seen->end(), code) != seen->end()) return;
  seen->push_back(code);
  auto it = versions_.find(code);
  if (it == versions_.end() || it->second.empty()) return;
  const auto& versions = it->second;
  const store::UnitRecord* ended = nullptr;  // the last version that ended before `on`
  for (const store::UnitRecord& v : versions) {
    if (v.valid_from <= on && on.value <= End(v)) {
      out->push_back(code);
      return;
    }
    if (End(v) < on.value) ended = &v;
  }
  const bool backwards = on < versions.front().valid_from;
  if ((backwards && dir > 0) || (!backwards && dir < 0) || (!backwards && !ended)) return;
  const auto& index = backwards ? to_ : from_;
  auto links = index.find(code);
  if (links == index.end()) return;
  for (size_t i : links->second) {
    const store::UnitEvent& e = events_[i];
    // Backwards: events in (on, first version's start]; forwards: in (end of the version, on].
    bool in_range = backwards ? on < e.date && e.date <= versions.front().valid_from
                              : End(*ended) < e.date.value && e.date <= on;
    if (!in_range) continue;
    for (const std::string& next : backwards ? e.from : e.to) {
      Follow(next, on, backwards ? -1 : 1, seen, out);
    }
  }
}

std::string UnitCatalog::AncestorOn(std::string_view code, Date on, UnitLevel level) const {
  const store::UnitRecord* u = InForce(code, on);
  for (int depth = 0; u && depth < 16; ++depth) {
    UnitLevel l;
    if (LevelOfKind(u->kind, &l) && l == level) return u->code;
    if (u->parent_code.empty()) break;
    u = InForce(u->parent_code, on);
  }
  return {};
}

}  // namespace lnob::analytics
