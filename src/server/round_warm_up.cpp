#include "server/round_warm_up.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

namespace lnob::server {
namespace {

using Clock = std::chrono::steady_clock;

// "14.2 s"
std::string Seconds(Clock::duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
}

void Log(const std::string& line) {
  std::fputs(("lnob serve: " + line + "\n").c_str(), stderr);
}

std::string Name(const store::RoundInfo& r) {
  return "round " + std::to_string(r.year) + " (" + r.kind + ")";
}

// The rounds with a classification run (the others cannot be loaded).
Result<std::vector<store::RoundInfo>> ClassifiedRounds(store::Store& db) {
  ASSIGN_OR_RETURN(std::vector<store::RoundInfo> rounds, db.ListRounds());
  std::vector<store::RoundInfo> out;
  for (store::RoundInfo& r : rounds) {
    ASSIGN_OR_RETURN(int64_t run, db.LatestRunId(r));
    if (run != 0) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::unique_ptr<RoundWarmUp> RoundWarmUp::Start(std::string db_url, RoundCache& cache,
                                                WarmUpOptions options) {
  std::unique_ptr<RoundWarmUp> w(new RoundWarmUp(std::move(db_url), cache, options));
  w->thread_ = std::thread([p = w.get()] { p->Run(); });
  return w;
}

RoundWarmUp::~RoundWarmUp() {
  Stop();
  if (thread_.joinable()) thread_.join();
}

void RoundWarmUp::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
}

bool RoundWarmUp::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return running_;
}

bool RoundWarmUp::Stopping() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stopping_;
}

bool RoundWarmUp::Pause() {
  std::unique_lock<std::mutex> lock(mu_);
  if (options_.pause.count() > 0) wake_.wait_for(lock, options_.pause, [&] { return stopping_; });
  return !stopping_;
}

void RoundWarmUp::Run() {
  const Clock::time_point start = Clock::now();
  std::vector<store::RoundInfo> todo;
  auto db = store::Store::Open(db_url_);
  auto classified = db.ok() ? ClassifiedRounds(**db) : db.status();
  if (classified.ok()) {
    todo = std::move(*classified);
  } else {
    Log("cannot list the rounds to load in advance (" + classified.status().ToString() +
        "); each round is loaded by the first request that needs it");
  }
  // The newest first: the dashboard's round; periodic reviews before regular ones of a year.
  std::sort(todo.begin(), todo.end(), [](const store::RoundInfo& a, const store::RoundInfo& b) {
    if (a.year != b.year) return a.year > b.year;
    if ((a.kind == "periodic") != (b.kind == "periodic")) return a.kind == "periodic";
    return a.kind < b.kind;
  });
  for (const store::RoundInfo& r : todo) cache_.SetQueued(r.year, r.kind, true);
  size_t loaded = 0, tried = 0;
  for (const store::RoundInfo& r : todo) {
    if (Stopping()) break;
    const Clock::time_point began = Clock::now();
    auto got = cache_.Get(**db, r.year, r.kind, [this] { return Pause(); });
    cache_.SetQueued(r.year, r.kind, false);
    ++tried;
    if (Stopping()) break;  // the server is going away: nothing more to say
    if (got.ok()) {
      ++loaded;
      Log(Name(r) + " in memory (" + Seconds(Clock::now() - began) + ")");
    } else {
      Log(Name(r) + " could not be loaded in advance (" + got.status().ToString() +
          "); the first request that needs it tries again");
    }
  }
  for (size_t i = tried; i < todo.size(); ++i) cache_.SetQueued(todo[i].year, todo[i].kind, false);
  if (!todo.empty() && !Stopping()) {
    Log(std::to_string(loaded) + " of " + std::to_string(todo.size()) + " rounds in memory after " +
        Seconds(Clock::now() - start));
  }
  std::lock_guard<std::mutex> lock(mu_);
  running_ = false;
}

}  // namespace lnob::server
