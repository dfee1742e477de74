#include "report/classification_csv.hpp"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>
#include <thread>
#include <unordered_map>
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

// The middle of a row, ",standard,category,count,deprived,", by (standard, category, count,
// deprived indicators): a round has few distinct ones, so each is formatted once per thread.
class MiddleCache {
 public:
  const std::string& Get(const core::Classification& result, uint32_t h) {
    const uint8_t si = result.choice.of_household[h];
    const uint64_t key = uint64_t{result.deprived[h]} | (uint64_t{si} << 32) |
                         (uint64_t{static_cast<uint8_t>(result.category[h])} << 40) |
                         (uint64_t{result.deprivation_count[h]} << 48);
    auto [it, added] = cache_.try_emplace(key);
    if (!added) return it->second;
    const core::Standard& s = *result.choice.standards[si];
    std::string& m = it->second;
    m += ',';
    m += s.id();
    m += ',';
    m += core::CategoryId(result.category[h]);
    m += ',';
    AppendNumber(&m, result.deprivation_count[h]);
    m += ',';
    uint32_t mask = result.deprived[h];
    bool first = true;
    for (size_t i = 0; mask != 0; ++i, mask >>= 1) {
      if (!(mask & 1)) continue;
      if (!first) m += ';';
      m += s.indicators()[i].id;
      first = false;
    }
    m += ',';
    return m;
  }

 private:
  std::unordered_map<uint64_t, std::string> cache_;
};

// Appends the rows of households [from, to) to `buf`.
void FormatRows(const core::Survey& survey, const core::Classification& result, uint32_t from,
                uint32_t to, MiddleCache* middles, std::string* buf) {
  for (uint32_t h = from; h < to; ++h) {
    *buf += survey.household_id(h);
    *buf += middles->Get(result, h);
    AppendNumber(buf, result.income_line[h]);
    *buf += '\n';
  }
}

// Writes `buf` at *offset of `out` and, for a regular file, starts writing it to the disk now
// (sync_file_range), so that the fsync of a file written atomically has little left to wait for.
Status WriteOut(const std::string& buf, std::FILE* out, uint64_t* offset) {
  if (std::fwrite(buf.data(), 1, buf.size(), out) != buf.size() || std::fflush(out) != 0) {
    return DataLoss(std::string("could not write the results: ") + std::strerror(errno));
  }
  // Fails harmlessly (ESPIPE) on a pipe or a terminal.
  ::sync_file_range(::fileno(out), static_cast<off_t>(*offset), static_cast<off_t>(buf.size()),
                    SYNC_FILE_RANGE_WRITE);
  *offset += buf.size();
  return OkStatus();
}

}  // namespace

Status WriteClassificationCsv(const core::Survey& survey, const core::Classification& result,
                              std::FILE* out, int threads) {
  const uint32_t n = survey.household_count();
  const int t = std::clamp(threads, 1, 64);
  // One cache line apart: threads appending to neighbouring strings would share the lines that
  // hold their sizes (false sharing made two threads slower than one).
  struct alignas(64) Slice {
    std::string buf;
    MiddleCache middles;
  };
  std::vector<Slice> slices(t);
  for (Slice& x : slices) x.buf.reserve(size_t{kSlice} * 96);
  uint64_t offset = 0;
  slices[0].buf = "household_id,standard,category,deprivation_count,deprived,income_line\n";
  // Rounds of t slices: slice j of a round is formatted by thread j, then written in order.
  for (uint64_t round = 0; round < n; round += uint64_t{kSlice} * t) {
    auto slice = [&](int j) {
      const uint64_t from = std::min<uint64_t>(n, round + uint64_t{kSlice} * j);
      const uint64_t to = std::min<uint64_t>(n, from + kSlice);
      FormatRows(survey, result, static_cast<uint32_t>(from), static_cast<uint32_t>(to),
                 &slices[j].middles, &slices[j].buf);
    };
    std::vector<std::thread> helpers;
    for (int j = 1; j < t && round + uint64_t{kSlice} * j < n; ++j) helpers.emplace_back(slice, j);
    slice(0);
    for (auto& h : helpers) h.join();
    for (Slice& x : slices) {
      if (Status s = WriteOut(x.buf, out, &offset); !s.ok()) return s;
      x.buf.clear();
    }
  }
  return WriteOut(slices[0].buf, out, &offset);  // the header of an empty survey, or nothing
}

Status WriteClassificationCsvFile(const core::Survey& survey, const core::Classification& result,
                                  const std::string& path, int threads) {
  return WriteFileAtomically(
      path, [&](std::FILE* f) { return WriteClassificationCsv(survey, result, f, threads); });
}

}  // namespace lnob::report
