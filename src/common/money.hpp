// Money: an integer number of Vietnamese dong. Never a double.
//
//   Money line = Money::Vnd(1'500'000);
//   FormatMoney(line, Lang::kVi);   // "1.500.000 đ"
//   FormatMoney(line, Lang::kEn);   // "1,500,000 VND"
//
// Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <string>

#include "common/lang.hpp"

namespace lnob {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money Vnd(int64_t dong) { return Money(dong); }
  constexpr int64_t dong() const { return dong_; }
  constexpr auto operator<=>(const Money&) const = default;
  constexpr Money operator+(Money o) const { return Money(dong_ + o.dong_); }
  constexpr Money operator-(Money o) const { return Money(dong_ - o.dong_); }

 private:
  constexpr explicit Money(int64_t dong) : dong_(dong) {}
  int64_t dong_ = 0;
};

// Groups thousands with '.' (vi) or ',' (en): "1.500.000".
std::string GroupThousands(int64_t value, Lang lang);
// A number with `decimals` fixed decimals, rounded half up, decimal comma in Vietnamese:
// FormatDecimal(15.333, 2, kVi) == "15,33", FormatDecimal(15.333, 2, kEn) == "15.33".
std::string FormatDecimal(double value, int decimals, Lang lang);
// "1.500.000 đ" (vi) or "1,500,000 VND" (en).
std::string FormatMoney(Money m, Lang lang);

}  // namespace lnob
