// Audited household reads under concurrency (issue 5): the server writes audit entries through one
// writer that commits those arriving together in one transaction, and answers a read only once its
// entry is committed. Many concurrent reads: every answered read has its entry, even when the
// server is killed (SIGKILL) right after the last answer, and `lnob audit verify` passes.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <thread>
#include <vector>

#include "tests/server/harness.hpp"

namespace lnob::testing {
namespace {

namespace json = boost::json;

TEST(AuditReads, ConcurrentReadsAreAllRecordedAndTheChainVerifies) {
  Registry reg = Registry::Build("audit_reads");
  constexpr int kThreads = 8, kEach = 30;
  const char* households[] = {"H01", "H02", "H03", "H04", "H05"};
  std::atomic<int> answered{0};
  {
    ServerProcess server(reg.db_url);
    HttpClient c(server.port());
    Session s = c.SignIn("xa.meovac");
    ASSERT_FALSE(s.cookie.empty());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          HttpResult r =
              c.Get("/api/households/" + std::string(households[(t + i) % 5]) + "?round=2025", &s);
          if (r.status == 200) ++answered;
        }
      });
    }
    for (auto& th : threads) th.join();
    // Killed without a chance to flush anything: what was answered must already be on disk.
    ::kill(server.pid(), SIGKILL);
    server.Stop();
  }
  EXPECT_EQ(answered.load(), kThreads * kEach);

  ServerProcess server(reg.db_url);
  HttpClient c(server.port());
  Session auditor = c.SignIn("kiemtoan");
  HttpResult r = c.Get("/api/audit?action=household.read&actor=xa.meovac&limit=1000", &auditor);
  ASSERT_EQ(r.status, 200) << r.body;
  json::array items = json::parse(r.body).at("items").as_array();
  EXPECT_EQ(static_cast<int>(items.size()), answered.load());
  int per_household[5] = {};
  for (const json::value& v : items) {
    std::string target(v.at("target").as_string());
    for (int h = 0; h < 5; ++h) per_household[h] += target == households[h];
    EXPECT_EQ(v.at("detail").as_string(), "round 2025");
  }
  for (int h = 0; h < 5; ++h) EXPECT_EQ(per_household[h], kThreads * kEach / 5) << households[h];
  HttpResult verify = c.Get("/api/audit/verify", &auditor);
  EXPECT_EQ(verify.status, 200) << verify.body;
  EXPECT_EQ(RunLnob("audit verify --db '" + reg.db_url + "'"), 0);
}

}  // namespace
}  // namespace lnob::testing
