#include "server/export_response.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "server/api.hpp"
#include "server/password.hpp"

namespace lnob::server {

HttpResponse Download(std::string content_type, std::string body, const std::string& filename) {
  HttpResponse out = TextResponse(200, std::move(content_type), std::move(body));
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return out;
}

Result<HttpResponse> ExportResponse(const std::vector<report::Table>& tables, ExportFormat format,
                                    Lang lang, const std::string& basename) {
  if (format == ExportFormat::kCsv) {
    return Download("text/csv; charset=utf-8", "\xEF\xBB\xBF" + report::RenderCsv(tables.at(0)),
                    basename + ".csv");
  }
  const std::string path =
      (std::filesystem::temp_directory_path() / ("lnob-export-" + NewToken() + ".xlsx")).string();
  RETURN_IF_ERROR(report::WriteXlsx(tables, path, lang));
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (bytes.empty()) return Internal("the XLSX export could not be read back from " + path);
  return Download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  std::move(bytes), basename + ".xlsx");
}

}  // namespace lnob::server
