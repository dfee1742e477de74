// lnob audit verify | show: check the hash chain of the audit log, and read it.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "common/date.hpp"
#include "common/json_text.hpp"
#include "common/lang.hpp"
#include "store/store.hpp"

namespace lnob::cli {
namespace {

struct AuditArgs {
  std::string db, actor, action, since, format = "table", lang = "vi";
  int limit = 50;
};

Result<std::unique_ptr<store::Store>> OpenReady(const std::string& url) {
  ASSIGN_OR_RETURN(auto store, store::Store::Open(url));
  ASSIGN_OR_RETURN(int applied, store->Init());
  (void)applied;
  return store;
}

int RunVerify(const AuditArgs& a) {
  const bool vi = ParseLang(a.lang) == Lang::kVi;
  auto store = OpenReady(a.db);
  if (!store.ok()) return Fail(store.status());
  auto checked = (*store)->VerifyAudit();
  if (!checked.ok()) {
    std::fprintf(stderr, "lnob: %s\n", checked.status().message().c_str());
    std::fprintf(stderr, vi ? "Nhật ký kiểm toán đã bị sửa đổi; hãy so với bản sao lưu.\n"
                            : "The audit log was tampered with; compare it with a backup.\n");
    return kExitInputError;
  }
  std::printf(vi ? "%lld mục, chuỗi băm nguyên vẹn\n" : "%lld entries, chain intact\n",
              static_cast<long long>(*checked));
  return kExitOk;
}

std::string Json(const store::AuditRecord& r) {
  const store::AuditEntry& e = r.entry;
  return "{\"id\":" + std::to_string(r.id) + ",\"at\":" + JsonString(r.at) +
         ",\"actor\":" + JsonString(e.actor) + ",\"action\":" + JsonString(e.action) +
         ",\"target\":" + JsonString(e.target) + ",\"detail\":" + JsonString(e.detail) +
         ",\"remote\":" + JsonString(e.remote) + ",\"hash\":" + JsonString(r.hash) + "}";
}

int RunShow(const AuditArgs& a) {
  const bool vi = ParseLang(a.lang) == Lang::kVi;
  store::AuditFilter f;
  f.actor = a.actor;
  f.action = a.action;
  if (!a.since.empty()) {
    auto d = ParseIsoDate(a.since);
    if (!d.ok()) return Fail(InvalidArgument("--since: " + d.status().message()));
    f.since = FormatIsoDate(*d);
  }
  f.limit = a.limit;
  auto store = OpenReady(a.db);
  if (!store.ok()) return Fail(store.status());
  auto records = (*store)->QueryAudit(f);
  if (!records.ok()) return Fail(records.status());
  if (a.format == "json") {
    std::string out = "[";
    for (size_t i = 0; i < records->size(); ++i) out += (i ? ",\n " : "") + Json((*records)[i]);
    std::printf("%s]\n", out.c_str());
    return kExitOk;
  }
  std::printf("%-6s %-20s %-16s %-14s %-20s %s\n", "id", vi ? "lúc (UTC)" : "at (UTC)",
              vi ? "người làm" : "actor", vi ? "việc" : "action", vi ? "đối tượng" : "target",
              vi ? "chi tiết" : "detail");
  for (const store::AuditRecord& r : *records) {
    std::printf("%-6lld %-20s %-16s %-14s %-20s %s\n", static_cast<long long>(r.id), r.at.c_str(),
                r.entry.actor.c_str(), r.entry.action.c_str(), r.entry.target.c_str(),
                r.entry.detail.c_str());
  }
  return kExitOk;
}

}  // namespace

void AddAuditCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<AuditArgs>();
  CLI::App* cmd =
      app.add_subcommand("audit", "The hash-chained audit log / Nhật ký kiểm toán có chuỗi băm");
  cmd->require_subcommand(1);
  cmd->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
  cmd->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));

  cmd->add_subcommand("verify",
                      "Check every entry's hash and link; exit 1 naming the first bad one")
      ->fallthrough()
      ->callback([a, exit_code] { *exit_code = RunVerify(*a); });

  CLI::App* show = cmd->add_subcommand("show", "The latest entries, newest first");
  show->fallthrough();
  show->add_option("--actor", a->actor, "only this actor (a user name, or cli)");
  show->add_option("--action", a->action, "only this action (e.g. user.add)");
  show->add_option("--since", a->since, "only from this day on (YYYY-MM-DD, UTC)");
  show->add_option("--limit", a->limit, "at most this many entries (default 50)")
      ->check(CLI::Range(1, 1000000));
  show->add_option("--format", a->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  show->callback([a, exit_code] { *exit_code = RunShow(*a); });
}

}  // namespace lnob::cli
