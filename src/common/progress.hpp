// A progress bar for long work on a terminal ("Đọc dữ liệu [######    ] 62%  1.2 GB/s").
//
//   Progress p("Reading", Progress::Unit::kBytes);
//   p.Update(done, total);   // cheap; redraws at most 10 times a second
//   p.Finish();
//
// Draws on stderr only when stderr is a terminal (or LNOB_PROGRESS=1), so logs and pipes stay clean.
// Thread-safety: Update may be called from several threads; redraws are serialised.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace lnob {

class Progress {
 public:
  enum class Unit { kBytes, kHouseholds };
  Progress(std::string label, Unit unit);
  ~Progress();

  void Update(uint64_t done, uint64_t total);
  // Draws the final state and ends the line.
  void Finish();
  bool enabled() const { return enabled_; }

 private:
  void Draw(uint64_t done, uint64_t total);
  std::string label_;
  Unit unit_;
  bool enabled_;
  bool finished_ = false;
  std::mutex mu_;
  std::chrono::steady_clock::time_point start_, last_;
  uint64_t done_ = 0, total_ = 0;
};

}  // namespace lnob
