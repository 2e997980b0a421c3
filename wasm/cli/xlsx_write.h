// Writing sheets as an .xlsx workbook with libxlsxwriter (native only).
//
//   std::string error;
//   if (!ls::WriteXlsx(wb, "book.xlsx", &error)) fprintf(stderr, "%s\n", error.c_str());
//
// One tab per sheet, the header row bold and frozen. Columns whose cells are text (ids, periods,
// dates, names, lists) are formatted as text ("@"), so what a researcher types there later stays
// text: 2023-06 is not turned into a date. Number columns hold numbers, true/false columns
// booleans; a number a spreadsheet would not keep exactly (more than 16 significant digits) is
// written as text, which the import reads back as the same number. Written in constant-memory
// mode (rows in order, strings inline): a million rows do not sit in memory twice.
#pragma once

#include "core/sheets.h"

#include <string>

namespace ls
{

constexpr size_t kXlsxMaxRows = 1048576; // rows of one worksheet, the header included

bool WriteXlsx(const Workbook& wb, const std::string& path, std::string* error);

} // namespace ls
