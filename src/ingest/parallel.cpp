#include "ingest/parallel.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace lnob::ingest::internal {

void Progress::Poll() {
  uint64_t done = done_.load(std::memory_order_relaxed);
  if (!callback_ || done < reported_ + (4u << 20)) return;
  reported_ = done < total_ ? done : total_;
  callback_(reported_, total_);
}

void Progress::Finish() {
  reported_ = total_;
  if (callback_) callback_(total_, total_);
}

void RunParallel(int n, const std::function<void(int)>& fn, Progress* progress) {
  if (n <= 1) {
    fn(0);
    if (progress) progress->Poll();
    return;
  }
  std::mutex mu;
  std::condition_variable cv;
  int remaining = n;
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      fn(i);
      std::lock_guard<std::mutex> lock(mu);
      if (--remaining == 0) cv.notify_all();
    });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    while (remaining > 0) {
      cv.wait_for(lock, std::chrono::milliseconds(20));
      if (progress) {
        lock.unlock();
        progress->Poll();
        lock.lock();
      }
    }
  }
  for (auto& t : threads) t.join();
}

}  // namespace lnob::ingest::internal
