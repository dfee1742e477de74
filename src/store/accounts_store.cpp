// Accounts: users, sessions, API tokens and sign-in failures. Tokens are stored as hashes only;
// times that decide something are passed in by the caller (store.hpp).
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/store.hpp"
#include "store/units_sql.hpp"

namespace lnob::store {
namespace {

using internal::EachRow;

// The columns ReadUser reads, for a query over `users u`.
#define LNOB_USER_COLUMNS                                                              \
  "u.id, u.username, u.role, u.unit_code, u.password_hash, u.disabled, u.created_at, " \
  "u.disabled_at"
constexpr int kUserColumnCount = 8;

UserRecord ReadUser(Statement* st, int first) {
  UserRecord u;
  u.id = st->ColumnInt(first);
  u.username = st->ColumnText(first + 1);
  u.role = st->ColumnText(first + 2);
  u.unit_code = st->ColumnText(first + 3);
  u.password_hash = st->ColumnText(first + 4);
  u.disabled = st->ColumnInt(first + 5) != 0;
  u.created_at = st->ColumnText(first + 6);
  if (!st->ColumnIsNull(first + 7)) u.disabled_at = st->ColumnText(first + 7);
  return u;
}

Status CheckUsername(const std::string& name) {
  bool ok = name.size() >= 3 && name.size() <= 64;
  for (char c : name) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
  }
  if (ok) return OkStatus();
  return InvalidArgument("the user name '" + name +
                         "' is not allowed: use 3 to 64 lower-case letters a-z, digits and . _ - "
                         "(e.g. xa.meovac) / tên đăng nhập chỉ gồm 3-64 chữ thường a-z, chữ số "
                         "và . _ -");
}

// Runs `st` (a statement with RETURNING) and counts the rows it returns.
Result<int64_t> CountReturned(Statement* st) {
  int64_t n = 0;
  RETURN_IF_ERROR(EachRow(st, [&] { ++n; }));
  return n;
}

// One user by a query whose single parameter is bound by `bind`. NotFound with `missing`.
template <typename Bind>
Result<UserRecord> OneUser(Database& db, const char* where, Bind bind, const std::string& missing) {
  ASSIGN_OR_RETURN(
      auto st, db.Prepare(std::string("SELECT " LNOB_USER_COLUMNS " FROM users u WHERE ") + where));
  bind(st.get());
  ASSIGN_OR_RETURN(bool row, st->Next());
  if (!row) return NotFound(missing);
  return ReadUser(st.get(), 0);
}

// The user `user_id`, refused when unknown (NotFound) or disabled (FailedPrecondition).
Result<UserRecord> ActiveUser(Database& db, int64_t user_id) {
  ASSIGN_OR_RETURN(UserRecord u,
                   OneUser(
                       db, "u.id = ?", [&](Statement* st) { st->BindInt(1, user_id); },
                       "there is no user with id " + std::to_string(user_id)));
  if (u.disabled) return FailedPrecondition("the user " + u.username + " is disabled");
  return u;
}

}  // namespace

Result<int64_t> Store::AddUser(const std::string& username, const std::string& role,
                               const std::string& unit_code, const std::string& password_hash) {
  RETURN_IF_ERROR(CheckUsername(username));
  if (role.empty() || unit_code.empty() || password_hash.empty()) {
    return InvalidArgument("a user needs a role, a unit and a password hash");
  }
  ASSIGN_OR_RETURN(auto st, db_->Prepare("INSERT INTO users (username, role, unit_code, "
                                         "password_hash, disabled, created_at) VALUES (?, ?, ?, "
                                         "?, 0, ?) RETURNING id"));
  const std::string now = NowUtcIso();
  st->BindText(1, username);
  st->BindText(2, role);
  st->BindText(3, unit_code);
  st->BindText(4, password_hash);
  st->BindText(5, now);
  int64_t id = 0;
  Status s = EachRow(st.get(), [&] { id = st->ColumnInt(0); });
  if (s.code() == ErrorCode::kAlreadyExists) {
    return AlreadyExists("the user name '" + username +
                         "' is already taken / tên đăng nhập đã có người dùng");
  }
  RETURN_IF_ERROR(s);
  if (id == 0) return Internal("adding a user returned no id");
  return id;
}

Result<UserRecord> Store::FindUser(const std::string& username) {
  return OneUser(
      *db_, "u.username = ?", [&](Statement* st) { st->BindText(1, username); },
      "there is no user '" + username + "'");
}

Result<UserRecord> Store::FindUserById(int64_t id) {
  return OneUser(
      *db_, "u.id = ?", [&](Statement* st) { st->BindInt(1, id); },
      "there is no user with id " + std::to_string(id));
}

