#include "report/classification_csv.hpp"

#include <fcntl.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace lnob::report {
namespace {

constexpr uint32_t kSlice = 16384;  // households one thread formats at a time (~1 MB of text)
constexpr size_t kWriteSize = size_t{4} << 20;  // bytes written out at a time

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

constexpr std::string_view kHeader =
    "household_id,standard,category,deprivation_count,deprived,income_line\n";

}  // namespace

// Each worker's state on a cache line of its own: threads appending to neighbouring strings would
// share the lines that hold their sizes (false sharing made two threads slower than one).
struct alignas(64) ClassificationCsvStream::Worker {
  MiddleCache middles;
};

ClassificationCsvStream::ClassificationCsvStream(const core::Survey& survey, std::FILE* out,
                                                 int workers)
    : survey_(survey), out_(out) {
  for (int i = 0; i < std::max(workers, 1); ++i) workers_.push_back(std::make_unique<Worker>());
}

ClassificationCsvStream::~ClassificationCsvStream() = default;

void ClassificationCsvStream::Add(const core::Classification& result, int worker, uint32_t begin,
                                  uint32_t end) {
  std::string text;
  {
    std::lock_guard lock(mu_);
    if (!spare_.empty()) {
      text = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  text.clear();
  FormatRows(survey_, result, begin, end, &workers_[static_cast<size_t>(worker)]->middles, &text);
  std::unique_lock lock(mu_);
  ready_.emplace(begin, Piece{end, std::move(text)});
  if (writing_) return;  // the writing thread takes it when its turn comes
  writing_ = true;
  while (!ready_.empty() && ready_.begin()->first == next_) {
    auto piece = ready_.extract(ready_.begin());
    lock.unlock();
    Write(piece.mapped().text);
    lock.lock();
    next_ = piece.mapped().end;
    spare_.push_back(std::move(piece.mapped().text));
  }
  writing_ = false;
}

// Appends `text` (after the header) to what is pending, and writes that out once it reaches
// kWriteSize. Called by one thread at a time (writing_).
void ClassificationCsvStream::Write(std::string_view text) {
  if (!header_) {
    header_ = true;
    pending_ += kHeader;
  }
  pending_ += text;
  if (pending_.size() >= kWriteSize) Flush();
}

// Writes what is pending and, for a regular file, starts writing it to the disk now
// (sync_file_range), so that the fsync of a file written atomically has little left to wait for.
void ClassificationCsvStream::Flush() {
  if (status_.ok() && !pending_.empty()) {
    if (std::fwrite(pending_.data(), 1, pending_.size(), out_) != pending_.size() ||
        std::fflush(out_) != 0) {
      status_ = DataLoss(std::string("could not write the results: ") + std::strerror(errno));
    } else {
      // Fails harmlessly (ESPIPE) on a pipe or a terminal.
      ::sync_file_range(::fileno(out_), static_cast<off_t>(offset_),
                        static_cast<off_t>(pending_.size()), SYNC_FILE_RANGE_WRITE);
      offset_ += pending_.size();
    }
  }
  pending_.clear();
}

Status ClassificationCsvStream::Finish() {
  std::lock_guard lock(mu_);
  if (next_ != survey_.household_count() || !ready_.empty()) {
    return Internal("the results of " + std::to_string(survey_.household_count() - next_) +
                    " households were not written");
  }
  Write({});
  Flush();
  return status_;
}

Status WriteClassificationCsv(const core::Survey& survey, const core::Classification& result,
                              std::FILE* out, int threads) {
  const uint32_t n = survey.household_count();
  const int t = std::clamp(threads, 1, 64);
  ClassificationCsvStream stream(survey, out, t);
  std::atomic<uint64_t> next{0};
  auto work = [&](int worker) {
    for (uint64_t from; (from = next.fetch_add(kSlice)) < n;) {
      stream.Add(result, worker, static_cast<uint32_t>(from),
                 static_cast<uint32_t>(std::min<uint64_t>(n, from + kSlice)));
    }
  };
  std::vector<std::thread> helpers;
  for (int j = 1; j < t && uint64_t{kSlice} * j < n; ++j) helpers.emplace_back(work, j);
  work(0);
  for (auto& h : helpers) h.join();
  return stream.Finish();
}

}  // namespace lnob::report
