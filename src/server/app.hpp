// The server application: the router with every route, the access check, the registry
// connections, the units and the round snapshots it keeps in memory. `lnob serve` wraps it in an
// HttpServer.
//
//   ASSIGN_OR_RETURN(auto app, App::Create({.db_url = "sqlite:var/lnob.db"}));
//   app->StartWarmUp();   // every classified round into memory, in the background
//   ASSIGN_OR_RETURN(auto http, HttpServer::Start(options, [&](const HttpRequest& r) {
//     return app->Handle(r);
//   }));
//
// Handle: match the route (404/405), authenticate (session cookie or API token; 401), check CSRF on
// every state change made with a session (403), check the route's permission (403, audited),
// run the handler, map its error to JSON in one place. Handlers scope every household through
// Call::scope() and render personal fields through FieldsFor(role).
// Thread-safety: Handle is called from several threads at once; everything it shares is locked.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analytics/grouping.hpp"
#include "analytics/rates.hpp"
#include "analytics/snapshot.hpp"
#include "analytics/unit_catalog.hpp"
#include "server/access.hpp"
#include "server/api.hpp"
#include "server/audit_writer.hpp"
#include "server/household_index.hpp"
#include "server/http.hpp"
#include "server/round_cache.hpp"
#include "server/round_warm_up.hpp"
#include "server/router.hpp"
#include "store/store.hpp"

namespace lnob::server {

// The session cookie: a random token (only its hash is stored), HttpOnly, SameSite=Strict.
inline constexpr const char* kSessionCookie = "lnob_session";

struct AppOptions {
  std::string db_url;
  std::chrono::seconds session_idle{30 * 60};        // sign-in again after 30 idle minutes
  std::chrono::seconds session_absolute{12 * 3600};  // and after 12 hours in any case
  int max_failures_per_user = 5;                     // within failure_window
  int max_failures_per_address = 20;
  std::chrono::seconds failure_window{15 * 60};
  // Overrides the clock (tests); empty: the system clock, unix seconds.
  std::function<int64_t()> now;
};

class App;

// A round held by the server: its snapshot and the indexes requests need.
// Not movable once built: `index` refers to the other members.
struct RoundData {
  analytics::Snapshot snap;
  std::vector<uint32_t> by_id;  // household indices sorted by household id (bytes)
  struct Location {
    std::string province, commune, village;
  };
  std::vector<Location> locations;    // distinct places of the round's households
  std::vector<uint32_t> location_of;  // per household: index into locations
  // The households per location and category in id order, name keys, citizen IDs (search).
  std::unique_ptr<const HouseholdIndex> index;

  // The index of household `id`, or -1.
  int64_t Find(std::string_view id) const;
  // Per location: whether `scope` holds it (computed once per unit and date, then kept).
  std::shared_ptr<const std::vector<uint8_t>> Visible(const Scope& scope) const;
  // The grouping of the round's households (computed once per options, then kept).
  std::shared_ptr<const analytics::Grouping> GroupingFor(
      const analytics::UnitCatalog& units, const analytics::GroupingOptions& options) const;
  // The round's rates by that grouping (computed once per options, then kept).
  std::shared_ptr<const analytics::Rates> RatesFor(const analytics::UnitCatalog& units,
                                                   const analytics::GroupingOptions& options) const;
  // A rendered answer kept with the round under `key` (made once by `make`; at most
  // kMaxBodies kept, the oldest dropped first). The key must name everything the answer
  // depends on (options, the caller's unit and date, the language).
  static constexpr size_t kMaxBodies = 512;
  std::shared_ptr<const std::string> Body(const std::string& key,
                                          const std::function<std::string()>& make) const;
  // Per location: its commune under the units of `today` (computed once per date).
  std::shared_ptr<const std::vector<std::string>> CommuneToday(const analytics::UnitCatalog& units,
                                                               Date today) const;

 private:
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const std::vector<uint8_t>>> visible_;
  mutable std::map<std::string, std::shared_ptr<const analytics::Grouping>> groupings_;
  mutable std::map<std::string, std::shared_ptr<const analytics::Rates>> rates_;
  mutable std::map<int32_t, std::shared_ptr<const std::vector<std::string>>> commune_today_;
  mutable std::map<std::string, std::shared_ptr<const std::string>> bodies_;
  mutable std::deque<std::string> body_order_;  // keys of bodies_, oldest first
};

// A store connection leased for one request and returned to the pool afterwards.
class StoreLease {
 public:
  StoreLease(App* app, std::unique_ptr<store::Store> s) : app_(app), store_(std::move(s)) {}
  StoreLease(StoreLease&&) = default;
  ~StoreLease();
  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }

