// lnob db init | check
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace lnob::cli {
namespace {

int RunInit(const std::string& url) {
  auto store = store::Store::Open(url);
  if (!store.ok()) return Fail(store.status());
  auto applied = (*store)->Init();
  if (!applied.ok()) return Fail(applied.status());
  std::printf("database ready: schema version %d (%d migration(s) applied)\n",
              store::Migrations().back().version, *applied);
  return kExitOk;
}

int RunCheck(const std::string& url) {
  auto store = store::Store::Open(url);
  if (!store.ok()) return Fail(store.status());
  auto problems = (*store)->Check();
  if (!problems.ok()) return Fail(problems.status());
  if (problems->empty()) {
    std::printf("ok: the database passes its integrity checks\n");
    return kExitOk;
  }
  for (const auto& p : *problems) std::fprintf(stderr, "problem: %s\n", p.c_str());
  std::fprintf(stderr, "lnob: %zu problem(s) found\n", problems->size());
  return kExitInputError;
}

}  // namespace

void AddDbCommand(CLI::App& app, int* exit_code) {
  auto url = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("db", "Create or check the database / Cơ sở dữ liệu");
  cmd->require_subcommand(1);
  cmd->add_option("--db", *url, "sqlite:PATH, a file path, or postgresql://...")->required();
  cmd->add_subcommand("init", "create or upgrade the schema")
      ->fallthrough()
      ->callback([url, exit_code] { *exit_code = RunInit(*url); });
  cmd->add_subcommand("check", "verify integrity")->fallthrough()->callback([url, exit_code] {
    *exit_code = RunCheck(*url);
  });
}

}  // namespace lnob::cli
