// A landscape/1 document as sheets and back: the layout researchers edit in a spreadsheet.
//
//   ls::Workbook wb = ...;                                  // read by sheets_csv.h or the CLI's xlsx reader
//   ls::Dataset ds;
//   ls::ImportResult r = ls::ImportWorkbook(wb, &ds);       // sheets -> JSON -> the widget's own loader
//   for (const ls::SheetProblem& p : r.Problems)
//       puts(ls::FormatSheetProblem(p).c_str());            // sheets/observations.csv:1234:5: value: not a number: "12,3"
//   if (r.Ok) write(r.Json);
//
//   ls::Workbook out;
//   ls::ExportDocument(json_text, &out);                     // one SheetTable per sheet, every column of the format
//
// The layout follows the loader's field tables (loader_tables.cpp), so a field added there becomes
// a column here without a change to this code:
// - one sheet per record kind, named as the file's array ("regions", "entities", "metrics",
//   "sources", "observations", "events"), one column per field, in the table's order;
// - "about": columns `field,value`, one row per top-level field that is not a record array, one
//   row per item of a list of texts named as one item (`caveat`, once per caveat);
// - a field whose value is an object of named members (a metric's as_of_limit) is one column per
//   member: `as_of_limit.year`, `as_of_limit.quarter` ...;
// - lists of ids or country codes are one cell, items separated by ';'; an empty cell is an absent field.
//
// Import reads every cell as text and converts it by its column's rule (CellRule): numbers use '.'
// as the decimal point and no thousands separator (`12,3`, `1,234`, `1 234` are refused, never
// guessed); a whole number in a period column is that year; a date (a date cell of a workbook, a
// serial day number, or text such as 6/30/2023 or Jun-23) where text is expected is refused with
// the advice to format the column as text. Then the document goes through LoadDataset and its
// problems are located back at their cells through the SheetMap.
#pragma once

#include "core/dataset.h"
#include "core/loader.h"
#include "core/sheets.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ls
{

// How a cell becomes a JSON value.
enum class CellRule : uint8_t
{
    Text,   // a string, kept as written (names, titles, notes)
    Word,   // a string without the white space around it (ids, references, enum words, codes, colours)
    Number, // a JSON number: '.' as the decimal point, no thousands separator (values, decimals, years)
    Bool,   // true or false (any case: spreadsheets write TRUE and FALSE)
    List,   // an array of words, separated by ';' in the cell
    Rows,   // about only: a list of texts, one row per item (caveats)
    Period, // YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD; a whole number is a year
    Date,   // YYYY-MM-DD
    Json,   // a field of a kind this layout does not know: a JSON object or array as written, else a string
};
const char* CellRuleName(CellRule rule);

struct SheetColumn
{
    std::string Name;        // the header: the field's name, "field.member" for a member of an object field, "caveat" for an about list
    std::string_view Field;  // the format's field name
    std::string_view Member; // the member of an object field; "" otherwise
    CellRule Rule = CellRule::Text;
    bool Required = false;
};

enum class SheetShape : uint8_t
{
    About,        // field,value rows: the file's own fields
    Records,      // one record per row (regions, entities, metrics, sources, events)
    Observations, // one observation per row
};

struct SheetSpec
{
    std::string Name; // "about", or the file's array ("regions" ...)
    SheetShape Shape = SheetShape::Records;
    bool Required = false;            // the file must have it (a required field of the file)
    std::vector<SheetColumn> Columns; // Records/Observations: the columns; About: the rows its "field" column may name
};

const std::vector<SheetSpec>& SheetLayout(); // "about" first, then the record sheets in the file table's order, observations among them
const SheetSpec* FindSheetSpec(std::string_view name);
std::vector<std::string_view> KnownColumnNames(const SheetSpec& spec); // the header names a sheet may have (for the CSV delimiter choice)

// Where the document's records came from, for locating the loader's problems (and lint's findings)
// at their cells.
struct SheetMap
{
    struct Array
    {
        std::string Name;           // "regions", "observations"
        int Sheet = -1;             // index into Workbook::Sheets
        std::vector<uint32_t> Rows; // record i came from table row Rows[i]
        std::vector<int> Columns;   // observations (compact form): table column of JSON column c
    };
    int AboutSheet = -1;
    std::vector<std::pair<std::string, uint32_t>> AboutRows; // top-level field (or "caveats#3") -> table row
    std::vector<Array> Arrays;

    // The cell an RFC 6901 pointer of the imported document came from. False when the pointer
    // names nothing imported (then *place names the workbook only).
    bool Locate(const Workbook& wb, std::string_view pointer, SheetProblem* place) const;
    // The cell of record `index` of array `array` ("" = the file's own fields) and its field.
    bool LocateRecord(const Workbook& wb, std::string_view array, size_t index, std::string_view field, SheetProblem* place) const;
};

struct ImportOptions
{
    LoadOptions Load;        // passed to LoadDataset
    size_t MaxProblems = 100; // problems listed; the rest are counted in one last line
};

struct ImportResult
{
    bool Ok = false;                    // no errors: Json is the document and *out holds its dataset
    std::string Json;                   // the document (observations in the compact form), as `import -o` writes it
    std::vector<SheetProblem> Problems; // errors first (sheet order, row, column), then warnings; at most MaxProblems + 1
    size_t ErrorCount = 0;
    size_t WarningCount = 0;
    bool Loaded = false;                // the document went through the loader (no error of the sheets' shape stopped it)
    SheetMap Map;
};

// Sheets -> the document -> LoadDataset. Reading problems already in wb.Problems count as errors
// (and are listed first). *out is replaced only when Ok; it may be nullptr.
ImportResult ImportWorkbook(const Workbook& wb, Dataset* out, const ImportOptions& options = ImportOptions());

// A loaded document -> sheets (wb->Sheets, every column of the layout; sheets of absent arrays
// have a header only). `with_observations` = false skips the observations (what diff and lint
// need of the records) by their brackets, without reading them. `only`: the reading stops once
// these sheets are read (lint needs the metrics only); the others may then be partly filled.
// Fields the layout does not know are left out with a note in wb->Notes. False when the text is
// not a JSON object.
bool ExportDocument(std::string_view json, Workbook* wb, bool with_observations = true, const std::vector<std::string>* only = nullptr);

// Cell rules, for the tests and the xlsx writer.
bool IsSheetNumber(std::string_view text);                                  // the strict JSON number grammar
std::string NumberCellProblem(std::string_view text);                       // "" when text is a number we accept; otherwise why not
bool LooksLikeFormattedDate(std::string_view text);                         // 6/30/2023, 30.06.2023, Jun-23, 30-Jun-2023, 2023-06-30 00:00 ...
std::string SerialToIsoDate(double serial, bool date1904);                  // a spreadsheet's day number -> "2023-06-30" ("" out of range)

} // namespace ls
