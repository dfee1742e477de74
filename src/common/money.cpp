#include "common/money.hpp"

#include <cstdio>

namespace lnob {

std::string GroupThousands(int64_t value, Lang lang) {
  const char sep = lang == Lang::kVi ? '.' : ',';
  bool negative = value < 0;
  uint64_t v = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits = std::to_string(v);
  std::string out;
  int lead = static_cast<int>(digits.size() % 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && static_cast<int>(i) % 3 == lead % 3) out.push_back(sep);
    out.push_back(digits[i]);
  }
  return negative ? "-" + out : out;
}

std::string FormatDecimal(double value, int decimals, Lang lang) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string out = buf;
  if (lang == Lang::kVi) {
    for (char& c : out) {
      if (c == '.') c = ',';
    }
  }
  return out;
}

std::string FormatMoney(Money m, Lang lang) {
  return GroupThousands(m.dong(), lang) + (lang == Lang::kVi ? " đ" : " VND");
}

}  // namespace lnob
