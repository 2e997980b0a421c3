#include "xlsx_read.h"

#include "core/sheets_model.h"

#include <expat.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <vector>

namespace ls
{

namespace
{

constexpr size_t kMaxProblemsPerSheet = 100;

std::string_view LocalName(const char* name)
{
    const char* colon = strrchr(name, ':');
    return colon ? std::string_view(colon + 1) : std::string_view(name);
}

const char* Attribute(const char** attrs, std::string_view local)
{
    for (int i = 0; attrs[i]; i += 2)
        if (LocalName(attrs[i]) == local)
            return attrs[i + 1];
    return nullptr;
}

// The parts of a handler that expat calls; each part of the workbook has its own.
class XmlHandler
{
public:
    virtual ~XmlHandler() = default;
    virtual void Start(std::string_view name, const char** attrs) = 0;
    virtual void End(std::string_view name) = 0;
    virtual void Text(const char*, int) {}
};

void XMLCALL OnStart(void* data, const char* name, const char** attrs) { static_cast<XmlHandler*>(data)->Start(LocalName(name), attrs); }
void XMLCALL OnEnd(void* data, const char* name) { static_cast<XmlHandler*>(data)->End(LocalName(name)); }
void XMLCALL OnText(void* data, const char* s, int n) { static_cast<XmlHandler*>(data)->Text(s, n); }

class Zip
{
public:
    explicit Zip(const std::string& path) : Z(unzOpen64(path.c_str())) {}
    ~Zip()
    {
        if (Z)
            unzClose(Z);
    }
    bool Ok() const { return Z != nullptr; }
    bool Has(const std::string& entry) const { return unzLocateFile(Z, entry.c_str(), 2) == UNZ_OK; }

