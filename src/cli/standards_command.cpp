// lnob standards list | show ID | check FILE
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "common/money.hpp"
#include "ingest/standard_files.hpp"

namespace lnob::cli {
namespace {

struct StandardsArgs {
  std::string id, file, dir, lang = "vi";
};

std::string ParameterText(const core::rules::Parameter& p, Lang lang) {
  auto num = [&](int64_t i, double r) {
    return p.is_real ? std::to_string(r) : GroupThousands(i, lang);
  };
  if (!p.keyed()) return num(p.int_value, p.real_value);
  const core::FieldDef& f = core::Fields(p.by_level)[p.by_field];
  std::string out = "by " + p.by + ":";
  for (size_t i = 0; i < f.values.size(); ++i) {
    out += " " + std::string(f.values[i]) + "=" +
           num(p.is_real ? 0 : p.int_values[i], p.is_real ? p.real_values[i] : 0);
  }
  return out;
}

std::string LineText(const core::Standard& s, Lang lang) {
  const auto* line = s.FindParameter("line");
  std::string out;
  const core::FieldDef& f = core::Fields(line->by_level)[line->by_field];
  for (size_t i = 0; i < f.values.size(); ++i) {
    out += (i ? " / " : "") + GroupThousands(line->int_values[i], lang);
  }
  return out;
}

int RunList(const StandardsArgs& a) {
  auto all = ingest::LoadStandardDirectory(a.dir);
  if (!all.ok()) return Fail(all.status());
  Lang lang = ParseLang(a.lang);
  std::printf("%-16s %-10s %-10s %-11s %-21s %s\n", "id", "from", "to", "indicators",
              "line rural / urban", "name");
  for (const auto& s : *all) {
    std::printf("%-16s %-10s %-10s %-11zu %-21s %s\n", s->id().c_str(),
                FormatIsoDate(s->valid_from()).c_str(), FormatIsoDate(s->valid_to()).c_str(),
                s->indicators().size(), LineText(*s, lang).c_str(), s->name(lang).c_str());
  }
  return kExitOk;
}

int RunShow(const StandardsArgs& a) {
  auto all = ingest::LoadStandardDirectory(a.dir);
  if (!all.ok()) return Fail(all.status());
  auto s = ingest::FindStandard(*all, a.id);
  if (!s.ok()) return Fail(s.status());
  Lang lang = ParseLang(a.lang);
  const core::Standard& st = **s;
  std::printf("%s (version %d)\n  %s\n  %s\n", st.id().c_str(), st.version(),
              st.name(Lang::kVi).c_str(), st.name(Lang::kEn).c_str());
  std::printf("legal basis: %s\nin force: %s .. %s\nfile: %s\n", st.legal_basis().c_str(),
              FormatIsoDate(st.valid_from()).c_str(), FormatIsoDate(st.valid_to()).c_str(),
              st.source_path().c_str());
  if (!st.note().empty()) std::printf("note: %s\n", st.note().c_str());
  std::printf("\nparameters:\n");
  for (const auto& p : st.parameters()) {
    std::printf("  %-24s %s\n", p.name.c_str(), ParameterText(p, lang).c_str());
  }
  std::printf("\nindicators (deprived when):\n");
  int i = 1;
  for (const auto& ind : st.indicators()) {
    std::printf("  %2d. %-18s [%s] %s / %s\n      %s\n", i++, ind.id.c_str(), ind.dimension.c_str(),
                ind.name_vi.c_str(), ind.name_en.c_str(), ind.rule.c_str());
  }
  std::printf("\ncategories (first rule that holds):\n");
  for (const auto& c : st.categories()) {
    std::printf("  %-10s %s\n", std::string(core::CategoryId(c.category)).c_str(), c.rule.c_str());
  }
  return kExitOk;
}

int RunCheck(const StandardsArgs& a) {
  auto s = ingest::LoadStandardFile(a.file);
  if (!s.ok()) return Fail(s.status());
  std::printf("ok: %s, %zu indicators, %zu categories, in force %s .. %s\n", (*s)->id().c_str(),
              (*s)->indicators().size(), (*s)->categories().size(),
              FormatIsoDate((*s)->valid_from()).c_str(), FormatIsoDate((*s)->valid_to()).c_str());
  return kExitOk;
}

}  // namespace

void AddStandardsCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<StandardsArgs>();
  args->dir = ingest::DefaultStandardsDirectory();
  CLI::App* cmd = app.add_subcommand("standards",
                                     "List, show and check poverty standards / "
                                     "Các chuẩn nghèo");
  cmd->require_subcommand(1);
  cmd->add_option("--standards-dir", args->dir, "directory of standard files");
  cmd->add_option("--lang", args->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
  cmd->add_subcommand("list", "list the standards")->fallthrough()->callback([args, exit_code] {
    *exit_code = RunList(*args);
  });
  auto show = cmd->add_subcommand("show", "describe one standard")->fallthrough();
  show->add_option("id", args->id, "standard id or .toml file")->required();
  show->callback([args, exit_code] { *exit_code = RunShow(*args); });
  auto check = cmd->add_subcommand("check", "validate a standard file")->fallthrough();
  check->add_option("file", args->file, "the .toml file")->required();
  check->callback([args, exit_code] { *exit_code = RunCheck(*args); });
}

}  // namespace lnob::cli
