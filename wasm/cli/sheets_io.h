// SHEETS on disk: a folder of CSV files (one per sheet, named as the sheet: observations.csv) or
// an .xlsx workbook (one tab per sheet), chosen by the name: a name that ends in .xlsx is a workbook.
#pragma once

#include "core/sheets.h"

#include <string>

namespace ls
{

bool IsWorkbookPath(const std::string& path); // ends in .xlsx (any case)
bool ReadFileText(const std::string& path, std::string* out, std::string* error);
bool WriteFileText(const std::string& path, const std::string& text, std::string* error); // through a temporary file, renamed into place

// Reads every sheet: the layout's sheets by name (any case: Observations.csv), and any other .csv
// of the folder (the import warns about it). Problems of the files go into wb->Problems; false
// only when the folder or workbook cannot be read at all.
bool ReadSheets(const std::string& path, Workbook* wb, std::string* error);

// Writes wb's sheets as CSV files into the folder `path` (created when missing) or as one .xlsx.
// *written says what, for the summary line ("7 CSV files", "7 sheets").
bool WriteSheets(Workbook* wb, const std::string& path, std::string* written, std::string* error);

} // namespace ls
