// The audit log: an append-only hash chain of who did what, with a one-row head (audit_head)
// that records how many entries were written and the last hash, so that an edited, removed or
// planted entry is found by VerifyAudit. The head is not keyed: someone who can rewrite both the
// log and its head can rebuild the chain; copying the head elsewhere (a report, a backup) keeps
// that visible.
#include <sodium.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/store.hpp"
#include "store/units_sql.hpp"

namespace lnob::store {
namespace {

const std::string kGenesis(64, '0');

std::string Sha256Hex(std::string_view data) {
  static const int init = sodium_init();  // thread-safe once (magic static); SHA-256 needs none
  (void)init;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

// SHA-256 of the previous hash, the id, the time and every field, each written as
// "<byte length>:<bytes>\n" after a version tag, so that no two entries share an input.
std::string EntryHash(const std::string& prev, int64_t id, const std::string& at,
                      const AuditEntry& e) {
  std::string buf = "lnob-audit-1\n";
  auto field = [&](std::string_view f) {
    buf += std::to_string(f.size());
    buf += ':';
    buf += f;
    buf += '\n';
  };
  field(prev);
  field(std::to_string(id));
  field(at);
  field(e.actor);
  field(e.action);
  field(e.target);
  field(e.detail);
  field(e.remote);
  return Sha256Hex(buf);
}

// `s` with every run of 9 or more digits (a citizen ID, an old ID card or a phone number) cut
// to its last 4 digits ("…5678"): such numbers never reach the log (quality.md).
std::string MaskLongNumbers(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i) {
      out += s[i++];
      continue;
    }
    if (j - i >= 9) {
      out += "…";
      out.append(s, j - 4, 4);
    } else {
      out.append(s, i, j - i);
    }
    i = j;
  }
  return out;
}

struct Head {
  int64_t entries = 0;
  std::string last_hash;
};

Result<Head> ReadHead(Database& db, bool lock) {
  std::string sql = "SELECT entries, last_hash FROM audit_head WHERE id = 1";
  if (lock && db.dialect() == Dialect::kPostgres) sql += " FOR UPDATE";
  ASSIGN_OR_RETURN(auto st, db.Prepare(sql));
  ASSIGN_OR_RETURN(bool row, st->Next());
  if (!row) {
    return DataLoss(
        "the head of the audit log (table audit_head) was removed: the log can no "
        "longer be trusted");
  }
  return Head{st->ColumnInt(0), std::string(st->ColumnText(1))};
}

constexpr const char* kSelect =
    "SELECT id, at, actor, action, target, detail, remote, prev_hash, hash FROM audit_log";

AuditRecord ReadRecord(Statement* st) {
  AuditRecord r;
  r.id = st->ColumnInt(0);
  r.at = st->ColumnText(1);
  r.entry.actor = st->ColumnText(2);
  r.entry.action = st->ColumnText(3);
  r.entry.target = st->ColumnText(4);
  r.entry.detail = st->ColumnText(5);
  r.entry.remote = st->ColumnText(6);
  r.prev_hash = st->ColumnText(7);
  r.hash = st->ColumnText(8);
  return r;
}

std::string Entry(int64_t id) {
  return "audit entry " + std::to_string(id);
}

}  // namespace

Result<int64_t> Store::AppendAudit(const AuditEntry& entry, const std::string& at) {
  return AppendAuditBatch({{entry, at}});
}

Result<int64_t> Store::AppendAuditBatch(
    const std::vector<std::pair<AuditEntry, std::string>>& entries) {
  std::vector<AuditEntry> masked;
  masked.reserve(entries.size());
  for (const auto& [entry, at] : entries) {
    if (at.empty() || entry.actor.empty() || entry.action.empty()) {
      return InvalidArgument("an audit entry needs a time, an actor and an action");
    }
    masked.push_back({MaskLongNumbers(entry.actor), MaskLongNumbers(entry.action),
                      MaskLongNumbers(entry.target), MaskLongNumbers(entry.detail),
                      MaskLongNumbers(entry.remote)});
  }
  int64_t id = 0;
  if (entries.empty()) return id;
  RETURN_IF_ERROR(InTransaction(*db_, [&]() -> Status {
    // PostgreSQL: the head row stays locked until commit, so appenders queue here; SQLite: the
    // transaction began IMMEDIATE and already holds the write lock.
    ASSIGN_OR_RETURN(Head head, ReadHead(*db_, true));
    ASSIGN_OR_RETURN(auto ins, db_->Prepare("INSERT INTO audit_log (id, at, actor, action, "
                                            "target, detail, remote, prev_hash, hash) VALUES (?, "
                                            "?, ?, ?, ?, ?, ?, ?, ?)"));
    id = head.entries;
    std::string prev = head.last_hash;
    for (size_t i = 0; i < masked.size(); ++i) {
      const AuditEntry& e = masked[i];
      const std::string& at = entries[i].second;
      ++id;
      std::string hash = EntryHash(prev, id, at, e);
      if (i > 0) ins->Reset();
      ins->BindInt(1, id);
      ins->BindText(2, at);
      ins->BindText(3, e.actor);
      ins->BindText(4, e.action);
      ins->BindText(5, e.target);
      ins->BindText(6, e.detail);
      ins->BindText(7, e.remote);
      ins->BindText(8, prev);
      ins->BindText(9, hash);
      Status s = ins->Run();
      if (s.code() == ErrorCode::kAlreadyExists) {
        return DataLoss(Entry(id) +
                        " already exists but the head of the audit log does not count it: it was "
                        "planted; run `lnob audit verify`");
      }
      RETURN_IF_ERROR(s);
      prev = std::move(hash);
    }
    ASSIGN_OR_RETURN(auto upd, db_->Prepare("UPDATE audit_head SET entries = ?, last_hash = ? "
                                            "WHERE id = 1"));
    upd->BindInt(1, id);
    upd->BindText(2, prev);
    return upd->Run();
  }));
  return id;
}

