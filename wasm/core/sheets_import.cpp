// Sheets -> a landscape/1 document -> LoadDataset, with every problem located at its cell.
//
// Two stages. The sheets' own: the layout (a required sheet or column missing, a column named
// twice, unknown sheets and columns) and each cell by its column's rule (numbers, dates where text
// is expected, true/false). Then, unless the layout itself is broken, the document goes through
// the loader; its problems come back as pointers, and SheetMap turns them into cells. A cell the
// first stage refused is left out of the document (or written as it was, for text) and the
// loader's problem about it is dropped: the researcher hears about each cell once.
#include "core/json_reader.h"
#include "core/sheets_model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <strings.h>

namespace ls
{

namespace
{

void AppendJsonString(std::string* out, std::string_view s)
{
    out->push_back('"');
    const char* p = s.data();
    const char* const end = p + s.size();
    for (;;)
    {
        // Runs that need no escape, eight bytes at a time (UTF-8 bytes stop the run but are copied as they are).
        const char* run = p;
        p = json_detail::SkipPlain(p, end);
        while (p < end && (unsigned char)*p >= 0x80)
            p = json_detail::SkipPlain(p + 1, end);
        out->append(run, (size_t)(p - run));
        if (p == end)
            break;
        const unsigned char c = (unsigned char)*p++;
        switch (c)
        {
        case '"':
            out->append("\\\"");
            break;
        case '\\':
            out->append("\\\\");
            break;
        case '\n':
            out->append("\\n");
            break;
        case '\r':
            out->append("\\r");
            break;
        case '\t':
            out->append("\\t");
            break;
        default:
        {
            char buf[8];
            snprintf(buf, sizeof(buf), "\\u%04x", c);
            out->append(buf);
        }
        }
    }
    out->push_back('"');
}

// The same, written through a pointer with room for 6 * s.size() + 2 bytes (every byte escaped).
char* WriteJsonString(char* out, std::string_view s)
{
    *out++ = '"';
    const char* p = s.data();
    const char* const end = p + s.size();
    // Short cells (ids, periods, words) byte by byte: cheaper than a scan and a copy call.
    if (s.size() <= 24)
    {
        char* const mark = out;
        const char* q = p;
        while (q < end && json_detail::kStringPlain[(unsigned char)*q])
            *out++ = *q++;
        if (q == end)
        {
            *out++ = '"';
            return out;
        }
        out = mark; // something to escape (or UTF-8): the general way below
    }
    for (;;)
    {
        const char* run = p;
        p = json_detail::SkipPlain(p, end);
        while (p < end && (unsigned char)*p >= 0x80)
            p = json_detail::SkipPlain(p + 1, end);
        memcpy(out, run, (size_t)(p - run));
        out += p - run;
        if (p == end)
            break;
        const unsigned char c = (unsigned char)*p++;
        *out++ = '\\';
        switch (c)
        {
        case '"':
            *out++ = '"';
            break;
        case '\\':
            *out++ = '\\';
            break;
        case '\n':
            *out++ = 'n';
            break;
        case '\r':
            *out++ = 'r';
            break;
        case '\t':
            *out++ = 't';
            break;
        default:
            *out++ = 'u', *out++ = '0', *out++ = '0';
            *out++ = "0123456789abcdef"[c >> 4];
            *out++ = "0123456789abcdef"[c & 15];
        }
    }
    *out++ = '"';
    return out;
}


std::string_view Trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string Quoted(std::string_view s)
{
    return "\"" + std::string(s) + "\"";
}

std::string NearestName(std::string_view name, const std::vector<std::string_view>& names)
{
    std::string_view best;
    size_t best_distance = 3;
    for (std::string_view n : names)
    {
        size_t d = EditDistance(name, n, best_distance);
        if (d < best_distance)
            best = n, best_distance = d;
    }
    return best.empty() ? std::string() : " (did you mean \"" + std::string(best) + "\"?)";
}

std::string ListOf(const std::vector<std::string_view>& names)
{
    std::string s;
    for (size_t i = 0; i < names.size(); i++)
        s += (i ? ", " : "") + std::string(names[i]);
    return s;
}

// One sheet of the layout as the workbook has it: which table column holds which spec column.
struct BoundSheet
{
    const SheetSpec* Spec = nullptr;
    int Table = -1;                // index into Workbook::Sheets
    std::vector<int> SpecOfColumn; // per table column: index into Spec->Columns, or -1 (unknown or unnamed: not imported)
};

class Importer
{
public:
    Importer(const Workbook& wb, const ImportOptions& options, ImportResult* result) : Wb(wb), Options(options), Result(result) {}

    void Run(Dataset* out)
    {
        for (const SheetProblem& p : Wb.Problems)
            AddProblem(p);
        Broken = Errors > 0;
        BindSheets();
        Json.reserve(EstimateSize());
        AdviseLargeBuffer(Json.data(), Json.capacity());
        Json += "{\n";
        WriteAbout();
        for (BoundSheet& b : Bound)
            if (b.Spec->Shape == SheetShape::Records)
                WriteRecords(b);
        for (BoundSheet& b : Bound)
            if (b.Spec->Shape == SheetShape::Observations)
                WriteObservations(b);
        if (Json.size() >= 2 && Json[Json.size() - 2] == ',')
            Json.erase(Json.size() - 2, 1);
        Json += "}\n";
        if (!Broken)
            Load(out);
        Finish();
    }

private:
    //-------------------------------------------------------------------------
    // Problems
    //-------------------------------------------------------------------------

