// The researcher's side of landscape-data: import, export, lint, diff (landscape_data.cpp
// dispatches to these; each takes the arguments after its command name).
//
//   landscape-data import SHEETS -o FILE.json [--json]        exit 0 written, 1 refused (problems at their cells), 2 usage
//   landscape-data export FILE.json SHEETS                    exit 0 written, 1 FILE invalid or SHEETS not writable
//   landscape-data lint [--json] [--accepted LIST] [--jump F] FILE|SHEETS...
//                                                             exit 0 clean (or every finding accepted), 3 findings, 1 invalid
//   landscape-data diff [--json] OLD NEW                      exit 0 compared, 1 a file invalid
//
// SHEETS is a folder of CSV files or an .xlsx workbook (sheets_io.h); lint and diff also take
// sheets wherever they take a file.
#pragma once

#include <string>
#include <vector>

namespace ls
{

int RunImport(const std::vector<std::string>& args);
int RunExport(const std::vector<std::string>& args);
int RunLint(const std::vector<std::string>& args);
int RunDiff(const std::vector<std::string>& args);

extern const char* const kResearchUsage; // the commands' lines for --help

} // namespace ls