 private:
  App* app_;
  std::unique_ptr<store::Store> store_;
};

// One request being handled.
struct Call {
  Call(const HttpRequest& r, App& a, std::map<std::string, std::string> p, Lang l)
      : req(r), app(a), params(std::move(p)), lang(l) {}

  const HttpRequest& req;
  App& app;
  std::map<std::string, std::string> params;  // path parameters
  std::optional<Principal> who;               // null on public routes when not signed in
  Lang lang = Lang::kVi;
  std::vector<std::pair<std::string, std::string>> set_headers;  // e.g. Set-Cookie

  const std::string& Param(const std::string& name) const { return params.at(name); }
  // The caller's scope (signed-in routes only).
  const Scope& scope();
  // A store connection for this call.
  store::Store& db();
  // Appends to the audit trail (actor: the caller; remote: the peer address). Errors are returned:
  // an action that cannot be recorded is not done.
  // The entry is written by the app's AuditWriter together with those of concurrent requests.
  Status Audit(std::string_view action, std::string_view target, std::string_view detail = "");
  // Queues the entry and returns at once: Wait() on the ticket before answering (the work between
  // the two overlaps the commit).
  AuditWriter::Ticket SubmitAudit(std::string_view action, std::string_view target,
                                  std::string_view detail = "");

 private:
  std::optional<Scope> scope_;
  std::optional<StoreLease> lease_;
  std::shared_ptr<const analytics::UnitCatalog> units_;
};

class App {
 public:
  static Result<std::unique_ptr<App>> Create(AppOptions options);

  HttpResponse Handle(const HttpRequest& req);
  const Router& router() const { return router_; }
  const AppOptions& options() const { return options_; }
  int64_t Now() const;
  Date Today() const;

  Result<StoreLease> Lease();
  std::shared_ptr<const analytics::UnitCatalog> units();
  // Reads the units again (after an import of units).
  Status ReloadUnits();
  // The round's snapshot as of its latest classification run, loaded once and kept until a newer
  // run appears (RoundCache: a load under way is waited for). NotFound / FailedPrecondition as
  // LoadSnapshot.
  Result<std::shared_ptr<const RoundData>> Round(store::Store& db, int year,
                                                 const std::string& kind);
  // Starts loading every classified round in the background, newest first (RoundWarmUp); call
  // once, after Create. The App's destructor stops it.
  void StartWarmUp(WarmUpOptions options = {});
  // Asks the warm-up to stop before its next round (a load under way is not cut); returns at once.
  // For the HTTP server's on_stop: requests in flight then load what they need themselves.
  void StopWarmUp();
  // "off" (not started), "running", or "done" (every round tried, or stopped).
  const char* WarmUpState() const;
  // Every round of the registry and where its load stands. The registry's errors.
  Result<std::vector<RoundLoadState>> RoundStates(store::Store& db) { return rounds_.States(db); }
  const std::vector<core::StandardPtr>& standards() const { return standards_; }
  // The audit trail's writer (one thread, group commit).
  AuditWriter& audit() { return *audit_; }

 private:
  friend class StoreLease;
  explicit App(AppOptions options);
  void Release(std::unique_ptr<store::Store> s);
  std::optional<Principal> Authenticate(const HttpRequest& req, store::Store& db);

  AppOptions options_;
  Router router_;
  std::vector<core::StandardPtr> standards_;
  mutable std::mutex mu_;  // guards the pool, the units and warm_up_
  std::vector<std::unique_ptr<store::Store>> pool_;
  std::shared_ptr<const analytics::UnitCatalog> units_;
  RoundCache rounds_;
  std::unique_ptr<AuditWriter> audit_;  // its own connection
  // Declared last, so destroyed first: it uses rounds_.
  std::unique_ptr<RoundWarmUp> warm_up_;
};

// Route registration, one file each (routes_*.cpp).
void AddSessionRoutes(Router& r);
void AddUnitRoutes(Router& r);
void AddHouseholdRoutes(Router& r);
void AddReportRoutes(Router& r);
void AddImportRoutes(Router& r);
void AddAdminRoutes(Router& r);

}  // namespace lnob::server
