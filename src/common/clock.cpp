#include "common/clock.hpp"

#include <ctime>

namespace lnob {

std::string NowUtcIso() { return IsoUtc(static_cast<int64_t>(std::time(nullptr))); }

std::string IsoUtc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace lnob
