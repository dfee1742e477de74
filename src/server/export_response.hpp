// Export answers: report tables as a CSV download (UTF-8 with a byte-order mark, so that Excel
// reads the diacritics) or an XLSX workbook, named by Content-Disposition. Text cells are made
// formula-safe by the report writers (report::SpreadsheetSafe).
//
//   ASSIGN_OR_RETURN(HttpResponse r,
//                    ExportResponse({table}, ExportFormat::kXlsx, Lang::kVi, "lnob-ho-2025"));
//
// Thread-safety: pure, but for the temporary file an XLSX passes through (a random name).
#pragma once

#include <string>
#include <vector>

#include "common/lang.hpp"
#include "report/table.hpp"
#include "server/http.hpp"

namespace lnob::server {

enum class ExportFormat { kCsv, kXlsx };

// `tables` as a download `<basename>.csv` (the first table only) or `<basename>.xlsx` (one sheet
// each). Errors of report::WriteXlsx (e.g. InvalidArgument past 1,048,576 rows).
Result<HttpResponse> ExportResponse(const std::vector<report::Table>& tables, ExportFormat format,
                                    Lang lang, const std::string& basename);

// A download of `body` as `filename` with `content_type`.
HttpResponse Download(std::string content_type, std::string body, const std::string& filename);

}  // namespace lnob::server