    void AddProblem(SheetProblem p)
    {
        if (p.Severity == ProblemSeverity_Error)
            Errors++;
        else
            Warnings++;
        if (Stored.size() < Options.MaxProblems * 2)
            Stored.push_back(std::move(p));
    }

    void Problem(const SheetTable& t, size_t row, int column, std::string_view field, std::string message,
                 ProblemSeverity severity = ProblemSeverity_Error)
    {
        AddProblem(ProblemAt(t, row, column, field, std::move(message), severity));
    }

    // A cell the first stage refused: the loader's word about it is dropped.
    void MarkBad(int table, size_t row, size_t column) { BadCells.push_back(CellKey(table, row, column)); }
    static uint64_t CellKey(int table, size_t row, size_t column)
    {
        return ((uint64_t)table << 48) | ((uint64_t)row << 16) | (uint64_t)column;
    }

    //-------------------------------------------------------------------------
    // The layout
    //-------------------------------------------------------------------------

    void BindSheets()
    {
        std::vector<std::string_view> names;
        for (const SheetSpec& spec : SheetLayout())
            names.push_back(spec.Name);
        for (size_t i = 0; i < Wb.Sheets.size(); i++)
        {
            const SheetTable& t = Wb.Sheets[i];
            if (!FindSheetSpec(t.Name))
                AddProblem(ProblemAt(t, (size_t)-1, -1, "",
                                     "a sheet named " + Quoted(t.Name) + " is not part of the layout (" + ListOf(names) +
                                         "); it is ignored" + NearestName(t.Name, names),
                                     ProblemSeverity_Warning));
        }
        for (const SheetSpec& spec : SheetLayout())
        {
            BoundSheet b;
            b.Spec = &spec;
            for (size_t i = 0; i < Wb.Sheets.size(); i++)
                if (Wb.Sheets[i].Name == spec.Name)
                    b.Table = (int)i;
            if (b.Table < 0)
            {
                if (spec.Required)
                {
                    SheetProblem p;
                    p.File = Wb.Path;
                    p.Message = "no " + Quoted(spec.Name) + " sheet: a landscape file needs one (" + spec.Name +
                                ".csv in a folder, a sheet named " + spec.Name + " in a workbook)";
                    AddProblem(std::move(p));
                    Broken = true;
                }
                Bound.push_back(std::move(b));
                continue;
            }
            const SheetTable& t = Wb.Sheets[(size_t)b.Table];
            if (t.RowCount() > 0)
                BindColumns(&b, t);
            Bound.push_back(std::move(b));
        }
    }

    void BindColumns(BoundSheet* b, const SheetTable& t)
    {
        const SheetSpec& spec = *b->Spec;
        std::vector<std::string_view> known = KnownColumnNames(spec);
        b->SpecOfColumn.assign(t.Width, -1);
        std::vector<int> seen(spec.Shape == SheetShape::About ? 2 : spec.Columns.size(), -1);
        for (uint32_t c = 0; c < t.Width; c++)
        {
            std::string_view name = t.Header(c);
            if (name.empty())
            {
                for (size_t row = 1; row < t.RowCount(); row++)
                    if (!Trim(t.At(row, c)).empty())
                    {
                        Problem(t, 0, (int)c, "",
                                "this column has no name in the header row but holds values (row " + std::to_string(t.RowNumbers[row]) +
                                    ")");
                        Broken = true;
                        break;
                    }
                continue;
            }
            int index = -1;
            for (size_t k = 0; k < known.size(); k++)
                if (known[k] == name)
                    index = (int)k;
            if (index < 0)
            {
                Problem(t, 0, (int)c, std::string(name), "unknown column " + Quoted(name) + " is ignored" + NearestName(name, known),
                        ProblemSeverity_Warning);
                continue;
            }
            if (seen[(size_t)index] >= 0)
            {
                Problem(t, 0, (int)c, std::string(name),
                        "the column " + Quoted(name) + " appears twice (also column " + std::to_string(seen[(size_t)index] + 1) +
                            "); keep one");
                Broken = true;
                continue;
            }
            seen[(size_t)index] = (int)c;
            b->SpecOfColumn[c] = index;
        }
        std::vector<std::string_view> missing;
        for (size_t k = 0; k < seen.size(); k++)
            if (seen[k] < 0 && (spec.Shape == SheetShape::About || spec.Columns[k].Required))
                missing.push_back(known[k]);
        if (!missing.empty())
        {
            Problem(t, 0, -1, "",
                    std::string(missing.size() > 1 ? "missing columns " : "missing column ") + ListOf(missing) +
                        " in the header row (its columns may be: " + ListOf(known) + ")");
            Broken = true;
        }
    }

