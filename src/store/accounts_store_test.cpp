// Accounts on SQLite and PostgreSQL: users, sessions with idle and absolute expiry, disabling,
// API tokens, and sign-in failures counted per key and window.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store/store_test_util.hpp"

namespace lnob::store {
namespace {

int64_t Count(Store& s, const std::string& sql) {
  auto st = s.db().Prepare(sql);
  EXPECT_TRUE(st.ok()) << st.status().message();
  auto row = (*st)->Next();
  EXPECT_TRUE(row.ok() && *row);
  return (*st)->ColumnInt(0);
}

int64_t AddUserOrDie(Store& s, const std::string& name, const std::string& unit = "00787") {
  auto id = s.AddUser(name, "commune_officer", unit, "$argon2id$v=19$m=65536,t=2,p=1$fake");
  EXPECT_TRUE(id.ok()) << id.status().message();
  return id.ok() ? *id : 0;
}

class AccountStore : public ::testing::TestWithParam<std::string> {};

TEST_P(AccountStore, UsersAreAddedFoundListedAndNamesAreUnique) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  int64_t b = AddUserOrDie(*store, "xa.meovac");
  int64_t a = AddUserOrDie(*store, "admin.hagiang", "02");
  EXPECT_NE(a, b);

  auto dup = store->AddUser("xa.meovac", "auditor", "02", "h");
  EXPECT_EQ(dup.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(dup.status().message().find("xa.meovac"), std::string::npos);
  for (const char* bad : {"", "ab", "Xa.MeoVac", "xa meovac", "x'; DROP TABLE users; --"}) {
    EXPECT_EQ(store->AddUser(bad, "auditor", "02", "h").status().code(),
              ErrorCode::kInvalidArgument)
        << bad;
  }

  auto u = store->FindUser("xa.meovac");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->id, b);
  EXPECT_EQ(u->role, "commune_officer");
  EXPECT_EQ(u->unit_code, "00787");
  EXPECT_EQ(u->password_hash, "$argon2id$v=19$m=65536,t=2,p=1$fake");
  EXPECT_FALSE(u->disabled);
  EXPECT_FALSE(u->created_at.empty());
  EXPECT_TRUE(u->disabled_at.empty());
  auto by_id = store->FindUserById(a);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->username, "admin.hagiang");

  EXPECT_EQ(store->FindUser("nobody").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->FindUser("x' OR '1'='1").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->FindUserById(999).status().code(), ErrorCode::kNotFound);

  auto all = store->ListUsers();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].username, "admin.hagiang");
  EXPECT_EQ((*all)[1].username, "xa.meovac");
}

TEST_P(AccountStore, SessionsExpireWhenIdleOrTooOld) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  int64_t uid = AddUserOrDie(*store, "xa.meovac");
  constexpr int64_t kIdle = 1800, kAbsolute = 7200, t0 = 1'700'000'000;
  ASSERT_TRUE(store->CreateSession(uid, "hash-active", "csrf-1", t0, "203.0.113.7").ok());
  ASSERT_TRUE(store->CreateSession(uid, "hash-idle", "csrf-2", t0, "").ok());
  EXPECT_EQ(store->CreateSession(uid, "hash-idle", "csrf-3", t0, "").code(),
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(store->CreateSession(999, "hash-x", "c", t0, "").code(), ErrorCode::kNotFound);

  auto s = store->FindSession("hash-active");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->user.username, "xa.meovac");
  EXPECT_EQ(s->csrf_token, "csrf-1");
  EXPECT_EQ(s->created_at, t0);
  EXPECT_EQ(s->last_seen, t0);
  EXPECT_EQ(s->remote, "203.0.113.7");
  EXPECT_EQ(store->FindSession("nope").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->TouchSession("nope", t0).code(), ErrorCode::kNotFound);

  // The active one is used every 25 minutes; the other never again.
  for (int64_t t = t0 + 1500; t < t0 + kAbsolute; t += 1500) {
    ASSERT_TRUE(store->TouchSession("hash-active", t).ok());
  }
  auto touched = store->FindSession("hash-active");
  ASSERT_TRUE(touched.ok());
  EXPECT_EQ(touched->last_seen, t0 + 6000);

  auto n = store->DeleteExpiredSessions(kIdle, kAbsolute, t0 + kIdle - 1);
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(*n, 0);
  n = store->DeleteExpiredSessions(kIdle, kAbsolute, t0 + kIdle);  // idle for exactly the limit
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(store->FindSession("hash-idle").status().code(), ErrorCode::kNotFound);
  auto active = store->FindSession("hash-active");
  ASSERT_TRUE(active.ok());
  EXPECT_FALSE(SessionExpired(*active, kIdle, kAbsolute, t0 + kAbsolute - 1));
  EXPECT_TRUE(SessionExpired(*active, kIdle, kAbsolute, t0 + kAbsolute));

  // Still in use, but the absolute limit ends it.
  n = store->DeleteExpiredSessions(kIdle, kAbsolute, t0 + kAbsolute - 1);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  n = store->DeleteExpiredSessions(kIdle, kAbsolute, t0 + kAbsolute);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(store->FindSession("hash-active").status().code(), ErrorCode::kNotFound);

  // Sign-out: one session, or all of a user's.
  ASSERT_TRUE(store->CreateSession(uid, "a", "c", t0, "").ok());
  ASSERT_TRUE(store->CreateSession(uid, "b", "c", t0, "").ok());
  ASSERT_TRUE(store->CreateSession(uid, "c", "c", t0, "").ok());
  ASSERT_TRUE(store->DeleteSession("a").ok());
  ASSERT_TRUE(store->DeleteSession("a").ok());  // already gone: fine
  EXPECT_EQ(store->FindSession("a").status().code(), ErrorCode::kNotFound);
  auto ended = store->DeleteSessionsOf(uid);
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(*ended, 2);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM sessions"), 0);
}

