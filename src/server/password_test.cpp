#include "server/password.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

namespace lnob::server {
namespace {

TEST(Password, HashAndVerifyRoundTrip) {
  const std::string pw = "bốn con mèo trên mái nhà";
  auto hash = HashPassword(pw);
  ASSERT_TRUE(hash.ok()) << hash.status().message();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find(pw), std::string::npos);
  EXPECT_TRUE(VerifyPassword(pw, *hash));
  EXPECT_FALSE(VerifyPassword("bốn con mèo trên mái nhà!", *hash));
  EXPECT_FALSE(VerifyPassword("bon con meo tren mai nha", *hash));
  EXPECT_FALSE(VerifyPassword(pw, "not a hash"));
  EXPECT_FALSE(VerifyPassword(pw, ""));

  auto again = HashPassword(pw);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*again, *hash);  // a new salt every time
  EXPECT_TRUE(VerifyPassword(pw, *again));
}

TEST(Password, TheSameVietnamesePasswordFromAnotherKeyboardVerifies) {
  // "Mèo Vạc" precomposed (NFC) and with combining marks (NFD).
  const std::string nfc = "Mèo Vạc mùa hoa tam giác mạch";
  const std::string nfd =
      "Me\xcc\x80o Va\xcc\xa3\x63 mu\xcc\x80\x61 hoa tam gia\xcc\x81\x63 ma\xcc\xa3\x63h";
  ASSERT_NE(nfc, nfd);
  auto hash = HashPassword(nfd);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(nfc, *hash));
}

TEST(Password, PolicyRefusesShortLongCommonAndUsernamePasswords) {
  auto code = [](std::string_view pw, std::string_view user = "xa.meovac") {
    return CheckPasswordPolicy(pw, user, Lang::kEn).code();
  };
  Status short_en = CheckPasswordPolicy("abc12345", "xa.meovac", Lang::kEn);
  EXPECT_EQ(short_en.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(short_en.message().find("at least 12 characters (this one has 8)"), std::string::npos)
      << short_en.message();
  Status short_vi = CheckPasswordPolicy("abc12345", "xa.meovac", Lang::kVi);
  EXPECT_NE(short_vi.message().find("ít nhất 12 ký tự"), std::string::npos) << short_vi.message();

  EXPECT_EQ(code(std::string(129, 'k')), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(std::string(128, 'k')), ErrorCode::kOk);

  for (const char* common : {"123456789012", "qwertyuiop123", "Password1234", "IloveYou1234",
                             "anhyeuem123456", "MATKHAU123456", "vietnam123456"}) {
    Status s = CheckPasswordPolicy(common, "xa.meovac", Lang::kEn);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << common;
    EXPECT_NE(s.message().find("common passwords"), std::string::npos) << common;
  }
  Status vi_common = CheckPasswordPolicy("matkhau123456", "xa.meovac", Lang::kVi);
  EXPECT_NE(vi_common.message().find("phổ biến"), std::string::npos) << vi_common.message();

  Status has_user = CheckPasswordPolicy("2025-XA.MeoVac-secret", "xa.meovac", Lang::kEn);
  EXPECT_EQ(has_user.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(has_user.message().find("user name"), std::string::npos) << has_user.message();

  EXPECT_EQ(code("\xff\xfe invalid utf8 bytes"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code("correct horse battery"), ErrorCode::kOk);
}

TEST(Password, PolicyCountsCharactersNotBytes) {
  // 12 Vietnamese letters with diacritics (36 bytes): accepted; 11 (33 bytes): refused.
  const std::string twelve = "ạẹịọụỳảẻỉỏủỷ";
  ASSERT_EQ(twelve.size(), 36u);
  EXPECT_TRUE(CheckPasswordPolicy(twelve, "xa.meovac", Lang::kVi).ok());
  EXPECT_EQ(CheckPasswordPolicy(twelve.substr(0, 33), "xa.meovac", Lang::kVi).code(),
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(CheckPasswordPolicy("Đồng Văn mùa đá", "xa.meovac", Lang::kVi).ok());
  // 128 three-byte characters are within the limit.
  std::string long_vi;
  for (int i = 0; i < 128; ++i) long_vi += "ạ";
  EXPECT_TRUE(CheckPasswordPolicy(long_vi, "xa.meovac", Lang::kVi).ok());
}

TEST(Password, TokensAreUniqueUrlSafeAnd43Characters) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string t = NewToken();
    ASSERT_EQ(t.size(), 43u) << t;
    for (char c : t) {
      ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << t;
    }
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Password, TokenHashIsHexSha256) {
  // SHA-256("abc"), FIPS 180-2.
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string t = NewToken();
  EXPECT_EQ(TokenHash(t), TokenHash(t));
  EXPECT_NE(TokenHash(t), TokenHash(NewToken()));
  EXPECT_EQ(TokenHash(t).size(), 64u);
}

TEST(Password, SecretsEqualComparesWholeSecrets) {
  EXPECT_TRUE(SecretsEqual("csrf-token-1", "csrf-token-1"));
  EXPECT_FALSE(SecretsEqual("csrf-token-1", "csrf-token-2"));
  EXPECT_FALSE(SecretsEqual("csrf-token-1", "csrf-token-12"));
  EXPECT_FALSE(SecretsEqual("", "x"));
  EXPECT_TRUE(SecretsEqual("", ""));
}

}  // namespace
}  // namespace lnob::server