    size_t EstimateSize() const
    {
        size_t n = 4096;
        for (const SheetTable& t : Wb.Sheets)
            n += t.Text.size() + t.Owned.size() + t.RowCount() * t.Width * 4;
        return n;
    }

    //-------------------------------------------------------------------------
    // Cells
    //-------------------------------------------------------------------------

    std::string DateCellMessage(const SheetTable& t, size_t row, size_t column, const SheetColumn& c)
    {
        // A day number, or (a workbook's rare "d" cells) an ISO date already.
        const std::string raw(t.At(row, column));
        std::string date =
            raw.find('-') != std::string::npos ? raw.substr(0, 10) : SerialToIsoDate(strtod(raw.c_str(), nullptr), Wb.Date1904);
        std::string what = c.Rule == CellRule::Number ? "a number" : c.Rule == CellRule::Period ? "a period" : "text";
        std::string advice = c.Rule == CellRule::Period ? "type the period (2023, 2023-Q2, 2023-06 or 2023-06-30)"
                             : c.Rule == CellRule::Date ? "type the date as YYYY-MM-DD"
                                                        : "type the value again";
        return "a date cell" + (date.empty() ? std::string() : " (" + date + ")") + " where " + what +
               " is expected: the spreadsheet turned what was typed into a date; format the column as text and " + advice;
    }

    // Appends the cell's JSON value; false (and a problem) when the cell is refused. Empty cells are
    // not passed here.
    bool Cell(int table, size_t row, size_t column, const SheetColumn& c, std::string* out)
    {
        const SheetTable& t = Wb.Sheets[(size_t)table];
        const std::string_view raw = t.At(row, column);
        const CellType type = t.TypeAt(row, column);
        auto refuse = [&](std::string message)
        {
            Problem(t, row, (int)column, c.Name, std::move(message));
            MarkBad(table, row, column);
            return false;
        };
        if (type == CellType_Error)
            return refuse("a formula error (" + std::string(raw) + ") where a value is expected");
        if (type == CellType_Date)
            return refuse(DateCellMessage(t, row, column, c));
        switch (c.Rule)
        {
        case CellRule::Text:
        case CellRule::Rows:
            AppendJsonString(out, raw);
            return true;
        case CellRule::Word:
            AppendJsonString(out, Trim(raw));
            return true;
        case CellRule::Number:
        {
            std::string_view s = Trim(raw);
            if (type == CellType_Bool)
                return refuse("not a number: " + std::string(s));
            if (IsSheetNumber(s))
            {
                out->append(s.data(), s.size());
                return true;
            }
            return refuse(NumberCellProblem(s));
        }
        case CellRule::Bool:
        {
            std::string_view s = Trim(raw);
            if (s.size() == 4 && strncasecmp(s.data(), "true", 4) == 0)
                out->append("true");
            else if (s.size() == 5 && strncasecmp(s.data(), "false", 5) == 0)
                out->append("false");
            else
                return refuse("not true or false: " + Quoted(s));
            return true;
        }
        case CellRule::List:
        {
            out->push_back('[');
            bool first = true;
            size_t start = 0;
            for (;;)
            {
                const size_t semicolon = raw.find(';', start);
                std::string_view item =
                    Trim(raw.substr(start, semicolon == std::string_view::npos ? std::string_view::npos : semicolon - start));
                if (!item.empty())
                {
                    if (!first)
                        out->push_back(',');
                    AppendJsonString(out, item);
                    first = false;
                }
                if (semicolon == std::string_view::npos)
                    break;
                start = semicolon + 1;
            }
            out->push_back(']');
            return true;
        }
        case CellRule::Period:
        case CellRule::Date:
        {
            std::string_view s = Trim(raw);
            const bool period = c.Rule == CellRule::Period;
            if (type == CellType_Number)
            {
                double x = strtod(std::string(s).c_str(), nullptr);
                if (period && x == std::floor(x) && x >= kPeriodMinYear && x <= kPeriodMaxYear)
                {
                    // A whole number in a period column is that year (what a spreadsheet makes of 2023 typed in).
                    char buf[16];
                    snprintf(buf, sizeof(buf), "\"%d\"", (int)x);
                    out->append(buf);
                    return true;
                }
                std::string date = SerialToIsoDate(x, Wb.Date1904);
                return refuse("a number (" + std::string(s) + ") where " + (period ? "a period" : "a date") + " is expected" +
                              (date.empty() || x != std::floor(x) || x < 10000 ? std::string()
                                                                               : ": it looks like a spreadsheet's day number for " + date) +
                              "; format the column as text and type the " +
                              (period ? "period (2023, 2023-Q2, 2023-06 or 2023-06-30)" : "date as YYYY-MM-DD"));
            }
            Period p;
            bool valid = period ? ParsePeriod(s, &p) : ParseDate(s, &p);
            if (!valid && LooksLikeFormattedDate(s))
                return refuse(Quoted(s) + " is a date as a spreadsheet shows it, not a " + (period ? "period" : "date") +
                              ": format the column as text and type the " +
                              (period ? "period (2023, 2023-Q2, 2023-06 or 2023-06-30)" : "date as YYYY-MM-DD"));
            AppendJsonString(out, s); // a valid one, or one the loader explains
            return true;
        }
        case CellRule::Json:
        {
            std::string_view s = Trim(raw);
            if (!s.empty() && (s.front() == '{' || s.front() == '[') && nlohmann::json::accept(s))
                out->append(s.data(), s.size());
            else if (type == CellType_Number || type == CellType_Bool)
                out->append(s.data(), s.size());
            else
                AppendJsonString(out, raw);
            return true;
        }
        }
        return false;
    }