TEST_P(AccountStore, DisablingAUserEndsSessionsAndRevokesTokens) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  int64_t uid = AddUserOrDie(*store, "xa.meovac");
  int64_t other = AddUserOrDie(*store, "xa.pavi", "00763");
  ASSERT_TRUE(store->CreateSession(uid, "s1", "c", 100, "").ok());
  ASSERT_TRUE(store->CreateSession(uid, "s2", "c", 100, "").ok());
  ASSERT_TRUE(store->CreateSession(other, "s3", "c", 100, "").ok());
  ASSERT_TRUE(store->AddApiToken("sync-meovac", "t1", uid).ok());
  ASSERT_TRUE(store->AddApiToken("sync-pavi", "t2", other).ok());

  ASSERT_TRUE(store->DisableUser("xa.meovac").ok());
  EXPECT_EQ(store->FindSession("s1").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->FindSession("s2").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->FindApiToken("t1").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM sessions WHERE user_id = " + std::to_string(uid)),
            0);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NOT NULL"), 1);
  EXPECT_TRUE(store->FindSession("s3").ok());  // others are untouched
  EXPECT_TRUE(store->FindApiToken("t2").ok());

  auto u = store->FindUser("xa.meovac");
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->disabled);
  EXPECT_FALSE(u->disabled_at.empty());
  EXPECT_EQ(store->CreateSession(uid, "s4", "c", 200, "").code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store->AddApiToken("again", "t3", uid).status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(store->DisableUser("xa.meovac").ok());  // again: fine
  EXPECT_EQ(store->DisableUser("nobody").code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->AddUser("xa.meovac", "auditor", "02", "h").status().code(),
            ErrorCode::kAlreadyExists);  // a disabled user's name stays taken

  // A session row that escaped (written around the store) is still refused for a disabled user.
  ASSERT_TRUE(store->db()
                  .Exec("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                        "last_seen, remote) VALUES ('s5', " +
                        std::to_string(uid) + ", 'c', 1, 1, '')")
                  .ok());
  EXPECT_EQ(store->FindSession("s5").status().code(), ErrorCode::kNotFound);
}

TEST_P(AccountStore, ApiTokensCarryTheirUserAndCanBeRevoked) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  int64_t uid = AddUserOrDie(*store, "xa.meovac");
  auto id = store->AddApiToken("kobo-sync", "hash-1", uid);
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(store->AddApiToken("kobo-sync", "hash-2", uid).status().code(),
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(store->AddApiToken("other", "hash-1", uid).status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(store->AddApiToken("x", "hash-9", 999).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->AddApiToken("", "hash-9", uid).status().code(), ErrorCode::kInvalidArgument);

  auto t = store->FindApiToken("hash-1");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->id, *id);
  EXPECT_EQ(t->name, "kobo-sync");
  EXPECT_EQ(t->user.username, "xa.meovac");
  EXPECT_EQ(t->user.role, "commune_officer");
  EXPECT_EQ(t->user.unit_code, "00787");
  EXPECT_EQ(store->FindApiToken("hash-unknown").status().code(), ErrorCode::kNotFound);

  ASSERT_TRUE(store->RevokeApiToken("kobo-sync").ok());
  EXPECT_EQ(store->FindApiToken("hash-1").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->RevokeApiToken("kobo-sync").code(), ErrorCode::kNotFound);
  // The name is free again once revoked; the revoked row is kept.
  ASSERT_TRUE(store->AddApiToken("kobo-sync", "hash-2", uid).ok());
  EXPECT_TRUE(store->FindApiToken("hash-2").ok());
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM api_tokens"), 2);
}

TEST_P(AccountStore, LoginFailuresAreCountedPerKeyAndWindow) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  for (int64_t t : {100, 200, 300}) ASSERT_TRUE(store->RecordLoginFailure("user:xa", t).ok());
  ASSERT_TRUE(store->RecordLoginFailure("addr:203.0.113.7", 250).ok());
  ASSERT_TRUE(store->RecordLoginFailure("user:xa'--", 250).ok());

  auto count = [&](const std::string& key, int64_t since) {
    auto n = store->CountLoginFailures(key, since);
    EXPECT_TRUE(n.ok()) << n.status().message();
    return n.ok() ? *n : -1;
  };
  EXPECT_EQ(count("user:xa", 0), 3);
  EXPECT_EQ(count("user:xa", 200), 2);  // the window starts at `since`, inclusive
  EXPECT_EQ(count("user:xa", 301), 0);
  EXPECT_EQ(count("addr:203.0.113.7", 0), 1);
  EXPECT_EQ(count("user:other", 0), 0);
  EXPECT_EQ(count("user:xa'--", 0), 1);

  ASSERT_TRUE(store->ClearLoginFailures("user:xa").ok());
  EXPECT_EQ(count("user:xa", 0), 0);
  EXPECT_EQ(count("addr:203.0.113.7", 0), 1);

  auto pruned = store->PruneLoginFailures(251);
  ASSERT_TRUE(pruned.ok());
  EXPECT_EQ(*pruned, 2);
  EXPECT_EQ(count("addr:203.0.113.7", 0), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountStore, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lnob::store
