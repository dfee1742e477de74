// Accounts (province administrators, within their unit) and the audit trail (read-only).
#include "server/app.hpp"
#include "server/password.hpp"

namespace lnob::server {
namespace {

namespace json = boost::json;

json::object UserJson(const store::UserRecord& u) {
  return json::object{{"username", u.username},
                      {"role", u.role},
                      {"unit_code", u.unit_code},
                      {"disabled", u.disabled},
                      {"created_at", u.created_at}};
}

Result<HttpResponse> ListUsers(Call& call) {
  ASSIGN_OR_RETURN(auto users, call.db().ListUsers());
  json::array items;
  for (const auto& u : users) {
    if (call.scope().HoldsUnit(u.unit_code)) items.push_back(UserJson(u));
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

Result<HttpResponse> AddUser(Call& call) {
  ASSIGN_OR_RETURN(json::object body,
                   ParseBody(call.req, {"username", "role", "unit_code", "password"}));
  ASSIGN_OR_RETURN(std::string username, StringField(body, "username", true));
  ASSIGN_OR_RETURN(std::string role_id, StringField(body, "role", true));
  ASSIGN_OR_RETURN(std::string unit, StringField(body, "unit_code", true));
  ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true));
  Role role;
  if (!ParseRole(role_id, &role)) {
    return InvalidArgument("role '" + role_id +
                           "': use province_admin, province_officer, commune_officer, "
                           "village_head, front_supervisor or auditor");
  }
  if (username.empty() || username.size() > 64 ||
      username.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos) {
    return InvalidArgument("a username is 1-64 of a-z 0-9 . _ -");
  }
  if (!call.app.units()->Knows(unit)) {
    return InvalidArgument("unit " + unit + " is not in the registry");
  }
  if (!call.scope().HoldsUnit(unit)) {
    return PermissionDenied("unit " + unit + " is outside your unit " + call.who->unit_code);
  }
  RETURN_IF_ERROR(CheckPasswordPolicy(password, username, call.lang));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  ASSIGN_OR_RETURN(int64_t id, call.db().AddUser(username, role_id, unit, hash));
  (void)id;
  RETURN_IF_ERROR(call.Audit("user.add", username, role_id + " " + unit));
  ASSIGN_OR_RETURN(store::UserRecord u, call.db().FindUser(username));
  return JsonResponse(201, UserJson(u));
}

Result<HttpResponse> DisableUser(Call& call) {
  const std::string& username = call.Param("username");
  auto u = call.db().FindUser(username);
  if (!u.ok() || !call.scope().HoldsUnit(u->unit_code)) {
    return NotFound("no user " + username + " in your unit");
  }
  RETURN_IF_ERROR(call.db().DisableUser(username));
  RETURN_IF_ERROR(call.Audit("user.disable", username));
  return JsonResponse(200, json::object{{"username", username}, {"disabled", true}});
}

// The audit trail is the province's: users bound to a province read it.
Status ProvinceOnly(Call& call) {
  if (call.scope().level() != analytics::UnitLevel::kProvince) {
    return PermissionDenied("the audit trail is read by users of the province");
  }
  return OkStatus();
}

Result<HttpResponse> ListAudit(Call& call) {
  RETURN_IF_ERROR(ProvinceOnly(call));
  store::AuditFilter f;
  f.actor = call.req.Query("actor").value_or("");
  f.action = call.req.Query("action").value_or("");
  f.since = call.req.Query("since").value_or("");
  f.until = call.req.Query("until").value_or("");
  for (const std::string* t : {&f.since, &f.until}) {
    if (!t->empty() && !ParseIsoDate(t->substr(0, 10)).ok()) {
      return InvalidArgument("since and until are dates YYYY-MM-DD or times YYYY-MM-DDThh:mm:ssZ");
    }
  }
  ASSIGN_OR_RETURN(auto limit, QueryInt(call.req, "limit", false, 1, 1000));
  f.limit = static_cast<int>(limit.value_or(100));
  ASSIGN_OR_RETURN(auto entries, call.db().QueryAudit(f));
  json::array items;
  for (const auto& e : entries) {
    items.push_back(json::object{{"id", e.id},
                                 {"at", e.at},
                                 {"actor", e.entry.actor},
                                 {"action", e.entry.action},
                                 {"target", e.entry.target},
                                 {"detail", e.entry.detail},
                                 {"remote", e.entry.remote},
                                 {"hash", e.hash}});
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

Result<HttpResponse> VerifyAudit(Call& call) {
  RETURN_IF_ERROR(ProvinceOnly(call));
  auto n = call.db().VerifyAudit();
  if (!n.ok()) {
    return JsonResponse(200, json::object{{"intact", false}, {"problem", n.status().message()}});
  }
  return JsonResponse(200, json::object{{"intact", true}, {"entries", *n}});
}

}  // namespace

void AddAdminRoutes(Router& r) {
  r.Add("GET", "/api/users", Permission::kManageUsers, ListUsers);
  r.Add("POST", "/api/users", Permission::kManageUsers, AddUser);
  r.Add("POST", "/api/users/{username}/disable", Permission::kManageUsers, DisableUser);
  r.Add("GET", "/api/audit", Permission::kReadAudit, ListAudit);
  r.Add("GET", "/api/audit/verify", Permission::kReadAudit, VerifyAudit);
}

}  // namespace lnob::server
