#include "server/app.hpp"

#include <algorithm>
#include <ctime>
#include <tuple>

#include "common/clock.hpp"
#include "ingest/standard_files.hpp"
#include "server/password.hpp"
#include "server/routes_web.hpp"

namespace lnob::server {

StoreLease::~StoreLease() {
  if (store_) app_->Release(std::move(store_));
}

const Scope& Call::scope() {
  if (!scope_) {
    units_ = app.units();
    scope_.emplace(*who, *units_, app.Today());
  }
  return *scope_;
}

store::Store& Call::db() {
  if (!lease_) {
    auto l = app.Lease();
    if (!l.ok()) throw std::runtime_error("no database connection: " + l.status().message());
    lease_.emplace(std::move(*l));
  }
  return **lease_;
}

AuditWriter::Ticket Call::SubmitAudit(std::string_view action, std::string_view target,
                                      std::string_view detail) {
  store::AuditEntry e;
  e.actor = who ? who->username : "-";
  e.action = std::string(action);
  e.target = std::string(target);
  e.detail = std::string(detail);
  e.remote = req.remote;
  return app.audit().Submit(std::move(e), IsoUtc(app.Now()));
}

Status Call::Audit(std::string_view action, std::string_view target, std::string_view detail) {
  return SubmitAudit(action, target, detail).Wait();
}

Result<std::unique_ptr<App>> App::Create(AppOptions options) {
  std::unique_ptr<App> app(new App(std::move(options)));
  ASSIGN_OR_RETURN(auto first, store::Store::Open(app->options_.db_url));
  ASSIGN_OR_RETURN(int applied, first->Init());
  (void)applied;
  ASSIGN_OR_RETURN(app->standards_,
                   ingest::LoadStandardDirectory(ingest::DefaultStandardsDirectory()));
  ASSIGN_OR_RETURN(auto catalog, analytics::UnitCatalog::Load(*first));
  app->units_ = std::make_shared<const analytics::UnitCatalog>(std::move(catalog));
  app->pool_.push_back(std::move(first));
  ASSIGN_OR_RETURN(auto audit_store, store::Store::Open(app->options_.db_url));
  app->audit_ = AuditWriter::Start(std::move(audit_store));
  AddSessionRoutes(app->router_);
  AddUnitRoutes(app->router_);
  AddHouseholdRoutes(app->router_);
  AddReportRoutes(app->router_);
  AddImportRoutes(app->router_);
  AddAdminRoutes(app->router_);
  return app;
}

int64_t App::Now() const {
  if (options_.now) return options_.now();
  return static_cast<int64_t>(std::time(nullptr));
}

Date App::Today() const {
  std::time_t t = static_cast<std::time_t>(Now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  return Date{(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday};
}

Result<StoreLease> App::Lease() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!pool_.empty()) {
      auto s = std::move(pool_.back());
      pool_.pop_back();
      return StoreLease(this, std::move(s));
    }
  }
  ASSIGN_OR_RETURN(auto s, store::Store::Open(options_.db_url));
  return StoreLease(this, std::move(s));
}

void App::Release(std::unique_ptr<store::Store> s) {
  std::lock_guard<std::mutex> lock(mu_);
  if (pool_.size() < 16) pool_.push_back(std::move(s));
}

std::shared_ptr<const analytics::UnitCatalog> App::units() {
  std::lock_guard<std::mutex> lock(mu_);
  return units_;
}

Status App::ReloadUnits() {
  ASSIGN_OR_RETURN(StoreLease db, Lease());
  ASSIGN_OR_RETURN(auto catalog, analytics::UnitCatalog::Load(*db));
  std::lock_guard<std::mutex> lock(mu_);
  units_ = std::make_shared<const analytics::UnitCatalog>(std::move(catalog));
  return OkStatus();
}

int64_t RoundData::Find(std::string_view id) const {
  auto it = std::lower_bound(by_id.begin(), by_id.end(), id, [&](uint32_t h, std::string_view v) {
    return snap.survey.household_id(h) < v;
  });
  if (it == by_id.end() || snap.survey.household_id(*it) != id) return -1;
  return *it;
}

std::shared_ptr<const std::vector<uint8_t>> RoundData::Visible(const Scope& scope) const {
  const std::string key = scope.unit_code() + "@" + std::to_string(scope.on().value);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = visible_.find(key);
    if (it != visible_.end()) return it->second;
  }
  auto out = std::make_shared<std::vector<uint8_t>>(locations.size());
  for (size_t i = 0; i < locations.size(); ++i) {
    const Location& l = locations[i];
    (*out)[i] = scope.Holds(l.province, l.commune, l.village) ? 1 : 0;
  }
  std::lock_guard<std::mutex> lock(mu_);
  return visible_.emplace(key, std::move(out)).first->second;
}