    // The common cells of a CSV file, without Cell()'s checks when they cannot apply: a word, a
    // number in the JSON grammar, a period of digits, '-' and 'Q'. Returns the end of what it
    // wrote into out's room; nullptr: let Cell() decide.
    static char* FastCell(CellRule rule, std::string_view s, char* p) // s: trimmed unless the rule is Text
    {
        switch (rule)
        {
        case CellRule::Text:
        case CellRule::Word: return WriteJsonString(p, s);
        case CellRule::Number:
            if (!IsSheetNumber(s))
                return nullptr;
            memcpy(p, s.data(), s.size());
            return p + s.size();
        case CellRule::Period:
            for (char c : s)
                if (!((c >= '0' && c <= '9') || c == '-' || c == 'Q'))
                    return nullptr;
            return WriteJsonString(p, s);
        default: return nullptr;
        }
    }

    //-------------------------------------------------------------------------
    // The document
    //-------------------------------------------------------------------------

    void WriteAbout()
    {
        const SheetSpec* spec = FindSheetSpec("about");
        const BoundSheet& b = Bound[0]; // the layout lists "about" first
        Result->Map.AboutSheet = b.Table;
        std::vector<std::vector<size_t>> rows_of(spec->Columns.size());
        std::vector<size_t> schema_rows;
        if (b.Table >= 0 && !b.SpecOfColumn.empty())
        {
            const SheetTable& t = Wb.Sheets[(size_t)b.Table];
            int field_column = -1, value_column = -1;
            for (size_t c = 0; c < b.SpecOfColumn.size(); c++)
                if (b.SpecOfColumn[c] == 0)
                    field_column = (int)c;
                else if (b.SpecOfColumn[c] == 1)
                    value_column = (int)c;
            if (field_column >= 0 && value_column >= 0)
            {
                std::vector<std::string_view> names;
                for (const SheetColumn& c : spec->Columns)
                    names.push_back(c.Name);
                for (size_t row = 1; row < t.RowCount(); row++)
                {
                    std::string_view name = Trim(t.At(row, (size_t)field_column));
                    if (name.empty())
                    {
                        if (!Trim(t.At(row, (size_t)value_column)).empty())
                            Problem(t, row, field_column, "field", "a value without a field name");
                        continue;
                    }
                    if (name == "$schema")
                    {
                        schema_rows.push_back(row);
                        continue;
                    }
                    int k = -1;
                    for (size_t i = 0; i < spec->Columns.size(); i++)
                        if (spec->Columns[i].Name == name || spec->Columns[i].Field == name)
                            k = (int)i;
                    if (k < 0)
                    {
                        Problem(t, row, field_column, "field", "unknown field " + Quoted(name) + " is ignored" + NearestName(name, names),
                                ProblemSeverity_Warning);
                        continue;
                    }
                    std::vector<size_t>& rows = rows_of[(size_t)k];
                    if (!rows.empty() && spec->Columns[(size_t)k].Rule != CellRule::Rows)
                    {
                        Problem(t, row, field_column, "field",
                                Quoted(name) + " appears twice (also row " + std::to_string(t.RowNumbers[rows[0]]) + "); keep one");
                        continue;
                    }
                    rows.push_back(row);
                }
                for (size_t row : schema_rows)
                {
                    Json += "\"$schema\": ";
                    AppendJsonString(&Json, Trim(t.At(row, (size_t)value_column)));
                    Json += ",\n";
                    break;
                }
                for (size_t k = 0; k < spec->Columns.size(); k++)
                    WriteAboutField(b.Table, (size_t)value_column, spec->Columns[k], rows_of[k]);
            }
        }
        // The format is the layout's own: a workbook that leaves it out is still landscape/1.
        if (!WroteFormat)
            Json.insert(2, "\"format\": \"landscape/1\",\n");
    }

    void WriteAboutField(int table, size_t value_column, const SheetColumn& c, const std::vector<size_t>& rows)
    {
        const SheetTable& t = Wb.Sheets[(size_t)table];
        std::vector<size_t> given;
        for (size_t row : rows)
            if (!Trim(t.At(row, value_column)).empty())
                given.push_back(row);
        if (given.empty())
            return;
        const size_t mark = Json.size();
        Json += "\"" + std::string(c.Field) + "\": ";
        if (c.Rule == CellRule::Rows)
        {
            Json += "[\n";
            for (size_t i = 0; i < given.size(); i++)
            {
                Result->Map.AboutRows.emplace_back(std::string(c.Field) + "#" + std::to_string(i), (uint32_t)given[i]);
                Json += "  ";
                Cell(table, given[i], value_column, c, &Json);
                Json += i + 1 < given.size() ? ",\n" : "\n";
            }
            Json += "],\n";
            return;
        }
        Result->Map.AboutRows.emplace_back(std::string(c.Field), (uint32_t)given[0]);
        if (!Cell(table, given[0], value_column, c, &Json))
        {
            Json.resize(mark);
            return;
        }
        WroteFormat = WroteFormat || c.Field == "format";
        Json += ",\n";
    }

