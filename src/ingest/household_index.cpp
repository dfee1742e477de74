#include "ingest/household_index.hpp"

#include <algorithm>
#include <cstring>

#include "ingest/parallel.hpp"
#include "ingest/text.hpp"

namespace lnob::ingest::internal {

void HouseholdIndex::Build(std::span<const std::string_view> ids,
                           const std::function<void(uint32_t, uint32_t)>& on_duplicate) {
  size_t capacity = 16;
  while (capacity < ids.size() * 2) capacity *= 2;
  slots_.clear();
  ResizeFresh(&slots_, capacity);
  mask_ = capacity - 1;
  size_t bytes = 0;
  for (std::string_view id : ids) {
    if (!id.empty() && id.size() < 256) bytes += 5 + id.size();
  }
  keys_.clear();
  ResizeFresh(&keys_, bytes);
  std::vector<uint64_t> hashes(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) hashes[i] = HashId(ids[i]);
  constexpr size_t kAhead = 16;
  size_t used = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i + kAhead < ids.size()) __builtin_prefetch(&slots_[hashes[i + kAhead] & mask_], 1);
    std::string_view id = ids[i];
    if (id.empty() || id.size() >= 256) continue;
    uint64_t h = hashes[i], tag = h >> 32;
    for (uint64_t s = h & mask_;; s = (s + 1) & mask_) {
      uint64_t slot = slots_[s];
      if (slot == 0) {
        auto index = static_cast<uint32_t>(i);
        std::memcpy(&keys_[used], &index, 4);
        keys_[used + 4] = static_cast<char>(id.size());
        std::memcpy(&keys_[used + 5], id.data(), id.size());
        slots_[s] = (tag << 32) | (used + 1);
        used += 5 + id.size();
        break;
      }
      uint32_t other = (slot >> 32) == tag ? Match(slot, id) : kNotFound;
      if (other != kNotFound) {
        on_duplicate(static_cast<uint32_t>(i), other);
        break;
      }
    }
  }
}

uint32_t HouseholdIndex::Match(uint64_t slot, std::string_view id) const {
  const char* key = keys_.data() + (slot & 0xFFFFFFFFu) - 1;
  if (static_cast<unsigned char>(key[4]) != id.size()) return kNotFound;
  if (!EqualBytes({key + 5, id.size()}, id)) return kNotFound;
  uint32_t index;
  std::memcpy(&index, key, 4);
  return index;
}

uint32_t HouseholdIndex::FindHashed(std::string_view id, uint64_t hash) const {
  const uint64_t tag = hash >> 32;
  for (uint64_t s = hash & mask_;; s = (s + 1) & mask_) {
    uint64_t slot = slots_[s];
    if (slot == 0) return kNotFound;
    if ((slot >> 32) != tag) continue;
    uint32_t index = Match(slot, id);
    if (index != kNotFound) return index;
  }
}

uint32_t HouseholdIndex::Find(std::string_view id) const {
  if (slots_.empty()) return kNotFound;
  return FindHashed(id, HashId(id));
}

void HouseholdIndex::FindMany(const std::string_view* ids, size_t n, uint32_t* out) const {
  if (slots_.empty()) {
    std::fill(out, out + n, kNotFound);
    return;
  }
  uint64_t hashes[kBatch];
  for (size_t base = 0; base < n; base += kBatch) {
    const size_t m = std::min(kBatch, n - base);
    for (size_t i = 0; i < m; ++i) {  // ask for every slot, then for every key they point at
      hashes[i] = HashId(ids[base + i]);
      __builtin_prefetch(&slots_[hashes[i] & mask_]);
    }
    for (size_t i = 0; i < m; ++i) {
      uint64_t slot = slots_[hashes[i] & mask_];
      if (slot != 0) __builtin_prefetch(keys_.data() + (slot & 0xFFFFFFFFu) - 1);
    }
    for (size_t i = 0; i < m; ++i) out[base + i] = FindHashed(ids[base + i], hashes[i]);
  }
}

}  // namespace lnob::ingest::internal