std::shared_ptr<const analytics::Grouping> RoundData::GroupingFor(
    const analytics::UnitCatalog& units, const analytics::GroupingOptions& o) const {
  const std::string key = std::string(analytics::UnitLevelId(o.level)) + "|" +
                          std::to_string(o.units_on ? o.units_on->value : 0) + "|" +
                          std::string(analytics::SplitById(o.by));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = groupings_.find(key);
    if (it != groupings_.end()) return it->second;
  }
  auto g = std::make_shared<const analytics::Grouping>(analytics::GroupHouseholds(snap, units, o));
  std::lock_guard<std::mutex> lock(mu_);
  return groupings_.emplace(key, std::move(g)).first->second;
}

std::shared_ptr<const analytics::Rates> RoundData::RatesFor(
    const analytics::UnitCatalog& units, const analytics::GroupingOptions& o) const {
  const std::string key = std::string(analytics::UnitLevelId(o.level)) + "|" +
                          std::to_string(o.units_on ? o.units_on->value : 0) + "|" +
                          std::string(analytics::SplitById(o.by));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = rates_.find(key);
    if (it != rates_.end()) return it->second;
  }
  auto grouping = GroupingFor(units, o);
  auto r = std::make_shared<const analytics::Rates>(
      analytics::ComputeRates(snap, snap.result, *grouping));
  std::lock_guard<std::mutex> lock(mu_);
  return rates_.emplace(key, std::move(r)).first->second;
}

std::shared_ptr<const std::string> RoundData::Body(const std::string& key,
                                                   const std::function<std::string()>& make) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = bodies_.find(key);
    if (it != bodies_.end()) return it->second;
  }
  auto body = std::make_shared<const std::string>(make());
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, added] = bodies_.emplace(key, std::move(body));
  if (added) {
    body_order_.push_back(key);
    if (body_order_.size() > kMaxBodies) {
      bodies_.erase(body_order_.front());
      body_order_.pop_front();
    }
  }
  return it->second;
}

std::shared_ptr<const std::vector<std::string>> RoundData::CommuneToday(
    const analytics::UnitCatalog& units, Date today) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = commune_today_.find(today.value);
    if (it != commune_today_.end()) return it->second;
  }
  auto out = std::make_shared<std::vector<std::string>>(locations.size());
  for (size_t i = 0; i < locations.size(); ++i) {
    const Location& l = locations[i];
    (*out)[i] = analytics::PlaceHousehold(units, l.province, l.commune, l.village, today,
                                          analytics::UnitLevel::kCommune);
  }
  std::lock_guard<std::mutex> lock(mu_);
  return commune_today_.emplace(today.value, std::move(out)).first->second;
}

namespace {

std::shared_ptr<const RoundData> Index(analytics::Snapshot snap) {
  auto d = std::make_shared<RoundData>();
  d->snap = std::move(snap);
  const core::Survey& s = d->snap.survey;
  const uint32_t n = s.household_count();
  d->by_id.resize(n);
  for (uint32_t h = 0; h < n; ++h) d->by_id[h] = h;
  std::sort(d->by_id.begin(), d->by_id.end(),
            [&](uint32_t a, uint32_t b) { return s.household_id(a) < s.household_id(b); });
  const auto& commune = s.households.Column(core::hh::kCommuneCode).strings;
  const auto& village = s.households.Column(core::hh::kVillageCode);
  const auto& province =
      s.households.Column(core::FieldIndex(core::Level::kHousehold, "province_code"));
  std::map<std::tuple<std::string_view, std::string_view, std::string_view>, uint32_t> seen;
  d->location_of.resize(n);
  for (uint32_t h = 0; h < n; ++h) {
    std::string_view p = province.present ? province.strings[h] : std::string_view();
    std::string_view v = village.present ? village.strings[h] : std::string_view();
    auto [it, added] =
        seen.emplace(std::make_tuple(p, commune[h], v), static_cast<uint32_t>(d->locations.size()));
    if (added) {
      d->locations.push_back({std::string(p), std::string(commune[h]), std::string(v)});
    }
    d->location_of[h] = it->second;
  }
  d->index = std::make_unique<const HouseholdIndex>(d->snap, d->by_id, d->location_of,
                                                    d->locations.size());
  return d;
}

}  // namespace

