// Large arrays whose pages come in quickly: on this kind of machine (a VM) the first touch of a
// 4 KB page costs ~13 µs, so a fresh 150 MB array costs ~0.5 s to zero; backed by transparent huge
// pages it costs ~0.05 s, and mapping all of an array's pages in one call (MapNow) spares the
// exception, and the exit to the hypervisor, of each first touch. Used for survey columns and for
// every per-household result.
//
//   std::vector<uint32_t> bits;
//   ResizeFresh(&bits, households);   // reserve, advise huge pages, then fill with zeros
//
// Thread-safety: pure functions on the caller's memory.
#pragma once

#include <cstddef>
#include <vector>

namespace lnob {

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
