// The warm-up: `lnob serve` loads every classified round into memory when it starts, newest first,
// on one background thread, while it serves requests; GET /api/health says where each round
// stands. Against the real server: the rounds become loaded without any request; with --no-warm
// each waits for its first request; requests arriving during the warm-up (waiting for the round
// it is loading, or loading another themselves) get exactly the answers of a server without
// warm-up; SIGTERM during the warm-up stops at once and cleanly, a request in flight answered; and
// a round that cannot be loaded is logged and left to the requests.
// The hidden --warm-pause-ms makes the warm-up hold each round's load that long (cut short by a
// stop), so that requests and signals reliably land inside it on a registry of a few households.
// No timing is asserted beyond generous timeouts.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/harness.hpp"

namespace lnob::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

constexpr int kYears[] = {2022, 2023, 2024, 2025};  // the registry's rounds, all periodic

class WarmUp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { registry_ = new Registry(Registry::Build("warm_up")); }
  static void TearDownTestSuite() { delete registry_; }
  static Registry* registry_;
};
Registry* WarmUp::registry_ = nullptr;

struct Health {
  std::string body;
  std::string warm_up;                // off, running, done
  std::map<int, std::string> states;  // year -> state of the periodic round
};

Health GetHealth(const HttpClient& c) {
  Health h;
  HttpResult r = c.Get("/api/health", nullptr);
  h.body = r.body;
  if (r.status != 200) return h;
  json::object o = json::parse(r.body).as_object();
  h.warm_up = std::string(o.at("warm_up").as_string());
  for (const json::value& v : o.at("round_states").as_array()) {
    const json::object& s = v.as_object();
    if (s.at("kind").as_string() != "periodic") continue;
    h.states[static_cast<int>(s.at("year").as_int64())] = std::string(s.at("state").as_string());
  }
  return h;
}

bool AllLoaded(const Health& h) {
  return std::all_of(std::begin(kYears), std::end(kYears), [&](int y) {
    auto it = h.states.find(y);
    return it != h.states.end() && it->second == "loaded";
  });
}

// Polls until `ok` holds or `limit` has passed; the last health seen.
Health WaitForHealth(const HttpClient& c, seconds limit,
                     const std::function<bool(const Health&)>& ok, bool* reached) {
  const Clock::time_point end = Clock::now() + limit;
  Health h = GetHealth(c);
  while (!(*reached = ok(h)) && Clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    h = GetHealth(c);
  }
  return h;
}