    // Streams one entry through expat into the handler. False (and *error) when it is missing or not XML.
    bool Parse(const std::string& entry, XmlHandler* handler, std::string* error)
    {
        if (unzLocateFile(Z, entry.c_str(), 2) != UNZ_OK || unzOpenCurrentFile(Z) != UNZ_OK)
        {
            *error = "the workbook has no " + entry;
            return false;
        }
        XML_Parser parser = XML_ParserCreate("UTF-8");
        XML_SetUserData(parser, handler);
        XML_SetElementHandler(parser, OnStart, OnEnd);
        XML_SetCharacterDataHandler(parser, OnText);
        std::vector<char> buf(1 << 16);
        bool ok = true;
        for (;;)
        {
            int n = unzReadCurrentFile(Z, buf.data(), (unsigned)buf.size());
            if (n < 0)
            {
                *error = entry + " cannot be read from the zip (damaged?)";
                ok = false;
                break;
            }
            if (XML_Parse(parser, buf.data(), n, n == 0) == XML_STATUS_ERROR)
            {
                *error = entry + ": not well-formed XML at line " + std::to_string(XML_GetCurrentLineNumber(parser)) + ": " +
                         XML_ErrorString(XML_GetErrorCode(parser));
                ok = false;
                break;
            }
            if (n == 0)
                break;
        }
        XML_ParserFree(parser);
        unzCloseCurrentFile(Z);
        return ok;
    }

private:
    unzFile Z;
};

//-----------------------------------------------------------------------------
// workbook.xml, its relationships, shared strings, styles
//-----------------------------------------------------------------------------

struct SheetEntry
{
    std::string Name, RelationId, Path;
};

class WorkbookPart : public XmlHandler
{
public:
    std::vector<SheetEntry> Sheets;
    bool Date1904 = false;
    void Start(std::string_view name, const char** attrs) override
    {
        if (name == "sheet")
        {
            const char* n = Attribute(attrs, "name");
            const char* id = nullptr;
            for (int i = 0; attrs[i]; i += 2)
                if (strchr(attrs[i], ':') && LocalName(attrs[i]) == "id")
                    id = attrs[i + 1];
            Sheets.push_back({ n ? n : "", id ? id : "", "" });
        }
        else if (name == "workbookPr")
        {
            const char* d = Attribute(attrs, "date1904");
            Date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
        }
    }
    void End(std::string_view) override {}
};

class RelationsPart : public XmlHandler
{
public:
    std::map<std::string, std::string> Targets;
    void Start(std::string_view name, const char** attrs) override
    {
        if (name != "Relationship")
            return;
        const char* id = Attribute(attrs, "Id");
        const char* target = Attribute(attrs, "Target");
        if (id && target)
            Targets[id] = target;
    }
    void End(std::string_view) override {}
};

// <si> items: plain <t>, or rich text runs <r><t>; phonetic hints (<rPh>) are not the text.
class SharedStringsPart : public XmlHandler
{
public:
    std::vector<std::string> Strings;
    void Start(std::string_view name, const char**) override
    {
        if (name == "si")
            Strings.emplace_back(), InItem = true;
        else if (name == "rPh")
            InPhonetic = true;
        else if (name == "t" && InItem && !InPhonetic)
            InText = true;
    }
    void End(std::string_view name) override
    {
        if (name == "si")
            InItem = false;
        else if (name == "rPh")
            InPhonetic = false;
        else if (name == "t")
            InText = false;
    }
    void Text(const char* s, int n) override
    {
        if (InText)
            Strings.back().append(s, (size_t)n);
    }

private:
    bool InItem = false, InPhonetic = false, InText = false;
};

class StylesPart : public XmlHandler
{
public:
    std::vector<bool> DateStyle; // per cell style (the "s" of a cell): its number format shows a date
    void Start(std::string_view name, const char** attrs) override
    {
        if (name == "numFmt")
        {
            const char* id = Attribute(attrs, "numFmtId");
            const char* code = Attribute(attrs, "formatCode");
            if (id && code)
                Custom[atoi(id)] = code;
        }
        else if (name == "cellXfs")
            InCellXfs = true;
        else if (name == "xf" && InCellXfs)
        {
            const char* id = Attribute(attrs, "numFmtId");
            DateStyle.push_back(id && IsDateFormat(atoi(id)));
        }
    }
    void End(std::string_view name) override
    {
        if (name == "cellXfs")
            InCellXfs = false;
    }

private:
    bool IsDateFormat(int id) const
    {
        auto it = Custom.find(id);
        if (it != Custom.end())
            return IsDateFormatCode(it->second);
        // Built-in formats of dates and times (ECMA-376 part 1, 18.8.30, and the East Asian ones).
        return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81);
    }
    std::map<int, std::string> Custom;
    bool InCellXfs = false;
};

//-----------------------------------------------------------------------------
// A worksheet
//-----------------------------------------------------------------------------

class SheetPart : public XmlHandler
{
public:
    SheetPart(SheetTable* table, Workbook* wb, const std::vector<std::string>& shared, const std::vector<bool>& date_styles)
        : Table(table), Wb(wb), Shared(shared), DateStyles(date_styles)
    {
    }

    void Start(std::string_view name, const char** attrs) override
    {
        if (name == "row")
        {
            const char* r = Attribute(attrs, "r");
            RowNumber = r ? (uint32_t)strtoul(r, nullptr, 10) : RowNumber + 1;
            Cells.clear();
            NextColumn = 0;
        }
        else if (name == "c")
        {
            const char* r = Attribute(attrs, "r");
            const char* t = Attribute(attrs, "t");
            const char* s = Attribute(attrs, "s");
            Column = r ? ColumnOf(r) : NextColumn;
            NextColumn = Column + 1;
            Type = t ? t : "n";
            Style = s ? atoi(s) : 0;
            Value.clear();
            Inline.clear();
        }
        else if (name == "v")
            InValue = true;
        else if (name == "is")
            InInline = true;
        else if (name == "t" && InInline)
            InInlineText = true;
        else if (name == "rPh")
            InPhonetic = true;
    }

