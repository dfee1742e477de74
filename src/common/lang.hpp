// The two languages lnob speaks. Vietnamese first.
#pragma once

#include <string_view>

namespace lnob {

enum class Lang { kVi, kEn };

// "vi" -> kVi, "en" -> kEn; anything else -> kVi.
inline Lang ParseLang(std::string_view s) { return s == "en" ? Lang::kEn : Lang::kVi; }

}  // namespace lnob
