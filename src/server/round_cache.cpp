#include "server/round_cache.hpp"

#include <exception>

namespace lnob::server {

const char* RoundLoadId(RoundLoad load) {
  switch (load) {
    case RoundLoad::kUnclassified: return "unclassified";
    case RoundLoad::kNotLoaded: return "not_loaded";
    case RoundLoad::kWaiting: return "waiting";
    case RoundLoad::kLoading: return "loading";
    case RoundLoad::kLoaded: return "loaded";
    case RoundLoad::kFailed: return "failed";
  }
  return "not_loaded";
}

Result<std::shared_ptr<const RoundData>> RoundCache::Get(store::Store& db, int year,
                                                         const std::string& kind,
                                                         const BeforeLoad& before_load) {
  ASSIGN_OR_RETURN(store::RoundInfo round, db.FindRound(year, kind));
  ASSIGN_OR_RETURN(int64_t run, db.LatestRunId(round));
  if (run == 0) {
    return NotFound("round " + std::to_string(year) + " has not been classified yet");
  }
  const Key key{year, kind};
  std::shared_ptr<std::mutex> loading;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Entry& e = entries_[key];
    if (e.run_id == run && e.data) return e.data;
    loading = e.loading;
  }
  std::lock_guard<std::mutex> one_loader(*loading);  // others wait for this load
  {
    std::lock_guard<std::mutex> lock(mu_);
    Entry& e = entries_[key];
    if (e.run_id == run && e.data) return e.data;  // loaded while this one waited
    e.in_progress = true;
  }
  bool gave_up = false;
  Result<std::shared_ptr<const RoundData>> loaded = Unavailable("the server is stopping");
  if (before_load && !before_load()) {
    gave_up = true;
  } else {
    try {
      loaded = load_(db, round);
    } catch (const std::exception& ex) {  // e.g. out of memory: the round stays loadable
      loaded = Internal(std::string("loading round ") + std::to_string(year) + ": " + ex.what());
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[key];
  e.in_progress = false;
  if (!loaded.ok()) {
    if (!gave_up) e.failed_run = run;
    return loaded.status();
  }
  e.run_id = run;
  e.data = *loaded;
  e.failed_run = 0;
  return e.data;
}

void RoundCache::SetQueued(int year, const std::string& kind, bool queued) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_[{year, kind}].queued = queued;
}

Result<std::vector<RoundLoadState>> RoundCache::States(store::Store& db) {
  ASSIGN_OR_RETURN(std::vector<store::RoundInfo> rounds, db.ListRounds());
  std::vector<int64_t> runs;
  for (const store::RoundInfo& r : rounds) {
    ASSIGN_OR_RETURN(int64_t run, db.LatestRunId(r));
    runs.push_back(run);
  }
  std::vector<RoundLoadState> out;
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < rounds.size(); ++i) {
    RoundLoadState s{rounds[i].year, rounds[i].kind, RoundLoad::kNotLoaded};
    auto it = entries_.find({rounds[i].year, rounds[i].kind});
    if (runs[i] == 0) {
      s.load = RoundLoad::kUnclassified;
    } else if (it != entries_.end()) {
      const Entry& e = it->second;
      if (e.in_progress) {
        s.load = RoundLoad::kLoading;
      } else if (e.data && e.run_id == runs[i]) {
        s.load = RoundLoad::kLoaded;
      } else if (e.failed_run == runs[i]) {
        s.load = RoundLoad::kFailed;
      } else if (e.queued) {
        s.load = RoundLoad::kWaiting;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace lnob::server