Result<std::vector<UserRecord>> Store::ListUsers() {
  ASSIGN_OR_RETURN(auto st,
                   db_->Prepare("SELECT " LNOB_USER_COLUMNS " FROM users u ORDER BY u.username"));
  std::vector<UserRecord> out;
  RETURN_IF_ERROR(EachRow(st.get(), [&] { out.push_back(ReadUser(st.get(), 0)); }));
  return out;
}

Status Store::DisableUser(const std::string& username) {
  return InTransaction(*db_, [&]() -> Status {
    ASSIGN_OR_RETURN(UserRecord u, FindUser(username));
    const std::string now = NowUtcIso();
    ASSIGN_OR_RETURN(auto upd, db_->Prepare("UPDATE users SET disabled = 1, disabled_at = "
                                            "COALESCE(disabled_at, ?) WHERE id = ?"));
    upd->BindText(1, now);
    upd->BindInt(2, u.id);
    RETURN_IF_ERROR(upd->Run());
    ASSIGN_OR_RETURN(auto del, db_->Prepare("DELETE FROM sessions WHERE user_id = ?"));
    del->BindInt(1, u.id);
    RETURN_IF_ERROR(del->Run());
    ASSIGN_OR_RETURN(auto rev, db_->Prepare("UPDATE api_tokens SET revoked_at = ? WHERE "
                                            "user_id = ? AND revoked_at IS NULL"));
    rev->BindText(1, now);
    rev->BindInt(2, u.id);
    return rev->Run();
  });
}

Result<int64_t> Store::SetPasswordHash(const std::string& username,
                                       const std::string& password_hash) {
  int64_t ended = 0;
  Status st = InTransaction(*db_, [&]() -> Status {
    ASSIGN_OR_RETURN(UserRecord u, FindUser(username));
    ASSIGN_OR_RETURN(auto upd, db_->Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
    upd->BindText(1, password_hash);
    upd->BindInt(2, u.id);
    RETURN_IF_ERROR(upd->Run());
    ASSIGN_OR_RETURN(ended, DeleteSessionsOf(u.id));
    return OkStatus();
  });
  if (!st.ok()) return st;
  return ended;
}

Result<bool> Store::UnitKnown(const std::string& code) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT 1 FROM units WHERE code = ? LIMIT 1"));
  st->BindText(1, code);
  return st->Next();
}

// ---- sessions ----

Status Store::CreateSession(int64_t user_id, const std::string& token_hash, const std::string& csrf,
                            int64_t now, const std::string& remote) {
  return InTransaction(*db_, [&]() -> Status {
    ASSIGN_OR_RETURN(UserRecord u, ActiveUser(*db_, user_id));
    (void)u;
    ASSIGN_OR_RETURN(auto st, db_->Prepare("INSERT INTO sessions (token_hash, user_id, "
                                           "csrf_token, created_at, last_seen, remote) VALUES "
                                           "(?, ?, ?, ?, ?, ?)"));
    st->BindText(1, token_hash);
    st->BindInt(2, user_id);
    st->BindText(3, csrf);
    st->BindInt(4, now);
    st->BindInt(5, now);
    st->BindText(6, remote);
    Status s = st->Run();
    if (s.code() == ErrorCode::kAlreadyExists) {
      return AlreadyExists("a session with this token already exists");
    }
    return s;
  });
}

Result<SessionRecord> Store::FindSession(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT " LNOB_USER_COLUMNS ", s.csrf_token, "
                                         "s.created_at, s.last_seen, s.remote FROM sessions s "
                                         "JOIN users u ON u.id = s.user_id WHERE s.token_hash = "
                                         "? AND u.disabled = 0"));
  st->BindText(1, token_hash);
  ASSIGN_OR_RETURN(bool row, st->Next());
  if (!row) return NotFound("no such session (signed out or expired)");
  SessionRecord s;
  s.user = ReadUser(st.get(), 0);
  const int c = kUserColumnCount;
  s.csrf_token = st->ColumnText(c);
  s.created_at = st->ColumnInt(c + 1);
  s.last_seen = st->ColumnInt(c + 2);
  s.remote = st->ColumnText(c + 3);
  return s;
}

Status Store::TouchSession(const std::string& token_hash, int64_t now) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("UPDATE sessions SET last_seen = ? WHERE token_hash = ? "
                                         "RETURNING user_id"));
  st->BindInt(1, now);
  st->BindText(2, token_hash);
  ASSIGN_OR_RETURN(int64_t n, CountReturned(st.get()));
  if (n == 0) return NotFound("no such session (signed out or expired)");
  return OkStatus();
}

