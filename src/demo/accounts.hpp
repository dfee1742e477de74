// One user of the demo registry per role, with a generated password, added as `lnob users add`
// adds them (argon2id hash, audit entry "user.add"): the province's administrator and officer, the
// officer of Meo Vac commune, the head of one of its villages, the provincial Fatherland Front's
// supervisor and an auditor. Thread-safety: uses the caller's Store.
#pragma once

#include <vector>

#include "common/result.hpp"
#include "demo/demo.hpp"
#include "demo/geography.hpp"
#include "store/store.hpp"

namespace lnob::demo {

// The accounts with their passwords in clear (to print once). Errors of the store or of hashing.
Result<std::vector<DemoAccount>> AddDemoAccounts(store::Store& db, const Geography& g);

// A password of 4 groups of 5 letters and digits from libsodium's CSPRNG ("k7m2p-..."), 23
// characters, that the password policy accepts.
std::string NewPassword();

}  // namespace lnob::demo
