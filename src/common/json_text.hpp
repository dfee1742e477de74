// Writing JSON text by hand where a library would be overkill (small objects in hot loops).
//
//   out += JsonString("Nguyễn \"Tí\"");   // "\"Nguyễn \\\"Tí\\\"\""
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace lnob {

// Returns `s` as a quoted JSON string: quotes, backslashes and control characters escaped; UTF-8
// passed through as is (the caller guarantees valid UTF-8).
std::string JsonString(std::string_view s);

}  // namespace lnob
