// Passwords and secret tokens (quality.md, OWASP ASVS 5.0 level 2): argon2id hashes, the password
// policy, random tokens for sessions, CSRF and API clients, and constant-time comparison.
//
//   RETURN_IF_ERROR(CheckPasswordPolicy(pw, "xa.meovac", Lang::kVi));   // message for the user
//   ASSIGN_OR_RETURN(std::string hash, HashPassword(pw));               // "$argon2id$v=19$..."
//   bool ok = VerifyPassword(pw, hash);
//   std::string token = NewToken();            // 43 characters, base64url, 256 random bits
//   store.CreateSession(user, TokenHash(token), NewToken(), now, remote);   // only the hash is
//   kept
//
// Passwords are NFC-normalised before they are checked, hashed or verified, so that the same
// Vietnamese password typed on two keyboards (precomposed or combining marks) is the same password.
// Thread-safety: every function is thread-safe (libsodium is initialised once, on first use).
#pragma once

#include <string>
#include <string_view>

#include "common/lang.hpp"
#include "common/result.hpp"

namespace lnob::server {

inline constexpr size_t kMinPasswordChars = 12;   // Unicode code points
inline constexpr size_t kMaxPasswordChars = 128;  // Unicode code points

// Returns an argon2id hash string (libsodium crypto_pwhash_str_alg, ARGON2ID13, interactive
// limits: 2 passes, 64 MiB) with its own random salt. Internal when memory cannot be had.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash` (from HashPassword). False for a wrong password and for a
// malformed hash. Takes as long as hashing (about 0.1 s): never call it without throttling.
bool VerifyPassword(std::string_view password, const std::string& hash);

// OK when `password` may be used by `username`; otherwise InvalidArgument with a message for the
// user in `lang`: fewer than 12 or more than 128 characters (code points), not valid UTF-8, one of
// the common passwords (data/common-passwords.txt, compared lower-cased), or containing the user
// name (ignoring case). Internal when the common-password list cannot be read (the policy fails
// closed); its path is $LNOB_COMMON_PASSWORDS, else data/common-passwords.txt of the source tree.
Status CheckPasswordPolicy(std::string_view password, std::string_view username, Lang lang);

// 32 random bytes (libsodium's CSPRNG) in base64url without padding: 43 characters.
std::string NewToken();

// The hex SHA-256 of `token` (64 characters): what the store keeps instead of a token.
std::string TokenHash(std::string_view token);

// a == b in time that depends only on the lengths (sodium_memcmp): for CSRF tokens and any other
// secret compared directly.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace lnob::server
