// Reading an .xlsx workbook into sheets (native only: minizip opens the zip, expat reads its XML).
//
//   ls::Workbook wb;
//   std::string error;
//   if (!ls::ReadXlsx("book.xlsx", &wb, &error)) fprintf(stderr, "%s\n", error.c_str());
//
// Every worksheet becomes a SheetTable named as its tab (a tab named like a sheet of the layout in
// another case, "Observations", takes the layout's name). Cells keep what the workbook says they
// are: text (shared or inline strings, formula results that are text), numbers as the workbook
// stores them, booleans as "true"/"false", errors (#N/A) as errors, and numbers whose cell format
// is a date (built-in or custom: d, m, y, h, s outside quotes and brackets) as dates, so the import
// can refuse a date where a period or text is expected. The first row that is not blank is the
// header; later cells beyond its last named column are a problem of their own.
#pragma once

#include "core/sheets.h"

#include <string>

namespace ls
{

bool ReadXlsx(const std::string& path, Workbook* wb, std::string* error); // false: not a readable .xlsx (error says why)
bool IsDateFormatCode(const std::string& code);                        // a custom number format that shows a date or time

} // namespace ls
