#include "ingest/text.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <array>
#include <cstdlib>
#include <cstring>

#include "common/memory.hpp"

namespace lnob::ingest {
namespace {

std::array<uint64_t, 1024> BuildInertTable() {
  std::array<uint64_t, 1024> table{};
  for (UChar32 c = 0; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // surrogates never decode
    bool inert =
        u_getCombiningClass(c) == 0 && u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
    if (inert) table[c >> 6] |= uint64_t{1} << (c & 63);
  }
  return table;
}

}  // namespace

void Arena::Free::operator()(char* p) const {
  std::free(p);
}

char* Arena::AllocateBlock(size_t n) {
  used_ += n;
  const size_t size = n > block_size_ / 4 ? n : block_size_;
  constexpr size_t kHuge = size_t{2} << 20;
  char* p;
  if (size >= 2 * kHuge) {  // aligned so that the whole block can be huge pages
    p = static_cast<char*>(std::aligned_alloc(kHuge, (size + kHuge - 1) / kHuge * kHuge));
    if (p != nullptr) AdviseHugePages(p, size);  // mapped as used: the last block may be small
  } else {
    p = static_cast<char*>(std::malloc(size == 0 ? 1 : size));
  }
  if (p == nullptr) std::abort();
  blocks_.emplace_back(p);
  if (size != block_size_) return p;  // a large value gets its own block
  cur_ = p + n;
  left_ = size - n;
  return p;
}

size_t FindInvalidUtf8(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    if (static_cast<unsigned char>(*p) < 0x80) {
      ++p;
      continue;
    }
    char32_t cp;
    int len = DecodeUtf8(p, end, &cp);
    if (len == 0) return static_cast<size_t>(p - s.data());
    p += len;
  }
  return std::string_view::npos;
}

const uint64_t* NfcInertTable() {
  static const std::array<uint64_t, 1024> table = BuildInertTable();
  return table.data();
}

bool IsNfcInert(char32_t cp) {
  return IsNfcInert(NfcInertTable(), cp);
}

std::string_view NormalizeNfc(std::string_view text, Arena* arena) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return text;
  icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) || U_FAILURE(status)) return text;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return text;
  return arena->Copy(out);
}

std::string SanitizedPrefix(std::string_view s, size_t max_chars, bool* cut) {
  std::string out;
  *cut = false;
  const char* p = s.data();
  const char* end = p + s.size();
  size_t chars = 0;
  while (p < end) {
    if (chars == max_chars) {
      *cut = true;
      break;
    }
    char32_t cp;
    int len = DecodeUtf8(p, end, &cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++p;
    } else {
      out.append(p, len);
      p += len;
    }
    ++chars;
  }
  return out;
}

}  // namespace lnob::ingest
