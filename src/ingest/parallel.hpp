// Internal to ingest: running work on a few threads while the calling thread reports progress,
// and allocating large columns so that their pages come in quickly (transparent huge pages).
//
//   Progress progress(total_bytes, options.progress);
//   RunParallel(2, [&](int i) { Parse(chunks[i]); progress.Add(bytes); }, &progress);
//
// Thread-safety: Progress::Add may be called from any thread; Poll and Finish only from the thread
// that owns the Progress (the caller of LoadSurvey).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "common/memory.hpp"

namespace lnob::ingest::internal {

class Progress {
 public:
  Progress(uint64_t total, std::function<void(uint64_t, uint64_t)> callback)
      : total_(total), callback_(std::move(callback)) {}
  // Records `bytes` more as done. Thread-safe.
  void Add(uint64_t bytes) { done_.fetch_add(bytes, std::memory_order_relaxed); }
  // Calls the callback when at least 4 MB more are done since the last call. Owner thread only.
  void Poll();
  // Calls the callback with done == total. Owner thread only.
  void Finish();

 private:
  uint64_t total_;
  std::function<void(uint64_t, uint64_t)> callback_;
  std::atomic<uint64_t> done_{0};
  uint64_t reported_ = 0;
};

// Runs fn(0) ... fn(n - 1) on n threads and returns when all have returned; meanwhile the calling
// thread polls `progress` (may be null). n <= 1 runs fn(0) on the calling thread.
void RunParallel(int n, const std::function<void(int)>& fn, Progress* progress);

// Large columns: see common/memory.hpp.
using lnob::AdviseHugePages;
using lnob::ResizeFresh;

}  // namespace lnob::ingest::internal
