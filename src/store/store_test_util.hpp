// Test helpers: a fresh, migrated Store on each backend (SQLite in a temp file; PostgreSQL at
// $LNOB_TEST_PG_URL, which `make test` sets after starting a throwaway server).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "store/store.hpp"

namespace lnob::store::testing {

inline std::string PgUrl() {
  const char* url = std::getenv("LNOB_TEST_PG_URL");
  return url ? url : "";
}

// Returns the URL of an empty database for `backend` ("sqlite" or "postgres"), or "" when the
// backend is not available (the caller skips).
inline std::string FreshDatabaseUrl(const std::string& backend) {
  if (backend == "sqlite") {
    static int n = 0;
    auto dir = std::filesystem::temp_directory_path() /
               ("lnob_store_test_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return "sqlite:" + (dir / "lnob.db").string();
  }
  // Tests run in parallel processes: each gets a schema of its own, chosen by search_path.
  std::string url = PgUrl();
  if (url.empty()) return "";
  auto db = Database::Open(url);
  if (!db.ok()) return "";
  static int n = 0;
  std::string schema = "store_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
  if (!(*db)->Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema).ok()) {
    return "";
  }
  return url + (url.find('?') == std::string::npos ? "?" : "&") +
         "options=-c%20search_path%3D" + schema;
}

// A fresh migrated store, or a skipped test.
#define LNOB_OPEN_FRESH_STORE(store_var, backend)                                          \
  if (std::string(backend) == "postgres" && ::lnob::store::testing::PgUrl().empty()) {   \
    GTEST_SKIP() << "PostgreSQL tests need LNOB_TEST_PG_URL: run them with `make test`"; \
  }                                                                                      \
  std::string lnob_url_ = ::lnob::store::testing::FreshDatabaseUrl(backend);             \
  ASSERT_FALSE(lnob_url_.empty()) << "cannot prepare a fresh " << (backend) << " database"; \
  auto lnob_opened_ = ::lnob::store::Store::Open(lnob_url_);                             \
  ASSERT_TRUE(lnob_opened_.ok()) << lnob_opened_.status().message();                     \
  std::unique_ptr<::lnob::store::Store> store_var = std::move(*lnob_opened_);            \
  ASSERT_TRUE(store_var->Init().ok())

}  // namespace lnob::store::testing
