// Units (the tree on a date, one unit with its lineage) and review rounds. Administrative units
// are public facts; every signed-in user may read them.
#include "server/app.hpp"

namespace lnob::server {
namespace {

namespace json = boost::json;

json::object UnitJson(const store::UnitRecord& u) {
  json::object o{{"code", u.code},
                 {"name", u.name},
                 {"kind", u.kind},
                 {"parent_code", u.parent_code},
                 {"province_code", u.province_code},
                 {"valid_from", FormatIsoDate(u.valid_from)}};
  o["valid_to"] = u.valid_to ? json::value(FormatIsoDate(*u.valid_to)) : json::value(nullptr);
  return o;
}

json::object EventJson(const store::UnitEvent& e) {
  json::array from, to;
  for (const auto& c : e.from) from.push_back(json::value(c));
  for (const auto& c : e.to) to.push_back(json::value(c));
  return json::object{{"kind", e.kind},
                      {"date", FormatIsoDate(e.date)},
                      {"from", std::move(from)},
                      {"to", std::move(to)},
                      {"note", e.note}};
}

// GET /api/units?on=DATE&parent=CODE: the units in force on the date whose parent is CODE (the
// provinces without parent).
Result<HttpResponse> ListUnits(Call& call) {
  ASSIGN_OR_RETURN(auto on_q, QueryDate(call.req, "on"));
  const Date on = on_q.value_or(call.app.Today());
  const std::string parent = call.req.Query("parent").value_or("");
  ASSIGN_OR_RETURN(auto all, call.db().AllUnits());
  json::array items;
  for (const store::UnitRecord& u : all) {
    if (!(u.valid_from <= on && (!u.valid_to || on <= *u.valid_to))) continue;
    if (u.parent_code != parent) continue;
    items.push_back(UnitJson(u));
  }
  return JsonResponse(200, json::object{{"on", FormatIsoDate(on)}, {"items", std::move(items)}});
}

Result<HttpResponse> GetUnit(Call& call) {
  ASSIGN_OR_RETURN(auto on_q, QueryDate(call.req, "on"));
  const Date on = on_q.value_or(call.app.Today());
  ASSIGN_OR_RETURN(store::UnitView v, call.db().ShowUnit(call.Param("code"), on));
  json::array ancestors, came_from, became;
  for (const auto& a : v.ancestors) ancestors.push_back(UnitJson(a));
  for (const auto& e : v.came_from) came_from.push_back(EventJson(e));
  for (const auto& e : v.became) became.push_back(EventJson(e));
  json::object o = UnitJson(v.unit);
  o["ancestors"] = std::move(ancestors);
  o["came_from"] = std::move(came_from);
  o["became"] = std::move(became);
  return JsonResponse(200, o);
}

Result<HttpResponse> ListRounds(Call& call) {
  ASSIGN_OR_RETURN(auto rounds, call.db().ListRounds());
  json::array items;
  for (const auto& r : rounds) {
    ASSIGN_OR_RETURN(int64_t run, call.db().LatestRunId(r));
    items.push_back(json::object{{"year", r.year},
                                 {"kind", r.kind},
                                 {"reference_date", FormatIsoDate(r.reference_date)},
                                 {"standard", r.standard_id},
                                 {"status", r.status},
                                 {"classified", run != 0}});
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void AddUnitRoutes(Router& r) {
  r.Add("GET", "/api/units", Permission::kRead, ListUnits);
  r.Add("GET", "/api/units/{code}", Permission::kRead, GetUnit);
  r.Add("GET", "/api/rounds", Permission::kRead, ListRounds);
}

}  // namespace lnob::server
