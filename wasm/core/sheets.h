// Sheets: what a researcher's spreadsheet is to the core, whatever it was read from (a folder of
// CSV files, sheets_csv.h; an .xlsx workbook, read natively by wasm/cli/xlsx_read.h).
//
//   ls::Workbook wb;                                   // one SheetTable per sheet: "about", "regions" ...
//   const ls::SheetTable* obs = wb.Find("observations");
//   for (size_t row = 1; row < obs->RowCount(); row++)  // row 0 is the header
//       printf("%u: %.*s\n", obs->RowNumbers[row], (int)obs->At(row, 0).size(), obs->At(row, 0).data());
//
// A sheet is a rectangle of cells as text (the header row fixes the width; short rows are padded
// with empty cells). Cells are views into the table's own buffers, so a million rows cost two
// words a cell, not a std::string each. Spreadsheets also say what a cell held (a number, a date,
// a boolean); CSV cannot, so its cells are all text.
//
// Problems are located as the researcher sees the sheet: the spreadsheet row (the header is row 1;
// a CSV cell with a line break inside still counts as one row) and the column, counted from 1:
//   sheets/observations.csv:1234:5: value: not a number: "12,3"
//   book.xlsx:observations!E1234: value: not a number: "12,3"
#pragma once

#include "core/loader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ls
{

// What a spreadsheet cell held. CSV cells are all Text.
enum CellType : uint8_t
{
    CellType_Text,
    CellType_Number, // the text is the number as the workbook stores it ("12.3", "45107")
    CellType_Bool,   // "true" or "false"
    CellType_Date,   // a number formatted as a date: the text is the serial day number ("45107.5")
    CellType_Error,  // a formula error such as #DIV/0!: the text is the error
};

struct SheetTable
{
    std::string Name;        // "observations": the record kind it holds
    std::string File;        // where it was read: "sheets/observations.csv", "book.xlsx"
    bool InWorkbook = false; // located as Sheet!A1 (a workbook) rather than FILE:ROW:COL (a CSV file)

    // A cell's text: a span of Text, or of Owned when its Offset has kOwned set.
    struct Span
    {
        uint32_t Offset = 0;
        uint32_t Size = 0;
    };
    static constexpr uint32_t kOwned = 0x80000000u;
    std::string Text;                 // CSV: the file as read
    std::string Owned;                // cells that are not a plain slice of Text (unquoted, decoded XML)
    std::vector<uint8_t> Types;       // CellType per cell; empty: every cell is text
    std::vector<uint32_t> RowNumbers; // the spreadsheet row (1-based) of each stored row; blank rows are not stored
    uint32_t Width = 0;               // columns, from the header row

    // The cells (row-major), kept one of two ways:
    // - Cells: a span each (what the workbook reader and the export build with AddRow);
    // - a CSV file's: Ends, 4 bytes a cell (half the memory of a million rows): where each cell ends
    //   in Text; it starts one byte after the cell before it ends (the delimiter), or at its row's
    //   start (RowStarts). A quoted cell, a header name and a padding cell are Side entries instead
    //   (kSide | index; Side[0] is the empty cell).
    struct SideCell
    {
        Span Content;
        uint32_t RawEnd = 0; // where the cell ends in Text, quotes included
    };
    static constexpr uint32_t kSide = 0x80000000u;
    std::vector<Span> Cells;
    std::vector<uint32_t> Ends;
    std::vector<uint32_t> RowStarts;
    std::vector<SideCell> Side;
    std::vector<uint8_t> ColumnHasText; // per column: some cell below the header has text (CSV; empty: not known, look)

    size_t RowCount() const { return Width ? (Ends.empty() ? Cells.size() : Ends.size()) / Width : 0; }
    std::string_view At(size_t row, size_t column) const
    {
        const size_t i = row * Width + column;
        if (Ends.empty())
            return SpanText(Cells[i]);
        const uint32_t e = Ends[i];
        if (e & kSide)
            return SpanText(Side[e & ~kSide].Content);
        const uint32_t start = column == 0 ? RowStarts[row] : RawEnd(i - 1) + 1;
        return std::string_view(Text.data() + start, e - start);
    }
    uint32_t RawEnd(size_t i) const { return (Ends[i] & kSide) ? Side[Ends[i] & ~kSide].RawEnd : Ends[i]; }
    std::string_view SpanText(const Span& s) const
    {
        const std::string& buffer = (s.Offset & kOwned) ? Owned : Text;
        return std::string_view(buffer.data() + (s.Offset & ~kOwned), s.Size);
    }
    void RowCells(size_t row, std::string_view* out) const; // the Width cells of a row, in one walk (faster than At for each)
    CellType TypeAt(size_t row, size_t column) const { return Types.empty() ? CellType_Text : (CellType)Types[row * Width + column]; }
    std::string_view Header(size_t column) const { return At(0, column); }
    int FindColumn(std::string_view name) const; // index of the header cell with that name, or -1

    // Building with spans: the header first (it sets Width), then one row at a time.
    Span Own(std::string_view text);                                                     // copies text into Owned
    void AddRow(uint32_t number, const Span* cells, const uint8_t* types, size_t count); // pads to Width (count <= Width)
};

// One problem of a sheet (or of the document imported from it, located back to its cell).
struct SheetProblem
{
    std::string File;        // "sheets/observations.csv", "book.xlsx"
    std::string Sheet;       // "observations"
    bool InWorkbook = false; // format the place as Sheet!A1
    uint32_t Row = 0;        // spreadsheet row, 1-based; 0: the sheet (or file) as a whole
    uint32_t Column = 0;     // 1-based; 0: the row as a whole
    std::string Field;       // the column's field name, when the problem is about one cell
    std::string Message;
    ProblemSeverity Severity = ProblemSeverity_Error;
};

// "sheets/observations.csv:1234:5: value: not a number: \"12,3\"", a warning with "warning: "
// after the place; a workbook's place is "book.xlsx:observations!E1234".
std::string FormatSheetProblem(const SheetProblem& p);
std::string ColumnLetters(uint32_t column); // 1 -> "A", 27 -> "AA"

struct Workbook
{
    std::string Path;                   // the folder or the .xlsx file, as given
    std::vector<SheetTable> Sheets;     // in the order read
    std::vector<SheetProblem> Problems; // problems of reading (not UTF-8, a quote never closed ...)
    std::vector<std::string> Notes;     // what the reader decided for the researcher ("read with ';' as the delimiter")
    bool Date1904 = false;              // a workbook's day numbers count from 1904-01-01 (old Mac Excel), not 1899-12-30

    const SheetTable* Find(std::string_view name) const;
};

// Asks the system to back a large buffer (a reserved vector or string) with huge pages where it can
// (Linux with transparent huge pages in "madvise" mode): a million rows write 100 MB of fresh
// memory, and taking it 2 MB at a time instead of 4 KB costs a third of the time. Does nothing
// elsewhere (the browser's build).
void AdviseLargeBuffer(const void* data, size_t bytes);

// The place of a cell for a problem (File, Sheet, InWorkbook, Row from RowNumbers, Column + 1).
SheetProblem ProblemAt(const SheetTable& sheet, size_t row, int column, std::string_view field, std::string message,
                       ProblemSeverity severity = ProblemSeverity_Error);

} // namespace ls
