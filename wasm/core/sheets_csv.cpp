#include "core/sheets_csv.h"

#include <algorithm>
#include <cstring>

namespace ls
{

namespace
{

constexpr size_t kMaxProblemsPerFile = 100; // more are counted in one line: a broken file must not print a million

bool IsBlank(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view Trim(std::string_view s)
{
    while (!s.empty() && IsBlank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && IsBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

// How many cells of the first line, split on `delimiter`, are known column names (quotes around a
// name are allowed; a delimiter inside quotes is not expected in a header and not handled).
int KnownNamesInHeader(std::string_view line, char delimiter, const std::vector<std::string_view>& known)
{
    int count = 0;
    size_t start = 0;
    for (;;)
    {
        size_t end = line.find(delimiter, start);
        std::string_view cell = Trim(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
            cell = cell.substr(1, cell.size() - 2);
        for (std::string_view k : known)
            if (cell == k)
            {
                count++;
                break;
            }
        if (end == std::string_view::npos)
            return count;
        start = end + 1;
    }
}

// The length of the UTF-8 sequence at p (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF), or 0 when it is not one.
size_t Utf8SequenceLength(const char* at, const char* end)
{
    const unsigned char* s = (const unsigned char*)at;
    const size_t left = (size_t)(end - at);
    const unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    int more = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        more = 1;
    else if (c == 0xE0)
        more = 2, low = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        more = 2;
    else if (c == 0xED)
        more = 2, high = 0x9F;
    else if (c == 0xF0)
        more = 3, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
        more = 3;
    else if (c == 0xF4)
        more = 3, high = 0x8F;
    else
        return 0;
    for (int k = 1; k <= more; k++)
    {
        if ((size_t)k >= left || s[k] < low || s[k] > high)
            return 0;
        low = 0x80, high = 0xBF;
    }
    return (size_t)more + 1;
}

class CsvParser
{
public:
    CsvParser(SheetTable* sheet, Workbook* wb, char delimiter, size_t begin) : Sheet(sheet), Wb(wb), Delimiter(delimiter), Begin(begin)
    {
        // A cell's text runs to the delimiter or a line end; bytes of UTF-8 stop the run to be checked.
        for (int c = 0; c < 256; c++)
            Stops[c] = c == '\r' || c == '\n' || c == (unsigned char)delimiter || c >= 0x80;
        Sheet->Side.push_back(SheetTable::SideCell()); // Side[0]: the empty cell a short row is padded with
    }

    // False when the sheet cannot be used (not UTF-8, a quote never closed, no header).
    bool Parse()
    {
        const char* const base = Sheet->Text.data();
        const char* p = base + Begin;
        const char* const end = base + Sheet->Text.size();
        // Ends is written through an index into its whole capacity (push_back was a tenth of the
        // read); Finish() gives it its real size.
        Sheet->Ends.resize(std::max(Sheet->Ends.capacity(), (size_t)1024));
        uint32_t record = 0;
        while (p < end)
        {
            record++;
            // Each cell's end goes straight into the table; the row is padded or cut to the header's width after.
            const size_t first = EndsSize;
            const uint32_t row_start = (uint32_t)(p - base);
            bool blank = true;
            for (;;)
            {
                const char* cell_start = p;
                if (p < end && *p == '"')
                {
                    SheetTable::Span span;
                    if (!QuotedCell(&p, end, record, (uint32_t)(EndsSize - first) + 1, &span))
                        return Finish(false);
                    Sheet->Side.push_back({ span, (uint32_t)(p - base) });
                    PushEnd(SheetTable::kSide | (uint32_t)(Sheet->Side.size() - 1));
                    blank = blank && span.Size == 0;
                    if (span.Size != 0)
                        MarkText(EndsSize - first - 1);
                }
                else
                {
                    if (!ScanText(&p, end))
                        return NotUtf8(record, (uint32_t)(EndsSize - first) + 1);
                    PushEnd((uint32_t)(p - base));
                    blank = blank && p == cell_start;
                    if (p != cell_start)
                        MarkText(EndsSize - first - 1);
                }
                if (p < end && *p == Delimiter)
                {
                    p++;
                    continue;
                }
                // The end of the row: CRLF, LF, a lone CR or the end of the text.
                if (p < end && *p == '\r')
                {
                    p++;
                    if (p < end && *p == '\n')
                        p++;
                }
                else if (p < end && *p == '\n')
                    p++;
                break;
            }
            if (blank)
            {
                EndsSize = first;
                continue;
            }
            if (Sheet->Width == 0)
            {
                if (!Header(record, first, row_start))
                    EndsSize = first; // names of spaces only: a blank row
            }
            else
                Body(record, first, row_start);
        }
        if (Sheet->Width == 0)
        {
            Add(0, 0, "the file has no header row (it is empty)");
            return Finish(false);
        }
        if (Dropped > 0)
            Add(0, 0, std::to_string(Dropped) + " more problems in this file not shown");
        return Finish(true);
    }

private:
    // Moves *at past a cell's unquoted text to the delimiter, a line end or the end of the file,
    // checking its UTF-8 on the way (one pass over the file instead of two). False at a byte that
    // breaks UTF-8.
    bool ScanText(const char** at, const char* end) const
    {
        const char* p = *at;
        for (;;)
        {
            while (p < end && !Stops[(unsigned char)*p])
                p++;
            if (p == end || (unsigned char)*p < 0x80)
                break;
            const size_t n = Utf8SequenceLength(p, end);
            if (n == 0)
            {
                *at = p;
                return false;
            }
            p += n;
        }
        *at = p;
        return true;
    }

    void PushEnd(uint32_t end)
    {
        if (EndsSize == Sheet->Ends.size())
            Sheet->Ends.resize(Sheet->Ends.size() * 2);
        Sheet->Ends[EndsSize++] = end;
    }

    // Which columns hold text below the header, for the importer (a column an export wrote empty is
    // left out of the document without a look at its million cells). The header row's own marks are
    // cleared when it is read.
    void MarkText(size_t column)
    {
        if (column < HasText.size())
            HasText[column] = 1;
        else if (column < 4096)
        {
            HasText.resize(column + 1, 0);
            HasText[column] = 1;
        }
    }

    bool Finish(bool ok)
    {
        Sheet->Ends.resize(EndsSize);
        HasText.resize(Sheet->Width, 0);
        Sheet->ColumnHasText = ok ? HasText : std::vector<uint8_t>();
        return ok;
    }

    // p at the opening quote. A cell without "" inside is a slice of the text; with them, a copy.
    bool QuotedCell(const char** at, const char* end, uint32_t record, uint32_t column, SheetTable::Span* span)
    {
        const char* const base = Sheet->Text.data();
        const char* p = *at + 1;
        const char* content = p;
        std::string* copy = nullptr;
        size_t copy_start = 0;
        for (;;)
        {
            const char* q = (const char*)memchr(p, '"', (size_t)(end - p));
            if (!q)
            {
                Add(record, column, "a quoted cell is never closed: the file ends inside it (a \" is missing)");
                return false;
            }
            if (FindInvalidUtf8(std::string_view(p, (size_t)(q - p))) != std::string_view::npos)
            {
                NotUtf8(record, column);
                return false;
            }
            if (q + 1 < end && q[1] == '"')
            {
                if (!copy)
                {
                    copy = &Sheet->Owned;
                    copy_start = copy->size();
                }
                copy->append(p, (size_t)(q + 1 - p)); // up to and including one quote
                p = q + 2;
                continue;
            }
            if (copy)
            {
                copy->append(p, (size_t)(q - p));
                span->Offset = (uint32_t)copy_start | SheetTable::kOwned;
                span->Size = (uint32_t)(copy->size() - copy_start);
            }
            else
            {
                span->Offset = (uint32_t)(content - base);
                span->Size = (uint32_t)(q - content);
            }
            p = q + 1;
            break;
        }
        if (p < end && *p != Delimiter && *p != '\r' && *p != '\n')
        {
            Add(record, column, "text after the closing quote of a quoted cell (a quote inside a cell is written \"\")");
            if (!ScanText(&p, end))
            {
                NotUtf8(record, column);
                return false;
            }
        }
        *at = p;
        return true;
    }

    // The text of cell i of the row that starts at row_start (cells [first, i] are in Ends).
    std::string_view CellOfRow(size_t first, uint32_t row_start, size_t i) const
    {
        const uint32_t e = Sheet->Ends[i];
        if (e & SheetTable::kSide)
            return Sheet->SpanText(Sheet->Side[e & ~SheetTable::kSide].Content);
        const uint32_t start = i == first ? row_start : Sheet->RawEnd(i - 1) + 1;
        return std::string_view(Sheet->Text.data() + start, e - start);
    }

    // The header: names are compared trimmed (each becomes a Side entry); trailing empty header
    // cells do not make columns.
    bool Header(uint32_t record, size_t first, uint32_t row_start)
    {
        size_t width = EndsSize - first;
        while (width > 0 && Trim(CellOfRow(first, row_start, first + width - 1)).empty())
            width--;
        if (width == 0)
            return false;
        std::vector<SheetTable::SideCell> names;
        for (size_t c = 0; c < width; c++)
        {
            const std::string_view raw = CellOfRow(first, row_start, first + c);
            const std::string_view name = Trim(raw);
            SheetTable::SideCell side;
            side.RawEnd = Sheet->RawEnd(first + c);
            side.Content = Sheet->Own(name);
            names.push_back(side);
        }
        EndsSize = first;
        for (const SheetTable::SideCell& side : names)
        {
            Sheet->Side.push_back(side);
            PushEnd(SheetTable::kSide | (uint32_t)(Sheet->Side.size() - 1));
        }
        Sheet->Width = (uint32_t)width;
        HasText.assign(width, 0); // the names are not values
        Sheet->RowStarts.push_back(row_start);
        Sheet->RowNumbers.push_back(record);
        return true;
    }

    // A row's cells are Ends[first, end): cut or padded to the header's width.
    void Body(uint32_t record, size_t first, uint32_t row_start)
    {
        const size_t width = Sheet->Width;
        const size_t count = EndsSize - first;
        for (size_t c = width; c < count; c++)
            if (!Trim(CellOfRow(first, row_start, first + c)).empty())
            {
                Add(record, (uint32_t)c + 1,
                    "this row has a cell in column " + std::to_string(c + 1) + " but the header names " + std::to_string(width) +
                        " columns (a delimiter inside a cell that is not quoted?)");
                break;
            }
        if (count > width)
            EndsSize = first + width;
        else
            for (size_t c = count; c < width; c++)
                PushEnd(SheetTable::kSide | 0); // Side[0]: empty
        Sheet->RowStarts.push_back(row_start);
        Sheet->RowNumbers.push_back(record);
    }

    bool NotUtf8(uint32_t record, uint32_t column)
    {
        Add(record, column,
            "the file is not UTF-8 text: save it as \"CSV UTF-8\" (Excel's plain \"CSV\" is Windows-1252), or convert it; this sheet was not read");
        EndsSize = 0;
        Finish(false);
        Sheet->RowStarts.clear();
        Sheet->RowNumbers.clear();
        Sheet->Width = 0;
        return false;
    }

    void Add(uint32_t row, uint32_t column, std::string message)
    {
        if (Listed >= kMaxProblemsPerFile && row > 0)
        {
            Dropped++;
            return;
        }
        Listed++;
        SheetProblem p;
        p.File = Sheet->File;
        p.Sheet = Sheet->Name;
        p.Row = row;
        p.Column = column;
        p.Message = std::move(message);
        Wb->Problems.push_back(std::move(p));
    }

    SheetTable* Sheet;
    Workbook* Wb;
    char Delimiter;
    size_t Begin;
    bool Stops[256];
    size_t Listed = 0, Dropped = 0;
    size_t EndsSize = 0; // cells in Sheet->Ends (its size is its capacity while reading)
    std::vector<uint8_t> HasText;
};

} // namespace

size_t FindInvalidUtf8(std::string_view text)
{
    const char* const base = text.data();
    const size_t n = text.size();
    size_t i = 0;
    while (i < n)
    {
        // 32, then 8 ASCII bytes at a time.
        if (i + 32 <= n)
        {
            uint64_t v[4];
            memcpy(v, base + i, 32);
            if (((v[0] | v[1] | v[2] | v[3]) & 0x8080808080808080ull) == 0)
            {
                i += 32;
                continue;
            }
        }
        if (i + 8 <= n)
        {
            uint64_t v;
            memcpy(&v, base + i, 8);
            if ((v & 0x8080808080808080ull) == 0)
            {
                i += 8;
                continue;
            }
        }
        const size_t length = Utf8SequenceLength(base + i, base + n);
        if (length == 0)
            return i;
        i += length;
    }
    return std::string_view::npos;
}

bool ReadCsvSheet(std::string text, std::string_view file, std::string_view sheet_name, const std::vector<std::string_view>& known_columns,
                  Workbook* wb)
{
    SheetTable sheet;
    sheet.Name.assign(sheet_name);
    sheet.File.assign(file);
    if (text.size() >= SheetTable::kOwned)
    {
        SheetProblem p;
        p.File = sheet.File;
        p.Sheet = sheet.Name;
        p.Message = "the file is larger than 2 GiB (the limit)";
        wb->Problems.push_back(std::move(p));
        return false;
    }
    const size_t begin = text.size() >= 3 && memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

    // The delimiter, from the first line.
    size_t eol = text.find_first_of("\r\n", begin);
    std::string_view first_line = std::string_view(text).substr(begin, eol == std::string::npos ? std::string::npos : eol - begin);
    char delimiter = ',';
    if (KnownNamesInHeader(first_line, ';', known_columns) > KnownNamesInHeader(first_line, ',', known_columns))
    {
        delimiter = ';';
        wb->Notes.push_back(sheet.File + ": note: read with \";\" as the delimiter: its header row splits on \";\" into known column names "
                                         "(a spreadsheet saved in a European locale); numbers must still use \".\" as the decimal point");
    }

    sheet.Text = std::move(text);
    // Room for the cells and rows, from the first 64 KiB: the vectors then grow once, not twenty times.
    {
        const size_t sample = std::min(sheet.Text.size(), (size_t)1 << 16);
        size_t cells = 1, rows = 1;
        for (size_t i = 0; i < sample; i++)
        {
            const char c = sheet.Text[i];
            cells += c == delimiter || c == '\n';
            rows += c == '\n';
        }
        const double scale = sample ? (double)sheet.Text.size() / (double)sample : 1.0;
        sheet.Ends.reserve((size_t)((double)cells * scale * 1.05) + 16);
        AdviseLargeBuffer(sheet.Ends.data(), sheet.Ends.capacity() * sizeof(uint32_t));
        sheet.RowNumbers.reserve((size_t)((double)rows * scale * 1.05) + 16);
        sheet.RowStarts.reserve((size_t)((double)rows * scale * 1.05) + 16);
    }
    CsvParser parser(&sheet, wb, delimiter, begin);
    bool ok = parser.Parse();
    wb->Sheets.push_back(std::move(sheet));
    return ok;
}

std::string WriteCsv(const SheetTable& sheet)
{
    std::string out = "\xEF\xBB\xBF";
    for (size_t row = 0; row < sheet.RowCount(); row++)
    {
        for (size_t c = 0; c < sheet.Width; c++)
        {
            if (c > 0)
                out += ',';
            std::string_view cell = sheet.At(row, c);
            bool quote =
                !cell.empty() && (IsBlank(cell.front()) || IsBlank(cell.back()) || cell.find_first_of(",\"\r\n") != std::string_view::npos);
            if (!quote)
            {
                out.append(cell.data(), cell.size());
                continue;
            }
            out += '"';
            for (char ch : cell)
            {
                if (ch == '"')
                    out += '"';
                out += ch;
            }
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

} // namespace ls
