#include "demo/geography.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "demo/rng.hpp"
#include "demo/unit_tables.hpp"

namespace lnob::demo {
namespace {

std::vector<std::vector<std::string>> Rows(const char* table) {
  std::vector<std::vector<std::string>> rows;
  std::string_view t(table);
  while (!t.empty()) {
    size_t end = t.find('\n');
    std::string_view line = t.substr(0, end);
    t = end == std::string_view::npos ? std::string_view() : t.substr(end + 1);
    if (line.empty()) continue;
    std::vector<std::string> f;
    size_t start = 0;
    for (size_t bar; (bar = line.find('|', start)) != std::string_view::npos; start = bar + 1)
      f.emplace_back(line.substr(start, bar - start));
    f.emplace_back(line.substr(start));
    rows.push_back(std::move(f));
  }
  return rows;
}

// Remoteness of each district, in the order of kDistrictTable: the karst plateau (Dong Van,
// Meo Vac, Yen Minh, Quan Ba) and the western highlands (Hoang Su Phi, Xin Man) first.
constexpr double kRemoteness[] = {0.05, 1.0,  1.0,  0.9,  0.8, 0.5,  0.75, 0.85, 0.85,
                                  0.35, 0.55, 0.05, 0.75, 0.6, 0.45, 0.35, 0.3,  0.25};

// Syllables of invented village names: the highlands (Hmong, Dao) and the valleys (Tay, Kinh).
constexpr std::string_view kHigh[] = {"Lũng", "Sủng", "Phìn", "Chải",  "Mã",  "Sà", "Tả",   "Pả",
                                      "Séo",  "Khó",  "Lầu",  "Chúng", "Cáo", "Há", "Súng", "Pó"};
constexpr std::string_view kHigh2[] = {"Phìn", "Chư", "Pao", "Lủng", "Chá", "Tủng", "Sán", "Chải",
                                       "Lùng", "Dìn", "Hồ",  "Sảng", "Mua", "Ván",  "Tìa", "Ngài"};
constexpr std::string_view kLow[] = {"Nà",   "Khuổi", "Pác", "Bản", "Nặm", "Phiêng", "Cốc", "Khau",
                                     "Làng", "Đồng",  "Tân", "Bó",  "Nà",  "Thôn",   "Hợp", "Cao"};
constexpr std::string_view kLow2[] = {"Mỏ",  "Tấu", "Vai", "Ngoa", "Lạn",  "Khà",  "Coóc", "Quân",
                                      "Mới", "Bưa", "Hoa", "Kham", "Thẳm", "Lũng", "Tiến", "Pài"};
constexpr std::string_view kSuffix[] = {"", "", "", "", "Trên", "Dưới", "Thượng", "Hạ"};

std::string Code2(int i) {
  return (i < 10 ? "0" : "") + std::to_string(i);
}

}  // namespace

Date OldUnit::last_day() const {
  return code == "00769" || code == "00781" || code == "00784" || code == "00796" ? Date{20250615}
                                                                                  : Date{20250630};
}

Geography BuildGeography(uint64_t seed) {
  Geography g;
  std::map<std::string, uint32_t> district_of;
  for (const auto& f : Rows(kDistrictTable)) {
    District d;
    d.province = f[0];
    d.code = f[1];
    d.name = f[2];
    d.city = f[3] == "city";
    d.mix = static_cast<int>(g.districts.size());
    d.remoteness = kRemoteness[d.mix];
    district_of[d.code] = static_cast<uint32_t>(g.districts.size());
    g.districts.push_back(d);
  }
  std::map<std::string, uint32_t> old_of;
  Rng r(Mix(seed, 0x6E06));
  for (const auto& f : Rows(kOldUnitTable)) {
    OldUnit u;
    u.district = district_of.at(f[0]);
    u.code = f[1];
    u.kind = f[2][0];
    u.name = f[3];
    const District& d = g.districts[u.district];
    u.part = d.province == "08" ? kPartTuyenQuang : kPartHaGiang;
    double jitter = 0.85 + 0.3 * r.Unit();
    u.remoteness = std::clamp(d.remoteness * (u.urban() ? 0.35 : jitter), 0.0, 1.0);
    // Towns and wards are larger; remote communes smaller in households (bigger families).
    u.weight = (u.urban() ? 1.9 : 1.0) * (0.6 + 0.8 * r.Unit());
    old_of[u.code] = static_cast<uint32_t>(g.old_units.size());
    g.old_units.push_back(u);
  }
  for (const auto& f : Rows(kNewUnitTable)) {
    NewUnit n;
    n.code = f[0];
    n.kind = f[1][0];
    n.name = f[2];
    g.new_units.push_back(n);
  }
  // Meo Vac: the resolution's four units. Every other new unit: the old unit with its code, then
  // each remaining old unit to the new unit of its district with the nearest code.
  std::map<std::string, uint32_t> new_of;
  for (uint32_t i = 0; i < g.new_units.size(); ++i) new_of[g.new_units[i].code] = i;
  g.meo_vac = new_of.at("00769");
  for (const char* c : {"00769", "00781", "00784", "00796"}) g.meo_vac_old.push_back(old_of.at(c));
  std::set<uint32_t> placed(g.meo_vac_old.begin(), g.meo_vac_old.end());
  for (uint32_t o : g.meo_vac_old) g.old_units[o].new_unit = g.meo_vac;
  for (uint32_t i = 0; i < g.new_units.size(); ++i) {
    uint32_t o = old_of.at(g.new_units[i].code);
    g.old_units[o].new_unit = i;
    placed.insert(o);
  }
  for (uint32_t o = 0; o < g.old_units.size(); ++o) {
    if (placed.count(o)) continue;
    int code = std::atoi(g.old_units[o].code.c_str());
    int best = -1, best_distance = 1 << 30;
    for (uint32_t i = 0; i < g.new_units.size(); ++i) {
      if (i == g.meo_vac) continue;
      uint32_t own = old_of.at(g.new_units[i].code);
      if (g.old_units[own].district != g.old_units[o].district) continue;
      int distance = std::abs(std::atoi(g.new_units[i].code.c_str()) - code);
      if (distance < best_distance) best = static_cast<int>(i), best_distance = distance;
    }
    g.old_units[o].new_unit = static_cast<uint32_t>(best);
  }
  for (uint32_t o = 0; o < g.old_units.size(); ++o)
    g.new_units[g.old_units[o].new_unit].old_units.push_back(o);

  // Villages: 34 villages and 5 residential groups in Meo Vac; 6-16 elsewhere.
  for (uint32_t o = 0; o < g.old_units.size(); ++o) {
    OldUnit& u = g.old_units[o];
    u.first_village = static_cast<uint32_t>(g.villages.size());
    int groups = u.kind == 'P' ? 6 + r.Below(8) : u.kind == 'T' ? 5 + r.Below(5) : 0;
    int villages = u.kind == 'P' ? r.Below(3) : u.kind == 'T' ? 2 + r.Below(4) : 6 + r.Below(11);
    if (u.code == "00769") groups = 5, villages = 4;
    if (u.code == "00781" || u.code == "00784" || u.code == "00796") groups = 0, villages = 10;
    bool high = g.districts[u.district].remoteness >= 0.7;
    std::set<std::string> names;
    for (int k = 0; k < groups + villages; ++k) {
      Village v;
      v.old_unit = o;
      v.code = u.code + Code2(k + 1);
      v.residential_group = k < groups;
      if (v.residential_group) {
        v.name = "Tổ dân phố " + std::to_string(k + 1);
      } else {
        do {
          v.name = std::string(high ? kHigh[r.Below(16)] : kLow[r.Below(16)]) + " " +
                   std::string(high ? kHigh2[r.Below(16)] : kLow2[r.Below(16)]);
          std::string_view suffix = kSuffix[r.Below(8)];
          if (!suffix.empty()) v.name += " " + std::string(suffix);
        } while (!names.insert(v.name).second);
      }
      g.villages.push_back(v);
    }
    u.village_count = static_cast<uint32_t>(groups + villages);
  }
  return g;
}

std::string UnitsCsv(const Geography& g) {
  std::string out =
      "type,code,name,kind,parent_code,province_code,valid_from,valid_to,from,to,note\n";
  auto iso = [](Date d) { return FormatIsoDate(d); };
  auto unit = [&](const std::string& code, const std::string& name, std::string_view kind,
                  const std::string& parent, const std::string& province, Date from,
                  std::optional<Date> to) {
    out += "unit," + code + "," + name + "," + std::string(kind) + "," + parent + "," + province +
           "," + iso(from) + "," + (to ? iso(*to) : "") + ",,,\n";
  };
  auto event = [&](std::string_view kind, Date on, const std::vector<std::string>& from,
                   const std::vector<std::string>& to, const std::string& note) {
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& c : v) s += (s.empty() ? "" : ";") + c;
      return s;
    };
    out += "event,,," + std::string(kind) + ",,," + iso(on) + ",," + join(from) + "," + join(to) +
           ",\"" + note + "\"\n";
  };
  auto kind_of = [](char k) -> std::string_view {
    return k == 'P' ? "ward" : k == 'T' ? "township" : "commune";
  };
  Date end_old{20250630};
  unit("02", "Hà Giang", "province", "", "02", kUnitsStart, end_old);
  unit("08", "Tuyên Quang", "province", "", "08", kUnitsStart, end_old);
  unit("08", "Tuyên Quang", "province", "", "08", kMerger, std::nullopt);
  for (const District& d : g.districts)
    unit(d.code, (d.city ? "Thành phố " : "") + d.name, "district", d.province, d.province,
         kUnitsStart, end_old);
  for (const OldUnit& u : g.old_units) {
    const District& d = g.districts[u.district];
    unit(u.code, u.name, kind_of(u.kind), d.code, d.province, kUnitsStart, u.last_day());
  }
  const NewUnit& mv = g.new_units[g.meo_vac];
  unit(mv.code, mv.name, "commune", "027", "02", kMeoVacFormed, end_old);
  for (const NewUnit& n : g.new_units)
    unit(n.code, n.name, n.kind == 'P' ? "ward" : "commune", "08", "08", kMerger, std::nullopt);
  for (const Village& v : g.villages) {
    const OldUnit& u = g.old_units[v.old_unit];
    const District& d = g.districts[u.district];
    std::string_view kind = v.residential_group ? "residential_group" : "village";
    unit(v.code, v.name, kind, u.code, d.province, kUnitsStart, u.last_day());
    if (u.new_unit == g.meo_vac) unit(v.code, v.name, kind, mv.code, "02", kMeoVacFormed, end_old);
    unit(v.code, v.name, kind, g.new_units[u.new_unit].code, "08", kMerger, std::nullopt);
  }

  auto codes_of = [&](const std::vector<uint32_t>& olds) {
    std::vector<std::string> c;
    for (uint32_t o : olds) c.push_back(g.old_units[o].code);
    return c;
  };
  auto villages_of = [&](const std::vector<uint32_t>& olds) {
    std::vector<std::string> c;
    for (uint32_t o : olds)
      for (uint32_t k = 0; k < g.old_units[o].village_count; ++k)
        c.push_back(g.villages[g.old_units[o].first_village + k].code);
    return c;
  };
  event("merge", kMeoVacFormed, codes_of(g.meo_vac_old), {mv.code},
        "Thị trấn Mèo Vạc, các xã Tả Lủng, Giàng Chu Phìn, Pả Vi hợp thành xã Mèo Vạc");
  event("reparent", kMeoVacFormed, villages_of(g.meo_vac_old), villages_of(g.meo_vac_old),
        "Thôn, tổ dân phố về xã Mèo Vạc");
  event("merge", kMerger, {"02", "08"}, {"08"}, "Nghị quyết 202/2025/QH15");
  std::vector<std::string> districts;
  for (const District& d : g.districts) districts.push_back(d.code);
  event("dissolve", kMerger, districts, {}, "Cấp huyện kết thúc hoạt động");
  for (uint32_t i = 0; i < g.new_units.size(); ++i) {
    const NewUnit& n = g.new_units[i];
    std::string note = (n.kind == 'P' ? "Phường " : "Xã ") + n.name;
    if (i == g.meo_vac) {
      event("reparent", kMerger, {n.code}, {n.code}, "Không còn cấp huyện");
    } else if (n.old_units.size() == 1) {
      event("reparent", kMerger, {n.code}, {n.code}, note + ": không còn cấp huyện");
    } else {
      event("merge", kMerger, codes_of(n.old_units), {n.code},
            "Sắp xếp đơn vị hành chính cấp xã 2025: " + note);
    }
    event("reparent", kMerger, villages_of(n.old_units), villages_of(n.old_units),
          "Thôn, tổ dân phố về " + note);
  }
  return out;
}

}  // namespace lnob::demo
