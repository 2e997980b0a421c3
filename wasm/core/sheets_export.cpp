// A landscape/1 document -> sheets, streamed through JsonReader (no DOM: a million observations
// become a million rows without a million JSON objects in memory). Every value keeps the text it
// had: a number is written as the file wrote it, so an import of the export reads the same double.
#include "core/json_locate.h"
#include "core/json_reader.h"
#include "core/sheets_model.h"

#include <algorithm>

namespace ls
{

namespace
{

class ExportSink
{
public:
    ExportSink(std::string_view text, Workbook* wb, bool with_observations) : Text(text), Wb(wb), WithObservations(with_observations)
    {
        for (const SheetSpec& spec : SheetLayout())
        {
            SheetTable t;
            t.Name = spec.Name;
            std::vector<SheetTable::Span> header;
            for (std::string_view name : KnownColumnNames(spec))
                header.push_back(t.Own(name));
            t.AddRow(1, header.data(), nullptr, header.size());
            Wb->Sheets.push_back(std::move(t));
            Specs.push_back(&spec);
        }
    }

    bool OnNull(size_t) { return Scalar(std::string_view(), true); }
    bool OnBool(bool b, size_t) { return Scalar(b ? "true" : "false", false); }
    bool OnNumber(double, size_t end) { return Scalar(NumberText(end), false); }
    bool OnString(std::string_view s, size_t) { return Scalar(s, false); }
    bool OnKey(std::string_view k, size_t)
    {
        Stack.back().Key.assign(k);
        return true;
    }
    bool OnBeginObject(size_t end) { return Begin(true, end - 1); }
    bool OnBeginArray(size_t end) { return Begin(false, end - 1); }
    bool OnEndObject(size_t end) { return End(end); }
    bool OnEndArray(size_t end) { return End(end); }
    void OnSyntaxError(const JsonError&) { Failed = true; }

    // Reading again after a stop at the observations: the rest of the document, as its own object.
    void Resume(std::string_view rest)
    {
        Text = rest;
        Stack.clear();
        SkipFrom = std::string_view::npos;
    }

    bool Failed = false;
    size_t SkipFrom = std::string_view::npos; // where the observations start, when the reading stopped to skip them
    bool Done = false;                        // every sheet of `Only` is read
    const std::vector<std::string>* Only = nullptr;

private:
    enum class Ctx : uint8_t
    {
        Top,        // the document's object
        Sheet,      // an array of records
        Record,     // one record (or observation object)
        List,       // a list inside a record: items joined with ';'
        Members,    // an object field inside a record: one column per member
        AboutList,  // a list of texts of the file: one about row per item
        Compact,    // the compact observations: { columns, rows }
        Columns,    // its column names
        Rows,       // its rows
        Row,        // one row
        Capture,    // a value kept as JSON text
        Skip,       // a value not exported
    };
    struct Frame
    {
        Ctx Kind;
        std::string Key; // the member being read (objects)
        int Sheet = -1;  // Sheet, Record, Rows, Row, Compact: the sheet
        int Column = -1; // List, Members, Capture: the cell the value goes to
        size_t Start = 0;
        int Depth = 0;   // Capture, Skip: containers open inside
    };

    int SheetIndex(std::string_view name) const
    {
        for (size_t i = 0; i < Specs.size(); i++)
            if (Specs[i]->Name == name)
                return (int)i;
        return -1;
    }
    SheetTable& Table(int sheet) { return Wb->Sheets[(size_t)sheet]; }

    int ColumnOf(int sheet, std::string_view name)
    {
        int c = Table(sheet).FindColumn(name);
        if (c < 0)
            Unknown(sheet, name);
        return c;
    }

    void Unknown(int sheet, std::string_view name)
    {
        std::string note = Specs[(size_t)sheet]->Name + ": field \"" + std::string(name) + "\" is not part of the layout; it is not exported";
        if (std::find(Wb->Notes.begin(), Wb->Notes.end(), note) == Wb->Notes.end())
            Wb->Notes.push_back(std::move(note));
    }