    // A record's members, in the sheet's column order; the members of an object field together.
    void WriteRecord(const BoundSheet& b, const SheetTable& t, size_t row)
    {
        const SheetSpec& spec = *b.Spec;
        Json += '{';
        bool first = true;
        std::vector<bool>& done = Done;
        done.assign(spec.Columns.size(), false);
        for (size_t col = 0; col < t.Width; col++)
        {
            int k = b.SpecOfColumn[col];
            if (k < 0 || done[(size_t)k])
                continue;
            const SheetColumn& c = spec.Columns[(size_t)k];
            if (t.At(row, col).empty() && !(c.Required && c.Rule == CellRule::Text))
                continue;
            if (c.Member.empty())
            {
                done[(size_t)k] = true;
                const size_t mark = Json.size();
                Json += first ? "\"" : ",\"";
                Json.append(c.Field.data(), c.Field.size());
                Json += "\":";
                if (c.Rule != CellRule::Text && c.Rule != CellRule::Json && Trim(t.At(row, col)).empty())
                    Json.resize(mark); // only spaces: absent
                else if (!Cell(b.Table, row, col, c, &Json))
                    Json.resize(mark);
                else
                    first = false;
                continue;
            }
            // An object field: every member column of it, in the sheet's order.
            const size_t mark = Json.size();
            Json += first ? "\"" : ",\"";
            Json.append(c.Field.data(), c.Field.size());
            Json += "\":{";
            bool any = false;
            for (size_t col2 = col; col2 < t.Width; col2++)
            {
                int k2 = b.SpecOfColumn[col2];
                if (k2 < 0 || spec.Columns[(size_t)k2].Field != c.Field)
                    continue;
                done[(size_t)k2] = true;
                const SheetColumn& m = spec.Columns[(size_t)k2];
                if (Trim(t.At(row, col2)).empty())
                    continue;
                const size_t member_mark = Json.size();
                Json += any ? ",\"" : "\"";
                Json.append(m.Member.data(), m.Member.size());
                Json += "\":";
                if (!Cell(b.Table, row, col2, m, &Json))
                    Json.resize(member_mark);
                else
                    any = true;
            }
            if (!any)
                Json.resize(mark);
            else
                Json += '}', first = false;
        }
        Json += '}';
    }

    void WriteRecords(const BoundSheet& b)
    {
        if (b.Table < 0 || b.SpecOfColumn.empty())
            return;
        const SheetTable& t = Wb.Sheets[(size_t)b.Table];
        SheetMap::Array a;
        a.Name = b.Spec->Name;
        a.Sheet = b.Table;
        if (t.RowCount() <= 1 && !b.Spec->Required)
            return; // a sheet with its header only: the field is absent (as an export writes every sheet)
        Json += "\"" + b.Spec->Name + "\": [\n";
        for (size_t row = 1; row < t.RowCount(); row++)
        {
            if (row > 1)
                Json += ",\n";
            WriteRecord(b, t, row);
            a.Rows.push_back((uint32_t)row);
        }
        Json += "\n],\n";
        Result->Map.Arrays.push_back(std::move(a));
    }

