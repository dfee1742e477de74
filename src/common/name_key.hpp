// A key to compare people's names loosely: "Nguyễn  Văn Á" and "nguyen van a" get the same key.
//
//   NameKey("Nguyễn Văn Á") == "nguyen van a"
//
// Lower case, Vietnamese diacritics removed (đ -> d), runs of spaces collapsed, ends trimmed. Used to
// find likely duplicate persons, never to store or show a name. Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace lnob {

std::string NameKey(std::string_view name);

}  // namespace lnob
