// The registry: administrative units with their history, review rounds, survey answers and
// classification results, in SQLite or PostgreSQL behind one class.
//
//   ASSIGN_OR_RETURN(auto store, Store::Open("sqlite:var/lnob.db"));
//   RETURN_IF_ERROR(store->Init());                                   // migrations
//   ASSIGN_OR_RETURN(RoundInfo round, store->OpenRound({2024, "periodic", Date{20241001},
//                                                       "vn-2022-2025"}));
//   ASSIGN_OR_RETURN(ImportSummary s, store->ImportSurvey(round, survey, {}));   // one transaction
//   ASSIGN_OR_RETURN(core::Survey stored, store->LoadSurvey(round));
//   ASSIGN_OR_RETURN(int64_t run, store->SaveClassification(round, stored, result, {}));
//
// Nothing is rewritten: a re-import closes the changed households' answer rows and adds new ones;
// a re-classification adds a run and keeps the earlier ones. Every write is one transaction.
// Thread-safety: one Store per thread (it owns one database connection).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/date.hpp"
#include "common/result.hpp"
#include "core/classifier.hpp"
#include "core/survey.hpp"
#include "core/target.hpp"
#include "store/sql.hpp"

namespace lnob::store {

// ---- administrative units ----

// One version of a unit: a rename or a new parent closes a version and opens the next.
struct UnitRecord {
  std::string code;
  std::string name;
  std::string kind;  // province, district, commune, ward, township, village, residential_group
  std::string parent_code;  // empty for a province
  std::string province_code;
  Date valid_from;
  std::optional<Date> valid_to;  // last day in force; empty while in force
};

// A change of units: merge, split, rename, reparent, create or dissolve, on a date.
struct UnitEvent {
  std::string kind;
  Date date;
  std::vector<std::string> from;  // codes before
  std::vector<std::string> to;    // codes after
  std::string note;               // e.g. the resolution that decided it
};

struct UnitView {
  UnitRecord unit;                    // the version in force on the date asked
  std::vector<UnitRecord> ancestors;  // parent, grandparent, ... on that date
  std::vector<UnitEvent> came_from;   // events that produced this code
  std::vector<UnitEvent> became;      // events that ended or changed this code
};

// ---- rounds, imports, results ----

struct RoundSpec {
  int year = 0;
  std::string kind = "periodic";  // periodic | regular
  Date reference_date;
  std::string standard_id;
};

struct RoundInfo {
  int64_t id = 0;
  int year = 0;
  std::string kind;
  Date reference_date;
  std::string standard_id;
  std::string status;
};

struct ImportOptions {
  std::string author = "cli";
  std::string households_file;
  std::string members_file;
  std::string province_code;  // used when neither the file nor the units say it
  std::function<void(uint64_t done, uint64_t total)> progress;  // households written
};

struct ImportSummary {
  int64_t import_id = 0;
  uint32_t households = 0, members = 0;
  uint32_t added = 0, changed = 0, unchanged = 0, removed = 0;
};

// The same citizen ID twice in one round: where each is.
struct DuplicateId {
  std::string national_id_masked;  // last 4 digits only
  std::string
      first;  // "members.csv line 12 (household H1, member 2)" or "round 2024, household H7"
  std::string second;
};

// A likely duplicate person found by `lnob duplicates`.
struct DuplicateCandidate {
  std::string reason;  // "same citizen ID" | "same name and birth date in commune C"
  std::string household_a, member_a, household_b, member_b;
};

// One version of a household's answers: where it lived and who was in it, in a round.
struct AnswerVersion {
  int year = 0;
  std::string round_kind;
  int64_t import_id = 0;
  bool current = false;  // false: replaced by a later import of the same round
  std::string commune_code, village_code;
  std::vector<std::string> member_ids;
};

// Where a citizen ID is found (the ID itself is not repeated: callers show it masked).
struct CitizenIdHit {
  int year = 0;
  std::string household_id, member_id;
};

// One household's stored result (see SaveClassification).
struct StoredResult {
  int64_t answer_id = 0;
  std::string standard_id;
  core::Category category = core::Category::kNotPoor;
  int deprivation_count = 0;
  std::string deprived;  // indicator ids joined by ';'
  int64_t income_line = 0;
};

// A classification run and its results, in answer id order.
struct StoredRun {
  int64_t run_id = 0;
  std::string standard_id;
  int standard_version = 0;
  std::string parameters;  // overrides as given, e.g. "line.rural=2200000"
  std::string classified_at;
  std::vector<StoredResult> results;
};

// A household's result in one round (the round's latest run, current answers).
struct HouseholdRoundResult {
  int year = 0;
  std::string kind;
  std::string standard_id;
  core::Category category = core::Category::kNotPoor;
  int deprivation_count = 0;
  std::string deprived;                                   // indicator ids joined by ';'
  std::string province_code, commune_code, village_code;  // where it lived in that round
};

// A household's category in a round and where it lived then.
struct HouseholdCategory {
  std::string household_id;
  core::Category category = core::Category::kNotPoor;
  std::string province_code, commune_code, village_code;
  auto operator<=>(const HouseholdCategory&) const = default;
};

// The households of a round's latest run at one place (province, commune, village codes as
// answered; empty when not answered), counted by category.
struct PlaceCount {
  std::string province_code, commune_code, village_code;
  uint64_t households = 0, poor = 0, near_poor = 0;
  auto operator<=>(const PlaceCount&) const = default;
};

struct ClassifyRecord {
  std::string author = "cli";
  std::string parameters;  // overrides as text, e.g. "line.rural=2200000"
};

// ---- accounts, sessions, API tokens, audit (accounts_store.cpp, audit_store.cpp) ----

// A user of the web app or the API, bound to one administrative unit.
struct UserRecord {
  int64_t id = 0;
  std::string username;
  std::string role;           // a server::RoleId ("commune_officer", ...)
  std::string unit_code;      // the unit the user sees and changes
  std::string password_hash;  // argon2id string (server/password.hpp); never the password
  bool disabled = false;
  std::string created_at;   // UTC ISO
  std::string disabled_at;  // UTC ISO; empty while enabled
};

// A signed-in session, found by the hash of its token.
struct SessionRecord {
  UserRecord user;
  std::string csrf_token;
  int64_t created_at = 0;  // unix seconds
  int64_t last_seen = 0;   // unix seconds
  std::string remote;
};

// True when `s` has been idle for at least `idle_limit` seconds or has lived for at least
// `absolute_limit` seconds at `now`: the rule that DeleteExpiredSessions applies in the database.
inline bool SessionExpired(const SessionRecord& s, int64_t idle_limit, int64_t absolute_limit,
                           int64_t now) {
  return now - s.last_seen >= idle_limit || now - s.created_at >= absolute_limit;
}

// An API token of a machine client, acting with the role and unit of `user`.
struct ApiTokenRecord {
  int64_t id = 0;
  std::string name;
  UserRecord user;
  std::string created_at;  // UTC ISO
};

// What happened, as the caller states it. Never a citizen ID or a health value (quality.md).
struct AuditEntry {
  std::string actor;   // a username, "cli", or "token:<name>"
  std::string action;  // e.g. "user.add", "session.sign_in", "household.read"
  std::string target;  // what it was done to
  std::string detail;
  std::string remote;  // client address; empty for the command line
};

// An entry of the audit log as stored: its place in the chain and its hash.
struct AuditRecord {
  int64_t id = 0;
  std::string at;  // UTC ISO
  AuditEntry entry;
  std::string prev_hash, hash;  // hex SHA-256
};

// Which entries QueryAudit returns; empty fields do not filter.
struct AuditFilter {
  std::string actor, action;
  std::string since;  // UTC ISO date or time, inclusive ("2025-01-31" or "2025-01-31T08:00:00Z")
  std::string until;  // UTC ISO date or time, exclusive
  int limit = 100;
};

class Store {
 public:
  // Opens the database at `url` (see Database::Open). FailedPrecondition when its schema is newer
  // than this lnob.
  static Result<std::unique_ptr<Store>> Open(const std::string& url);

