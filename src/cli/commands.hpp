// The subcommands of `lnob`. Each Add* registers its options on the CLI11 app and the function that
// runs it; a command parses, calls one function of the library, and renders.
#pragma once

#include <CLI/CLI.hpp>

#include "common/result.hpp"

namespace lnob::cli {

// Exit codes: 0 done; 1 the input or a file was wrong (message printed); 2 usage error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;

void AddClassifyCommand(CLI::App& app, int* exit_code);
void AddStandardsCommand(CLI::App& app, int* exit_code);
void AddDbCommand(CLI::App& app, int* exit_code);
void AddImportCommand(CLI::App& app, int* exit_code);
void AddDuplicatesCommand(CLI::App& app, int* exit_code);
void AddUnitsCommand(CLI::App& app, int* exit_code);
void AddReportCommand(CLI::App& app, int* exit_code);
void AddTargetsCommand(CLI::App& app, int* exit_code);
void AddWhatIfCommand(CLI::App& app, int* exit_code);
void AddServeCommand(CLI::App& app, int* exit_code);
void AddMpiCommand(CLI::App& app, int* exit_code);
void AddUsersCommand(CLI::App& app, int* exit_code);
void AddAuditCommand(CLI::App& app, int* exit_code);
void AddDemoCommand(CLI::App& app, int* exit_code);

// Prints "lnob: <message>" on stderr and returns kExitInputError.
int Fail(const Status& status);

}  // namespace lnob::cli
