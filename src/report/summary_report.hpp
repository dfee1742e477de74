// The provincial summary: the sentences and tables an official puts in the half-year or annual
// report, in Vietnamese or English, as Markdown and as an XLSX workbook.
//
//   SummaryInput in{.year = 2025, .provinces = rates_by_province, .communes = rates_by_commune};
//   std::string md = SummaryMarkdown(in, Lang::kVi);
//   RETURN_IF_ERROR(WriteXlsx(SummaryTables(in, Lang::kVi), "bao-cao-2025.xlsx", Lang::kVi));
//
// What it says: households, persons, poor and near-poor and their rates per province and in total;
// the change since the previous round (rates in points, households in number); each target's
// verdict; the communes with the highest poverty rates; the most common deprivations among the
// poor. Every number comes from the inputs; nothing is estimated.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/rates.hpp"
#include "analytics/snapshot.hpp"
#include "analytics/unit_catalog.hpp"
#include "store/store.hpp"
#include "report/table.hpp"
#include "report/targets_report.hpp"

namespace lnob::report {

struct SummaryInput {
  int year = 0;
  analytics::Rates provinces;                // this round by province
  std::optional<analytics::Rates> previous;  // the previous round by province, same boundaries
  analytics::Rates communes;                 // this round by commune
  std::vector<TargetLine> targets;
  size_t furthest_behind = 10;  // communes listed
};

// The summary's inputs from the registry for the round of `now`: rates by province and by
// commune under the round's units, the previous classified round of the same kind restated under
// them, and every stored target judged on the round.
Result<SummaryInput> SummaryFromStore(store::Store& store, const analytics::UnitCatalog& units,
                                      const analytics::Snapshot& now,
                                      const std::vector<core::StandardPtr>& standards);

std::string SummaryMarkdown(const SummaryInput& in, Lang lang);
// The summary's tables: provinces, the communes furthest behind, deprivations among the poor,
// targets, and every commune.
std::vector<Table> SummaryTables(const SummaryInput& in, Lang lang);

}  // namespace lnob::report