    void WriteObservations(const BoundSheet& b)
    {
        if (b.Table < 0 || b.SpecOfColumn.empty())
            return;
        const SheetTable& t = Wb.Sheets[(size_t)b.Table];
        const SheetSpec& spec = *b.Spec;
        SheetMap::Array a;
        a.Name = spec.Name;
        a.Sheet = b.Table;
        std::vector<const SheetColumn*> columns;
        Json += "\"" + spec.Name + "\": {\"columns\": [";
        const size_t rows = t.RowCount();
        // A column with no value (an export writes every column) is left out: nothing to read. One
        // walk over the rows finds them all, and stops once every optional column has a value.
        std::vector<uint8_t> has_value(t.Width, 0);
        if (t.ColumnHasText.size() == t.Width)
            has_value = t.ColumnHasText; // the reader saw which columns hold text (spaces count: then nulls are written, no harm)
        else
        {
            std::vector<std::string_view> row_cells(t.Width);
            size_t unknown = 0;
            for (size_t col = 0; col < t.Width; col++)
                unknown += b.SpecOfColumn[col] >= 0 && !spec.Columns[(size_t)b.SpecOfColumn[col]].Required;
            for (size_t row = 1; row < rows && unknown > 0; row++)
            {
                t.RowCells(row, row_cells.data());
                for (size_t col = 0; col < t.Width; col++)
                    if (!has_value[col] && !Trim(row_cells[col]).empty())
                    {
                        has_value[col] = 1;
                        unknown -= b.SpecOfColumn[col] >= 0 && !spec.Columns[(size_t)b.SpecOfColumn[col]].Required;
                    }
            }
        }
        for (size_t col = 0; col < t.Width; col++)
            if (b.SpecOfColumn[col] >= 0)
            {
                if (!spec.Columns[(size_t)b.SpecOfColumn[col]].Required && !has_value[col])
                    continue;
                const SheetColumn& c = spec.Columns[(size_t)b.SpecOfColumn[col]];
                Json += a.Columns.empty() ? "\"" : ", \"";
                Json += c.Name;
                Json += '"';
                a.Columns.push_back((int)col);
                columns.push_back(&c);
            }
        Json += "], \"rows\": [\n";
        a.Rows.reserve(rows);
        bool first = true;
        const bool typed = !t.Types.empty(); // a workbook's cells: numbers and dates need Cell()
        std::string scratch;
        {
            // Each row is written through a pointer into a buffer that stays in the cache (its room
            // counted first), and the document takes the buffer 64 KiB at a time: std::string's
            // appends a byte or a cell at a time were a third of the import's own time.
            std::string buffer(1 << 16, '\0');
            size_t used = 0;
            std::vector<std::string_view> row_cells(t.Width);
            std::vector<uint32_t> column_of(columns.size());
            std::vector<CellRule> rules(columns.size());
            for (size_t i = 0; i < columns.size(); i++)
                column_of[i] = (uint32_t)a.Columns[i], rules[i] = columns[i]->Rule;
            a.Rows.resize(rows);
            size_t kept = 0;
            for (size_t row = 1; row < rows; row++)
            {
                // Room for the whole row once: every cell's JSON fits 6 bytes a byte (all escaped) and a few more.
                t.RowCells(row, row_cells.data());
                size_t room = 4 + columns.size() * 8;
                for (size_t i = 0; i < columns.size(); i++)
                    room += row_cells[column_of[i]].size() * 6;
                // Rows gather in a buffer that stays in the cache; the document takes it 64 KiB at a time.
                if (used + room > buffer.size())
                {
                    Json.append(buffer.data(), used);
                    used = 0;
                    if (buffer.size() < room)
                        buffer.resize(std::max(room, (size_t)1 << 16));
                }
                char* const start = &buffer[used];
                char* p = start;
                if (!first)
                    *p++ = ',', *p++ = '\n';
                *p++ = '[';
                bool ok = true;
                for (size_t i = 0; i < columns.size() && ok; i++)
                {
                    if (i)
                        *p++ = ',';
                    const CellRule rule = rules[i];
                    const std::string_view cell = rule == CellRule::Text ? row_cells[column_of[i]] : Trim(row_cells[column_of[i]]);
                    char* end;
                    if (cell.empty())
                    {
                        if (rule == CellRule::Text && columns[i]->Required)
                            *p++ = '"', *p++ = '"';
                        else
                            memcpy(p, "null", 4), p += 4;
                    }
                    else if (!typed && (end = FastCell(rule, cell, p)) != nullptr)
                        p = end;
                    else
                    {
                        // Cell() writes no more than the room counted for the cell.
                        scratch.clear();
                        ok = Cell(b.Table, row, column_of[i], *columns[i], &scratch);
                        memcpy(p, scratch.data(), scratch.size());
                        p += scratch.size();
                    }
                }
                if (!ok)
                    continue; // a row with a refused cell is left out: the loader would only repeat the problem
                *p++ = ']';
                used += (size_t)(p - start);
                first = false;
                a.Rows[kept++] = (uint32_t)row;
            }
            Json.append(buffer.data(), used);
            a.Rows.resize(kept);
        }
        Json += "\n]},\n";
        Result->Map.Arrays.push_back(std::move(a));
    }

    //-------------------------------------------------------------------------
    // The loader, and its problems at their cells
    //-------------------------------------------------------------------------

    void Load(Dataset* out)
    {
        Dataset ds;
        LoadResult r = LoadDataset(Json, &ds, Options.Load);
        Result->Loaded = true;
        std::sort(BadCells.begin(), BadCells.end());
        size_t listed_errors = 0, listed_warnings = 0;
        for (const ls::Problem& p : r.Problems)
        {
            if (p.Kind == ProblemKind_Summary)
                continue;
            (p.Severity == ProblemSeverity_Error ? listed_errors : listed_warnings)++;
            SheetProblem place;
            bool located = Result->Map.Locate(Wb, p.Pointer, &place);
            // "missing required field "x"" is about the record's row; its cell is the column of x.
            static const char kMissing[] = "missing required field \"";
            if (located && place.Column <= 1 && p.Message.compare(0, sizeof(kMissing) - 1, kMissing) == 0)
            {
                std::string field = p.Message.substr(sizeof(kMissing) - 1);
                field = field.substr(0, field.find('"'));
                SheetProblem cell;
                std::string pointer = p.Pointer + "/" + EscapeJsonPointerToken(field);
                if (Result->Map.Locate(Wb, pointer, &cell) && cell.Column > 0)
                    place = cell;
            }
            if (located && IsBadCell(place))
                continue;
            if (!located)
                place.Message = (p.Pointer.empty() ? std::string() : p.Pointer + ": ");
            place.Message += RewriteReferences(p.Message, place);
            place.Severity = p.Severity;
            AddProblem(std::move(place));
        }
        // Problems the loader counted but did not list.
        Errors += r.ErrorCount > listed_errors ? r.ErrorCount - listed_errors : 0;
        Warnings += r.WarningCount > listed_warnings ? r.WarningCount - listed_warnings : 0;
        if (r.Ok && Errors == 0 && out)
            *out = std::move(ds);
        Result->Ok = r.Ok && Errors == 0;
    }