Result<int64_t> Store::VerifyAudit() {
  // Entries are immutable once committed, and the scan below sees a snapshot taken after this
  // read: every entry the head counts must be in it. Entries past the head are either appended
  // meanwhile (the head read again at the end counts them) or planted.
  ASSIGN_OR_RETURN(Head head, ReadHead(*db_, false));
  ASSIGN_OR_RETURN(auto st, db_->Prepare(std::string(kSelect) + " ORDER BY id"));
  int64_t expected = 1;
  std::string prev = kGenesis;
  std::vector<std::pair<int64_t, std::string>> past_head;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Next());
    if (!row) break;
    AuditRecord r = ReadRecord(st.get());
    if (r.id != expected) {
      return DataLoss(Entry(expected) + " is missing: the log goes from entry " +
                      std::to_string(expected - 1) + " to entry " + std::to_string(r.id));
    }
    if (r.prev_hash != prev) {
      return DataLoss(Entry(r.id) + " does not link to the entry before it: the chain was " +
                      "rewritten at or before entry " + std::to_string(r.id));
    }
    if (EntryHash(r.prev_hash, r.id, r.at, r.entry) != r.hash) {
      return DataLoss(Entry(r.id) + " was changed after it was written: its hash does not " +
                      "match its contents");
    }
    if (r.id == head.entries && r.hash != head.last_hash) {
      return DataLoss(Entry(r.id) + " does not match the head of the log: it was replaced");
    }
    if (r.id > head.entries) past_head.emplace_back(r.id, r.hash);
    prev = std::move(r.hash);
    ++expected;
  }
  const int64_t checked = expected - 1;
  if (checked < head.entries) {
    std::string which = checked + 1 == head.entries
                            ? Entry(head.entries) + " was removed"
                            : "audit entries " + std::to_string(checked + 1) + " to " +
                                  std::to_string(head.entries) + " were removed";
    return DataLoss(which + ": the log ends at entry " + std::to_string(checked) + " but " +
                    std::to_string(head.entries) + " entries were written");
  }
  if (!past_head.empty()) {
    ASSIGN_OR_RETURN(Head now, ReadHead(*db_, false));
    for (const auto& [id, hash] : past_head) {
      if (id > now.entries) {
        return DataLoss(Entry(id) + " was not written by lnob: the head of the log counts " +
                        std::to_string(now.entries) + " entries");
      }
      if (id == now.entries && hash != now.last_hash) {
        return DataLoss(Entry(id) + " does not match the head of the log: it was replaced");
      }
    }
  }
  return checked;
}

Result<std::vector<AuditRecord>> Store::QueryAudit(const AuditFilter& f) {
  if (f.limit < 1) return InvalidArgument("the limit must be at least 1");
  // Only fixed fragments are joined; every value is bound.
  std::string sql = std::string(kSelect) + " WHERE 1 = 1";
  std::vector<const std::string*> params;
  auto where = [&](const std::string& value, const char* clause) {
    if (value.empty()) return;
    sql += clause;
    params.push_back(&value);
  };
  where(f.actor, " AND actor = ?");
  where(f.action, " AND action = ?");
  where(f.since, " AND at >= ?");
  where(f.until, " AND at < ?");
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
  int i = 0;
  for (const std::string* p : params) st->BindText(++i, *p);
  st->BindInt(++i, f.limit);
  std::vector<AuditRecord> out;
  RETURN_IF_ERROR(internal::EachRow(st.get(), [&] { out.push_back(ReadRecord(st.get())); }));
  return out;
}

}  // namespace lnob::store
