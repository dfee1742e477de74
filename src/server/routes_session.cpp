// Sessions: sign in (throttled per account and per address), who am I, sign out; GET /api/health
// (liveness and the rounds in memory).
#include "server/app.hpp"
#include "server/password.hpp"

namespace lnob::server {
namespace {

namespace json = boost::json;

json::object Me(const Principal& p) {
  return json::object{{"username", p.username},
                      {"role", RoleId(p.role)},
                      {"unit_code", p.unit_code},
                      {"csrf_token", p.csrf_token}};
}

std::string SessionCookie(const Call& call, const std::string& value, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (call.req.tls) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

// Liveness (the registry answers), and where the load of each round into memory stands (the web
// app's "loading the survey rounds (2/5)"). Rounds, kinds and states only: nothing personal.
Result<HttpResponse> Health(Call& call) {
  ASSIGN_OR_RETURN(std::vector<RoundLoadState> states, call.app.RoundStates(call.db()));
  json::array items;
  for (const RoundLoadState& s : states) {
    items.push_back(
        json::object{{"year", s.year}, {"kind", s.kind}, {"state", RoundLoadId(s.load)}});
  }
  return JsonResponse(200, json::object{{"status", "ok"},
                                        {"rounds", states.size()},
                                        {"warm_up", call.app.WarmUpState()},
                                        {"round_states", std::move(items)}});
}

Result<HttpResponse> SignIn(Call& call) {
  ASSIGN_OR_RETURN(json::object body, ParseBody(call.req, {"username", "password"}));
  ASSIGN_OR_RETURN(std::string username, StringField(body, "username", true));
  ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true));
  if (username.size() > 64 || password.size() > 1024) {
    return InvalidArgument("username or password too long");
  }
  store::Store& db = call.db();
  const AppOptions& o = call.app.options();
  const int64_t now = call.app.Now();
  const int64_t since = now - o.failure_window.count();
  const std::string user_key = "user:" + username, addr_key = "addr:" + call.req.remote;
  ASSIGN_OR_RETURN(int64_t by_user, db.CountLoginFailures(user_key, since));
  ASSIGN_OR_RETURN(int64_t by_addr, db.CountLoginFailures(addr_key, since));
  if (by_user >= o.max_failures_per_user || by_addr >= o.max_failures_per_address) {
    RETURN_IF_ERROR(call.Audit("session.throttled", username));
    return ErrorResponse(429, "too_many_attempts",
                         "too many failed sign-ins; wait " +
                             std::to_string(o.failure_window.count() / 60) +
                             " minutes and try again");
  }
  auto user = db.FindUser(username);
  // The same work whether the user exists or not: no timing hint about account names.
  static const std::string kDummy = HashPassword("not a real password, only for timing").value();
  bool ok = VerifyPassword(password, user.ok() ? user->password_hash : kDummy) && user.ok() &&
            !user->disabled;
  Role role;
  if (ok && !ParseRole(user->role, &role)) ok = false;
  if (!ok) {
    RETURN_IF_ERROR(db.RecordLoginFailure(user_key, now));
    RETURN_IF_ERROR(db.RecordLoginFailure(addr_key, now));
    RETURN_IF_ERROR(call.Audit("session.failed", username));
    return ErrorResponse(401, "unauthenticated", "wrong username or password");
  }
  RETURN_IF_ERROR(db.ClearLoginFailures(user_key));
  const std::string token = NewToken(), csrf = NewToken();
  RETURN_IF_ERROR(db.CreateSession(user->id, TokenHash(token), csrf, now, call.req.remote));
  call.who = Principal{user->id, user->username, role, user->unit_code, false, csrf};
  RETURN_IF_ERROR(call.Audit("session.sign_in", username));
  call.set_headers.emplace_back("Set-Cookie", SessionCookie(call, token, false));
  return JsonResponse(200, Me(*call.who));
}

Result<HttpResponse> WhoAmI(Call& call) {
  return JsonResponse(200, Me(*call.who));
}

Result<HttpResponse> SignOut(Call& call) {
  if (call.who->api_token) return InvalidArgument("an API token has no session to end");
  RETURN_IF_ERROR(call.db().DeleteSession(TokenHash(call.req.Cookie(kSessionCookie))));
  RETURN_IF_ERROR(call.Audit("session.sign_out", call.who->username));
  call.set_headers.emplace_back("Set-Cookie", SessionCookie(call, "", true));
  return JsonResponse(200, json::object{{"signed_out", true}});
}

}  // namespace

void AddSessionRoutes(Router& r) {
  r.Add("GET", "/api/health", Permission::kPublic, Health);
  r.Add("POST", "/api/session", Permission::kPublic, SignIn);
  r.Add("GET", "/api/session", Permission::kSignedIn, WhoAmI);
  r.Add("DELETE", "/api/session", Permission::kSignedIn, SignOut);
}

}  // namespace lnob::server