    // The loader names other records by pointer and line ("already given at /observations/rows/0
    // (line 25)"): lines of a JSON text the researcher never saw. They become rows.
    std::string RewriteReferences(const std::string& message, const SheetProblem& here) const
    {
        std::string out;
        size_t i = 0;
        while (i < message.size())
        {
            size_t slash = message.find('/', i);
            if (slash == std::string::npos || (slash > 0 && message[slash - 1] != ' '))
            {
                size_t next = slash == std::string::npos ? message.size() : slash + 1;
                out.append(message, i, next - i);
                i = next;
                continue;
            }
            size_t end = message.find_first_of(" ),", slash);
            if (end == std::string::npos)
                end = message.size();
            std::string pointer = message.substr(slash, end - slash);
            SheetProblem there;
            bool named = false;
            for (const SheetMap::Array& a : Result->Map.Arrays)
                named = named || pointer.compare(1, a.Name.size() + 1, a.Name + "/") == 0;
            out.append(message, i, slash - i);
            if (!named || !Result->Map.Locate(Wb, pointer, &there) || there.Row == 0)
            {
                out += pointer;
                i = end;
                continue;
            }
            if (there.File == here.File && there.Sheet == here.Sheet)
                out += "row " + std::to_string(there.Row);
            else if (there.InWorkbook)
                out += there.Sheet + "!" + ColumnLetters(there.Column ? there.Column : 1) + std::to_string(there.Row);
            else
                out += there.File + ":" + std::to_string(there.Row);
            i = end;
            static const char kLine[] = " (line ";
            if (message.compare(i, sizeof(kLine) - 1, kLine) == 0)
            {
                size_t close = message.find(')', i);
                if (close != std::string::npos)
                    i = close + 1;
            }
        }
        return out;
    }

    bool IsBadCell(const SheetProblem& place) const
    {
        if (BadCells.empty() || place.Row == 0 || place.Column == 0)
            return false;
        for (size_t i = 0; i < Wb.Sheets.size(); i++)
        {
            const SheetTable& t = Wb.Sheets[i];
            if (t.Name != place.Sheet || t.File != place.File)
                continue;
            auto it = std::lower_bound(t.RowNumbers.begin(), t.RowNumbers.end(), place.Row);
            if (it == t.RowNumbers.end() || *it != place.Row)
                return false;
            uint64_t key = CellKey((int)i, (size_t)(it - t.RowNumbers.begin()), place.Column - 1);
            return std::binary_search(BadCells.begin(), BadCells.end(), key);
        }
        return false;
    }

    int SheetOrder(const SheetProblem& p) const
    {
        for (size_t i = 0; i < Wb.Sheets.size(); i++)
            if (Wb.Sheets[i].Name == p.Sheet && Wb.Sheets[i].File == p.File)
                return (int)i;
        return -1;
    }

    void Finish()
    {
        std::stable_sort(Stored.begin(), Stored.end(),
                         [&](const SheetProblem& a, const SheetProblem& b)
                         {
                             if (a.Severity != b.Severity)
                                 return a.Severity == ProblemSeverity_Error;
                             int sa = SheetOrder(a), sb = SheetOrder(b);
                             if (sa != sb)
                                 return sa < sb;
                             if (a.Row != b.Row)
                                 return a.Row < b.Row;
                             return a.Column < b.Column;
                         });
        Result->ErrorCount = Errors;
        Result->WarningCount = Warnings;
        const size_t total = Errors + Warnings;
        if (Stored.size() > Options.MaxProblems)
            Stored.resize(Options.MaxProblems);
        if (total > Stored.size())
        {
            size_t shown_errors = 0;
            for (const SheetProblem& p : Stored)
                shown_errors += p.Severity == ProblemSeverity_Error;
            SheetProblem summary;
            summary.File = Wb.Path;
            summary.Message = std::to_string(total - Stored.size()) + " more problems not shown (" + std::to_string(Errors - shown_errors) +
                              " errors, " + std::to_string(Warnings - (Stored.size() - shown_errors)) + " warnings)";
            Stored.push_back(std::move(summary));
        }
        Result->Problems = std::move(Stored);
        if (Errors > 0)
            Result->Ok = false;
        Result->Json = std::move(Json);
    }

