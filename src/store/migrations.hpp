// The database schema as numbered, append-only migrations, shared by SQLite and PostgreSQL.
//
//   RETURN_IF_ERROR(Migrate(db));   // applies what is missing, each in its own transaction
//
// Never edit or renumber a migration that has shipped: add the next one. Persisted enumeration
// codes (area, water_source, category, ...) are the indices of core/schema.hpp and never change.
// Dates are stored as yyyymmdd integers (a year-only birth date is yyyy0000), money as integer dong.
// Thread-safety: functions only.
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"
#include "store/sql.hpp"

namespace lnob::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;  // "{id}" stands for the dialect's auto-increment primary key column type
};

// All migrations, in order.
const std::vector<Migration>& Migrations();

// Applies every migration newer than the database's. Returns the number applied, or the error of
// the one that failed (its transaction rolled back, earlier ones kept).
Result<int> Migrate(Database& db);

// The highest version applied, 0 for an empty database.
Result<int> SchemaVersion(Database& db);

}  // namespace lnob::store