    // The number token that ended at `end` (one past the byte that ended it, when one did).
    std::string_view NumberText(size_t end) const
    {
        auto numeric = [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'; };
        size_t e = std::min(end, Text.size());
        if (e > 0 && !numeric(Text[e - 1]))
            e--;
        size_t b = e;
        while (b > 0 && numeric(Text[b - 1]))
            b--;
        return Text.substr(b, e - b);
    }

    void SetCell(int sheet, int column, std::string_view text)
    {
        if (column < 0)
            return;
        SheetTable& t = Table(sheet);
        std::vector<SheetTable::Span>& row = RowOf(sheet);
        row[(size_t)column] = t.Own(text);
    }
    std::vector<SheetTable::Span>& RowOf(int sheet)
    {
        if (Rows.size() < Specs.size())
            Rows.resize(Specs.size());
        return Rows[(size_t)sheet];
    }
    void StartRow(int sheet) { RowOf(sheet).assign(Table(sheet).Width, SheetTable::Span()); }
    void CommitRow(int sheet)
    {
        SheetTable& t = Table(sheet);
        std::vector<SheetTable::Span>& row = RowOf(sheet);
        t.AddRow((uint32_t)t.RowCount() + 1, row.data(), nullptr, row.size());
    }

    void AboutRow(std::string_view field, std::string_view value)
    {
        const int about = SheetIndex("about");
        StartRow(about);
        SetCell(about, 0, field);
        SetCell(about, 1, value);
        CommitRow(about);
    }

    // The about row name of a top-level field: a list of texts is named as one item ("caveat").
    const SheetColumn* AboutColumn(std::string_view field) const
    {
        for (const SheetColumn& c : Specs[0]->Columns)
            if (c.Field == field)
                return &c;
        return nullptr;
    }

    bool Scalar(std::string_view s, bool null)
    {
        Frame& f = Stack.back();
        switch (f.Kind)
        {
        case Ctx::Top:
            if (!null)
            {
                if (f.Key != "$schema" && !AboutColumn(f.Key))
                    Unknown(0, f.Key);
                else
                    AboutRow(f.Key, s);
            }
            break;
        case Ctx::Record:
            if (!null)
                SetCell(f.Sheet, ColumnOf(f.Sheet, f.Key), s);
            break;
        case Ctx::List:
            if (!null)
            {
                if (!ListText.empty())
                    ListText += ';';
                ListText.append(s.data(), s.size());
            }
            break;
        case Ctx::Members:
            if (!null)
                SetCell(f.Sheet, ColumnOf(f.Sheet, MemberName(f)), s);
            break;
        case Ctx::AboutList:
            if (!null)
                AboutRow(AboutColumn(Stack[Stack.size() - 2].Key)->Name, s);
            break;
        case Ctx::Columns: CompactColumns.push_back(null ? -1 : ColumnOf(Stack[Stack.size() - 2].Sheet, s)); break;
        case Ctx::Row:
            if (f.Column < (int)CompactColumns.size())
            {
                if (!null)
                    SetCell(f.Sheet, CompactColumns[(size_t)f.Column], s);
            }
            else if (!ColumnsKnown)
                Pending.back().emplace_back(null ? std::string() : std::string(s), !null);
            f.Column++;
            break;
        default: break;
        }
        return true;
    }

    std::string MemberName(const Frame& f) const { return Stack[Stack.size() - 2].Key + "." + f.Key; }

    bool Begin(bool object, size_t start)
    {
        Frame& f = Stack.empty() ? Root : Stack.back();
        Frame next;
        next.Start = start;
        if (Stack.empty())
        {
            next.Kind = object ? Ctx::Top : Ctx::Skip;
            Stack.push_back(std::move(next));
            return true;
        }
        switch (f.Kind)
        {
        case Ctx::Top:
        {
            int sheet = SheetIndex(f.Key);
            const SheetColumn* about = AboutColumn(f.Key);
            next.Sheet = sheet;
            if (sheet > 0 && Specs[(size_t)sheet]->Shape == SheetShape::Observations && !WithObservations)
            {
                SkipFrom = start; // skipped by its brackets (SkipJsonValue), far faster than reading it
                return false;
            }
            else if (sheet > 0 && !object)
                next.Kind = Ctx::Sheet;
            else if (sheet > 0 && Specs[(size_t)sheet]->Shape == SheetShape::Observations)
                next.Kind = Ctx::Compact, CompactColumns.clear(), ColumnsKnown = false, Pending.clear();
            else if (about && about->Rule == CellRule::Rows && !object)
                next.Kind = Ctx::AboutList;
            else if (about || f.Key == "$schema")
                next.Kind = Ctx::Capture;
            else
                next.Kind = Ctx::Skip, Unknown(0, f.Key);
            break;
        }
        case Ctx::Sheet:
            next.Sheet = f.Sheet;
            next.Kind = object ? Ctx::Record : Ctx::Skip;
            if (object)
                StartRow(f.Sheet);
            break;
        case Ctx::Record:
            next.Sheet = f.Sheet;
            if (!object)
            {
                next.Kind = Ctx::List;
                next.Column = ColumnOf(f.Sheet, f.Key);
                ListText.clear();
            }
            else if (Table(f.Sheet).FindColumn(f.Key) < 0 && HasMembers(f.Sheet, f.Key))
                next.Kind = Ctx::Members;
            else
                next.Kind = Ctx::Capture, next.Column = ColumnOf(f.Sheet, f.Key);
            break;
        case Ctx::Members:
            next.Sheet = f.Sheet;
            next.Kind = Ctx::Capture;
            next.Column = ColumnOf(f.Sheet, MemberName(f));
            break;
        case Ctx::Compact:
            next.Sheet = f.Sheet;
            next.Kind = object ? Ctx::Skip : f.Key == "columns" ? Ctx::Columns : f.Key == "rows" ? Ctx::Rows : Ctx::Skip;
            break;
        case Ctx::Rows:
            next.Sheet = f.Sheet;
            next.Kind = object ? Ctx::Skip : Ctx::Row;
            next.Column = 0;
            if (!object)
            {
                StartRow(f.Sheet);
                if (!ColumnsKnown)
                    Pending.emplace_back();
            }
            break;
        case Ctx::Capture:
        case Ctx::Skip:
            f.Depth++;
            return true;
        default: next.Kind = Ctx::Skip; break;
        }
        Stack.push_back(std::move(next));
        return true;
    }

    bool IsOnlyDone(int sheet)
    {
        OnlyDone.push_back(Specs[(size_t)sheet]->Name);
        for (const std::string& name : *Only)
            if (std::find(OnlyDone.begin(), OnlyDone.end(), name) == OnlyDone.end())
                return false;
        return true;
    }

    bool HasMembers(int sheet, std::string_view field)
    {
        for (const SheetColumn& c : Specs[(size_t)sheet]->Columns)
            if (c.Field == field && !c.Member.empty())
                return true;
        return false;
    }

    bool End(size_t end)
    {
        Frame& f = Stack.back();
        if ((f.Kind == Ctx::Capture || f.Kind == Ctx::Skip) && f.Depth > 0)
        {
            f.Depth--;
            return true;
        }
        Frame done = std::move(f);
        Stack.pop_back();
        switch (done.Kind)
        {
        case Ctx::Sheet:
            if (Only && IsOnlyDone(done.Sheet))
            {
                Done = true;
                return false; // the sheets asked for are read
            }
            break;
        case Ctx::Record: CommitRow(done.Sheet); break;
        case Ctx::List: SetCell(done.Sheet, done.Column, ListText); break;
        case Ctx::Row:
            if (ColumnsKnown || !CompactColumns.empty())
                CommitRow(done.Sheet);
            break;
        case Ctx::Columns:
            ColumnsKnown = true;
            FlushPending(done.Sheet);
            break;
        case Ctx::Capture:
        {
            std::string_view json = Text.substr(done.Start, std::min(end, Text.size()) - done.Start);
            if (Stack.size() == 1)
                AboutRow(Stack.back().Key, json);
            else
                SetCell(done.Sheet, done.Column, json);
            break;
        }
        default: break;
        }
        return true;
    }

    // Rows that came before "columns" in the text.
    void FlushPending(int sheet)
    {
        for (const auto& row : Pending)
        {
            StartRow(sheet);
            for (size_t i = 0; i < row.size() && i < CompactColumns.size(); i++)
                if (row[i].second)
                    SetCell(sheet, CompactColumns[i], row[i].first);
            CommitRow(sheet);
        }
        Pending.clear();
    }

    std::string_view Text;
    Workbook* Wb;
    bool WithObservations;
    std::vector<const SheetSpec*> Specs; // parallel to Wb->Sheets
    std::vector<Frame> Stack;
    Frame Root;
    std::vector<std::vector<SheetTable::Span>> Rows; // the row being built, per sheet
    std::string ListText;
    std::vector<int> CompactColumns; // table column of each compact column (-1: not exported)
    bool ColumnsKnown = false;
    std::vector<std::vector<std::pair<std::string, bool>>> Pending;
    std::vector<std::string> OnlyDone;
};

} // namespace

bool ExportDocument(std::string_view json, Workbook* wb, bool with_observations, const std::vector<std::string>* only)
{
    ExportSink sink(json, wb, with_observations);
    sink.Only = only && !only->empty() ? only : nullptr;
    JsonReader<ExportSink> reader(json, &sink);
    if (reader.Read(0, json.size()))
        return !sink.Failed;
    if (sink.Failed || sink.Done)
        return !sink.Failed;
    if (sink.SkipFrom == std::string_view::npos)
        return false;
    // Stopped at the observations: skip them by their brackets, then read what follows as an object of its own.
    size_t after = SkipJsonValue(json, sink.SkipFrom);
    while (after < json.size() && (json[after] == ' ' || json[after] == '\n' || json[after] == '\r' || json[after] == '\t'))
        after++;
    if (after >= json.size() || json[after] != ',')
        return true; // the observations were the last member
    const std::string rest = "{" + std::string(json.substr(after + 1));
    sink.Resume(rest);
    JsonReader<ExportSink> again(rest, &sink);
    return (again.Read(0, rest.size()) || sink.Done) && !sink.Failed;
}

} // namespace ls
