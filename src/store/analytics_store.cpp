// Whole-table reads for the analytics snapshot: units, events, rounds and stored results.
#include <algorithm>
#include <unordered_map>

#include "store/store.hpp"
#include "store/units_sql.hpp"

namespace lnob::store {

using internal::EachRow;

Result<std::vector<UnitRecord>> Store::AllUnits() {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT code, name, kind, parent_code, province_code, "
                                         "valid_from, valid_to FROM units ORDER BY code, "
                                         "valid_from"));
  return internal::ReadUnits(st.get());
}

Result<std::vector<UnitEvent>> Store::AllUnitEvents() {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT e.id, e.kind, e.event_date, e.note, l.role, "
                                         "l.code FROM unit_events e JOIN unit_event_links l ON "
                                         "l.event_id = e.id ORDER BY e.event_date, e.id, l.role, "
                                         "l.code"));
  return internal::ReadEvents(st.get());
}

Result<std::vector<RoundInfo>> Store::ListRounds() {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT id, year, kind, reference_date, standard_id, "
                                         "status FROM rounds ORDER BY year, kind"));
  std::vector<RoundInfo> out;
  RETURN_IF_ERROR(EachRow(st.get(), [&] {
    RoundInfo& r = out.emplace_back();
    r.id = st->ColumnInt(0);
    r.year = static_cast<int>(st->ColumnInt(1));
    r.kind = st->ColumnText(2);
    r.reference_date = internal::DateAt(st.get(), 3);
    r.standard_id = st->ColumnText(4);
    r.status = st->ColumnText(5);
  }));
  return out;
}

Result<std::vector<HouseholdRoundResult>> Store::HouseholdResults(const std::string& household_id) {
  ASSIGN_OR_RETURN(
      auto st,
      db_->Prepare("SELECT r.year, r.kind, c.standard_id, c.category, c.deprivation_count, "
                   "c.deprived, a.province_code, a.commune_code, a.village_code FROM "
                   "classifications c JOIN classification_runs cr ON cr.id = "
                   "c.run_id JOIN rounds r ON r.id = cr.round_id JOIN household_answers a ON a.id "
                   "= c.answer_id WHERE c.household_id = ? AND a.superseded_by IS NULL AND cr.id "
                   "= (SELECT max(id) FROM classification_runs WHERE round_id = r.id) ORDER BY "
                   "r.year, r.kind"));
  st->BindText(1, household_id);
  std::vector<HouseholdRoundResult> out;
  RETURN_IF_ERROR(EachRow(st.get(), [&] {
    HouseholdRoundResult& h = out.emplace_back();
    h.year = static_cast<int>(st->ColumnInt(0));
    h.kind = st->ColumnText(1);
    h.standard_id = st->ColumnText(2);
    h.category = static_cast<core::Category>(st->ColumnInt(3));
    h.deprivation_count = static_cast<int>(st->ColumnInt(4));
    h.deprived = st->ColumnText(5);
    if (!st->ColumnIsNull(6)) h.province_code = st->ColumnText(6);
    h.commune_code = st->ColumnText(7);
    if (!st->ColumnIsNull(8)) h.village_code = st->ColumnText(8);
  }));
  return out;
}

Result<int64_t> Store::LatestRunId(const RoundInfo& round) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT max(id) FROM classification_runs WHERE "
                                         "round_id = ?"));
  st->BindInt(1, round.id);
  ASSIGN_OR_RETURN(bool got, st->Next());
  return !got || st->ColumnIsNull(0) ? int64_t{0} : st->ColumnInt(0);
}

