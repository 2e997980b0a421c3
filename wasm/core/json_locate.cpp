#include "core/json_locate.h"

#include "core/json_reader.h"
#include "core/loader.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace ls
{

namespace
{

constexpr size_t kNowhere = (size_t)-1;

class LocateSink
{
public:
    LocateSink(std::string_view text, const std::vector<RecordPlace>& places) : Text(text), Places(places)
    {
        Offsets.assign(places.size(), kNowhere);
        FieldFound.assign(places.size(), false);
        for (size_t i = 0; i < places.size(); i++)
        {
            if (places[i].Array.empty())
                TopFields[places[i].Field].push_back(i);
            else
                ByRecord[places[i].Array].push_back(i);
        }
        // Each array's wanted records in order: items are met in order, so a cursor finds them.
        for (auto& kv : ByRecord)
            std::stable_sort(kv.second.begin(), kv.second.end(), [&](size_t a, size_t b) { return Places[a].Index < Places[b].Index; });
    }

    bool OnNull(size_t end) { return Scalar(end, nullptr); }
    bool OnBool(bool, size_t end) { return Scalar(end, nullptr); }
    bool OnNumber(double, size_t end) { return Scalar(end, nullptr); }
    bool OnString(std::string_view s, size_t end) { return Scalar(end, &s); }
    bool OnKey(std::string_view k, size_t end)
    {
        const size_t start = Start(end);
        Frame& f = Stack.back();
        f.Key.assign(k);
        if (f.Kind == Role::Top)
        {
            auto it = TopFields.find(f.Key);
            if (it != TopFields.end())
                for (size_t p : it->second)
                    Offsets[p] = start;
        }
        else if (f.Kind == Role::Record && f.Wanted)
            for (size_t i = f.WantedBegin; i < f.WantedEnd; i++)
            {
                const size_t p = (*f.Wanted)[i];
                if (Places[p].Field == f.Key)
                    Offsets[p] = start, FieldFound[p] = true;
            }
        return true;
    }
    bool OnBeginObject(size_t end) { return Begin(end, true); }
    bool OnBeginArray(size_t end) { return Begin(end, false); }
    bool OnEndObject(size_t end) { return Close(end); }
    bool OnEndArray(size_t end) { return Close(end); }
    void OnSyntaxError(const JsonError&) {}

    std::vector<LocatedPlace> Finish() const
    {
        std::vector<LocatedPlace> out(Places.size());
        std::vector<size_t> offsets = Offsets;
        for (size_t i = 0; i < Places.size(); i++)
        {
            const RecordPlace& p = Places[i];
            LocatedPlace& l = out[i];
            if (p.Array.empty())
                l.Pointer = p.Field.empty() ? std::string() : "/" + EscapeJsonPointerToken(p.Field);
            else if (p.Array == "observations" && Compact)
            {
                l.Pointer = "/observations/rows/" + std::to_string(p.Index);
                auto column = std::find(Columns.begin(), Columns.end(), p.Field);
                if (!p.Field.empty() && column != Columns.end())
                {
                    size_t c = (size_t)(column - Columns.begin());
                    l.Pointer += "/" + std::to_string(c);
                    auto cells = RowCells.find(p.Index);
                    if (cells != RowCells.end() && c < cells->second.size())
                        offsets[i] = cells->second[c];
                }
            }
            else
            {
                l.Pointer = "/" + EscapeJsonPointerToken(p.Array) + "/" + std::to_string(p.Index);
                if (FieldFound[i])
                    l.Pointer += "/" + EscapeJsonPointerToken(p.Field);
            }
        }
        LineColumns(offsets, &out);
        return out;
    }

private:
    enum class Role : uint8_t
    {
        Top,         // the document
        RecordArray, // an array of the document: records by index
        Record,      // one record
        Compact,     // the observations' compact table
        Columns,     // its column names
        Rows,        // its rows
        Row,         // one row
        Other,
    };
    struct Frame
    {
        Role Kind = Role::Other;
        std::string Key;
        size_t Index = 0; // arrays: the next item's index
        const std::vector<size_t>* Records = nullptr; // RecordArray, Rows: the places in the array, by record index
        size_t Cursor = 0;                            // RecordArray, Rows: the first place not yet passed
        const std::vector<size_t>* Wanted = nullptr;  // Record, Row: the places of this record are Wanted[WantedBegin, WantedEnd)
        size_t WantedBegin = 0, WantedEnd = 0;
        size_t Row = 0; // Row: its index
    };

    // Every token starts at the first byte after the previous one that is not white space or a separator.
    size_t Start(size_t end)
    {
        size_t p = LastEnd;
        while (p < Text.size() && (Text[p] == ' ' || Text[p] == '\n' || Text[p] == '\r' || Text[p] == '\t' || Text[p] == ',' || Text[p] == ':'))
            p++;
        LastEnd = std::max(LastEnd, end);
        return p;
    }

    // A value begins inside the top frame: an item of an array gets its index here.
    void Item(size_t start, Frame* child)
    {
        if (Stack.empty())
            return;
        Frame& parent = Stack.back();
        const size_t index = parent.Index++;
        if ((parent.Kind == Role::RecordArray || parent.Kind == Role::Rows) && parent.Records)
        {
            const std::vector<size_t>& wanted = *parent.Records;
            while (parent.Cursor < wanted.size() && Places[wanted[parent.Cursor]].Index < index)
                parent.Cursor++;
            if (parent.Cursor < wanted.size() && Places[wanted[parent.Cursor]].Index == index)
            {
                size_t last = parent.Cursor;
                while (last < wanted.size() && Places[wanted[last]].Index == index)
                {
                    if (!FieldFound[wanted[last]])
                        Offsets[wanted[last]] = start; // the record itself, until its field's name is seen
                    last++;
                }
                if (child)
                {
                    child->Wanted = &wanted;
                    child->WantedBegin = parent.Cursor;
                    child->WantedEnd = last;
                }
            }
        }
        if (child)
            child->Row = index;
        if (parent.Kind == Role::Row && parent.Wanted)
            RowCells[parent.Row].push_back(start);
    }

    bool Scalar(size_t end, const std::string_view* s)
    {
        const size_t start = Start(end);
        Item(start, nullptr);
        if (!Stack.empty() && Stack.back().Kind == Role::Columns && s)
            Columns.emplace_back(*s);
        return true;
    }

    bool Begin(size_t end, bool object)
    {
        const size_t start = Start(end);
        Frame f;
        if (Stack.empty())
            f.Kind = object ? Role::Top : Role::Other;
        else
        {
            const Frame& parent = Stack.back();
            switch (parent.Kind)
            {
            case Role::Top:
                if (!object)
                {
                    f.Kind = Role::RecordArray;
                    auto it = ByRecord.find(parent.Key);
                    f.Records = it == ByRecord.end() ? nullptr : &it->second;
                }
                else if (parent.Key == "observations")
                    f.Kind = Role::Compact, Compact = true;
                break;
            case Role::RecordArray:
                f.Kind = object ? Role::Record : Role::Other;
                break;
            case Role::Compact:
                if (!object && parent.Key == "columns")
                    f.Kind = Role::Columns, Columns.clear();
                else if (!object && parent.Key == "rows")
                {
                    f.Kind = Role::Rows;
                    auto it = ByRecord.find("observations");
                    f.Records = it == ByRecord.end() ? nullptr : &it->second;
                }
                break;
            case Role::Rows: f.Kind = object ? Role::Other : Role::Row; break;
            default: break;
            }
        }
        Item(start, &f);
        Stack.push_back(std::move(f));
        return true;
    }

    bool Close(size_t end)
    {
        LastEnd = std::max(LastEnd, end);
        Stack.pop_back();
        return true;
    }

    // Offsets -> 1-based lines and code-point columns, in one pass over the text.
    void LineColumns(const std::vector<size_t>& offsets, std::vector<LocatedPlace>* out) const
    {
        std::vector<size_t> order;
        for (size_t i = 0; i < offsets.size(); i++)
            if (offsets[i] != kNowhere)
                order.push_back(i);
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return offsets[a] < offsets[b]; });
        // A byte order mark is not a column: the first line's columns count from after it.
        const size_t bom = Text.size() >= 3 && (unsigned char)Text[0] == 0xEF && (unsigned char)Text[1] == 0xBB && (unsigned char)Text[2] == 0xBF ? 3 : 0;
        int line = 1;
        size_t pos = bom;     // lines are counted up to here
        size_t counted = bom; // columns of the current line are counted up to here
        int column = 1;       // the column at `counted`
        for (size_t i : order)
        {
            const size_t target = std::max(std::min(offsets[i], Text.size()), bom);
            for (;;)
            {
                const void* nl = pos < target ? memchr(Text.data() + pos, '\n', target - pos) : nullptr;
                if (!nl)
                    break;
                pos = (size_t)((const char*)nl - Text.data()) + 1;
                line++;
                counted = pos;
                column = 1;
            }
            for (; counted < target; counted++)
                column += ((unsigned char)Text[counted] & 0xC0) != 0x80;
            pos = std::max(pos, target);
            (*out)[i].Line = line;
            (*out)[i].Column = column;
        }
    }

    std::string_view Text;
    const std::vector<RecordPlace>& Places;
    std::unordered_map<std::string, std::vector<size_t>> ByRecord; // array -> its places, by record index
    std::unordered_map<std::string, std::vector<size_t>> TopFields;
    std::vector<size_t> Offsets;
    std::vector<bool> FieldFound;
    std::vector<Frame> Stack;
    size_t LastEnd = 0;
    bool Compact = false;
    std::vector<std::string> Columns;
    std::unordered_map<size_t, std::vector<size_t>> RowCells;
};

} // namespace

