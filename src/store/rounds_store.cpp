// Review rounds: a year, a kind, a reference date and the standard it applies.
#include "common/clock.hpp"
#include "store/store.hpp"

namespace lnob::store {

Result<RoundInfo> Store::FindRound(int year, const std::string& kind) {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT id, reference_date, standard_id, status FROM "
                                         "rounds WHERE year = ? AND kind = ?"));
  st->BindInt(1, year);
  st->BindText(2, kind);
  ASSIGN_OR_RETURN(bool row, st->Next());
  if (!row) {
    return NotFound("there is no " + kind + " review round " + std::to_string(year) +
                    "; import its households first (lnob import --round " + std::to_string(year) +
                    ")");
  }
  RoundInfo r;
  r.id = st->ColumnInt(0);
  r.year = year;
  r.kind = kind;
  r.reference_date = Date{static_cast<int32_t>(st->ColumnInt(1))};
  r.standard_id = std::string(st->ColumnText(2));
  r.status = std::string(st->ColumnText(3));
  return r;
}

Result<RoundInfo> Store::OpenRound(const RoundSpec& spec) {
  if (spec.kind != "periodic" && spec.kind != "regular") {
    return InvalidArgument(
        "a round is 'periodic' (the yearly review) or 'regular' (monthly, on "
        "request), not '" +
        spec.kind + "'");
  }
  auto found = FindRound(spec.year, spec.kind);
  if (found.ok()) {
    if (found->standard_id != spec.standard_id || found->reference_date != spec.reference_date) {
      return FailedPrecondition("round " + std::to_string(spec.year) + " (" + spec.kind +
                                ") already exists with "
                                "standard " +
                                found->standard_id + " and reference date " +
                                FormatIsoDate(found->reference_date) +
                                "; import into it with the same, or classify "
                                "it under another standard with lnob classify --standard");
    }
    return found;
  }
  if (found.status().code() != ErrorCode::kNotFound) return found.status();
  ASSIGN_OR_RETURN(auto st, db_->Prepare("INSERT INTO rounds (year, kind, reference_date, "
                                         "standard_id, status, created_at) VALUES "
                                         "(?, ?, ?, ?, 'open', ?)"));
  std::string now = NowUtcIso();
  st->BindInt(1, spec.year);
  st->BindText(2, spec.kind);
  st->BindInt(3, spec.reference_date.value);
  st->BindText(4, spec.standard_id);
  st->BindText(5, now);
  RETURN_IF_ERROR(st->Run());
  return FindRound(spec.year, spec.kind);
}

}  // namespace lnob::store