Result<StoredRun> Store::LatestRun(const RoundInfo& round) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT id, standard_id, standard_version, parameters, "
                                         "classified_at FROM classification_runs WHERE "
                                         "round_id = ? ORDER BY id DESC LIMIT 1"));
  st->BindInt(1, round.id);
  ASSIGN_OR_RETURN(bool found, st->Next());
  if (!found) {
    return NotFound("round " + std::to_string(round.year) +
                    " has not been classified yet; run lnob classify --db URL --round " +
                    std::to_string(round.year));
  }
  StoredRun run;
  run.run_id = st->ColumnInt(0);
  run.standard_id = st->ColumnText(1);
  run.standard_version = static_cast<int>(st->ColumnInt(2));
  run.parameters = st->ColumnText(3);
  run.classified_at = st->ColumnText(4);
  ASSIGN_OR_RETURN(auto rows, db_->Prepare("SELECT answer_id, standard_id, category, "
                                           "deprivation_count, deprived, income_line FROM "
                                           "classifications WHERE run_id = ? ORDER BY answer_id"));
  rows->BindInt(1, run.run_id);
  RETURN_IF_ERROR(EachRow(rows.get(), [&] {
    StoredResult& r = run.results.emplace_back();
    r.answer_id = rows->ColumnInt(0);
    r.standard_id = rows->ColumnText(1);
    r.category = static_cast<core::Category>(rows->ColumnInt(2));
    r.deprivation_count = static_cast<int>(rows->ColumnInt(3));
    r.deprived = rows->ColumnText(4);
    r.income_line = rows->ColumnInt(5);
  }));
  return run;
}

namespace {

Status NotClassified(const RoundInfo& round) {
  return NotFound("round " + std::to_string(round.year) +
                  " has not been classified yet; run lnob classify --db URL --round " +
                  std::to_string(round.year));
}

}  // namespace

Result<std::vector<PlaceCount>> Store::RoundPlaceCounts(const RoundInfo& round) {
  ASSIGN_OR_RETURN(int64_t run, LatestRunId(round));
  if (run == 0) return NotClassified(round);
  // Counted here rather than by GROUP BY: SQLite would sort every row first.
  ASSIGN_OR_RETURN(auto rows,
                   db_->Prepare("SELECT a.province_code, a.commune_code, a.village_code, "
                                "c.category FROM classifications c JOIN "
                                "household_answers a ON a.id = c.answer_id WHERE "
                                "c.run_id = ? AND a.superseded_by IS NULL"));
  rows->BindInt(1, run);
  std::unordered_map<std::string, size_t> index;  // "province\0commune\0village" -> place
  std::vector<PlaceCount> out;
  std::string key;
  RETURN_IF_ERROR(EachRow(rows.get(), [&] {
    const bool has_province = !rows->ColumnIsNull(0), has_village = !rows->ColumnIsNull(2);
    key.clear();
    if (has_province) key += rows->ColumnText(0);
    key += '\0';
    key += rows->ColumnText(1);
    key += '\0';
    if (has_village) key += rows->ColumnText(2);
    auto [it, added] = index.try_emplace(key, out.size());
    if (added) {
      PlaceCount& p = out.emplace_back();
      if (has_province) p.province_code = rows->ColumnText(0);
      p.commune_code = rows->ColumnText(1);
      if (has_village) p.village_code = rows->ColumnText(2);
    }
    PlaceCount& p = out[it->second];
    const auto category = static_cast<core::Category>(rows->ColumnInt(3));
    ++p.households;
    p.poor += category == core::Category::kPoor;
    p.near_poor += category == core::Category::kNearPoor;
  }));
  std::sort(out.begin(), out.end());  // in C++: PostgreSQL's collation may not be byte order
  return out;
}

Result<std::vector<HouseholdCategory>> Store::RoundCategories(const RoundInfo& round) {
  ASSIGN_OR_RETURN(int64_t run, LatestRunId(round));
  if (run == 0) return NotClassified(round);
  ASSIGN_OR_RETURN(
      auto rows, db_->Prepare("SELECT c.household_id, c.category, a.province_code, a.commune_code, "
                              "a.village_code FROM classifications c JOIN "
                              "household_answers a ON a.id = c.answer_id WHERE c.run_id = ? AND "
                              "a.superseded_by IS NULL"));
  rows->BindInt(1, run);
  std::vector<HouseholdCategory> out;
  RETURN_IF_ERROR(EachRow(rows.get(), [&] {
    HouseholdCategory& h = out.emplace_back();
    h.household_id = rows->ColumnText(0);
    h.category = static_cast<core::Category>(rows->ColumnInt(1));
    if (!rows->ColumnIsNull(2)) h.province_code = rows->ColumnText(2);
    h.commune_code = rows->ColumnText(3);
    if (!rows->ColumnIsNull(4)) h.village_code = rows->ColumnText(4);
  }));
  std::sort(out.begin(), out.end());  // in C++: PostgreSQL's collation may not be byte order
  return out;
}

}  // namespace lnob::store
