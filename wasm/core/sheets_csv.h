// CSV files as sheets (RFC 4180), in and out.
//
//   ls::Workbook wb;
//   ls::ReadCsvSheet(std::move(text), "sheets/observations.csv", "observations", known_column_names, &wb);
//   std::string csv = ls::WriteCsv(*wb.Find("observations"));
//
// Reading: UTF-8 with or without a byte order mark; CRLF, LF or a lone CR (old Mac spreadsheets)
// end a row; quoted cells may hold the delimiter, "" (one quote) and line breaks. The delimiter is
// ',' unless the header row splits on ';' into more known column names than on ',' (a spreadsheet
// saved in a European locale): then ';' is used and a note says so. Blank rows are skipped (their
// numbers still count). Problems, located at their cell: the file is not UTF-8 (Excel's plain
// "CSV" is Windows-1252: the sheet is then not read), a quoted cell that is never closed, text
// after a closing quote, a row with more cells than the header names.
//
// Writing: a byte order mark (so Excel reads UTF-8), CRLF after every row, a cell quoted only when
// it holds ',', '"', CR or LF, or starts or ends with white space.
#pragma once

#include "core/sheets.h"

#include <string>
#include <string_view>
#include <vector>

namespace ls
{

// Reads `text` as one sheet named `sheet_name` and appends it to wb->Sheets (problems and notes
// to wb->Problems and wb->Notes). `known_columns` are the sheet's column names, for choosing the
// delimiter. False when the file could not be read as a sheet at all (nothing is appended then).
bool ReadCsvSheet(std::string text, std::string_view file, std::string_view sheet_name, const std::vector<std::string_view>& known_columns,
                  Workbook* wb);

std::string WriteCsv(const SheetTable& sheet); // every stored row, header first

size_t FindInvalidUtf8(std::string_view text); // offset of the first byte that breaks UTF-8, or npos

} // namespace ls
