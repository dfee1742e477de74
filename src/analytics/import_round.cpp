#include "analytics/import_round.hpp"

#include <algorithm>

#include "core/classifier.hpp"
#include "ingest/standard_files.hpp"

namespace lnob::analytics {

Result<store::RoundInfo> RoundForImport(store::Store& db,
                                        const std::vector<core::StandardPtr>& standards,
                                        const RoundRequest& a, const core::Survey& survey) {
  auto found = db.FindRound(a.year, a.kind);
  if (found.ok() && a.reference_date.empty() && a.standard.empty()) return found;
  if (!found.ok() && found.status().code() != ErrorCode::kNotFound) return found.status();
  store::RoundSpec spec;
  spec.year = a.year;
  spec.kind = a.kind;
  if (!a.reference_date.empty()) {
    ASSIGN_OR_RETURN(spec.reference_date, ParseIsoDate(a.reference_date));
  } else if (found.ok()) {
    spec.reference_date = found->reference_date;
  } else {
    const auto& dates = survey.households.columns[core::hh::kSurveyDate].i32;
    int64_t latest = dates.empty() ? 0 : *std::max_element(dates.begin(), dates.end());
    spec.reference_date = Date{static_cast<int32_t>(latest)};
  }
  if (!a.standard.empty()) {
    ASSIGN_OR_RETURN(auto s, ingest::FindStandard(standards, a.standard));
    spec.standard_id = s->id();
  } else if (found.ok()) {
    spec.standard_id = found->standard_id;
  } else {
    int in_force = core::NationalStandardOn(standards, spec.reference_date);
    if (in_force < 0) {
      return InvalidArgument("no poverty standard is in force on the round's reference date " +
                             FormatIsoDate(spec.reference_date) + "; name one with --standard");
    }
    spec.standard_id = standards[in_force]->id();
  }
  return db.OpenRound(spec);
}

}  // namespace lnob::analytics
