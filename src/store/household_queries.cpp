// A household through time, and finding a person by citizen ID.
#include "store/store.hpp"

namespace lnob::store {

Result<std::vector<AnswerVersion>> Store::HouseholdHistory(const std::string& household_id) {
  ASSIGN_OR_RETURN(
      auto st,
      db_->Prepare(
          "SELECT r.year, r.kind, a.import_id, a.superseded_by IS NULL, a.commune_code, "
          "a.village_code, m.member_id FROM household_answers a JOIN rounds r ON r.id = a.round_id "
          "JOIN member_answers m ON m.answer_id = a.id WHERE a.household_id = ? "
          "ORDER BY r.reference_date, a.id, m.position"));
  st->BindText(1, household_id);
  std::vector<AnswerVersion> out;
  int64_t last_import = -1;
  int last_year = -1;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Next());
    if (!row) break;
    int year = static_cast<int>(st->ColumnInt(0));
    int64_t import_id = st->ColumnInt(2);
    if (import_id != last_import || year != last_year) {
      AnswerVersion v;
      v.year = year;
      v.round_kind = std::string(st->ColumnText(1));
      v.import_id = import_id;
      v.current = st->ColumnInt(3) != 0;
      v.commune_code = std::string(st->ColumnText(4));
      v.village_code = std::string(st->ColumnText(5));
      out.push_back(std::move(v));
      last_import = import_id;
      last_year = year;
    }
    out.back().member_ids.emplace_back(st->ColumnText(6));
  }
  if (out.empty()) return NotFound("no household " + household_id + " in the registry");
  return out;
}

Result<std::vector<CitizenIdHit>> Store::FindCitizenId(const std::string& national_id) {
  ASSIGN_OR_RETURN(
      auto st,
      db_->Prepare(
          "SELECT r.year, a.household_id, m.member_id FROM member_answers m JOIN household_answers "
          "a "
          "ON a.id = m.answer_id JOIN rounds r ON r.id = a.round_id WHERE m.national_id = ? AND "
          "a.superseded_by IS NULL ORDER BY r.reference_date, a.household_id"));
  st->BindText(1, national_id);
  std::vector<CitizenIdHit> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Next());
    if (!row) break;
    out.push_back({static_cast<int>(st->ColumnInt(0)), std::string(st->ColumnText(1)),
                   std::string(st->ColumnText(2))});
  }
  return out;
}

}  // namespace lnob::store
