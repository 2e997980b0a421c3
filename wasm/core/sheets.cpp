#include "core/sheets.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ls
{

int SheetTable::FindColumn(std::string_view name) const
{
    if (RowCount() == 0)
        return -1;
    for (uint32_t c = 0; c < Width; c++)
        if (Header(c) == name)
            return (int)c;
    return -1;
}

void SheetTable::RowCells(size_t row, std::string_view* out) const
{
    const size_t first = row * Width;
    if (Ends.empty())
    {
        for (size_t c = 0; c < Width; c++)
            out[c] = SpanText(Cells[first + c]);
        return;
    }
    uint32_t start = RowStarts[row];
    for (size_t c = 0; c < Width; c++)
    {
        const uint32_t e = Ends[first + c];
        if (e & kSide)
        {
            const SideCell& side = Side[e & ~kSide];
            out[c] = SpanText(side.Content);
            start = side.RawEnd + 1;
        }
        else
        {
            out[c] = std::string_view(Text.data() + start, e - start);
            start = e + 1;
        }
    }
}

SheetTable::Span SheetTable::Own(std::string_view text)
{
    Span s;
    s.Offset = (uint32_t)Owned.size() | kOwned;
    s.Size = (uint32_t)text.size();
    Owned.append(text.data(), text.size());
    return s;
}

void SheetTable::AddRow(uint32_t number, const Span* cells, const uint8_t* types, size_t count)
{
    if (Cells.empty())
        Width = (uint32_t)count; // the header
    if (count > Width)
        count = Width;
    Cells.insert(Cells.end(), cells, cells + count);
    Cells.resize(Cells.size() + (Width - count)); // empty spans: Offset 0, Size 0
    if (types || !Types.empty())
    {
        // The first typed row turns the earlier rows into text rows.
        Types.resize(Cells.size() - Width, CellType_Text);
        if (types)
            Types.insert(Types.end(), types, types + count);
        Types.resize(Cells.size(), CellType_Text);
    }
    RowNumbers.push_back(number);
}

void AdviseLargeBuffer(const void* data, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr uintptr_t kHuge = (uintptr_t)2 << 20;
    if (bytes < 4 * kHuge)
        return;
    const uintptr_t begin = ((uintptr_t)data + kHuge - 1) & ~(kHuge - 1);
    const uintptr_t end = ((uintptr_t)data + bytes) & ~(kHuge - 1);
    if (end > begin)
        madvise((void*)begin, end - begin, MADV_HUGEPAGE); // advice only: nothing to do when refused
#else
    (void)data;
    (void)bytes;
#endif
}

std::string ColumnLetters(uint32_t column)
{
    std::string s;
    while (column > 0)
    {
        column--;
        s.insert(s.begin(), (char)('A' + column % 26));
        column /= 26;
    }
    return s;
}

std::string FormatSheetProblem(const SheetProblem& p)
{
    std::string out = p.File;
    if (p.InWorkbook && !p.Sheet.empty())
    {
        out += ":" + p.Sheet;
        if (p.Row > 0)
            out += "!" + ColumnLetters(p.Column ? p.Column : 1) + std::to_string(p.Row);
    }
    else if (p.Row > 0)
    {
        out += ":" + std::to_string(p.Row);
        if (p.Column > 0)
            out += ":" + std::to_string(p.Column);
    }
    out += ": ";
    if (p.Severity == ProblemSeverity_Warning)
        out += "warning: ";
    if (!p.Field.empty())
        out += p.Field + ": ";
    out += p.Message;
    return out;
}

const SheetTable* Workbook::Find(std::string_view name) const
{
    for (const SheetTable& s : Sheets)
        if (s.Name == name)
            return &s;
    return nullptr;
}

SheetProblem ProblemAt(const SheetTable& sheet, size_t row, int column, std::string_view field, std::string message, ProblemSeverity severity)
{
    SheetProblem p;
    p.File = sheet.File;
    p.Sheet = sheet.Name;
    p.InWorkbook = sheet.InWorkbook;
    p.Row = row < sheet.RowNumbers.size() ? sheet.RowNumbers[row] : 0;
    p.Column = column >= 0 ? (uint32_t)column + 1 : 0;
    p.Field.assign(field);
    p.Message = std::move(message);
    p.Severity = severity;
    return p;
}

} // namespace ls
