// lnob users add | list | disable | password | token: accounts of the web app and the API. Every
// change is written to the audit log (actor "cli").
#include <sodium.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "common/clock.hpp"
#include "common/lang.hpp"
#include "demo/accounts.hpp"
#include "server/password.hpp"
#include "server/roles.hpp"
#include "store/store.hpp"

namespace lnob::cli {
namespace {

struct UsersArgs {
  std::string db, username, role, unit, name, lang = "vi";
  bool password_stdin = false;
};

// A string that is wiped when it goes out of scope (the password read from stdin).
struct Secret {
  std::string text;
  ~Secret() {
    if (!text.empty()) sodium_memzero(text.data(), text.size());
  }
};

Result<std::unique_ptr<store::Store>> OpenReady(const std::string& url) {
  ASSIGN_OR_RETURN(auto store, store::Store::Open(url));
  ASSIGN_OR_RETURN(int applied, store->Init());  // a new database is created ready to use
  (void)applied;
  return store;
}

Status Audit(store::Store& s, const char* action, const std::string& target,
             const std::string& detail) {
  return s.AppendAudit({"cli", action, target, detail, ""}, NowUtcIso()).status();
}

std::string RoleList() {
  std::string out;
  for (server::Role r : server::kAllRoles)
    out += (out.empty() ? "" : ", ") + std::string(RoleId(r));
  return out;
}

int RunAdd(const UsersArgs& a) {
  const Lang lang = ParseLang(a.lang);
  const bool vi = lang == Lang::kVi;
  server::Role role;
  if (!server::ParseRole(a.role, &role)) {
    return Fail(InvalidArgument((vi ? "vai trò không hợp lệ '" : "unknown role '") + a.role +
                                (vi ? "'; chọn một trong: " : "'; use one of: ") + RoleList()));
  }
  if (!a.password_stdin) {
    return Fail(InvalidArgument(vi ? "hãy nhập mật khẩu qua đầu vào chuẩn với --password-stdin "
                                     "(không bao giờ đặt mật khẩu trên dòng lệnh)"
                                   : "give the password on standard input with --password-stdin "
                                     "(never on the command line)"));
  }
  Secret pw;
  if (!std::getline(std::cin, pw.text) && pw.text.empty()) {
    return Fail(InvalidArgument(vi ? "không đọc được mật khẩu từ đầu vào chuẩn"
                                   : "no password on standard input"));
  }
  if (!pw.text.empty() && pw.text.back() == '\r') pw.text.pop_back();
  if (Status s = server::CheckPasswordPolicy(pw.text, a.username, lang); !s.ok()) return Fail(s);

  auto store = OpenReady(a.db);
  if (!store.ok()) return Fail(store.status());
  store::Store& s = **store;
  auto known = s.UnitKnown(a.unit);
  if (!known.ok()) return Fail(known.status());
  if (!*known) {
    // The database URL is not repeated: a PostgreSQL URL may hold a password.
    const std::string how = "lnob units import --db URL FILE.csv";
    return Fail(NotFound(
        vi ? "đơn vị " + a.unit +
                 " chưa có trong cơ sở dữ liệu; hãy nhập danh mục đơn vị trước: " + how
           : "the unit " + a.unit + " is not in the registry; import the units first: " + how));
  }
  auto hash = server::HashPassword(pw.text);
  if (!hash.ok()) return Fail(hash.status());
  auto id = s.AddUser(a.username, a.role, a.unit, *hash);
  if (!id.ok()) return Fail(id.status());
  if (Status st = Audit(s, "user.add", a.username, "role=" + a.role + " unit=" + a.unit);
      !st.ok()) {
    return Fail(st);
  }
  std::printf(
      vi ? "Đã thêm người dùng %s (vai trò %s, đơn vị %s)\n" : "Added user %s (role %s, unit %s)\n",
      a.username.c_str(), a.role.c_str(), a.unit.c_str());
  return kExitOk;
}

int RunList(const UsersArgs& a) {
  const bool vi = ParseLang(a.lang) == Lang::kVi;
  auto store = OpenReady(a.db);
  if (!store.ok()) return Fail(store.status());
  auto users = (*store)->ListUsers();
  if (!users.ok()) return Fail(users.status());
  std::printf("%-24s %-18s %-10s %s\n", vi ? "tên đăng nhập" : "username", vi ? "vai trò" : "role",
              vi ? "đơn vị" : "unit", vi ? "đã khoá" : "disabled");
  for (const store::UserRecord& u : *users) {
    std::printf("%-24s %-18s %-10s %s\n", u.username.c_str(), u.role.c_str(), u.unit_code.c_str(),
                u.disabled ? (vi ? "có" : "yes") : (vi ? "không" : "no"));
  }
  return kExitOk;
}

int RunDisable(const UsersArgs& a) {
  const bool vi = ParseLang(a.lang) == Lang::kVi;
  auto store = OpenReady(a.db);
  if (!store.ok()) return Fail(store.status());
  if (Status s = (*store)->DisableUser(a.username); !s.ok()) return Fail(s);
  if (Status s = Audit(**store, "user.disable", a.username, ""); !s.ok()) return Fail(s);
  std::printf(vi ? "Đã khoá người dùng %s; các phiên đăng nhập và mã API của họ đã bị huỷ\n"
                 : "Disabled user %s; their sessions and API tokens are revoked\n",
              a.username.c_str());
  return kExitOk;
}

// Sets a new password: read from stdin (--password-stdin) or generated and printed once. Ends the
// user's sessions, so whoever signed in with the old password is signed out.
int RunPassword(const UsersArgs& a) {
  const Lang lang = ParseLang(a.lang);
  const bool vi = lang == Lang::kVi;
  Secret pw;
  if (a.password_stdin) {
    if (!std::getline(std::cin, pw.text) && pw.text.empty()) {
      return Fail(InvalidArgument(vi ? "không đọc được mật khẩu từ đầu vào chuẩn"
                                     : "no password on standard input"));
    }
    if (!pw.text.empty() && pw.text.back() == '\r') pw.text.pop_back();
  } else {
    pw.text = demo::NewPassword();
  }
  if (Status s = server::CheckPasswordPolicy(pw.text, a.username, lang); !s.ok()) return Fail(s);
  auto store = OpenReady(a.db);
  if (!store.ok()) return Fail(store.status());
  store::Store& s = **store;
  auto hash = server::HashPassword(pw.text);
  if (!hash.ok()) return Fail(hash.status());
  auto ended = s.SetPasswordHash(a.username, *hash);
  if (!ended.ok()) return Fail(ended.status());
  if (Status au = Audit(s, "user.password", a.username, ""); !au.ok()) return Fail(au);
  std::fprintf(stderr,
               vi ? "Đã đặt mật khẩu mới cho %s; %lld phiên đăng nhập đã kết thúc.\n"
                  : "Set a new password for %s; %lld sessions ended.\n",
               a.username.c_str(), static_cast<long long>(*ended));
  if (!a.password_stdin) {
    std::fprintf(stderr,
                 vi ? "Mật khẩu mới (chỉ hiện một lần):\n" : "New password (shown once):\n");
    std::printf("%s\n", pw.text.c_str());
  }
  return kExitOk;
}

int RunToken(const UsersArgs& a) {
  const bool vi = ParseLang(a.lang) == Lang::kVi;
  auto store = OpenReady(a.db);
  if (!store.ok()) return Fail(store.status());
  auto user = (*store)->FindUser(a.username);
  if (!user.ok()) return Fail(user.status());
  Secret token{server::NewToken()};
  auto id = (*store)->AddApiToken(a.name, server::TokenHash(token.text), user->id);
  if (!id.ok()) return Fail(id.status());
  if (Status s = Audit(**store, "token.add", a.name, "user=" + a.username); !s.ok()) {
    return Fail(s);
  }
  std::fprintf(stderr,
               vi ? "Mã API '%s' hoạt động với vai trò và đơn vị của %s. Hãy lưu lại ngay: mã "
                    "này không được hiển thị lần nữa.\n"
                  : "API token '%s' acts with the role and unit of %s. Store it now: it is not "
                    "shown again.\n",
               a.name.c_str(), a.username.c_str());
  std::printf("%s\n", token.text.c_str());
  return kExitOk;
}

void AddDbOption(CLI::App* cmd, UsersArgs* a) {
  cmd->add_option("--db", a->db, "sqlite:PATH, a file path, or postgresql://...")->required();
  cmd->add_option("--lang", a->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
}

}  // namespace

void AddUsersCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<UsersArgs>();
  CLI::App* cmd = app.add_subcommand(
      "users", "Accounts of the web app and the API / Tài khoản người dùng và mã API");
  cmd->require_subcommand(1);

