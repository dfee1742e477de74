// Text that the PostgreSQL backend sends: '?' -> $n rewriting, numbers, COPY escaping.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "store/postgres/postgres_db.hpp"

namespace lnob::store::pg {
namespace {

bool IsIdentChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '_' ||
         c == '$' || u >= 0x80;
}

// Index just past the quoted text that starts at sql[i] (a quote), or sql.size() if unclosed.
// `backslash`: E'...' strings, where a backslash escapes the next character.
size_t SkipQuoted(std::string_view sql, size_t i, char quote, bool backslash) {
  for (size_t j = i + 1; j < sql.size(); ++j) {
    if (backslash && sql[j] == '\\') {
      ++j;
    } else if (sql[j] == quote) {
      return j + 1;  // a doubled quote ('' or "") reads as two adjacent quoted parts: same result
    }
  }
  return sql.size();
}

// Index past a /* ... */ comment starting at sql[i] (PostgreSQL nests them).
size_t SkipBlockComment(std::string_view sql, size_t i) {
  int depth = 0;
  for (size_t j = i; j + 1 < sql.size(); ++j) {
    if (sql[j] == '/' && sql[j + 1] == '*') {
      ++depth;
      ++j;
    } else if (sql[j] == '*' && sql[j + 1] == '/') {
      ++j;
      if (--depth == 0) return j + 1;
    }
  }
  return sql.size();
}

// If sql[i] opens a dollar-quoted string ($$ or $tag$), the index past its end; else i.
size_t SkipDollarQuoted(std::string_view sql, size_t i) {
  if (i > 0 && IsIdentChar(sql[i - 1])) return i;  // part of an identifier such as a$b
  size_t j = i + 1;
  if (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') return i;  // $1: a parameter
  while (j < sql.size() && IsIdentChar(sql[j]) && sql[j] != '$') ++j;
  if (j >= sql.size() || sql[j] != '$') return i;
  std::string_view tag = sql.substr(i, j - i + 1);
  size_t end = sql.find(tag, j + 1);
  return end == std::string_view::npos ? sql.size() : end + tag.size();
}

}  // namespace

std::string RewritePlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    size_t end = i;
    if (c == '\'') {
      bool e_string =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
      end = SkipQuoted(sql, i, '\'', e_string);
    } else if (c == '"') {
      end = SkipQuoted(sql, i, '"', false);
    } else if (c == '-' && next == '-') {
      end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size();
    } else if (c == '/' && next == '*') {
      end = SkipBlockComment(sql, i);
    } else if (c == '$') {
      end = SkipDollarQuoted(sql, i);
    } else if (c == '?') {
      // As in SQLite: ?NNN is parameter NNN; a bare ? is one more than the largest so far.
      size_t j = i + 1;
      int number = 0;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9' && number < 100000) {
        number = number * 10 + (sql[j++] - '0');
      }
      number = j > i + 1 ? number : n + 1;
      n = std::max(n, number);
      out += '$';
      out += std::to_string(number);
      i = j;
      continue;
    }
    if (end == i) end = i + 1;  // an ordinary character
    out.append(sql.substr(i, end - i));
    i = end;
  }
  *count = n;
  return out;
}

std::string FormatInt(int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string FormatReal(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back exactly
  return std::string(buf, r.ptr);
}

void AppendCopyText(std::string* out, std::string_view v) {
  size_t start = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const char* escaped = nullptr;
    switch (v[i]) {
      case '\\': escaped = "\\\\"; break;
      case '\t': escaped = "\\t"; break;
      case '\n': escaped = "\\n"; break;
      case '\r': escaped = "\\r"; break;
      default: continue;
    }
    out->append(v.substr(start, i - start));
    out->append(escaped);
    start = i + 1;
  }
  out->append(v.substr(start));
}

}  // namespace lnob::store::pg
