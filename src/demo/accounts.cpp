#include "demo/accounts.hpp"

#include <sodium.h>

#include "common/clock.hpp"
#include "server/password.hpp"

namespace lnob::demo {

std::string NewPassword() {
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";  // no 0/o, 1/l
  std::string pw;
  for (int i = 0; i < 20; ++i) {
    if (i > 0 && i % 5 == 0) pw += '-';
    pw += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  }
  return pw;
}

Result<std::vector<DemoAccount>> AddDemoAccounts(store::Store& db, const Geography& g) {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  const NewUnit& meo_vac = g.new_units[g.meo_vac];
  const Village& village =
      g.villages[g.old_units[g.meo_vac_old[1]].first_village];  // Pa Vi's first
  std::vector<DemoAccount> accounts = {
      {"tinh.quantri", "province_admin", "08", "tỉnh Tuyên Quang", ""},
      {"tinh.canbo", "province_officer", "08", "tỉnh Tuyên Quang", ""},
      {"xa.meovac", "commune_officer", meo_vac.code, "xã " + meo_vac.name, ""},
      {"thon.meovac", "village_head", village.code, "thôn " + village.name + " (xã Mèo Vạc)", ""},
      {"mattran.tinh", "front_supervisor", "08", "Ủy ban MTTQ tỉnh Tuyên Quang", ""},
      {"kiemtoan", "auditor", "08", "tỉnh Tuyên Quang", ""},
  };
  for (DemoAccount& a : accounts) {
    a.password = NewPassword();  // 23 characters from 32 symbols: never a common password
    RETURN_IF_ERROR(server::CheckPasswordPolicy(a.password, a.username, Lang::kEn));
    ASSIGN_OR_RETURN(std::string hash, server::HashPassword(a.password));
    ASSIGN_OR_RETURN(int64_t id, db.AddUser(a.username, a.role, a.unit_code, hash));
    (void)id;
    RETURN_IF_ERROR(db.AppendAudit({"cli", "user.add", a.username,
                                    "role=" + a.role + " unit=" + a.unit_code, ""},
                                   NowUtcIso())
                        .status());
  }
  return accounts;
}

}  // namespace lnob::demo
