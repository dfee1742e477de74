#include "tests/server/gen_registry.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <tuple>

namespace lnob::testing {
namespace fs = std::filesystem;

GenRegistry GenRegistry::Build(const std::string& name, int count) {
  GenRegistry g;
  Registry& r = g.reg;
  r.dir = (fs::path(::testing::TempDir()) / ("lnob_gen_" + name + "_" + std::to_string(::getpid())))
              .string();
  fs::remove_all(r.dir);
  fs::create_directories(r.dir);
  r.db_url = "sqlite:" + r.dir + "/lnob.db";
  for (int c = 1; c <= 8; ++c) g.communes.push_back("1000" + std::to_string(c));
  g.big_commune = g.communes[0];
  g.small_commune = g.communes[1];
  g.small_village = g.small_commune + "02";
  {
    std::ofstream u(r.dir + "/units.csv");
    u << "type,code,name,kind,parent_code,province_code,valid_from,valid_to,from,to,note\n"
      << "unit,08,Tuyên Quang,province,,08,2020-01-01,,,,\n";
    for (const std::string& c : g.communes) {
      u << "unit," << c << ",Xã " << c << ",commune,08,08,2020-01-01,,,,\n";
      for (int v = 1; v <= 3; ++v) {
        u << "unit," << c << "0" << v << ",Thôn " << v << ",village," << c
          << ",08,2020-01-01,,,,\n";
      }
    }
  }
  const char* family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vàng", "Giàng", "Lò", "Đặng"};
  const char* middle[] = {"Văn", "Thị", "Đức", "Mí", "Ngọc", "A"};
  const char* given[] = {"An", "Bình", "Dũng", "Hoa", "Páo", "Sử", "Ánh", "Đào", "Vân", "Lan"};
  std::mt19937 rng(20251115);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int i = 0; i < count; ++i) {
    GenHousehold h;
    // Ids whose order differs from the order of the rows written below.
    h.id = "G" + std::to_string(100000 + (i * 7919) % 900000);
    h.commune = pick(10) < 4 ? g.big_commune : g.communes[1 + pick(7)];
    h.village = h.commune + "0" + std::to_string(1 + pick(3));
    const int n = 1 + pick(5);
    for (int m = 0; m < n; ++m) {
      std::string nm = std::string(family[pick(9)]) + " " + middle[pick(6)] + " " + given[pick(10)];
      if (i == 5 && m == 0) nm = "=Lò Văn Công";  // a formula if a spreadsheet ran it
      char id[32];  // 12 digits; room for any int, as -Wformat-truncation asks
      std::snprintf(id, sizeof id, "%03d%09d", 8 + m, i);
      h.members.push_back({nm, id});
    }
    g.households.push_back(std::move(h));
  }
  {
    std::ofstream hf(r.dir + "/households.csv");
    std::ofstream mf(r.dir + "/members.csv");
    hf << "household_id,province_code,commune_code,village_code,area,survey_date,income_pc_month,"
          "house_area_m2,wall_durable,frame_durable,roof_durable,water_source,toilet_type,"
          "uses_telecom,has_info_device,waste_treated\n";
    mf << "household_id,member_id,full_name,national_id,birth_date,sex,relation,ethnicity,"
          "health_insurance,malnourished,school_attending,education,employment,disability,"
          "monthly_allowance\n";
    const char* water[] = {"piped", "unprotected_spring"};
    const char* toilet[] = {"septic", "simple_pit"};
    for (const GenHousehold& h : g.households) {
      hf << h.id << ",08," << h.commune << "," << h.village << ",rural,2025-10-15,"
         << (300000 + 100000 * pick(40)) << "," << (10 + pick(80)) << ",1,1," << pick(2) << ","
         << water[pick(2)] << "," << toilet[pick(2)] << "," << pick(2) << ",1," << pick(2) << "\n";
      for (size_t m = 0; m < h.members.size(); ++m) {
        mf << h.id << "," << (m + 1) << "," << h.members[m].name << "," << h.members[m].citizen_id
           << "," << (1950 + pick(60)) << "-0" << (1 + pick(9)) << "-1" << pick(9) << ","
           << (pick(2) ? "male" : "female") << "," << (m == 0 ? "head" : "child")
           << ",kinh,1,0,0,upper_secondary,self_employed,0,0\n";
      }
    }
  }
  std::sort(g.households.begin(), g.households.end(),
            [](const GenHousehold& a, const GenHousehold& b) { return a.id < b.id; });
  const std::string log = r.dir + "/build.log";
  auto run = [&](const std::string& args) {
    if (RunLnob(args, log) != 0) throw std::runtime_error("lnob " + args + " failed; see " + log);
  };
  run("units import --db '" + r.db_url + "' '" + r.dir + "/units.csv'");
  run("import --db '" + r.db_url + "' --round 2025 --households '" + r.dir +
      "/households.csv' --members '" + r.dir + "/members.csv'");
  run("classify --db '" + r.db_url + "' --round 2025");
  for (auto [user, role, unit] : {std::tuple{kGenAdmin, "province_admin", std::string("08")},
                                  std::tuple{kGenOfficer, "province_officer", std::string("08")},
                                  std::tuple{kGenBigCommune, "commune_officer", g.big_commune},
                                  std::tuple{kGenCommune, "commune_officer", g.small_commune},
                                  std::tuple{kGenVillage, "village_head", g.small_village},
                                  std::tuple{kGenFront, "front_supervisor", g.small_commune},
                                  std::tuple{kGenAuditor, "auditor", std::string("08")}}) {
    std::string cmd = "printf '%s\\n' '" + std::string(kPassword) + "' | '" + LnobBin() +
                      "' users add --db '" + r.db_url + "' --username " + user + " --role " + role +
                      " --unit " + unit + " --password-stdin >>'" + log + "' 2>&1";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("users add failed; see " + log);
  }
  return g;
}

}  // namespace lnob::testing
