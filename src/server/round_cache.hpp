// The rounds the server holds in memory: each loaded once (a snapshot and its indexes, 13-15 s for
// a province of 400,000 households) and kept until a newer classification run of it appears, and
// what is known of each round's load, for GET /api/health and the web app's loading message.
//
//   RoundCache cache([&](store::Store& db, const store::RoundInfo& r) { return Load(db, r); });
//   ASSIGN_OR_RETURN(auto round, cache.Get(db, 2025, "periodic"));  // loads it, or waits for
//                                                                   // the load under way
//   cache.SetQueued(2024, "periodic", true);   // the warm-up (round_warm_up.hpp) will load it
//   ASSIGN_OR_RETURN(auto states, cache.States(db));   // per round: loaded, loading, waiting...
//
// One load of a round at a time: a Get for a round that another thread (the warm-up or a request)
// is loading waits for that load and returns its result; Gets for different rounds load in
// parallel. A failed load keeps nothing: the next Get tries again.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "store/store.hpp"

namespace lnob::server {

struct RoundData;  // app.hpp

// Where a round stands, as GET /api/health names it.
enum class RoundLoad {
  kUnclassified,  // never classified: nothing to load ("unclassified")
  kNotLoaded,     // not in memory, or as of an older run; the first request loads it ("not_loaded")
  kWaiting,       // queued for the warm-up, not started ("waiting")
  kLoading,       // being loaded now ("loading")
  kLoaded,        // in memory as of its latest classification run ("loaded")
  kFailed,        // the last load of its latest run failed; the next request tries again ("failed")
};
const char* RoundLoadId(RoundLoad load);

struct RoundLoadState {
  int year = 0;
  std::string kind;
  RoundLoad load = RoundLoad::kNotLoaded;
};

class RoundCache {
 public:
  // Loads a round (the snapshot of its latest run and its indexes). Called without locks held.
  using Loader = std::function<Result<std::shared_ptr<const RoundData>>(store::Store&,
                                                                        const store::RoundInfo&)>;
  // Called once this Get holds the round's load and is about to load it; false: give up (nothing
  // loaded, Get returns Unavailable, and a waiting Get loads the round itself).
  using BeforeLoad = std::function<bool()>;

  explicit RoundCache(Loader load) : load_(std::move(load)) {}

  // The round's data as of its latest classification run: from memory, else loaded (or the load
  // another thread has under way, waited for). NotFound when the round does not exist or has
  // never been classified; the loader's errors (FailedPrecondition when answers changed after the
  // run); Unavailable when `before_load` gave up.
  Result<std::shared_ptr<const RoundData>> Get(store::Store& db, int year, const std::string& kind,
                                               const BeforeLoad& before_load = nullptr);

  // Marks the round as queued for the warm-up (shown as "waiting" until it is loaded), or not.
  void SetQueued(int year, const std::string& kind, bool queued);

  // Every round of the registry, in the registry's order, with where its load stands. The
  // registry's errors.
  Result<std::vector<RoundLoadState>> States(store::Store& db);

 private:
  struct Entry {
    int64_t run_id = 0;  // the run `data` is as of
    std::shared_ptr<const RoundData> data;
    std::shared_ptr<std::mutex> loading = std::make_shared<std::mutex>();  // held while loading
    bool in_progress = false;  // a Get holds `loading` and loads
    bool queued = false;
    int64_t failed_run = 0;  // the run whose last load failed (0: none)
  };
  using Key = std::pair<int, std::string>;

  const Loader load_;
  std::mutex mu_;  // guards entries_ (not held while loading)
  std::map<Key, Entry> entries_;
};

}  // namespace lnob::server
