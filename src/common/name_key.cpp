#include "common/name_key.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace lnob {

std::string NameKey(std::string_view name) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  icu::UnicodeString decomposed = U_SUCCESS(err) ? nfd->normalize(in, err) : in;
  if (U_FAILURE(err)) decomposed = in;
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111 || c == 0x0110) c = 'd';  // đ, Đ
    if (u_isUWhiteSpace(c)) {
      space = !out.isEmpty();
      continue;
    }
    if (space) out.append(static_cast<UChar32>(' '));
    space = false;
    out.append(static_cast<UChar32>(u_tolower(c)));
  }
  std::string key;
  out.toUTF8String(key);
  return key;
}

}  // namespace lnob
