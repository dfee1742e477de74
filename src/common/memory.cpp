#include "common/memory.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <mutex>
#include <new>

namespace lnob {

void AdviseHugePages(void* p, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (p == nullptr || bytes < 2 * kHuge) return;
  auto begin = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  auto end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

void MapNow(void* p, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  static const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  if (p == nullptr || bytes < (size_t{256} << 10)) return;
  auto begin = (reinterpret_cast<uintptr_t>(p) + page - 1) & ~(page - 1);
  auto end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(page - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#else
  (void)p;
  (void)bytes;
#endif
}

// Big blocks: operator new for kBigBlock bytes or more maps a block of its own, aligned on 2 MB
// and a whole number of 2 MB long, advised huge pages; operator delete unmaps it. Only the block's
// start is 2 MB aligned, so delete looks up only such pointers (glibc's own never are for blocks
// this size, and any other is not in the table and goes to free()). Not with AddressSanitizer,
// which replaces these operators itself.
#ifndef __SANITIZE_ADDRESS__
namespace {

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;

struct BigBlocks {
  std::mutex mu;
  std::map<uintptr_t, size_t> length;  // by start; nodes are small blocks (malloc)
};

BigBlocks& Big() {
  static auto* big = new BigBlocks();  // never destroyed: blocks may be freed after main
  return *big;
}

void* MapBig(size_t n) {
  if (n > SIZE_MAX - 2 * kHugePage) return nullptr;
  const size_t len = (n + kHugePage - 1) & ~(kHugePage - 1);
  void* raw = ::mmap(nullptr, len + kHugePage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const auto r = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t a = (r + kHugePage - 1) & ~(kHugePage - 1);
  if (a > r) ::munmap(raw, a - r);
  if (r + kHugePage > a) ::munmap(reinterpret_cast<void*>(a + len), r + kHugePage - a);
  ::madvise(reinterpret_cast<void*>(a), len, MADV_HUGEPAGE);
  BigBlocks& big = Big();
  std::lock_guard lock(big.mu);
  big.length.emplace(a, len);
  return reinterpret_cast<void*>(a);
}

// Unmaps p when it is a big block; false otherwise.
bool UnmapBig(void* p) {
  const auto a = reinterpret_cast<uintptr_t>(p);
  if (p == nullptr || (a & (kHugePage - 1)) != 0) return false;
  size_t len;
  {
    BigBlocks& big = Big();
    std::lock_guard lock(big.mu);
    auto it = big.length.find(a);
    if (it == big.length.end()) return false;
    len = it->second;
    big.length.erase(it);
  }
  ::munmap(p, len);
  return true;
}

void* Allocate(size_t n) {
  void* p = n >= kBigBlock ? MapBig(n) : nullptr;
  if (p == nullptr) p = std::malloc(n == 0 ? 1 : n);
  return p;
}

void Release(void* p) {
  if (!UnmapBig(p)) std::free(p);
}

}  // namespace

size_t BigBlockCount() {
  BigBlocks& big = Big();
  std::lock_guard lock(big.mu);
  return big.length.size();
}

}  // namespace lnob

void* operator new(size_t n) {
  if (void* p = lnob::Allocate(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t n) {
  if (void* p = lnob::Allocate(n)) return p;
  throw std::bad_alloc();
}
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  return lnob::Allocate(n);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  return lnob::Allocate(n);
}
void operator delete(void* p) noexcept {
  lnob::Release(p);
}
void operator delete[](void* p) noexcept {
  lnob::Release(p);
}
void operator delete(void* p, size_t) noexcept {
  lnob::Release(p);
}
void operator delete[](void* p, size_t) noexcept {
  lnob::Release(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  lnob::Release(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  lnob::Release(p);
}

namespace lnob {
#else
size_t BigBlockCount() {
  return 0;
}
#endif

}  // namespace lnob
