#include "store/row_codec.hpp"

#include <cstdio>

#include "common/json_text.hpp"

namespace lnob::store::internal {

std::vector<int> StoredFields(core::Level level) {
  std::vector<int> out;
  auto fields = core::Fields(level);
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string_view n = fields[i].name;
    if (n == "household_id" || n == "province_code") continue;
    out.push_back(static_cast<int>(i));
  }
  return out;
}

void AppendField(BulkInsert& out, const core::Survey& s, core::Level level, int field,
                 uint32_t row) {
  const core::Table& t = level == core::Level::kHousehold ? s.households : s.members;
  const core::FieldColumn& c = t.columns[field];
  const core::FieldDef& f = core::Fields(level)[field];
  if (!c.present) {
    if (f.type == core::FieldType::kString || f.type == core::FieldType::kCitizenId ||
        f.type == core::FieldType::kId) {
      out.Text("");
    } else {
      out.Null();
    }
    return;
  }
  switch (f.type) {
    case core::FieldType::kDecimal: out.Real(c.reals[row]); return;
    case core::FieldType::kId:
    case core::FieldType::kString:
    case core::FieldType::kCitizenId: out.Text(c.strings[row]); return;
    default: out.Int(c.Int(row)); return;
  }
}

std::string ExtrasJson(const core::Table& t, uint32_t row) {
  if (t.extras.empty()) return "{}";
  std::string out = "{";
  for (size_t i = 0; i < t.extras.size(); ++i) {
    out +=
        (i ? "," : "") + JsonString(t.extras[i].name) + ":" + JsonString(t.extras[i].values[row]);
  }
  return out + "}";
}

namespace {

struct Fnv {
  uint64_t h = 1469598103934665603ull;
  void Bytes(const void* p, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 1099511628211ull;
    }
  }
  void Text(std::string_view s) {
    uint64_t n = s.size();
    Bytes(&n, sizeof n);
    Bytes(s.data(), s.size());
  }
};

void HashRow(Fnv& f, const core::Table& t, core::Level level, uint32_t row) {
  auto fields = core::Fields(level);
  for (size_t i = 0; i < fields.size(); ++i) {
    const core::FieldColumn& c = t.columns[i];
    uint8_t present = c.present;
    f.Bytes(&present, 1);
    if (!c.present) continue;
    switch (fields[i].type) {
      case core::FieldType::kDecimal: f.Bytes(&c.reals[row], sizeof(double)); break;
      case core::FieldType::kId:
      case core::FieldType::kString:
      case core::FieldType::kCitizenId: f.Text(c.strings[row]); break;
      default: {  // widened to int64, as before columns were narrowed: stored hashes still match
        const int64_t v = c.Int(row);
        f.Bytes(&v, sizeof v);
        break;
      }
    }
  }
  for (const auto& e : t.extras) {
    f.Text(e.name);
    f.Text(e.values[row]);
  }
}

}  // namespace

std::string ContentHash(const core::Survey& s, uint32_t h) {
  Fnv f;
  HashRow(f, s.households, core::Level::kHousehold, h);
  for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1]; ++m) {
    HashRow(f, s.members, core::Level::kMember, m);
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(f.h));
  return buf;
}

std::string MaskId(std::string_view id) {
  if (id.size() <= 4) return std::string(id);
  return "…" + std::string(id.substr(id.size() - 4));
}

}  // namespace lnob::store::internal
