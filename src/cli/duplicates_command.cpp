// lnob duplicates: likely duplicate persons in a round.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "store/store.hpp"

namespace lnob::cli {
namespace {

struct DuplicatesArgs {
  std::string db, kind = "periodic";
  int round = 0;
};

int RunDuplicates(const DuplicatesArgs& a) {
  auto store = store::Store::Open(a.db);
  if (!store.ok()) return Fail(store.status());
  auto round = (*store)->FindRound(a.round, a.kind);
  if (!round.ok()) return Fail(round.status());
  auto found = (*store)->FindDuplicates(*round);
  if (!found.ok()) return Fail(found.status());
  for (const auto& d : *found) {
    std::printf("%s: household %s member %s ~ household %s member %s\n", d.reason.c_str(),
                d.household_a.c_str(), d.member_a.c_str(), d.household_b.c_str(),
                d.member_b.c_str());
  }
  std::printf("%zu likely duplicate(s) in round %d\n", found->size(), a.round);
  return kExitOk;
}

}  // namespace

void AddDuplicatesCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<DuplicatesArgs>();
  CLI::App* cmd = app.add_subcommand("duplicates", "List likely duplicate persons in a round");
  cmd->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
  cmd->add_option("--round", a->round, "the round's year")->required();
  cmd->add_option("--kind", a->kind, "periodic (default) or regular");
  cmd->callback([a, exit_code] { *exit_code = RunDuplicates(*a); });
}

}  // namespace lnob::cli