// Waits (up to a minute) until the warm-up is loading 2025, the newest round; *reached says
// whether it came to that.
Health WaitUntilLoading2025(const HttpClient& c, bool* reached) {
  return WaitForHealth(
      c, seconds(60),
      [](const Health& x) { return x.states.count(2025) && x.states.at(2025) == "loading"; },
      reached);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// What the tests ask: every round's rates at two levels, a household list and a household.
std::vector<std::string> Targets() {
  std::vector<std::string> t;
  for (int y : kYears) {
    t.push_back("/api/rates?round=" + std::to_string(y) + "&level=commune");
    t.push_back("/api/rates?round=" + std::to_string(y) + "&level=village&units_on=2025-12-31");
  }
  t.push_back("/api/households?round=2024");
  t.push_back("/api/households/H01?round=2025");
  return t;
}

TEST_F(WarmUp, EveryRoundIsLoadedAfterAStartWithoutAnyRequest) {
  ServerProcess server(registry_->db_url);
  HttpClient c(server.port());
  bool reached = false;
  Health h = WaitForHealth(
      c, seconds(120), [](const Health& x) { return x.warm_up == "done" && AllLoaded(x); },
      &reached);
  ASSERT_TRUE(reached) << "the rounds were not all loaded within 2 minutes: " << h.body;
  EXPECT_TRUE(Has(h.body, "\"status\":\"ok\",\"rounds\":4,")) << h.body;
  // Newest first: the dashboard's round is the first ready.
  const std::string log = ReadAll(server.log_path);
  size_t before = 0;
  for (int y : {2025, 2024, 2023, 2022}) {
    size_t at = log.find("round " + std::to_string(y) + " (periodic) in memory");
    ASSERT_NE(at, std::string::npos) << log;
    EXPECT_GE(at, before) << y << " loaded out of order:\n" << log;
    before = at;
  }
  EXPECT_TRUE(Has(log, "4 of 4 rounds in memory")) << log;
  EXPECT_FALSE(Has(log, "could not be loaded")) << log;
}

TEST_F(WarmUp, WithNoWarmEachRoundWaitsForItsFirstRequest) {
  ServerProcess server(registry_->db_url, {"--no-warm"});
  HttpClient c(server.port());
  Health h = GetHealth(c);
  EXPECT_EQ(h.warm_up, "off") << h.body;
  for (int y : kYears) EXPECT_EQ(h.states[y], "not_loaded") << y << ": " << h.body;
  Session s = c.SignIn("tinh.admin");
  ASSERT_FALSE(s.cookie.empty());
  ASSERT_EQ(c.Get("/api/rates?round=2024&level=commune", &s).status, 200);
  h = GetHealth(c);
  EXPECT_EQ(h.states[2024], "loaded") << h.body;
  for (int y : {2022, 2023, 2025}) EXPECT_EQ(h.states[y], "not_loaded") << y << ": " << h.body;
}

TEST_F(WarmUp, ConcurrentFirstRequestsDuringTheWarmUpGetTheAnswersOfALazyServer) {
  const std::vector<std::string> targets = Targets();
  std::map<std::string, std::string> want;
  {
    ServerProcess lazy(registry_->db_url, {"--no-warm"});
    HttpClient c(lazy.port());
    Session s = c.SignIn("tinh.admin");
    ASSERT_FALSE(s.cookie.empty());
    for (const std::string& t : targets) {
      HttpResult r = c.Get(t, &s);
      ASSERT_EQ(r.status, 200) << t << ": " << r.body;
      want[t] = r.body;
    }
  }
  // The warm-up holds 2025 (the newest) for 5 s before loading it: requests for 2025 wait for that
  // load, those for the other rounds load them themselves; the warm-up then finds them loaded.
  ServerProcess server(registry_->db_url, {"--warm-pause-ms", "5000"});
  HttpClient c(server.port());
  Session s = c.SignIn("tinh.admin");
  ASSERT_FALSE(s.cookie.empty());
  bool reached = false;
  Health h = WaitUntilLoading2025(c, &reached);
  ASSERT_TRUE(reached) << "the warm-up never started on 2025: " << h.body;
  EXPECT_EQ(h.warm_up, "running") << h.body;
  for (int y : {2022, 2023, 2024}) {
    EXPECT_EQ(h.states[y], "waiting") << y << ": queued behind 2025: " << h.body;
  }

  constexpr int kThreads = 8;
  std::mutex mu;
  std::vector<std::string> wrong;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < targets.size(); ++i) {
        const std::string& target = targets[(i + static_cast<size_t>(t) * 3) % targets.size()];
        HttpResult r = c.Get(target, &s);
        if (r.status != 200 || r.body != want.at(target)) {
          std::lock_guard<std::mutex> lock(mu);
          wrong.push_back(target + " -> " + std::to_string(r.status) + " " + r.body.substr(0, 200));
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_TRUE(wrong.empty()) << wrong.size() << " wrong answers, the first: " << wrong.front();

  h = WaitForHealth(
      c, seconds(120), [](const Health& x) { return x.warm_up == "done" && AllLoaded(x); },
      &reached);
  EXPECT_TRUE(reached) << h.body;
  const std::string log = ReadAll(server.log_path);
  EXPECT_TRUE(Has(log, "4 of 4 rounds in memory")) << log;
  EXPECT_FALSE(Has(log, "could not be loaded")) << log;
}

TEST_F(WarmUp, SigtermDuringTheWarmUpStopsAtOnceAndAnswersTheRequestInFlight) {
  // A 10-minute hold on 2025: only a stop that reaches the warm-up ends the process soon.
  ServerProcess server(registry_->db_url, {"--warm-pause-ms", "600000"});
  HttpClient c(server.port());
  Session s = c.SignIn("tinh.admin");
  ASSERT_FALSE(s.cookie.empty());
  bool reached = false;
  Health h = WaitUntilLoading2025(c, &reached);
  ASSERT_TRUE(reached) << h.body;
  HttpResult in_flight;
  std::thread request([&] { in_flight = c.Get("/api/rates?round=2025&level=commune", &s); });
  std::this_thread::sleep_for(seconds(2));  // the request reaches the server and waits for 2025
  const Clock::time_point stop = Clock::now();
  const int status = server.Stop();
  const auto took = Clock::now() - stop;
  request.join();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  EXPECT_LT(took, seconds(120)) << "the shutdown waited for the warm-up's hold";
  EXPECT_EQ(in_flight.status, 200)
      << "a request in flight finishes (it loads 2025 itself): " << in_flight.body;
  EXPECT_TRUE(Has(in_flight.body, "\"round\":2025")) << in_flight.body;
  const std::string log = ReadAll(server.log_path);
  EXPECT_TRUE(Has(log, "lnob: stopped")) << log;
  EXPECT_FALSE(Has(log, "could not be loaded")) << log;
  EXPECT_FALSE(Has(log, "rounds in memory after")) << "the warm-up did not go on: " << log;
}

// A round the warm-up cannot load (its answers changed after its classification) is logged
// without personal data and left to the requests; the server serves the other rounds, and the
// round once classified again.
TEST(WarmUpFailure, ARoundThatCannotBeLoadedIsLoggedAndLeftToTheRequests) {
  Registry reg = Registry::Build("warm_up_failed");
  const std::string f = std::string(LNOB_SOURCE_DIR) + "/tests/fixtures/analytics/2024/";
  {
    std::ifstream in(f + "households.csv");
    std::ofstream out(reg.dir + "/h2024.csv");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("H01,", 0) == 0) {
        line.replace(line.find(",1000000,"), 9, ",1100000,");  // H01's income changes
      }
      out << line << "\n";
    }
  }
  ASSERT_EQ(RunLnob("import --db '" + reg.db_url + "' --round 2024 --households '" + reg.dir +
                    "/h2024.csv' --members '" + f + "members.csv'"),
            0);
  ServerProcess server(reg.db_url);
  HttpClient c(server.port());
  bool reached = false;
  Health h = WaitForHealth(
      c, seconds(120), [](const Health& x) { return x.warm_up == "done"; }, &reached);
  ASSERT_TRUE(reached) << h.body;
  EXPECT_EQ(h.states[2024], "failed") << h.body;
  for (int y : {2022, 2023, 2025}) EXPECT_EQ(h.states[y], "loaded") << y << ": " << h.body;
  const std::string log = ReadAll(server.log_path);
  EXPECT_TRUE(
      Has(log, "round 2024 (periodic) could not be loaded in advance (failed_precondition:"))
      << log;
  EXPECT_TRUE(Has(log, "3 of 4 rounds in memory")) << log;
  EXPECT_FALSE(Has(log, "002001001234")) << "no citizen ID in the log";

  Session s = c.SignIn("tinh.admin");
  ASSERT_FALSE(s.cookie.empty());
  EXPECT_EQ(c.Get("/api/rates?round=2025&level=commune", &s).status, 200);
  HttpResult refused = c.Get("/api/rates?round=2024&level=commune", &s);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_TRUE(Has(refused.body, "classify the round again")) << refused.body;
  ASSERT_EQ(RunLnob("classify --db '" + reg.db_url + "' --round 2024"), 0);
  EXPECT_EQ(GetHealth(c).states[2024], "not_loaded") << "a new run: the next request loads it";
  EXPECT_EQ(c.Get("/api/rates?round=2024&level=commune", &s).status, 200);
  EXPECT_EQ(GetHealth(c).states[2024], "loaded");
}

}  // namespace
}  // namespace lnob::testing
