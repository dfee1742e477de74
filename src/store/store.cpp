#include "store/store.hpp"

#include "store/migrations.hpp"

namespace lnob::store {

Result<std::unique_ptr<Store>> Store::Open(const std::string& url) {
  ASSIGN_OR_RETURN(auto db, Database::Open(url));
  ASSIGN_OR_RETURN(int version, SchemaVersion(*db));
  int known = Migrations().back().version;
  if (version > known) {
    return FailedPrecondition("the database was written by a newer lnob (schema " +
                              std::to_string(version) + ", this lnob knows " +
                              std::to_string(known) + "); upgrade lnob");
  }
  return std::unique_ptr<Store>(new Store(std::move(db)));
}

Result<int> Store::Init() {
  return Migrate(*db_);
}

Result<std::vector<std::string>> Store::Check() {
  ASSIGN_OR_RETURN(std::vector<std::string> problems, db_->IntegrityCheck());
  ASSIGN_OR_RETURN(int version, SchemaVersion(*db_));
  if (version < Migrations().back().version) {
    problems.push_back("the schema is at version " + std::to_string(version) +
                       "; run `lnob db init` to bring it to " +
                       std::to_string(Migrations().back().version));
    return problems;
  }
  struct Invariant {
    const char* what;
    const char* sql;  // returns one row per problem, first column a description
  };
  const Invariant invariants[] = {
      {"households with more than one current answer row in a round",
       "SELECT household_id FROM household_answers WHERE superseded_by IS NULL "
       "GROUP BY round_id, household_id HAVING COUNT(*) > 1"},
      {"answer rows with no member",
       "SELECT a.household_id FROM household_answers a WHERE NOT EXISTS "
       "(SELECT 1 FROM member_answers m WHERE m.answer_id = a.id)"},
      {"answer rows without exactly one head",
       "SELECT a.household_id FROM household_answers a JOIN member_answers m ON m.answer_id = a.id "
       "GROUP BY a.id, a.household_id HAVING SUM(CASE WHEN m.relation = 0 THEN 1 ELSE 0 END) <> 1"},
      {"results whose answers belong to another round",
       "SELECT c.household_id FROM classifications c JOIN classification_runs r ON r.id = c.run_id "
       "JOIN household_answers a ON a.id = c.answer_id WHERE a.round_id <> r.round_id"},
      {"imports whose counts do not add up",
       "SELECT CAST(id AS TEXT) FROM imports WHERE added + changed + unchanged <> households"},
  };
  for (const Invariant& inv : invariants) {
    ASSIGN_OR_RETURN(auto st, db_->Prepare(inv.sql));
    int n = 0;
    std::string sample;
    while (true) {
      ASSIGN_OR_RETURN(bool row, st->Next());
      if (!row) break;
      if (n++ < 3) sample += (sample.empty() ? "" : ", ") + std::string(st->ColumnText(0));
    }
    if (n > 0)
      problems.push_back(std::string(inv.what) + ": " + std::to_string(n) + " (" + sample +
                         (n > 3 ? ", ..." : "") + ")");
  }
  return problems;
}

}  // namespace lnob::store
