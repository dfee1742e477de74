#include "server/household_index.hpp"

#include <algorithm>

#include "common/name_key.hpp"

namespace lnob::server {

HouseholdIndex::HouseholdIndex(const analytics::Snapshot& snap, const std::vector<uint32_t>& by_id,
                               const std::vector<uint32_t>& place_of, size_t places)
    : snap_(snap), by_id_(by_id), place_of_(place_of) {
  const auto& category = snap_.result.category;
  slot_begin_.assign(places * kCategories + 1, 0);
  for (uint32_t h : by_id_) ++slot_begin_[Slot(place_of_[h], category[h]) + 1];
  for (size_t s = 1; s < slot_begin_.size(); ++s) slot_begin_[s] += slot_begin_[s - 1];
  std::vector<uint32_t> next(slot_begin_.begin(), slot_begin_.end() - 1);
  ranks_.resize(by_id_.size());
  for (uint32_t r = 0; r < by_id_.size(); ++r) {
    const uint32_t h = by_id_[r];
    ranks_[next[Slot(place_of_[h], category[h])]++] = r;  // ascending r: each slot stays sorted
  }
}

void HouseholdIndex::BuildNameKeys() const {
  const core::Survey& s = snap_.survey;
  const auto& names = s.members.Column(core::mem::kFullName);
  const uint32_t members = s.members.rows;
  key_begin_.assign(members + 1, 0);
  if (!names.present) return;
  for (uint32_t m = 0; m < members; ++m) {
    keys_ += NameKey(names.strings[m]);
    key_begin_[m + 1] = keys_.size();
  }
}

void HouseholdIndex::BuildCitizenIds() const {
  const core::Survey& s = snap_.survey;
  const auto& ids = s.members.Column(core::mem::kNationalId);
  if (!ids.present) return;
  for (uint32_t r = 0; r < by_id_.size(); ++r) {
    const uint32_t h = by_id_[r];
    for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1]; ++m) {
      if (!ids.strings[m].empty()) citizen_ids_.emplace_back(ids.strings[m], r);
    }
  }
  std::sort(citizen_ids_.begin(), citizen_ids_.end());
}

bool HouseholdIndex::PersonMatch(uint32_t h, const HouseholdQuery& q) const {
  const core::Survey& s = snap_.survey;
  const auto& ids = s.members.Column(core::mem::kNationalId);
  for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1]; ++m) {
    if (!q.name_key.empty()) {
      std::string_view key(keys_.data() + key_begin_[m], key_begin_[m + 1] - key_begin_[m]);
      if (key.find(q.name_key) != std::string_view::npos) return true;
    }
    if (!q.citizen_id.empty() && ids.present && ids.strings[m] == q.citizen_id) return true;
  }
  return false;
}

HouseholdPage HouseholdIndex::Search(const HouseholdQuery& q) const {
  HouseholdPage page;
  const std::vector<uint8_t>& selected = *q.places;
  const auto& category = snap_.result.category;
  const bool person = !q.name_key.empty() || !q.citizen_id.empty();
  auto take = [&](uint32_t h) {
    ++page.total;
    if (page.total > q.offset && static_cast<int64_t>(page.households.size()) < q.limit) {
      page.households.push_back(h);
    }
  };
  auto category_ok = [&](uint32_t h) { return !q.category || category[h] == *q.category; };

  // A citizen ID alone: the few households holding it, from the index.
  if (q.name_key.empty() && !q.citizen_id.empty()) {
    std::call_once(ids_once_, [this] { BuildCitizenIds(); });
    auto [lo, hi] =
        std::equal_range(citizen_ids_.begin(), citizen_ids_.end(),
                         std::make_pair(std::string_view(q.citizen_id), 0u),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<uint32_t> ranks;
    for (auto it = lo; it != hi; ++it) ranks.push_back(it->second);
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    for (uint32_t r : ranks) {
      const uint32_t h = by_id_[r];
      if (selected[place_of_[h]] && category_ok(h)) take(h);
    }
    return page;
  }
  if (!q.name_key.empty()) std::call_once(names_once_, [this] { BuildNameKeys(); });

  // The slots of the selected places (and category) and how many households they hold.
  std::vector<std::pair<uint32_t, uint32_t>> slots;  // [begin, end) in ranks_
  uint64_t count = 0;
  for (uint32_t p = 0; p < selected.size(); ++p) {
    if (!selected[p]) continue;
    for (size_t c = 0; c < kCategories; ++c) {
      if (q.category && static_cast<size_t>(*q.category) != c) continue;
      const size_t s = Slot(p, static_cast<core::Category>(c));
      if (slot_begin_[s] == slot_begin_[s + 1]) continue;
      slots.emplace_back(slot_begin_[s], slot_begin_[s + 1]);
      count += slot_begin_[s + 1] - slot_begin_[s];
    }
  }
  if (count == 0) return page;

  if (count * 8 < by_id_.size()) {
    // Few households: gather theirs and sort them back into id order.
    std::vector<uint32_t> ranks;
    ranks.reserve(count);
    for (auto [b, e] : slots) ranks.insert(ranks.end(), ranks_.begin() + b, ranks_.begin() + e);
    std::sort(ranks.begin(), ranks.end());
    if (!person) {
      page.total = static_cast<int64_t>(count);
      const int64_t end = std::min<int64_t>(page.total, q.offset + q.limit);
      for (int64_t i = q.offset; i < end; ++i) page.households.push_back(by_id_[ranks[i]]);
      return page;
    }
    for (uint32_t r : ranks) {
      if (PersonMatch(by_id_[r], q)) take(by_id_[r]);
    }
    return page;
  }

  // Most of the round: walk it in id order.
  if (!person) {
    page.total = static_cast<int64_t>(count);
    int64_t seen = 0;
    for (uint32_t h : by_id_) {
      if (static_cast<int64_t>(page.households.size()) >= q.limit) break;
      if (!selected[place_of_[h]] || !category_ok(h)) continue;
      if (seen++ >= q.offset) page.households.push_back(h);
    }
    return page;
  }
  for (uint32_t h : by_id_) {
    if (selected[place_of_[h]] && category_ok(h) && PersonMatch(h, q)) take(h);
  }
  return page;
}

}  // namespace lnob::server
