// Large arrays whose pages come in quickly: on this kind of machine (a VM) the first touch of a
// 4 KB page costs ~13 µs, so a fresh 150 MB array costs ~0.5 s to zero; backed by transparent huge
// pages it costs ~0.05 s, and mapping all of an array's pages in one call (MapNow) spares the
// exception, and the exit to the hypervisor, of each first touch. Even mapped in advance, 4 KB
// pages cost ~1.7 µs each at their first write here (46 MB: 0.08 s against 0.002 s on huge pages).
//
// So this program's operator new gives every block of kBigBlock bytes or more a mapping of its
// own, 2 MB aligned and a whole number of huge pages long (glibc's large blocks start 16 bytes
// into a page: their first and last megabytes never got huge pages). Any std::vector or string
// that big benefits; the cost is up to 2 MB of address space per block, and of memory once its
// pages are touched. Not in builds with AddressSanitizer (it replaces operator new itself).
//
//   std::vector<uint32_t> bits;
//   ResizeFresh(&bits, households);   // reserve (huge pages), map now, then fill with zeros
//
// Thread-safety: operator new/delete are thread-safe; the functions work on the caller's memory.
#pragma once

#include <cstddef>
#include <vector>

namespace lnob {

// Blocks of this many bytes or more get a mapping of their own, on huge pages (see above).
inline constexpr size_t kBigBlock = size_t{1} << 20;
#ifdef __SANITIZE_ADDRESS__
inline constexpr bool kBigBlocks = false;
#else
inline constexpr bool kBigBlocks = true;  // operator new gives big blocks
#endif
// The number of such blocks now allocated (0 in builds with AddressSanitizer).
size_t BigBlockCount();

// Advises the kernel to back the 2 MB-aligned part of [p, p + bytes) with transparent huge pages
// when it spans at least 4 MB (no effect otherwise, nor where the kernel has them off).
void AdviseHugePages(void* p, size_t bytes);

// Maps the pages of [p, p + bytes) for writing now, in one system call (MADV_POPULATE_WRITE), when
// it spans at least 256 KB (no effect otherwise, nor on kernels without it). The memory must be
// writable and its content is kept.
void MapNow(void* p, size_t bytes);

// Resizes *v to n elements equal to `value`. When v has less capacity than n, the new block is
// advised huge pages and mapped (MapNow) before its first touch; an existing larger capacity is
// reused as it is.
template <typename T>
void ResizeFresh(std::vector<T>* v, size_t n, const T& value = T()) {
  if (v->capacity() < n) {
    std::vector<T>().swap(*v);
    v->reserve(n);
    AdviseHugePages(v->data(), n * sizeof(T));
    MapNow(v->data(), n * sizeof(T));
  }
  v->assign(n, value);
}

}  // namespace lnob
