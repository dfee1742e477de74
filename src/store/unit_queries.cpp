// Figures under the boundaries of a date: households of a round counted under a unit through its
// lineage.
#include "store/store.hpp"

namespace lnob::store {

Result<std::vector<std::string>> Store::HouseholdsUnder(const RoundInfo& round,
                                                        const std::string& code) {
  ASSIGN_OR_RETURN(std::vector<std::string> codes, CodesOnDate(code, round.reference_date));
  // A commune's households, or a province's (through its communes), or a village's.
  std::vector<std::string> out;
  ASSIGN_OR_RETURN(
      auto st,
      db_->Prepare(
          "SELECT household_id FROM household_answers WHERE round_id = ? AND superseded_by IS NULL "
          "AND (commune_code = ? OR village_code = ? OR province_code = ?) ORDER BY id"));
  for (const std::string& c : codes) {
    st->Reset();
    st->BindInt(1, round.id);
    st->BindText(2, c);
    st->BindText(3, c);
    st->BindText(4, c);
    while (true) {
      ASSIGN_OR_RETURN(bool row, st->Next());
      if (!row) break;
      out.emplace_back(st->ColumnText(0));
    }
  }
  return out;
}

}  // namespace lnob::store
