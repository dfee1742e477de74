// The households of a round arranged for search: per place (one province, commune and village as
// recorded) and category, the households in household-id order; the members' name keys and a
// citizen-ID index, built on first use. A search visits only the households of the places it
// selects (the caller's unit and the asked commune or village), so a commune officer's search
// costs the commune's households, not the province's.
//
//   HouseholdIndex index(snap, by_id, place_of, places);   // once per round (O(households))
//   std::vector<uint8_t> selected(places, 0);  selected[3] = 1;
//   HouseholdPage page = index.Search({.places = &selected, .category = core::Category::kPoor,
//                                      .offset = 0, .limit = 50});
//   page.total;        // every match over all pages
//   page.households;   // this page's household indexes, in household-id order
//
// Matching is exactly that of a walk over every household in id order: a household matches when
// its place is selected, its category is the asked one (if any) and, when a name key or a citizen
// ID is given, one of its members' NameKey contains the name key or one member's citizen ID equals
// the given one (either suffices).
// Thread-safety: Search may be called from any number of threads at once; the name keys and the
// citizen-ID index are built once, by the first search that needs them, while the others wait.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analytics/snapshot.hpp"

namespace lnob::server {

struct HouseholdQuery {
  const std::vector<uint8_t>* places = nullptr;  // per place: 1 when selected
  std::optional<core::Category> category;
  std::string name_key;    // NameKey of the searched name; empty: no name condition
  std::string citizen_id;  // compared exactly; empty: no citizen-ID condition
  int64_t offset = 0;      // matches skipped before the page
  int64_t limit = 50;      // at most this many households in the page
};

struct HouseholdPage {
  int64_t total = 0;                 // every match
  std::vector<uint32_t> households;  // the matches from offset, at most limit, in id order
};

class HouseholdIndex {
 public:
  // `snap` must outlive the index; `by_id` lists the households sorted by id; `place_of` gives
  // each household's place, below `places`.
  HouseholdIndex(const analytics::Snapshot& snap, const std::vector<uint32_t>& by_id,
                 const std::vector<uint32_t>& place_of, size_t places);

  HouseholdPage Search(const HouseholdQuery& q) const;

 private:
  static constexpr size_t kCategories = 4;
  size_t Slot(uint32_t place, core::Category c) const {
    return place * kCategories + static_cast<size_t>(c);
  }
  bool PersonMatch(uint32_t h, const HouseholdQuery& q) const;
  void BuildNameKeys() const;
  void BuildCitizenIds() const;

  const analytics::Snapshot& snap_;
  const std::vector<uint32_t>& by_id_;
  const std::vector<uint32_t>& place_of_;
  std::vector<uint32_t> slot_begin_;  // per (place, category) slot: its first entry in ranks_
  std::vector<uint32_t> ranks_;       // positions in by_id, grouped by slot, ascending in each

  mutable std::once_flag names_once_, ids_once_;
  mutable std::string keys_;                 // every member's NameKey, one after another
  mutable std::vector<uint64_t> key_begin_;  // per member (+1): its key's offset in keys_
  mutable std::vector<std::pair<std::string_view, uint32_t>> citizen_ids_;  // (id, rank) sorted
};

}  // namespace lnob::server
