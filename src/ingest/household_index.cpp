#include "ingest/household_index.hpp"

#include <cstring>

#include "ingest/parallel.hpp"
#include "ingest/text.hpp"

namespace lnob::ingest::internal {

uint64_t HashId(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xC2B2AE3D27D4EB4Full);
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

void HouseholdIndex::Build(std::span<const std::string_view> ids,
                           const std::function<void(uint32_t, uint32_t)>& on_duplicate) {
  ids_ = ids;
  size_t capacity = 16;
  while (capacity < ids.size() * 2) capacity *= 2;
  slots_.clear();
  ResizeFresh(&slots_, capacity);
  mask_ = capacity - 1;
  std::vector<uint64_t> hashes(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) hashes[i] = HashId(ids[i]);
  constexpr size_t kAhead = 16;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i + kAhead < ids.size()) __builtin_prefetch(&slots_[hashes[i + kAhead] & mask_], 1);
    if (ids[i].empty()) continue;
    uint64_t h = hashes[i], tag = h >> 32;
    for (uint64_t s = h & mask_;; s = (s + 1) & mask_) {
      uint64_t slot = slots_[s];
      if (slot == 0) {
        slots_[s] = (tag << 32) | (i + 1);
        break;
      }
      auto other = static_cast<uint32_t>(slot & 0xFFFFFFFFu) - 1;
      if ((slot >> 32) == tag && EqualBytes(ids[other], ids[i])) {
        on_duplicate(static_cast<uint32_t>(i), other);
        break;
      }
    }
  }
}

uint32_t HouseholdIndex::Find(std::string_view id) const {
  if (slots_.empty()) return kNotFound;
  uint64_t h = HashId(id), tag = h >> 32;
  for (uint64_t s = h & mask_;; s = (s + 1) & mask_) {
    uint64_t slot = slots_[s];
    if (slot == 0) return kNotFound;
    auto i = static_cast<uint32_t>(slot & 0xFFFFFFFFu) - 1;
    if ((slot >> 32) == tag && EqualBytes(ids_[i], id)) return i;
  }
}

}  // namespace lnob::ingest::internal
