// The audit log's hash chain on SQLite and PostgreSQL: appends verify; an edited field, a removed
// entry (middle or last) and a planted one are named; concurrent appenders keep one chain.
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "store/store.hpp"
#include "store/store_test_util.hpp"

namespace lnob::store {
namespace {

std::string At(int i) {
  return "2025-03-" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "T08:00:00Z";
}

void AppendN(Store& s, int n) {
  for (int i = 1; i <= n; ++i) {
    AuditEntry e{i % 2 ? "xa.meovac" : "cli", i % 3 ? "household.read" : "user.add",
                 "MV-" + std::to_string(i), "detail " + std::to_string(i), "203.0.113.7"};
    auto id = s.AppendAudit(e, At(1 + i % 28));
    ASSERT_TRUE(id.ok()) << id.status().message();
    ASSERT_EQ(*id, i);
  }
}

// The message of VerifyAudit's DataLoss, or "" (with a failure) when it verified.
std::string Broken(Store& s) {
  auto r = s.VerifyAudit();
  EXPECT_FALSE(r.ok()) << "verified " << *r << " entries";
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), ErrorCode::kDataLoss) << r.status().message();
  return r.status().message();
}

class AuditStore : public ::testing::TestWithParam<std::string> {};

TEST_P(AuditStore, AppendedEntriesVerifyAndQueryNewestFirst) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto empty = store->VerifyAudit();
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_EQ(*empty, 0);

  AppendN(*store, 40);
  auto checked = store->VerifyAudit();
  ASSERT_TRUE(checked.ok()) << checked.status().message();
  EXPECT_EQ(*checked, 40);

  auto all = store->QueryAudit({.limit = 1000});
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 40u);
  EXPECT_EQ(all->front().id, 40);
  EXPECT_EQ(all->back().id, 1);
  EXPECT_EQ(all->back().prev_hash, std::string(64, '0'));
  EXPECT_EQ(all->back().hash.size(), 64u);
  EXPECT_EQ((*all)[0].prev_hash, (*all)[1].hash);
  EXPECT_EQ(all->back().entry.target, "MV-1");
  EXPECT_EQ(all->back().entry.remote, "203.0.113.7");

  auto limited = store->QueryAudit({.limit = 5});
  ASSERT_TRUE(limited.ok());
  ASSERT_EQ(limited->size(), 5u);
  EXPECT_EQ(limited->front().id, 40);

  auto by_actor = store->QueryAudit({.actor = "cli", .action = "user.add", .limit = 1000});
  ASSERT_TRUE(by_actor.ok());
  for (const AuditRecord& r : *by_actor) {
    EXPECT_EQ(r.entry.actor, "cli");
    EXPECT_EQ(r.entry.action, "user.add");
    EXPECT_EQ(r.id % 6, 0);
  }
  EXPECT_EQ(by_actor->size(), 6u);  // ids 6, 12, ..., 36

  // Days: since inclusive, until exclusive.
  auto day = store->QueryAudit({.since = "2025-03-05", .until = "2025-03-06", .limit = 1000});
  ASSERT_TRUE(day.ok());
  ASSERT_FALSE(day->empty());
  for (const AuditRecord& r : *day) EXPECT_EQ(r.at, "2025-03-05T08:00:00Z");
  EXPECT_EQ(store->QueryAudit({.limit = 0}).status().code(), ErrorCode::kInvalidArgument);
  auto none = store->QueryAudit({.actor = "x' OR '1'='1", .limit = 10});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(AuditStore, LongNumbersNeverReachTheLog) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  ASSERT_TRUE(
      store
          ->AppendAudit(
              {"cli", "household.read", "MV-0001", "citizen 002087005678, unit 00787", ""}, At(1))
          .ok());
  auto r = store->QueryAudit({.limit = 1});
  ASSERT_TRUE(r.ok() && r->size() == 1);
  EXPECT_EQ((*r)[0].entry.detail, "citizen …5678, unit 00787");
  EXPECT_TRUE(store->VerifyAudit().ok());
  EXPECT_EQ(store->AppendAudit({"", "x", "", "", ""}, At(1)).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST_P(AuditStore, AnEditedFieldIsNamed) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  AppendN(*store, 10);
  ASSERT_TRUE(
      store->db().Exec("UPDATE audit_log SET detail = 'nothing happened' WHERE id = 4").ok());
  std::string m = Broken(*store);
  EXPECT_NE(m.find("audit entry 4 was changed"), std::string::npos) << m;
}

