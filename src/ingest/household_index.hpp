// Internal to ingest: household_id -> household index, an open-addressing hash table of 8-byte
// slots (32-bit hash tag + index) over the ids' views, built once and then read by many threads.
//
//   HouseholdIndex index;
//   index.Build(ids, [&](uint32_t dup, uint32_t first) { Report(dup, first); });
//   uint32_t h = index.Find("H0001");   // HouseholdIndex::kNotFound when absent
//
// Thread-safety: Build is not thread-safe; after it, Find may be called from any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace lnob::ingest::internal {

class HouseholdIndex {
 public:
  static constexpr uint32_t kNotFound = UINT32_MAX;

  // Indexes ids[i] -> i, skipping empty ids. For an id equal to an earlier one, calls
  // on_duplicate(i, first index) and keeps the first. `ids` must outlive the index.
  void Build(std::span<const std::string_view> ids,
             const std::function<void(uint32_t, uint32_t)>& on_duplicate);
  // Returns the index of `id`, or kNotFound.
  uint32_t Find(std::string_view id) const;
  bool empty() const { return slots_.empty(); }

 private:
  std::span<const std::string_view> ids_;
  std::vector<uint64_t> slots_;  // (tag << 32) | (index + 1); 0 = empty
  uint64_t mask_ = 0;
};

// A 64-bit hash of a short text (ids are a few to 64 bytes).
uint64_t HashId(std::string_view s);

}  // namespace lnob::ingest::internal