  CLI::App* add = cmd->add_subcommand("add", "Add a user (password read from standard input)");
  AddDbOption(add, a.get());
  add->add_option("--username", a->username, "user name: a-z 0-9 . _ -")->required();
  add->add_option("--role", a->role,
                  "province_admin, province_officer, commune_officer, "
                  "village_head, front_supervisor or auditor")
      ->required();
  add->add_option("--unit", a->unit, "code of the unit the user works for")->required();
  add->add_flag("--password-stdin", a->password_stdin, "read the password from one line of stdin");
  add->callback([a, exit_code] { *exit_code = RunAdd(*a); });

  CLI::App* list = cmd->add_subcommand("list", "Every user: name, role, unit, disabled");
  AddDbOption(list, a.get());
  list->callback([a, exit_code] { *exit_code = RunList(*a); });

  CLI::App* disable =
      cmd->add_subcommand("disable", "Disable a user: ends their sessions, revokes their tokens");
  AddDbOption(disable, a.get());
  disable->add_option("--username", a->username, "user name")->required();
  disable->callback([a, exit_code] { *exit_code = RunDisable(*a); });

  CLI::App* password = cmd->add_subcommand(
      "password",
      "Set a new password (from stdin with --password-stdin, else generated and printed "
      "once); ends the user's sessions");
  AddDbOption(password, a.get());
  password->add_option("--username", a->username, "user name")->required();
  password->add_flag("--password-stdin", a->password_stdin,
                     "read the password from one line of stdin");
  password->callback([a, exit_code] { *exit_code = RunPassword(*a); });

  CLI::App* token = cmd->add_subcommand(
      "token", "Create an API token for a machine client, scoped like the user; printed once");
  AddDbOption(token, a.get());
  token->add_option("--username", a->username, "the user whose role and unit it carries")
      ->required();
  token->add_option("--name", a->name, "a name for the token, to revoke it later")->required();
  token->callback([a, exit_code] { *exit_code = RunToken(*a); });
}

}  // namespace lnob::cli
