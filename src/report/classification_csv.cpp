#include "report/classification_csv.hpp"

#include <cerrno>
#include <cstring>
#include <string>

#include "common/atomic_file.hpp"

namespace lnob::report {

Status WriteClassificationCsv(const core::Survey& survey, const core::Classification& result,
                              std::FILE* out) {
  std::string buf;
  buf.reserve(1 << 20);
  buf += "household_id,standard,category,deprivation_count,deprived,income_line\n";
  char num[24];
  for (uint32_t h = 0; h < survey.household_count(); ++h) {
    const core::Standard& s = result.standard_of(h);
    buf += survey.household_id(h);
    buf += ',';
    buf += s.id();
    buf += ',';
    buf += core::CategoryId(result.category[h]);
    buf += ',';
    buf += std::to_string(result.deprivation_count[h]);
    buf += ',';
    uint32_t mask = result.deprived[h];
    bool first = true;
    for (size_t i = 0; mask != 0; ++i, mask >>= 1) {
      if (!(mask & 1)) continue;
      if (!first) buf += ';';
      buf += s.indicators()[i].id;
      first = false;
    }
    buf += ',';
    int len = std::snprintf(num, sizeof num, "%lld", static_cast<long long>(result.income_line[h]));
    buf.append(num, len);
    buf += '\n';
    if (buf.size() > (1 << 20) - 256) {
      if (std::fwrite(buf.data(), 1, buf.size(), out) != buf.size()) {
        return DataLoss(std::string("could not write the results: ") + std::strerror(errno));
      }
      buf.clear();
    }
  }
  if (std::fwrite(buf.data(), 1, buf.size(), out) != buf.size() || std::fflush(out) != 0) {
    return DataLoss(std::string("could not write the results: ") + std::strerror(errno));
  }
  return OkStatus();
}

Status WriteClassificationCsvFile(const core::Survey& survey, const core::Classification& result,
                                  const std::string& path) {
  return WriteFileAtomically(
      path, [&](std::FILE* f) { return WriteClassificationCsv(survey, result, f); });
}

}  // namespace lnob::report