TEST_P(AuditStore, AnEntryRewrittenWithItsOwnHashBreaksTheNextLink) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  AppendN(*store, 10);
  // Replace entry 7 by a copy of entry 3's content and hash: entry 7 no longer links to 6.
  ASSERT_TRUE(store->db()
                  .Exec("UPDATE audit_log SET (at, actor, action, target, detail, remote, "
                        "prev_hash, hash) = (SELECT at, actor, action, target, detail, remote, "
                        "prev_hash, hash FROM audit_log WHERE id = 3) WHERE id = 7")
                  .ok());
  std::string m = Broken(*store);
  EXPECT_NE(m.find("audit entry 7"), std::string::npos) << m;
}

TEST_P(AuditStore, ARemovedMiddleEntryIsDetected) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  AppendN(*store, 10);
  ASSERT_TRUE(store->db().Exec("DELETE FROM audit_log WHERE id = 5").ok());
  std::string m = Broken(*store);
  EXPECT_NE(m.find("audit entry 5 is missing"), std::string::npos) << m;
}

TEST_P(AuditStore, ARemovedLastEntryIsDetected) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  AppendN(*store, 10);
  ASSERT_TRUE(store->db().Exec("DELETE FROM audit_log WHERE id >= 9").ok());
  std::string m = Broken(*store);
  EXPECT_NE(m.find("audit entries 9 to 10 were removed"), std::string::npos) << m;
  ASSERT_TRUE(store->db().Exec("DELETE FROM audit_log WHERE id > 0").ok());
  m = Broken(*store);
  EXPECT_NE(m.find("audit entries 1 to 10 were removed"), std::string::npos) << m;
}

TEST_P(AuditStore, APlantedEntryIsDetectedAndBlocksAppends) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  AppendN(*store, 3);
  ASSERT_TRUE(store->db()
                  .Exec("INSERT INTO audit_log (id, at, actor, action, target, detail, remote, "
                        "prev_hash, hash) SELECT 4, at, actor, action, target, detail, remote, "
                        "hash, hash FROM audit_log WHERE id = 3")
                  .ok());
  std::string m = Broken(*store);
  EXPECT_NE(m.find("audit entry 4"), std::string::npos) << m;
  auto appended = store->AppendAudit({"cli", "user.add", "x", "", ""}, At(1));
  EXPECT_EQ(appended.status().code(), ErrorCode::kDataLoss);
}

TEST_P(AuditStore, ConcurrentAppendersKeepOneChain) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::vector<std::vector<int64_t>> ids(kThreads);
  std::vector<std::string> errors(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto mine = Store::Open(lnob_url_);
      if (!mine.ok()) {
        errors[t] = mine.status().message();
        return;
      }
      for (int i = 0; i < kEach; ++i) {
        auto id = (*mine)->AppendAudit(
            {"thread" + std::to_string(t), "household.read", "MV-" + std::to_string(i), "", ""},
            At(1 + i % 28));
        if (!id.ok()) {
          errors[t] = id.status().message();
          return;
        }
        ids[t].push_back(*id);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<int64_t> all;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(errors[t], "") << "thread " << t;
    all.insert(ids[t].begin(), ids[t].end());
  }
  EXPECT_EQ(all.size(), size_t{kThreads * kEach});
  if (!all.empty()) {
    EXPECT_EQ(*all.begin(), 1);
    EXPECT_EQ(*all.rbegin(), kThreads * kEach);
  }
  auto checked = store->VerifyAudit();
  ASSERT_TRUE(checked.ok()) << checked.status().message();
  EXPECT_EQ(*checked, kThreads * kEach);
}

// Group commit (the server's AuditWriter): a batch is one transaction that continues the chain
// entry by entry; a batch with one invalid entry writes nothing.
TEST_P(AuditStore, ABatchContinuesTheChainAllOrNothing) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  AppendN(*store, 2);
  std::vector<std::pair<AuditEntry, std::string>> batch;
  for (int i = 0; i < 3; ++i) {
    batch.push_back(
        {{"xa.meovac", "household.read", "MV-b" + std::to_string(i), "round 2025", "127.0.0.1"},
         At(5)});
  }
  auto last = store->AppendAuditBatch(batch);
  ASSERT_TRUE(last.ok()) << last.status().message();
  EXPECT_EQ(*last, 5);
  batch[1].first.action.clear();
  auto bad = store->AppendAuditBatch(batch);
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  auto empty = store->AppendAuditBatch({});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, 0);
  auto one = store->AppendAudit({"cli", "user.add", "x", "", ""}, At(6));
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(*one, 6) << "the invalid batch wrote nothing";
  auto checked = store->VerifyAudit();
  ASSERT_TRUE(checked.ok()) << checked.status().message();
  EXPECT_EQ(*checked, 6);
  auto all = store->QueryAudit({.limit = 10});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 6u);
  EXPECT_EQ((*all)[3].entry.target, "MV-b0");  // newest first: 6, b2, b1, b0, 2, 1
  EXPECT_EQ((*all)[1].entry.target, "MV-b2");
  EXPECT_EQ((*all)[1].prev_hash, (*all)[2].hash);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditStore, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lnob::store
