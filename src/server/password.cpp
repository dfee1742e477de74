#include "server/password.hpp"

#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_set>

#include "ingest/text.hpp"

namespace lnob::server {
namespace {

void EnsureSodium() {
  // sodium_init is safe to call more than once; the magic static makes it once per process.
  static const int rc = sodium_init();
  if (rc < 0) std::abort();  // no usable random source: nothing secret can be made
}

// `password` in NFC, or `password` itself when it is not valid UTF-8 (the policy refuses it).
std::string Normalized(std::string_view password) {
  if (ingest::FindInvalidUtf8(password) != std::string_view::npos) return std::string(password);
  ingest::Arena arena;
  return std::string(ingest::NormalizeNfc(password, &arena));
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string CommonPasswordsPath() {
  if (const char* env = std::getenv("LNOB_COMMON_PASSWORDS"); env && *env) return env;
  // This file is src/server/password.cpp; the list is data/common-passwords.txt beside src/.
  return (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "data" /
          "common-passwords.txt")
      .string();
}

struct CommonPasswords {
  std::unordered_set<std::string> words;
  std::string error;  // empty when loaded
};

const CommonPasswords& LoadCommonPasswords() {
  static const CommonPasswords list = [] {
    CommonPasswords out;
    const std::string path = CommonPasswordsPath();
    std::ifstream in(path);
    if (!in) {
      out.error = "cannot read the common-password list " + path +
                  " (set LNOB_COMMON_PASSWORDS to its path); no password can be checked";
      return out;
    }
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      out.words.insert(AsciiLower(line));
    }
    if (out.words.empty()) out.error = "the common-password list " + path + " is empty";
    return out;
  }();
  return list;
}

Status Refuse(Lang lang, const std::string& vi, const std::string& en) {
  return InvalidArgument(lang == Lang::kVi ? vi : en);
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  const std::string pw = Normalized(password);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, pw.data(), pw.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("cannot hash the password: not enough memory for argon2id (64 MiB)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  EnsureSodium();
  const std::string pw = Normalized(password);
  return crypto_pwhash_str_verify(hash.c_str(), pw.data(), pw.size()) == 0;
}

Status CheckPasswordPolicy(std::string_view password, std::string_view username, Lang lang) {
  if (ingest::FindInvalidUtf8(password) != std::string_view::npos) {
    return Refuse(lang, "Mật khẩu chứa ký tự không hợp lệ (không phải văn bản UTF-8).",
                  "The password contains invalid characters (it is not UTF-8 text).");
  }
  const std::string pw = Normalized(password);
  const size_t n = CodePoints(pw);
  if (n < kMinPasswordChars) {
    return Refuse(lang,
                  "Mật khẩu phải có ít nhất 12 ký tự (mật khẩu này có " + std::to_string(n) +
                      "). Nên dùng một cụm từ dễ nhớ, ví dụ bốn từ ghép lại.",
                  "The password must have at least 12 characters (this one has " +
                      std::to_string(n) + "). A phrase of four words is easy to remember.");
  }
  if (n > kMaxPasswordChars) {
    return Refuse(lang, "Mật khẩu không được dài quá 128 ký tự.",
                  "The password must not be longer than 128 characters.");
  }
  const CommonPasswords& common = LoadCommonPasswords();
  if (!common.error.empty()) return Internal(common.error);
  const std::string lower = AsciiLower(pw);
  if (common.words.count(lower) != 0) {
    return Refuse(lang,
                  "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, rất dễ bị đoán. Hãy chọn "
                  "mật khẩu khác.",
                  "This password is on the list of common passwords and is easily guessed. "
                  "Choose another one.");
  }
  const std::string user = AsciiLower(username);
  if (!user.empty() && lower.find(user) != std::string::npos) {
    return Refuse(lang, "Mật khẩu không được chứa tên đăng nhập.",
                  "The password must not contain the user name.");
  }
  return OkStatus();
}

std::string NewToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, kVariant)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, kVariant);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(text);
}

std::string TokenHash(std::string_view token) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace lnob::server
