#include "report/classification_csv.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "common/atomic_file.hpp"

namespace lnob::report {
namespace {

constexpr uint32_t kSlice = 16384;  // households one thread formats at a time (~1 MB of text)

void AppendNumber(std::string* buf, int64_t v) {
  char num[24];
  auto [end, ec] = std::to_chars(num, num + sizeof num, v);
  buf->append(num, end);
}

// Appends the rows of households [from, to) to `buf`.
void FormatRows(const core::Survey& survey, const core::Classification& result, uint32_t from,
                uint32_t to, std::string* buf) {
  for (uint32_t h = from; h < to; ++h) {
    const core::Standard& s = result.standard_of(h);
    *buf += survey.household_id(h);
    *buf += ',';
    *buf += s.id();
    *buf += ',';
    *buf += core::CategoryId(result.category[h]);
    *buf += ',';
    AppendNumber(buf, result.deprivation_count[h]);
    *buf += ',';
    uint32_t mask = result.deprived[h];
    bool first = true;
    for (size_t i = 0; mask != 0; ++i, mask >>= 1) {
      if (!(mask & 1)) continue;
      if (!first) *buf += ';';
      *buf += s.indicators()[i].id;
      first = false;
    }
    *buf += ',';
    AppendNumber(buf, result.income_line[h]);
    *buf += '\n';
  }
}

Status WriteOut(const std::string& buf, std::FILE* out) {
  if (std::fwrite(buf.data(), 1, buf.size(), out) != buf.size()) {
    return DataLoss(std::string("could not write the results: ") + std::strerror(errno));
  }
  return OkStatus();
}

}  // namespace

Status WriteClassificationCsv(const core::Survey& survey, const core::Classification& result,
                              std::FILE* out, int threads) {
  const uint32_t n = survey.household_count();
  const int t = std::clamp(threads, 1, 64);
  std::vector<std::string> bufs(t);
  for (auto& b : bufs) b.reserve(size_t{kSlice} * 96);
  bufs[0] = "household_id,standard,category,deprivation_count,deprived,income_line\n";
  // Rounds of t slices: slice j of a round is formatted by thread j, then written in order.
  for (uint64_t round = 0; round < n; round += uint64_t{kSlice} * t) {
    auto slice = [&](int j) {
      const uint64_t from = std::min<uint64_t>(n, round + uint64_t{kSlice} * j);
      const uint64_t to = std::min<uint64_t>(n, from + kSlice);
      FormatRows(survey, result, static_cast<uint32_t>(from), static_cast<uint32_t>(to), &bufs[j]);
    };
    std::vector<std::thread> helpers;
    for (int j = 1; j < t && round + uint64_t{kSlice} * j < n; ++j) helpers.emplace_back(slice, j);
    slice(0);
    for (auto& h : helpers) h.join();
    for (auto& b : bufs) {
      if (Status s = WriteOut(b, out); !s.ok()) return s;
      b.clear();
    }
  }
  if (Status s = WriteOut(bufs[0], out); !s.ok()) return s;  // the header of an empty survey
  if (std::fflush(out) != 0) {
    return DataLoss(std::string("could not write the results: ") + std::strerror(errno));
  }
  return OkStatus();
}

Status WriteClassificationCsvFile(const core::Survey& survey, const core::Classification& result,
                                  const std::string& path, int threads) {
  return WriteFileAtomically(
      path, [&](std::FILE* f) { return WriteClassificationCsv(survey, result, f, threads); });
}

}  // namespace lnob::report