  Database& db() { return *db_; }

  // Applies missing migrations; returns how many.
  Result<int> Init();
  // Database integrity plus lnob's own invariants (one current answer row per household and
  // round, one head per household version, results pointing at answers of their round).
  // Returns the problems found; empty when healthy.
  Result<std::vector<std::string>> Check();

  // Units: adds versions and events in one transaction (AlreadyExists for a version already there).
  Status ImportUnits(const std::vector<UnitRecord>& units, const std::vector<UnitEvent>& events);
  // NotFound when no version of `code` is in force on `on`.
  Result<UnitView> ShowUnit(const std::string& code, Date on);
  // The province code of the unit `code` in force on `on`, or NotFound.
  Result<std::string> ProvinceOf(const std::string& code, Date on);
  // The codes in force on `on` whose territory lies in `code` (itself on that date, or the units
  // it was formed from / became, followed through the lineage): how a figure of one date is stated
  // under the boundaries of another.
  Result<std::vector<std::string>> CodesOnDate(const std::string& code, Date on);

  // Returns the round (year, kind), creating it from `spec` when absent. FailedPrecondition when it
  // exists with another standard or reference date.
  Result<RoundInfo> OpenRound(const RoundSpec& spec);
  // NotFound when there is no such round.
  Result<RoundInfo> FindRound(int year, const std::string& kind = "periodic");