size_t SkipJsonValue(std::string_view json, size_t start)
{
    const char* const base = json.data();
    const char* const end = base + json.size();
    const char* p = base + start;
    int depth = 0;
    while (p < end)
    {
        const char c = *p;
        if (c == '"')
        {
            p++;
            for (;;)
            {
                p = json_detail::SkipPlain(p, end);
                if (p >= end)
                    return json.size();
                if (*p == '"')
                    break;
                p += *p == '\\' ? 2 : 1; // an escape, or a byte of UTF-8 the fast scan stops at
            }
            p++;
            if (depth == 0)
                return (size_t)(p - base);
            continue;
        }
        if (c == '[' || c == '{')
            depth++;
        else if (c == ']' || c == '}')
        {
            if (--depth <= 0)
                return (size_t)(p + 1 - base);
        }
        else if (depth == 0 && c != ' ' && c != '\n' && c != '\r' && c != '\t')
        {
            // A number or a literal at the top: up to what ends it.
            while (p < end && *p != ',' && *p != ']' && *p != '}' && *p != ' ' && *p != '\n' && *p != '\r' && *p != '\t')
                p++;
            return (size_t)(p - base);
        }
        p++;
    }
    return json.size();
}

std::vector<LocatedPlace> LocateInJson(std::string_view json, const std::vector<RecordPlace>& places)
{
    LocateSink sink(json, places);
    JsonReader<LocateSink> reader(json, &sink);
    reader.Read(0, json.size());
    return sink.Finish();
}

} // namespace ls
