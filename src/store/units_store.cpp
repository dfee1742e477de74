// Store: administrative units, their dated versions and their lineage (store.hpp).
//
// A version is in force from valid_from to valid_to (the last day; NULL while in force). Lineage
// events link the codes before (role 'from') to the codes after (role 'to') on the event date: the
// 'from' codes are in force the day before, the 'to' codes on the day.
#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"
#include "store/units_sql.hpp"

namespace lnob::store {
namespace {

using internal::End;
using internal::kAddVersion;
using internal::kClose;
using internal::kForever;
using internal::NullIfEmpty;
using internal::UnitSql;

constexpr std::array<std::string_view, 6> kEventKinds = {"merge",    "split",  "rename",
                                                         "reparent", "create", "dissolve"};

std::string Iso(Date d) {
  return FormatIsoDate(d);
}
std::string Period(const UnitRecord& u) {
  return Iso(u.valid_from) + (u.valid_to ? " to " + Iso(*u.valid_to) : " onwards");
}

Date PreviousDay(Date d) {
  int y = d.year(), m = d.month(), day = d.day() - 1;
  if (day == 0) {
    if (--m == 0) m = 12, --y;
    day = DaysInMonth(y, m);
  }
  return Date{y * 10000 + m * 100 + day};
}

Status AddVersion(UnitSql& q, const UnitRecord& u) {
  const std::string what = "unit " + u.code + " (" + u.name + ") from " + Iso(u.valid_from);
  if (u.code.empty() || u.name.empty() || u.kind.empty() || u.province_code.empty()) {
    return InvalidArgument(what + ": code, name, kind and province_code are required");
  }
  if (u.valid_to && *u.valid_to < u.valid_from) {
    return InvalidArgument(what + ": valid_to " + Iso(*u.valid_to) +
                           " is before valid_from; valid_to is the last day in force");
  }
  ASSIGN_OR_RETURN(std::vector<UnitRecord> versions, q.Versions(u.code));
  const UnitRecord* closing = nullptr;  // the same version, open, now given its last day
  for (const UnitRecord& v : versions) {
    if (v.valid_from != u.valid_from) continue;
    if (!v.valid_to && u.valid_to && v.name == u.name && v.kind == u.kind &&
        v.parent_code == u.parent_code && v.province_code == u.province_code) {
      closing = &v;
      break;
    }
    return AlreadyExists("unit " + u.code + " already has a version from " + Iso(u.valid_from) +
                         " (" + v.name + ", " + Period(v) +
                         "); it was imported before: remove the row or change its dates");
  }
  for (const UnitRecord& v : versions) {
    if (&v != closing && v.valid_from.value <= End(u) && u.valid_from.value <= End(v)) {
      return InvalidArgument(what + " overlaps its version " + Period(v) + " (" + v.name +
                             "): one code has one version in force on any day; end the "
                             "earlier version (valid_to) the day before the next begins");
    }
  }
  if (closing) return q.Exec(kClose, u.valid_to, u.code, u.valid_from.value);
  if (!u.parent_code.empty()) {
    if (u.parent_code == u.code) return InvalidArgument(what + ": a unit cannot be its own parent");
    ASSIGN_OR_RETURN(std::optional<UnitRecord> parent, q.InForce(u.parent_code, u.valid_from));
    if (!parent) {
      return InvalidArgument(what + ": its parent " + u.parent_code + " is not in force on " +
                             Iso(u.valid_from) +
                             "; import the parent first (earlier in the file) or correct "
                             "parent_code");
    }
  }
  return q.Exec(kAddVersion, u.code, u.valid_from.value, u.valid_to, u.name, u.kind,
                NullIfEmpty{u.parent_code}, u.province_code);
}

Status AddEvent(UnitSql& q, const UnitEvent& e) {
  std::string what = e.kind + " on " + Iso(e.date);
  if (std::find(kEventKinds.begin(), kEventKinds.end(), e.kind) == kEventKinds.end()) {
    return InvalidArgument("event " + what +
                           ": the kind must be one of merge, split, rename, reparent, create, "
                           "dissolve");
  }
  std::vector<std::string> from = e.from, to = e.to;  // sorted, as stored events are read
  std::sort(from.begin(), from.end());
  std::sort(to.begin(), to.end());
  if (from.empty() && to.empty()) {
    return InvalidArgument("event " + what + " names no unit (from and to are both empty)");
  }
  if (std::adjacent_find(from.begin(), from.end()) != from.end() ||
      std::adjacent_find(to.begin(), to.end()) != to.end()) {
    return InvalidArgument("event " + what + " names a unit twice in from or in to");
  }
  const Date before = PreviousDay(e.date);
  for (const char* role : {"from", "to"}) {
    const bool is_from = role[0] == 'f';
    const Date day = is_from ? before : e.date;  // 'from' units end the day before, 'to' begin
    for (const std::string& code : is_from ? e.from : e.to) {
      ASSIGN_OR_RETURN(auto v, q.InForce(code, day));
      if (!v) {
        return InvalidArgument("event " + what + ": unit " + code + " (" + role +
                               ") is not in force on " + Iso(day) + "; import its version first");
      }
    }
  }
  const bool by_from = !e.from.empty();
  ASSIGN_OR_RETURN(auto same_day, q.Events(by_from ? e.from[0] : e.to[0], by_from ? "from" : "to",
                                           before.value, e.date.value));
  for (const UnitEvent& o : same_day) {
    if (o.kind == e.kind && o.from == from && o.to == to) {
      return AlreadyExists("the event " + what + " of the same units is already recorded");
    }
  }
  return q.InsertEvent(e);
}

// Adds to `out` the codes in force on `on` reached from `code` through the lineage. dir: -1
// backwards (on is before the code existed), +1 forwards (after it ended), 0 either.
Status Follow(UnitSql& q, const std::string& code, Date on, int dir, std::set<std::string>* seen,
              std::set<std::string>* out) {
  if (!seen->insert(code).second) return OkStatus();
  ASSIGN_OR_RETURN(std::vector<UnitRecord> versions, q.Versions(code));
  if (versions.empty()) return OkStatus();
  const UnitRecord* ended = nullptr;  // the last version that ended before `on`
  for (const UnitRecord& v : versions) {
    if (v.valid_from <= on && on.value <= End(v)) {
      out->insert(code);
      return OkStatus();
    }
    if (End(v) < on.value) ended = &v;
  }
  const bool backwards = on < versions.front().valid_from;
  if ((backwards && dir > 0) || (!backwards && dir < 0)) return OkStatus();
  std::vector<UnitEvent> events;
  if (backwards) {
    ASSIGN_OR_RETURN(events, q.Events(code, "to", on.value, versions.front().valid_from.value));
  } else {
    ASSIGN_OR_RETURN(events, q.Events(code, "from", End(*ended), on.value));
  }
  for (const UnitEvent& e : events) {
    for (const std::string& next : backwards ? e.from : e.to) {
      RETURN_IF_ERROR(Follow(q, next, on, backwards ? -1 : 1, seen, out));
    }
  }
  return OkStatus();
}

}  // namespace

Status Store::ImportUnits(const std::vector<UnitRecord>& units,
                          const std::vector<UnitEvent>& events) {
  return InTransaction(*db_, [&]() -> Status {
    UnitSql q(*db_);
    for (const UnitRecord& u : units) RETURN_IF_ERROR(AddVersion(q, u));
    for (const UnitEvent& e : events) RETURN_IF_ERROR(AddEvent(q, e));
    return OkStatus();
  });
}

Result<UnitView> Store::ShowUnit(const std::string& code, Date on) {
  UnitSql q(*db_);
  ASSIGN_OR_RETURN(std::vector<UnitRecord> versions, q.Versions(code));
  UnitView view;
  bool found = false;
  std::string periods;
  for (const UnitRecord& v : versions) {
    if (v.valid_from <= on && on.value <= End(v)) view.unit = v, found = true;
    periods += (periods.empty() ? "" : "; ") + Period(v) + " (" + v.name + ")";
  }
  if (versions.empty()) return NotFound("there is no unit with the code " + code);
  if (!found) {
    return NotFound("unit " + code + " is not in force on " + Iso(on) + "; it was or is in force " +
                    periods);
  }
  std::string parent = view.unit.parent_code;
  for (int depth = 0; !parent.empty() && depth < 16; ++depth) {
    ASSIGN_OR_RETURN(std::optional<UnitRecord> p, q.InForce(parent, on));
    if (!p) break;
    parent = p->parent_code;
    view.ancestors.push_back(std::move(*p));
  }
  ASSIGN_OR_RETURN(view.came_from, q.Events(code, "to", 0, End(view.unit)));
  ASSIGN_OR_RETURN(view.became, q.Events(code, "from", view.unit.valid_from.value, kForever));
  return view;
}

Result<std::string> Store::ProvinceOf(const std::string& code, Date on) {
  UnitSql q(*db_);
  ASSIGN_OR_RETURN(std::optional<UnitRecord> u, q.InForce(code, on));
  if (!u) return NotFound("no unit with the code " + code + " is in force on " + Iso(on));
  return u->province_code;
}

Result<std::vector<std::string>> Store::CodesOnDate(const std::string& code, Date on) {
  UnitSql q(*db_);
  ASSIGN_OR_RETURN(std::vector<UnitRecord> versions, q.Versions(code));
  if (versions.empty()) return NotFound("there is no unit with the code " + code);
  std::set<std::string> seen, out;
  RETURN_IF_ERROR(Follow(q, code, on, 0, &seen, &out));
  return std::vector<std::string>(out.begin(), out.end());
}

}  // namespace lnob::store