App::App(AppOptions options)
    : options_(std::move(options)),
      rounds_([this](store::Store& db,
                     const store::RoundInfo& round) -> Result<std::shared_ptr<const RoundData>> {
        ASSIGN_OR_RETURN(analytics::Snapshot snap, analytics::LoadSnapshot(db, round, standards_));
        return Index(std::move(snap));
      }) {}

Result<std::shared_ptr<const RoundData>> App::Round(store::Store& db, int year,
                                                    const std::string& kind) {
  return rounds_.Get(db, year, kind);
}

void App::StartWarmUp(WarmUpOptions options) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!warm_up_) warm_up_ = RoundWarmUp::Start(options_.db_url, rounds_, options);
}

void App::StopWarmUp() {
  std::lock_guard<std::mutex> lock(mu_);
  if (warm_up_) warm_up_->Stop();
}

const char* App::WarmUpState() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!warm_up_) return "off";
  return warm_up_->running() ? "running" : "done";
}

std::optional<Principal> App::Authenticate(const HttpRequest& req, store::Store& db) {
  std::string_view auth = req.Header("authorization");
  if (auth.substr(0, 7) == "Bearer ") {
    auto t = db.FindApiToken(TokenHash(auth.substr(7)));
    Role role;
    if (!t.ok() || t->user.disabled || !ParseRole(t->user.role, &role)) return std::nullopt;
    return Principal{t->user.id, t->user.username, role, t->user.unit_code, true, ""};
  }
  std::string token = req.Cookie(kSessionCookie);
  if (token.empty()) return std::nullopt;
  const std::string hash = TokenHash(token);
  auto s = db.FindSession(hash);
  if (!s.ok()) return std::nullopt;
  const int64_t now = Now();
  Role role;
  if (s->user.disabled || !ParseRole(s->user.role, &role) ||
      store::SessionExpired(*s, options_.session_idle.count(), options_.session_absolute.count(),
                            now)) {
    (void)db.DeleteSession(hash);
    return std::nullopt;
  }
  // Not a write per request: once a while, well within the idle limit.
  const int64_t touch_every = std::min<int64_t>(30, options_.session_idle.count() / 3);
  if (now - s->last_seen >= touch_every) (void)db.TouchSession(hash, now);
  return Principal{s->user.id, s->user.username, role, s->user.unit_code, false, s->csrf_token};
}

HttpResponse App::Handle(const HttpRequest& req) {
  if (!IsApiPath(req.path)) return ServeWeb(req);  // the embedded web app (routes_web.hpp)
  Router::Match m = router_.Find(req.method, req.path);
  if (!m.route) {
    if (m.path_known) {
      HttpResponse r = ErrorResponse(405, "method_not_allowed", "method not allowed here");
      r.headers.emplace_back("Allow", m.allowed);
      return r;
    }
    return ErrorResponse(404, "not_found", "no such resource: " + req.path);
  }
  Call call(req, *this, std::move(m.params), RequestLang(req));
  try {
    const Route& route = *m.route;
    call.who = Authenticate(req, call.db());
    HttpResponse out;
    if (route.permission != Permission::kPublic && !call.who) {
      out = ErrorResponse(401, "unauthenticated", "sign in first (POST /api/session)");
    } else if (route.permission != Permission::kPublic && call.who && !call.who->api_token &&
               req.method != "GET" && req.method != "HEAD" && !call.who->csrf_token.empty() &&
               !SecretsEqual(req.Header("x-csrf-token"), call.who->csrf_token)) {
      (void)call.Audit("request.denied", route.method + " " + route.pattern, "csrf");
      out = ErrorResponse(403, "csrf", "missing or wrong X-CSRF-Token header");
    } else if (call.who && !Allows(call.who->role, route.permission)) {
      (void)call.Audit("request.denied", route.method + " " + route.pattern,
                       std::string(PermissionId(route.permission)));
      out = ErrorResponse(
          403, "permission_denied",
          "your role may not do this (" + std::string(PermissionId(route.permission)) + ")");
    } else {
      Result<HttpResponse> r = route.handler(call);
      out = r.ok() ? std::move(*r) : ErrorResponse(r.status());
    }
    for (auto& h : call.set_headers) out.headers.push_back(std::move(h));
    if (call.who) out.headers.emplace_back("X-Lnob-User", call.who->username);
    return out;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lnob serve: %s\n", e.what());
    return ErrorResponse(503, "unavailable", "the registry is not available; try again");
  }
}

}  // namespace lnob::server
