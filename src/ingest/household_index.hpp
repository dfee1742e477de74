// Internal to ingest: household_id -> household index, an open-addressing hash table built once
// and then read by many threads. A slot is 8 bytes (32-bit hash tag, offset of the key); the keys
// are copied into one compact block (index, length, bytes), so that a lookup touches two places in
// memory, and FindMany overlaps the lookups of many ids (members in any order).
//
//   HouseholdIndex index;
//   index.Build(ids, [&](uint32_t dup, uint32_t first) { Report(dup, first); });
//   uint32_t h = index.Find("H0001");   // HouseholdIndex::kNotFound when absent
//
// Thread-safety: Build is not thread-safe; after it, Find and FindMany may be called from any
// number of threads.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace lnob::ingest::internal {

class HouseholdIndex {
 public:
  static constexpr uint32_t kNotFound = UINT32_MAX;
  static constexpr size_t kBatch = 32;  // FindMany's window of lookups in flight

  // Indexes ids[i] -> i, skipping empty ids. For an id equal to an earlier one, calls
  // on_duplicate(i, first index) and keeps the first. Ids longer than 255 bytes are not indexed
  // (household ids are at most 64).
  void Build(std::span<const std::string_view> ids,
             const std::function<void(uint32_t, uint32_t)>& on_duplicate);
  // Returns the index of `id`, or kNotFound.
  uint32_t Find(std::string_view id) const;
  // out[i] = Find(ids[i]) for i < n, with the memory accesses of up to kBatch lookups overlapped.
  void FindMany(const std::string_view* ids, size_t n, uint32_t* out) const;
  bool empty() const { return slots_.empty(); }

 private:
  uint32_t FindHashed(std::string_view id, uint64_t hash) const;
  // The key stored at `slot`: its household index if its bytes equal `id`, else kNotFound.
  uint32_t Match(uint64_t slot, std::string_view id) const;

  std::vector<uint64_t> slots_;  // (tag << 32) | (key offset + 1); 0 = empty
  std::vector<char> keys_;       // per key: uint32 index, uint8 length, the bytes
  uint64_t mask_ = 0;
};

// A 64-bit hash of a short text (ids are a few to 64 bytes).
inline uint64_t HashId(std::string_view s) {
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
  if (n >= 4) {  // the last 4-7 bytes, as two overlapping words
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    h = (h ^ (lo | (uint64_t{hi} << 32))) * 0xC4CEB9FE1A85EC53ull;
  } else if (n > 0) {
    uint64_t v = static_cast<unsigned char>(p[0]) |
                 (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
                 (uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

}  // namespace lnob::ingest::internal
