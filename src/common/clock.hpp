// Wall-clock time for records: when an import, a run or a migration happened.
//
//   std::string at = NowUtcIso();   // "2026-11-29T05:35:33Z"
//
// Thread-safety: safe (uses gmtime_r).
#pragma once

#include <cstdint>

#include <string>

namespace lnob {

// The current time in UTC, ISO 8601 to the second with a trailing Z.
std::string NowUtcIso();
// `unix_seconds` in UTC, ISO 8601 to the second with a trailing Z.
std::string IsoUtc(int64_t unix_seconds);

}  // namespace lnob