    void End(std::string_view name) override
    {
        if (name == "v")
            InValue = false;
        else if (name == "is")
            InInline = false;
        else if (name == "t")
            InInlineText = false;
        else if (name == "rPh")
            InPhonetic = false;
        else if (name == "c")
            EndCell();
        else if (name == "row")
            EndRow();
    }

    void Text(const char* s, int n) override
    {
        if (InValue)
            Value.append(s, (size_t)n);
        else if (InInlineText && !InPhonetic)
            Inline.append(s, (size_t)n);
    }

private:
    static uint32_t ColumnOf(const char* ref)
    {
        uint32_t c = 0;
        for (; *ref && isalpha((unsigned char)*ref); ref++)
            c = c * 26 + (uint32_t)(toupper((unsigned char)*ref) - 'A' + 1);
        return c > 0 ? c - 1 : 0;
    }

    void EndCell()
    {
        std::string text;
        CellType type = CellType_Text;
        if (Type == "s")
        {
            size_t i = (size_t)strtoul(Value.c_str(), nullptr, 10);
            text = i < Shared.size() ? Shared[i] : std::string();
        }
        else if (Type == "inlineStr")
            text = Inline;
        else if (Type == "str")
            text = Value;
        else if (Type == "b")
            text = Value == "1" ? "true" : "false", type = CellType_Bool;
        else if (Type == "e")
            text = Value, type = CellType_Error;
        else if (Type == "d")
            text = Value, type = CellType_Date;
        else
        {
            text = Value;
            type = (Style >= 0 && (size_t)Style < DateStyles.size() && DateStyles[(size_t)Style]) ? CellType_Date : CellType_Number;
        }
        if (!text.empty())
            Cells.push_back({ Column, Table->Own(text), (uint8_t)type });
    }

    void EndRow()
    {
        if (Cells.empty())
            return; // a blank row (or one with formatting only)
        if (Table->Cells.empty())
        {
            // The header: names trimmed; the width ends at the last named column.
            uint32_t width = 0;
            for (const Cell& c : Cells)
            {
                if (Text(c.Span).find_first_not_of(" \t") == std::string_view::npos)
                    continue;
                width = std::max(width, c.Column + 1);
            }
            if (width == 0)
                return;
            Dense.assign(width, SheetTable::Span());
            for (const Cell& c : Cells)
                if (c.Column < width)
                {
                    std::string_view name = Text(c.Span);
                    size_t b = name.find_first_not_of(" \t"), e = name.find_last_not_of(" \t");
                    Dense[c.Column] = b == std::string_view::npos ? SheetTable::Span() : Table->Own(name.substr(b, e - b + 1));
                }
            Table->AddRow(RowNumber, Dense.data(), nullptr, width);
            return;
        }
        const uint32_t width = Table->Width;
        Dense.assign(width, SheetTable::Span());
        Types.assign(width, CellType_Text);
        bool reported = false;
        for (const Cell& c : Cells)
        {
            if (c.Column < width)
            {
                Dense[c.Column] = c.Span;
                Types[c.Column] = c.Type;
            }
            else if (!reported)
            {
                reported = true;
                Problem(c.Column + 1, "this row has a value in column " + ColumnLetters(c.Column + 1) + " but the header names " +
                                          std::to_string(width) + " columns (" + ColumnLetters(1) + " to " + ColumnLetters(width) + ")");
            }
        }
        Table->AddRow(RowNumber, Dense.data(), Types.data(), width);
    }

    std::string_view Text(const SheetTable::Span& s) const
    {
        return std::string_view(Table->Owned.data() + (s.Offset & ~SheetTable::kOwned), s.Size);
    }

    void Problem(uint32_t column, std::string message)
    {
        if (Listed++ >= kMaxProblemsPerSheet)
            return;
        SheetProblem p;
        p.File = Table->File;
        p.Sheet = Table->Name;
        p.InWorkbook = true;
        p.Row = RowNumber;
        p.Column = column;
        p.Message = std::move(message);
        Wb->Problems.push_back(std::move(p));
    }

