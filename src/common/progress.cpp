#include "common/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace lnob {

Progress::Progress(std::string label, Unit unit)
    : label_(std::move(label)),
      unit_(unit),
      enabled_(::isatty(STDERR_FILENO) || (std::getenv("LNOB_PROGRESS") &&
                                           std::strcmp(std::getenv("LNOB_PROGRESS"), "1") == 0)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  done_ = done;
  total_ = total;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  Draw(done, total);
}

void Progress::Finish() {
  if (!enabled_ || finished_) return;
  std::lock_guard<std::mutex> lock(mu_);
  finished_ = true;
  Draw(total_ ? total_ : done_, total_);
  std::fputc('\n', stderr);
}

void Progress::Draw(uint64_t done, uint64_t total) {
  constexpr int kWidth = 30;
  double frac = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  if (frac > 1) frac = 1;
  int fill = static_cast<int>(frac * kWidth);
  char bar[kWidth + 1];
  for (int i = 0; i < kWidth; ++i) bar[i] = i < fill ? '#' : ' ';
  bar[kWidth] = 0;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  if (unit_ == Unit::kBytes) {
    std::fprintf(stderr, "\r%s [%s] %3d%%  %.0f MB/s ", label_.c_str(), bar,
                 static_cast<int>(frac * 100), rate / 1e6);
  } else {
    std::fprintf(stderr, "\r%s [%s] %3d%%  %llu/%llu ", label_.c_str(), bar,
                 static_cast<int>(frac * 100), static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total));
  }
  std::fflush(stderr);
}

}  // namespace lnob
