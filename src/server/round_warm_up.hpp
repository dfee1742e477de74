// Loading every classified round into memory when the server starts, so that the first dashboard
// does not wait 13-15 s a round. One thread with its own registry connection loads the rounds one
// after the other, newest first (the dashboard's round), while requests are served: a request
// for the round being loaded waits for that load, one for a round not started yet loads it itself
// (RoundCache: never twice at once), and the warm-up then finds it loaded.
//
//   std::unique_ptr<RoundWarmUp> warm = RoundWarmUp::Start(db_url, cache, {});
//   warm->running();   // false once every round has been tried (or it was stopped)
//   warm.reset();      // stops it after the round being loaded (a load is not cut), joins it
//
// A failure (the registry unreachable, a round that cannot be loaded) is logged on standard error
// with the round and the error, never personal data, and leaves that round to the requests, which
// load it as without a warm-up. Progress is logged too: one line per round, one at the end.
// Thread-safety: running() and Stop() may be called from any thread; destroy it before the cache.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "server/round_cache.hpp"

namespace lnob::server {

struct WarmUpOptions {
  // Waited before each round's load, holding that round's load (tests: to request or stop the
  // server during the warm-up). Cut short by Stop.
  std::chrono::milliseconds pause{0};
};

class RoundWarmUp {
 public:
  // Starts the thread; returns at once.
  static std::unique_ptr<RoundWarmUp> Start(std::string db_url, RoundCache& cache,
                                            WarmUpOptions options);
  // Stop, then waits for the thread (at most the rest of the round being loaded).
  ~RoundWarmUp();
  RoundWarmUp(const RoundWarmUp&) = delete;
  RoundWarmUp& operator=(const RoundWarmUp&) = delete;

  // Asks the thread to stop before its next round; returns at once.
  void Stop();
  // True until every round has been tried or the thread has stopped.
  bool running() const;

 private:
  RoundWarmUp(std::string db_url, RoundCache& cache, WarmUpOptions options)
      : db_url_(std::move(db_url)), cache_(cache), options_(options) {}
  void Run();
  bool Stopping() const;
  // Waits options_.pause unless stopped first; false when stopped.
  bool Pause();

  const std::string db_url_;
  RoundCache& cache_;
  const WarmUpOptions options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  bool running_ = true;    // guarded by mu_
  std::thread thread_;
};

}  // namespace lnob::server