Status Store::DeleteSession(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  st->BindText(1, token_hash);
  return st->Run();
}

Result<int64_t> Store::DeleteSessionsOf(int64_t user_id) {
  ASSIGN_OR_RETURN(auto st,
                   db_->Prepare("DELETE FROM sessions WHERE user_id = ? RETURNING user_id"));
  st->BindInt(1, user_id);
  return CountReturned(st.get());
}

Result<int64_t> Store::DeleteExpiredSessions(int64_t idle_limit, int64_t absolute_limit,
                                             int64_t now) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("DELETE FROM sessions WHERE last_seen <= ? OR "
                                         "created_at <= ? RETURNING user_id"));
  st->BindInt(1, now - idle_limit);
  st->BindInt(2, now - absolute_limit);
  return CountReturned(st.get());
}

// ---- API tokens ----

Result<int64_t> Store::AddApiToken(const std::string& name, const std::string& token_hash,
                                   int64_t user_id) {
  if (name.empty() || name.size() > 100) {
    return InvalidArgument("an API token needs a name of 1 to 100 characters");
  }
  int64_t id = 0;
  RETURN_IF_ERROR(InTransaction(*db_, [&]() -> Status {
    ASSIGN_OR_RETURN(UserRecord u, ActiveUser(*db_, user_id));
    (void)u;
    ASSIGN_OR_RETURN(auto st, db_->Prepare("INSERT INTO api_tokens (name, token_hash, user_id, "
                                           "created_at) VALUES (?, ?, ?, ?) RETURNING id"));
    const std::string now = NowUtcIso();
    st->BindText(1, name);
    st->BindText(2, token_hash);
    st->BindInt(3, user_id);
    st->BindText(4, now);
    Status s = EachRow(st.get(), [&] { id = st->ColumnInt(0); });
    if (s.code() == ErrorCode::kAlreadyExists) {
      return AlreadyExists("an API token named '" + name +
                           "' is already active; revoke it first or choose another name");
    }
    return s;
  }));
  return id;
}

Result<ApiTokenRecord> Store::FindApiToken(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT " LNOB_USER_COLUMNS ", t.id, t.name, "
                                         "t.created_at FROM api_tokens t JOIN users u ON u.id = "
                                         "t.user_id WHERE t.token_hash = ? AND t.revoked_at IS "
                                         "NULL AND u.disabled = 0"));
  st->BindText(1, token_hash);
  ASSIGN_OR_RETURN(bool row, st->Next());
  if (!row) return NotFound("unknown or revoked API token");
  ApiTokenRecord t;
  t.user = ReadUser(st.get(), 0);
  const int c = kUserColumnCount;
  t.id = st->ColumnInt(c);
  t.name = st->ColumnText(c + 1);
  t.created_at = st->ColumnText(c + 2);
  return t;
}

Status Store::RevokeApiToken(const std::string& name) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND "
                                         "revoked_at IS NULL RETURNING id"));
  const std::string now = NowUtcIso();
  st->BindText(1, now);
  st->BindText(2, name);
  ASSIGN_OR_RETURN(int64_t n, CountReturned(st.get()));
  if (n == 0) return NotFound("there is no active API token named '" + name + "'");
  return OkStatus();
}

// ---- sign-in failures ----

Status Store::RecordLoginFailure(const std::string& key, int64_t now) {
  ASSIGN_OR_RETURN(auto st,
                   db_->Prepare("INSERT INTO login_failures (key, failed_at) VALUES (?, ?)"));
  st->BindText(1, key);
  st->BindInt(2, now);
  return st->Run();
}

Result<int64_t> Store::CountLoginFailures(const std::string& key, int64_t since) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT COUNT(*) FROM login_failures WHERE key = ? AND "
                                         "failed_at >= ?"));
  st->BindText(1, key);
  st->BindInt(2, since);
  ASSIGN_OR_RETURN(bool row, st->Next());
  return row ? st->ColumnInt(0) : 0;
}

Status Store::ClearLoginFailures(const std::string& key) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("DELETE FROM login_failures WHERE key = ?"));
  st->BindText(1, key);
  return st->Run();
}

Result<int64_t> Store::PruneLoginFailures(int64_t before) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("DELETE FROM login_failures WHERE failed_at < ? "
                                         "RETURNING failed_at"));
  st->BindInt(1, before);
  return CountReturned(st.get());
}

#undef LNOB_USER_COLUMNS

}  // namespace lnob::store