  // Stores the survey as the round's answers, in one transaction: households of the file are
  // added, changed (old answer row closed, new one added) or left unchanged; households of the
  // same communes that the file no longer lists are closed (removed). InvalidArgument listing
  // `duplicates` when a citizen ID appears twice in the round (nothing stored).
  Result<ImportSummary> ImportSurvey(const RoundInfo& round, const core::Survey& survey,
                                     const ImportOptions& options,
                                     std::vector<DuplicateId>* duplicates);

  // The round's current answers as a Survey (households ordered by id). `commune` filters.
  Result<core::Survey> LoadSurvey(const RoundInfo& round, const std::string& commune = "");

  // Stores a classification run of `survey` (loaded by LoadSurvey) and returns its id.
  Result<int64_t> SaveClassification(const RoundInfo& round, const core::Survey& survey,
                                     const core::Classification& result,
                                     const ClassifyRecord& record);

  // The households of `round` (current answers) that lie in unit `code` as it is drawn on the
  // round's reference date: a commune formed in June 2025 holds, for the 2024 round, the households
  // of the communes it was formed from; a commune merged away holds, for 2025, those of the
  // commune it became part of (a superset: the caller states the boundaries used).
  // Returns household ids in id order; NotFound when the code has no version on any date.
  Result<std::vector<std::string>> HouseholdsUnder(const RoundInfo& round, const std::string& code);

  // Every version of a household's answers, oldest round first: a move to another village, a
  // member who joined or left, a corrected import. NotFound when the household is unknown.
  Result<std::vector<AnswerVersion>> HouseholdHistory(const std::string& household_id);

  // The current answers of every round that list this citizen ID.
  Result<std::vector<CitizenIdHit>> FindCitizenId(const std::string& national_id);

  // Every version of every unit (by code, then date) and every unit event (by date): for
  // in-memory lookups over a whole province or country (analytics::UnitCatalog).
  Result<std::vector<UnitRecord>> AllUnits();
  Result<std::vector<UnitEvent>> AllUnitEvents();
  // Every round, by year then kind.
  Result<std::vector<RoundInfo>> ListRounds();
  // The id of the latest classification run of `round`, 0 when it has none (cheap: no results).
  Result<int64_t> LatestRunId(const RoundInfo& round);
  // The latest classification run of `round` with its results. NotFound, saying how to classify
  // the round, when it has none.
  Result<StoredRun> LatestRun(const RoundInfo& round);

  // Each household's category in the latest run of `round` and where it lived (current answers
  // only), by household id. NotFound (saying how to classify) when the round has no run.
  Result<std::vector<HouseholdCategory>> RoundCategories(const RoundInfo& round);
  // The same households counted by place in the database (a province has thousands of villages,
  // not hundreds of thousands of households to send), by place. NotFound as RoundCategories.
  Result<std::vector<PlaceCount>> RoundPlaceCounts(const RoundInfo& round);

  // The household's result in every classified round, oldest first (empty when none).
  Result<std::vector<HouseholdRoundResult>> HouseholdResults(const std::string& household_id);

  // Adds the targets, replacing those with the same id, in one transaction.
  Status SaveTargets(const std::vector<core::Target>& targets);
  // Every target, by id.
  Result<std::vector<core::Target>> ListTargets();

  // Likely duplicate persons in a round.
  Result<std::vector<DuplicateCandidate>> FindDuplicates(const RoundInfo& round);

  // ---- accounts (accounts_store.cpp) ----
  // Times that decide something (session expiry, throttling) are passed in as unix seconds; the
  // store never reads the clock for them.