    const Workbook& Wb;
    const ImportOptions& Options;
    ImportResult* Result;
    std::vector<BoundSheet> Bound;
    std::vector<SheetProblem> Stored;
    std::vector<uint64_t> BadCells;
    std::vector<bool> Done;
    std::string Json;
    size_t Errors = 0, Warnings = 0;
    bool Broken = false; // the sheets' shape is wrong: the loader would only repeat it
    bool WroteFormat = false;
};

std::vector<std::string> SplitPointer(std::string_view pointer)
{
    std::vector<std::string> tokens;
    if (pointer.empty())
        return tokens;
    size_t i = 1;
    for (;;)
    {
        size_t slash = pointer.find('/', i);
        std::string_view raw = pointer.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
        std::string token;
        for (size_t k = 0; k < raw.size(); k++)
            if (raw[k] == '~' && k + 1 < raw.size())
                token += raw[++k] == '1' ? '/' : '~';
            else
                token += raw[k];
        tokens.push_back(std::move(token));
        if (slash == std::string_view::npos)
            break;
        i = slash + 1;
    }
    return tokens;
}

bool ParseIndex(const std::string& s, size_t* out)
{
    if (s.empty() || s.size() > 10)
        return false;
    size_t v = 0;
    for (char c : s)
    {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (size_t)(c - '0');
    }
    *out = v;
    return true;
}

} // namespace

bool SheetMap::LocateRecord(const Workbook& wb, std::string_view array, size_t index, std::string_view field, SheetProblem* place) const
{
    std::string pointer;
    if (!array.empty())
        pointer = "/" + EscapeJsonPointerToken(array) + "/" + std::to_string(index);
    if (!field.empty())
        pointer += "/" + EscapeJsonPointerToken(field);
    return Locate(wb, pointer, place);
}

bool SheetMap::Locate(const Workbook& wb, std::string_view pointer, SheetProblem* place) const
{
    *place = SheetProblem();
    place->File = wb.Path;
    std::vector<std::string> t = SplitPointer(pointer);
    auto at_sheet = [&](int sheet, size_t row, int column, std::string field)
    {
        const SheetTable& s = wb.Sheets[(size_t)sheet];
        *place = ProblemAt(s, row, column, field, std::string());
        if (row == (size_t)-1)
            place->Row = 0;
        return true;
    };
    auto about = [&]() -> const SheetTable* { return AboutSheet >= 0 ? &wb.Sheets[(size_t)AboutSheet] : nullptr; };
    if (t.empty())
        return about() ? at_sheet(AboutSheet, (size_t)-1, -1, "") : false;
    const Array* a = nullptr;
    for (const Array& candidate : Arrays)
        if (candidate.Name == t[0])
            a = &candidate;
    if (!a)
    {
        // A field of the file itself: its row in "about".
        if (!about())
            return false;
        std::string key = t[0];
        size_t item;
        if (t.size() >= 2 && ParseIndex(t[1], &item))
            key += "#" + t[1];
        for (const auto& row : AboutRows)
            if (row.first == key)
                return at_sheet(AboutSheet, row.second, about()->FindColumn("value"), t[0]);
        return at_sheet(AboutSheet, (size_t)-1, -1, t[0]);
    }
    const SheetTable& s = wb.Sheets[(size_t)a->Sheet];
    size_t index;
    if (t.size() == 1)
        return at_sheet(a->Sheet, (size_t)-1, -1, "");
    if (t[1] == "columns" && !a->Columns.empty())
    {
        if (t.size() >= 3 && ParseIndex(t[2], &index) && index < a->Columns.size())
            return at_sheet(a->Sheet, 0, a->Columns[index], std::string(s.Header((size_t)a->Columns[index])));
        return at_sheet(a->Sheet, 0, -1, "");
    }
    if (t[1] == "rows" && !a->Columns.empty())
    {
        if (t.size() < 3 || !ParseIndex(t[2], &index) || index >= a->Rows.size())
            return at_sheet(a->Sheet, (size_t)-1, -1, "");
        size_t cell;
        if (t.size() >= 4 && ParseIndex(t[3], &cell) && cell < a->Columns.size())
            return at_sheet(a->Sheet, a->Rows[index], a->Columns[cell], std::string(s.Header((size_t)a->Columns[cell])));
        return at_sheet(a->Sheet, a->Rows[index], -1, "");
    }
    if (!ParseIndex(t[1], &index) || index >= a->Rows.size())
        return at_sheet(a->Sheet, (size_t)-1, -1, "");
    if (t.size() == 2)
        return at_sheet(a->Sheet, a->Rows[index], -1, "");
    // A member of an object field has its own column ("as_of_limit.year"); a list item is its list's cell.
    int column = -1;
    std::string name = t[2];
    if (t.size() >= 4)
    {
        column = s.FindColumn(t[2] + "." + t[3]);
        if (column >= 0)
            name = t[2] + "." + t[3];
    }
    if (column < 0)
        column = s.FindColumn(t[2]);
    return at_sheet(a->Sheet, a->Rows[index], column, column >= 0 ? name : std::string());
}

ImportResult ImportWorkbook(const Workbook& wb, Dataset* out, const ImportOptions& options)
{
    ImportResult result;
    Importer importer(wb, options, &result);
    importer.Run(out);
    return result;
}

} // namespace ls
