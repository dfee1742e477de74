// What every analysis command starts from: the registry, the standards, the units, and a round
// loaded as a snapshot; and where its tables go.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analytics/grouping.hpp"
#include "analytics/snapshot.hpp"
#include "analytics/unit_catalog.hpp"
#include "common/lang.hpp"
#include "common/result.hpp"
#include "report/table.hpp"
#include "store/store.hpp"

namespace lnob::cli {

struct Analysis {
  std::unique_ptr<store::Store> store;
  std::vector<core::StandardPtr> standards;
  analytics::UnitCatalog units;
};

// Opens the registry at `db` (never creating one), the shipped standards and the units.
Result<Analysis> OpenAnalysis(const std::string& db);

// The round `year` (`kind`) of the registry as a snapshot, with a progress line on a terminal.
Result<analytics::Snapshot> LoadRound(Analysis& a, int year, const std::string& kind, Lang lang);

// The grouping of --level, --units-on and --by (by "none": no split). InvalidArgument naming the
// option and the choices.
Result<analytics::GroupingOptions> GroupingFromOptions(const std::string& level,
                                                       const std::string& units_on,
                                                       const std::string& by);

// Parses an optional YYYY-MM-DD option; empty text gives no date.
Result<std::optional<Date>> OptionalDate(const std::string& text, const char* option);

// The output formats of reports.
enum class Format { kTable, kCsv, kJson, kMarkdown, kXlsx };
Result<Format> ParseFormat(const std::string& text);

// Writes `text` to `out` ("" or "-": stdout) through a temporary file renamed into place.
Status WriteText(const std::string& text, const std::string& out);

// Writes `tables` in `format` to `out` ("" or "-": stdout; xlsx needs a file). Text formats print
// the tables one after the other; csv and json take `machine` (one table for machines) instead.
Status WriteReport(const std::vector<report::Table>& tables, const report::Table& machine,
                   Format format, const std::string& out, Lang lang);

}  // namespace lnob::cli
