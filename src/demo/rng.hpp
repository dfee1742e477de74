// The demo's random numbers: xoshiro256** seeded through splitmix64, so that a seed gives the
// same province on every compiler and library (no std:: distributions, no libm).
//
//   Rng r(Mix(seed, household, year));
//   if (r.Chance(0.3)) ...;  int k = r.Below(10);
//
// Thread-safety: a value; one per thread.
#pragma once

#include <bit>
#include <cstdint>
#include <initializer_list>

namespace lnob::demo {

// A 64-bit hash of the arguments (splitmix64 steps): independent streams per household and year.
inline uint64_t Mix(uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  uint64_t z = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull) * 0xBF58476D1CE4E5B9ull ^
               (c + 0x85157AF5ull) * 0x94D049BB133111EBull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& x : s_) {
      uint64_t z = (seed += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      x = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    uint64_t r = std::rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
    s_[2] ^= s_[0], s_[3] ^= s_[1], s_[1] ^= s_[2], s_[0] ^= s_[3], s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return r;
  }
  // Uniform in [0, n) for n >= 1.
  int Below(int n) { return static_cast<int>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32); }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) { return lo + Below(hi - lo + 1); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  // Approximately standard normal (Irwin-Hall of 12 uniforms: plain arithmetic).
  double Normal() {
    double sum = 0;
    for (int i = 0; i < 12; ++i) sum += Unit();
    return sum - 6.0;
  }
  // An index drawn with the given (unnormalised, non-negative) weights.
  int Pick(std::initializer_list<double> w) { return Pick(w.begin(), w.size()); }
  int Pick(const double* w, size_t n) {
    double total = 0;
    for (size_t i = 0; i < n; ++i) total += w[i];
    double u = Unit() * total, acc = 0;
    for (size_t i = 0; i < n; ++i)
      if (u < (acc += w[i])) return static_cast<int>(i);
    return static_cast<int>(n) - 1;
  }

 private:
  uint64_t s_[4];
};

}  // namespace lnob::demo