    struct Cell
    {
        uint32_t Column;
        SheetTable::Span Span;
        uint8_t Type;
    };
    SheetTable* Table;
    Workbook* Wb;
    const std::vector<std::string>& Shared;
    const std::vector<bool>& DateStyles;
    std::vector<Cell> Cells;
    std::vector<SheetTable::Span> Dense;
    std::vector<uint8_t> Types;
    uint32_t RowNumber = 0, Column = 0, NextColumn = 0;
    std::string Type, Value, Inline;
    int Style = 0;
    bool InValue = false, InInline = false, InInlineText = false, InPhonetic = false;
    size_t Listed = 0;
};

std::string ResolveTarget(const std::string& target)
{
    if (!target.empty() && target[0] == '/')
        return target.substr(1);
    return "xl/" + target;
}

std::string Lower(std::string s)
{
    for (char& c : s)
        c = (char)tolower((unsigned char)c);
    return s;
}

} // namespace

bool IsDateFormatCode(const std::string& code)
{
    // Letters of dates and times (d, m, y, h, s) outside quoted text, brackets ([Red], [$-409]) and
    // escaped characters; [h], [mm] and [ss] (elapsed time) count as times.
    bool quoted = false;
    for (size_t i = 0; i < code.size(); i++)
    {
        const char c = code[i];
        if (quoted)
        {
            quoted = c != '"';
            continue;
        }
        if (c == '"')
            quoted = true;
        else if (c == '\\' || c == '_' || c == '*')
            i++; // the next character is literal (or a fill)
        else if (c == '[')
        {
            size_t close = code.find(']', i);
            std::string inside = Lower(code.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1));
            if (!inside.empty() && inside.find_first_not_of("hms") == std::string::npos)
                return true;
            i = close == std::string::npos ? code.size() : close;
        }
        else
        {
            const char l = (char)tolower((unsigned char)c);
            if (l == 'd' || l == 'm' || l == 'y' || l == 'h' || l == 's')
                return true;
        }
    }
    return false;
}

bool ReadXlsx(const std::string& path, Workbook* wb, std::string* error)
{
    Zip zip(path);
    if (!zip.Ok())
    {
        *error = "cannot open as an .xlsx workbook (not a zip file, or missing)";
        return false;
    }
    WorkbookPart workbook;
    RelationsPart relations;
    if (!zip.Parse("xl/workbook.xml", &workbook, error) || !zip.Parse("xl/_rels/workbook.xml.rels", &relations, error))
        return false;
    wb->Date1904 = workbook.Date1904;
    SharedStringsPart shared;
    if (zip.Has("xl/sharedStrings.xml") && !zip.Parse("xl/sharedStrings.xml", &shared, error))
        return false;
    StylesPart styles;
    if (zip.Has("xl/styles.xml") && !zip.Parse("xl/styles.xml", &styles, error))
        return false;
    for (const SheetEntry& entry : workbook.Sheets)
    {
        auto target = relations.Targets.find(entry.RelationId);
        if (target == relations.Targets.end())
        {
            *error = "the workbook names a sheet \"" + entry.Name + "\" it does not hold";
            return false;
        }
        SheetTable table;
        table.Name = entry.Name;
        // A tab named like a sheet of the layout in another case is that sheet.
        for (const SheetSpec& spec : SheetLayout())
            if (Lower(entry.Name) == spec.Name)
                table.Name = spec.Name;
        table.File = path;
        table.InWorkbook = true;
        wb->Sheets.push_back(std::move(table));
        SheetPart part(&wb->Sheets.back(), wb, shared.Strings, styles.DateStyle);
        if (!zip.Parse(ResolveTarget(target->second), &part, error))
            return false;
    }
    return true;
}

} // namespace ls
