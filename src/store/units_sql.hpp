// Internal to the store: the SQL of administrative units (units_store.cpp), prepared once per
// call of a Store method and reused across rows.
//
//   UnitSql q(db);
//   ASSIGN_OR_RETURN(std::vector<UnitRecord> versions, q.Versions("00760"));
//   RETURN_IF_ERROR(q.Exec(kClose, versions[0].valid_to, versions[0].code, 19911001));
//
// Thread-safety: a UnitSql belongs to the thread that owns its Database.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.hpp"
#include "store/store.hpp"

namespace lnob::store::internal {

inline constexpr int64_t kForever = 99991231;  // stands for an open valid_to in comparisons

// The last day `u` is in force, kForever while it is.
inline int64_t End(const UnitRecord& u) {
  return u.valid_to ? u.valid_to->value : kForever;
}

// The statements, by index in UnitSql::st_.
inline constexpr const char* kSql[] = {
    "SELECT code, name, kind, parent_code, province_code, valid_from, valid_to FROM units "
    "WHERE code = ? ORDER BY valid_from",
    "SELECT e.id, e.kind, e.event_date, e.note, l.role, l.code FROM unit_events e JOIN "
    "unit_event_links l ON l.event_id = e.id WHERE e.event_date > ? AND e.event_date <= ? AND "
    "e.id IN (SELECT event_id FROM unit_event_links WHERE role = ? AND code = ?) "
    "ORDER BY e.event_date, e.id, l.role, l.code",
    "INSERT INTO units (code, valid_from, valid_to, name, kind, parent_code, province_code) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "UPDATE units SET valid_to = ? WHERE code = ? AND valid_from = ? AND valid_to IS NULL",
    "INSERT INTO unit_events (kind, event_date, note) VALUES (?, ?, ?) RETURNING id",
    "INSERT INTO unit_event_links (event_id, role, code) VALUES (?, ?, ?)",
};
enum Sql { kVersions, kEvents, kAddVersion, kClose, kAddEvent, kAddLink, kSqlCount };

// Steps `st` to its end, calling row() on each row.
template <typename Fn>
Status EachRow(Statement* st, Fn row) {
  while (true) {
    ASSIGN_OR_RETURN(bool more, st->Next());
    if (!more) return OkStatus();
    row();
  }
}

inline Date DateAt(Statement* st, int column) {
  return Date{static_cast<int32_t>(st->ColumnInt(column))};
}

// Reads rows of (code, name, kind, parent_code, province_code, valid_from, valid_to).
inline Result<std::vector<UnitRecord>> ReadUnits(Statement* st) {
  std::vector<UnitRecord> out;
  RETURN_IF_ERROR(EachRow(st, [&] {
    UnitRecord& u = out.emplace_back();
    u.code = st->ColumnText(0);
    u.name = st->ColumnText(1);
    u.kind = st->ColumnText(2);
    if (!st->ColumnIsNull(3)) u.parent_code = st->ColumnText(3);
    u.province_code = st->ColumnText(4);
    u.valid_from = DateAt(st, 5);
    if (!st->ColumnIsNull(6)) u.valid_to = DateAt(st, 6);
  }));
  return out;
}

// Reads rows of (event id, kind, date, note, role, code), one per code of an event, grouped by
// event id.
inline Result<std::vector<UnitEvent>> ReadEvents(Statement* st) {
  std::vector<UnitEvent> out;
  int64_t id = -1;
  RETURN_IF_ERROR(EachRow(st, [&] {
    if (st->ColumnInt(0) != id) {
      id = st->ColumnInt(0);
      out.push_back(
          {std::string(st->ColumnText(1)), DateAt(st, 2), {}, {}, std::string(st->ColumnText(3))});
    }
    auto& codes = st->ColumnText(4) == "from" ? out.back().from : out.back().to;
    codes.emplace_back(st->ColumnText(5));
  }));
  return out;
}

struct NullIfEmpty {
  const std::string& text;
};

// The unit queries, each prepared once per Store call and reused. Not thread-safe.
class UnitSql {
 public:
  explicit UnitSql(Database& db) : db_(db) {}

  // The statement `i` (prepared on first use), reset, with `args` bound to its parameters.
  template <typename... Args>
  Result<Statement*> Get(Sql i, const Args&... args) {
    if (!st_[i]) {
      ASSIGN_OR_RETURN(st_[i], db_.Prepare(kSql[i]));
    }
    Statement* st = st_[i].get();
    st->Reset();
    int n = 0;
    (Bind(st, ++n, args), ...);
    return st;
  }
  template <typename... Args>
  Status Exec(Sql i, const Args&... args) {
    ASSIGN_OR_RETURN(Statement * st, Get(i, args...));
    return st->Run();
  }

  // All versions of `code`, oldest first.
  Result<std::vector<UnitRecord>> Versions(const std::string& code) {
    ASSIGN_OR_RETURN(Statement * st, Get(kVersions, code));
    return ReadUnits(st);
  }

  // The version of `code` in force on `on`, if any.
  Result<std::optional<UnitRecord>> InForce(const std::string& code, Date on) {
    ASSIGN_OR_RETURN(std::vector<UnitRecord> all, Versions(code));
    for (UnitRecord& u : all) {
      if (u.valid_from <= on && on.value <= End(u)) return std::optional<UnitRecord>(std::move(u));
    }
    return std::optional<UnitRecord>();
  }

  // Events that name `code` in `role`, dated in (after, upto], by date, with all their codes.
  Result<std::vector<UnitEvent>> Events(const std::string& code, const char* role, int64_t after,
                                        int64_t upto) {
    ASSIGN_OR_RETURN(Statement * st, Get(kEvents, after, upto, role, code));
    return ReadEvents(st);
  }

  Status InsertEvent(const UnitEvent& e) {
    ASSIGN_OR_RETURN(Statement * st, Get(kAddEvent, e.kind, e.date.value, e.note));
    int64_t id = -1;
    RETURN_IF_ERROR(EachRow(st, [&] { id = st->ColumnInt(0); }));
    if (id < 0) return Internal("adding a unit event returned no id");
    for (const std::string& code : e.from) RETURN_IF_ERROR(Exec(kAddLink, id, "from", code));
    for (const std::string& code : e.to) RETURN_IF_ERROR(Exec(kAddLink, id, "to", code));
    return OkStatus();
  }

 private:
  static void Bind(Statement* st, int i, int64_t v) { st->BindInt(i, v); }
  static void Bind(Statement* st, int i, const std::string& v) { st->BindText(i, v); }
  static void Bind(Statement* st, int i, const char* v) { st->BindText(i, v); }
  static void Bind(Statement* st, int i, NullIfEmpty v) {
    v.text.empty() ? st->BindNull(i) : st->BindText(i, v.text);
  }
  static void Bind(Statement* st, int i, const std::optional<Date>& v) {
    v ? st->BindInt(i, v->value) : st->BindNull(i);
  }

  Database& db_;
  std::array<std::unique_ptr<Statement>, kSqlCount> st_;
};

}  // namespace lnob::store::internal
