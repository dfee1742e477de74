// lnob: the command line of the poverty-reduction registry.
#include <cstdio>

#include "cli/commands.hpp"

namespace lnob::cli {

int Fail(const Status& status) {
  std::fprintf(stderr, "lnob: %s\n", status.message().c_str());
  return kExitInputError;
}

}  // namespace lnob::cli

int main(int argc, char** argv) {
  CLI::App app{
      "lnob — leave no one behind: poverty review, classification and monitoring.\n"
      "lnob — không để ai bị bỏ lại phía sau: rà soát, phân loại và theo dõi hộ nghèo."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "lnob 0.1.0");
  int exit_code = lnob::cli::kExitOk;
  lnob::cli::AddClassifyCommand(app, &exit_code);
  lnob::cli::AddStandardsCommand(app, &exit_code);
  lnob::cli::AddDbCommand(app, &exit_code);
  lnob::cli::AddImportCommand(app, &exit_code);
  lnob::cli::AddDuplicatesCommand(app, &exit_code);
  lnob::cli::AddUnitsCommand(app, &exit_code);
  lnob::cli::AddReportCommand(app, &exit_code);
  lnob::cli::AddTargetsCommand(app, &exit_code);
  lnob::cli::AddWhatIfCommand(app, &exit_code);
  lnob::cli::AddServeCommand(app, &exit_code);
  lnob::cli::AddMpiCommand(app, &exit_code);
  lnob::cli::AddUsersCommand(app, &exit_code);
  lnob::cli::AddAuditCommand(app, &exit_code);
  lnob::cli::AddDemoCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}