  // Adds a user and returns its id. `username`: 3-64 of a-z 0-9 . _ - (InvalidArgument
  // otherwise); AlreadyExists when the name is taken (also by a disabled user).
  Result<int64_t> AddUser(const std::string& username, const std::string& role,
                          const std::string& unit_code, const std::string& password_hash);
  // NotFound when there is no such user.
  Result<UserRecord> FindUser(const std::string& username);
  Result<UserRecord> FindUserById(int64_t id);
  // Every user, by username (disabled ones included).
  Result<std::vector<UserRecord>> ListUsers();
  // Disables the user, ends all their sessions and revokes all their API tokens, in one
  // transaction. OK when already disabled; NotFound when there is no such user.
  Status DisableUser(const std::string& username);
  // Replaces the user's password hash and ends all their sessions, in one transaction; returns
  // how many sessions ended. NotFound when there is no such user.
  Result<int64_t> SetPasswordHash(const std::string& username, const std::string& password_hash);
  // True when some version (any date) of unit `code` is in the registry.
  Result<bool> UnitKnown(const std::string& code);

  // Stores a new session. AlreadyExists when the token hash is already used; NotFound when
  // there is no such user; FailedPrecondition when the user is disabled.
  Status CreateSession(int64_t user_id, const std::string& token_hash, const std::string& csrf,
                       int64_t now, const std::string& remote);
  // The session and its user. NotFound when unknown, or when its user is disabled. Does not judge
  // expiry: the caller applies SessionExpired.
  Result<SessionRecord> FindSession(const std::string& token_hash);
  // Sets last_seen to `now`. NotFound when the session is gone.
  Status TouchSession(const std::string& token_hash, int64_t now);
  // Ends one session (OK when it is already gone).
  Status DeleteSession(const std::string& token_hash);
  // Ends every session of the user; returns how many.
  Result<int64_t> DeleteSessionsOf(int64_t user_id);
  // Ends the sessions that SessionExpired judges expired at `now`; returns how many.
  Result<int64_t> DeleteExpiredSessions(int64_t idle_limit, int64_t absolute_limit, int64_t now);

  // Stores an API token (by its hash) acting as `user_id`; returns its id. AlreadyExists when an
  // active token has that name (or the hash is used); NotFound when there is no such user;
  // FailedPrecondition when the user is disabled.
  Result<int64_t> AddApiToken(const std::string& name, const std::string& token_hash,
                              int64_t user_id);
  // The active token with this hash and its user. NotFound when unknown, revoked, or its user is
  // disabled.
  Result<ApiTokenRecord> FindApiToken(const std::string& token_hash);
  // Revokes the active token named `name`. NotFound when there is none.
  Status RevokeApiToken(const std::string& name);

  // Sign-in failures, counted per key ("user:<name>" or "addr:<ip>") for throttling.
  Status RecordLoginFailure(const std::string& key, int64_t now);
  // Failures of `key` at or after `since`.
  Result<int64_t> CountLoginFailures(const std::string& key, int64_t since);
  // Forgets the failures of `key` (after a successful sign-in).
  Status ClearLoginFailures(const std::string& key);
  // Forgets every failure older than `before`; returns how many.
  Result<int64_t> PruneLoginFailures(int64_t before);

  // ---- audit log (audit_store.cpp) ----

  // Appends an entry dated `at` (UTC ISO) to the hash chain and returns its id (1, 2, ...):
  // hash = SHA-256 of the previous hash, the id, `at` and every field, each length-prefixed; the
  // first entry links to 64 zeros. The read of the chain's head and the insert are one
  // transaction (PostgreSQL: the head row locked FOR UPDATE; SQLite: BEGIN IMMEDIATE), so
  // concurrent appenders, from any process, keep one chain. DataLoss when the stored head is
  // inconsistent with the log (an entry was planted after the head).
  Result<int64_t> AppendAudit(const AuditEntry& entry, const std::string& at);
  // Appends `entries` (each with its UTC ISO time) in this order, in one transaction: all or none
  // (group commit: one durable commit for many). Returns the id of the last; InvalidArgument when
  // one lacks a time, an actor or an action (nothing written); otherwise as AppendAudit.
  Result<int64_t> AppendAuditBatch(const std::vector<std::pair<AuditEntry, std::string>>& entries);
  // Checks every entry's hash and link and that the log ends where its head says. Returns the
  // number of entries checked; DataLoss naming the first entry that was changed, removed or
  // planted (an empty log is 0, OK).
  Result<int64_t> VerifyAudit();
  // Entries matching `filter`, newest first, at most filter.limit (InvalidArgument when < 1).
  Result<std::vector<AuditRecord>> QueryAudit(const AuditFilter& filter);

 private:
  explicit Store(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  std::unique_ptr<Database> db_;
};

}  // namespace lnob::store
