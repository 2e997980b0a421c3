// The loader's handler: validates a landscape/1 file while JsonReader streams it, and
// fills a fresh Dataset (see loader_internal.h for how positions are found).
//
// Index
//   [SECTION] Field names (the tables are in loader_tables.cpp)
//   [SECTION] Problems, pointers and positions
//   [SECTION] Reader callbacks and the frame stack
// (what each field is: loader_tables.cpp; how each type of value is read: loader_fields.cpp)
#include "core/loader_internal.h"

#include <cmath>
#include <cstring>
#include <iterator>

namespace ls
{
namespace loader_detail
{

//-----------------------------------------------------------------------------
// [SECTION] Field names (the tables are in loader_tables.cpp)
//-----------------------------------------------------------------------------

namespace
{

// Every member of every record goes through LookupField, so field names are found by hashing
// (ShortText, loader_internal.h), not by comparing with each name in turn.
struct FieldHash
{
    static constexpr size_t kSlots = 128; // a power of two, well over twice the field count
    static_assert(kSlots >= 2 * kMaxFields, "the hash needs free slots");
    ShortText Names[kSlots];
    Field Fields[kSlots];

    FieldHash()
    {
        for (Field& f : Fields)
            f = Field_None; // empty slot
        for (int f = 0; f < kFields.Count; f++)
        {
            ShortText p;
            if (!PackShortText(kFields.Names[f], &p))
                continue; // over 16 bytes: LookupField compares it with the kind's rows
            size_t slot = p.Hash() & (kSlots - 1);
            while (Fields[slot] != Field_None)
                slot = (slot + 1) & (kSlots - 1);
            Names[slot] = p;
            Fields[slot] = (Field)f;
        }
    }
};

} // namespace

Field LookupField(ObjectKind kind, std::string_view key)
{
    ShortText p;
    if (!PackShortText(key, &p))
    {
        // A long name (a few fields have one): the kind's rows, in turn.
        for (int row = 0; row < kRecords[kind].FieldCount; row++)
            if (RowOf(kind, row).Name == key)
                return kFields.Fields[kind][row];
        return Field_Unknown;
    }
    static const FieldHash t; // not a global: a load from another file's static constructor must find it built
    for (size_t slot = p.Hash() & (FieldHash::kSlots - 1); t.Fields[slot] != Field_None; slot = (slot + 1) & (FieldHash::kSlots - 1))
        if (t.Names[slot] == p)
            return (kFields.Has[kind] & Bit(t.Fields[slot])) ? t.Fields[slot] : Field_Unknown;
    return Field_Unknown;
}

std::string FieldQuoted(Field f) { return "\"" + std::string(FieldName(f)) + "\""; }

std::string MissingFieldsMessage(uint64_t missing)
{
    std::string names;
    int count = 0;
    for (int f = 0; f < kFields.Count; f++)
        if (missing & Bit((Field)f))
        {
            if (count++)
                names += ", ";
            names += FieldQuoted((Field)f);
        }
    return (count > 1 ? "missing required fields " : "missing required field ") + names;
}

std::string SuggestFieldName(ObjectKind kind, std::string_view wrong)
{
    size_t best = 3;
    Field best_field = Field_None;
    for (int row = 0; row < kRecords[kind].FieldCount; row++)
    {
        size_t d = EditDistance(wrong, RowOf(kind, row).Name, 2);
        if (d < best)
            best = d, best_field = kFields.Fields[kind][row];
    }
    return best_field == Field_None ? std::string() : " (did you mean " + FieldQuoted(best_field) + "?)";
}

const char* ObjectNoun(ObjectKind kind) { return kRecords[kind].Noun; }

const char* JsonTypeName(JsonType t)
{
    switch (t)
    {
    case JsonType_Null: return "null";
    case JsonType_Bool: return "true/false";
    case JsonType_Number: return "a number";
    case JsonType_String: return "a string";
    case JsonType_Object: return "an object";
    default: return "an array";
    }
}

const char* TableNoun(Table t)
{
    static const char* const nouns[] = { "region", "entity", "metric", "source" };
    static_assert(std::size(nouns) == Table_COUNT, "one noun per Table");
    return nouns[t];
}

//-----------------------------------------------------------------------------
// [SECTION] Problems, pointers and positions
//-----------------------------------------------------------------------------

Handler::Handler(const LoadOptions& options, Dataset* building)
    : Options(options), Building(building)
{
    Frames.resize(66);
    FrameBase = Frames.data();
    Current[ObjectKind_Top] = building;
    Current[ObjectKind_Observation] = &building->Observations;
}

bool Handler::Wants(ProblemSeverity s) const
{
    return (s == ProblemSeverity_Error ? Errors.size() : Warnings.size()) < Options.MaxProblems;
}

void Handler::Add(ProblemSeverity s, ProblemKind k, std::string pointer, TextPos pos, std::string message)
{
    Count(s);
    std::vector<RawProblem>& list = s == ProblemSeverity_Error ? Errors : Warnings;
    if (list.size() >= Options.MaxProblems)
        return;
    RawProblem p;
    p.Pointer = std::move(pointer);
    p.Pos = pos;
    p.Message = std::move(message);
    p.Severity = s;
    p.Kind = k;
    list.push_back(std::move(p));
}

static void AppendSegment(std::string* out, const Frame& f, bool next_element)
{
    switch (f.Kind)
    {
    case Frame_Object:
        if (f.Key == Field_None)
            return;
        *out += '/';
        *out += f.Key == Field_Unknown ? EscapeJsonPointerToken(f.UnknownKey) : std::string(FieldName(f.Key));
        return;
    case Frame_RecordArray:
    case Frame_StringList:
    case Frame_Rows:
    case Frame_Row:
        *out += '/';
        *out += std::to_string(next_element ? f.Count : (f.Count == 0 ? 0 : f.Count - 1));
        return;
    default: return;
    }
}

std::string Handler::PointerToCurrent() const
{
    std::string p;
    for (int i = 1; i <= Depth; i++)
        AppendSegment(&p, Frames[i], false);
    return p;
}

std::string Handler::PointerForSyntaxError() const
{
    std::string p;
    for (int i = 1; i <= Depth; i++)
        AppendSegment(&p, Frames[i], i == Depth);
    return p;
}

std::string Handler::PointerToFrame(int depth) const
{
    std::string p;
    for (int i = 1; i < depth; i++)
        AppendSegment(&p, Frames[i], false);
    return p;
}

TextPos Handler::ValueStart(const Value&) const { return Reader->TokenPos(); }

TextPos Handler::Before(size_t end) const { return Reader->PosNear(end > 0 ? end - 1 : 0); }

void Handler::LimitError(TextPos pos, std::string message)
{
    Add(ProblemSeverity_Error, ProblemKind_Limit, PointerToCurrent(), pos, std::move(message));
    Aborted = true;
}

std::string Thousands(size_t n)
{
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); i++)
    {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

void Handler::TypeError(const Value& v, const char* expected)
{
    AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
        const Frame& f = Frames[Depth];
        std::string what;
        switch (f.Kind)
        {
        case Frame_Object: what = f.Key == Field_Unknown ? "this field" : FieldQuoted(f.Key); break;
        case Frame_RecordArray: what = std::string("each ") + ObjectNoun(f.Object); break;
        case Frame_StringList:
        {
            const FieldSpec& list = SpecOf(f.Object, f.Key);
            switch (list.Type)
            {
            case FieldType::TextList: what = std::string("each ") + list.Detail.Item; break;
            case FieldType::CountryList: what = "each country code"; break;
            case FieldType::Columns: what = "each column name"; break;
            default: what = std::string("each ") + TableNoun(list.Detail.Ids) + " id"; break; // RefList
            }
            break;
        }
        case Frame_Rows: what = "each row"; break;
        case Frame_Row:
            what = f.Count - 1 < ColumnFields.size() && IsField(ColumnFields[f.Count - 1]) ? FieldQuoted(ColumnFields[f.Count - 1]) : "this cell";
            break;
        default: what = "the value"; break;
        }
        return what + " must be " + expected + ", not " + JsonTypeName(v.Type);
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Reader callbacks and the frame stack
//-----------------------------------------------------------------------------

bool Handler::OnNull(size_t end)
{
    At = end;
    if (Top().Kind == Frame_Row && RowNull(Top()))
        return !Aborted;
    Value v;
    v.Type = JsonType_Null;
    v.End = end;
    return OnScalar(v);
}

bool Handler::OnBool(bool b, size_t end)
{
    At = end;
    Value v;
    v.Type = JsonType_Bool;
    v.Bool = b;
    v.End = end;
    return OnScalar(v);
}

bool Handler::OnNumber(double x, size_t end)
{
    At = end;
    if (Top().Kind == Frame_Row && RowNumber(Top(), x))
        return !Aborted;
    Value v;
    v.Type = JsonType_Number;
    v.Number = x;
    v.IsInteger = std::floor(x) == x;
    v.End = end;
    return OnScalar(v);
}

bool Handler::OnString(std::string_view s, size_t end)
{
    At = end;
    if (s.size() > Options.MaxStringBytes)
    {
        LimitError(Reader->TokenPos(), "a string of " + Thousands(s.size()) + " bytes is longer than the limit of " +
                                         Thousands(Options.MaxStringBytes) + " bytes (64 KiB)");
        return false;
    }
    if (Top().Kind == Frame_Row && RowString(Top(), s))
        return !Aborted;
    Value v;
    v.Type = JsonType_String;
    v.Str = s;
    v.End = end;
    return OnScalar(v);
}

bool Handler::OnKey(std::string_view k, size_t end)
{
    At = end;
    if (k.size() > Options.MaxStringBytes)
    {
        LimitError(Reader->TokenPos(), "a field name of " + Thousands(k.size()) + " bytes is longer than the limit of " +
                                         Thousands(Options.MaxStringBytes) + " bytes (64 KiB)");
        return false;
    }
    Frame& f = Top();
    if (f.Kind != Frame_Object)
        return true;
    f.Count++;
    f.SkipValue = false;
    Value v;
    v.Type = JsonType_String;
    v.End = end;
    // Records repeat their key order: the n-th key is most likely the n-th key of the last record.
    Field field;
    ShortText packed;
    MemoKey* memo = f.Count <= kMemoMembers && PackShortText(k, &packed) ? &KeyMemo[f.Object][f.Count - 1] : nullptr;
    const FieldSpec* spec;
    if (memo && memo->Text == packed)
        field = memo->Which, spec = memo->Spec;
    else
    {
        field = LookupField(f.Object, k);
        spec = IsField(field) ? &SpecOf(f.Object, field) : nullptr;
        if (memo)
            memo->Text = packed, memo->Which = field, memo->Spec = spec;
    }
    if (field == Field_Unknown)
    {
        f.Key = Field_Unknown;
        f.UnknownKey.assign(k);
        // "$schema" lets editors validate the file against data/schema.json: expected, not unknown.
        if (Options.WarnUnknownFields && !(f.Object == ObjectKind_Top && k == "$schema"))
            AtValue(ProblemSeverity_Warning, ProblemKind_UnknownField, v, [&] {
                return "unknown field " + Quote(k) + " is ignored" + SuggestFieldName(f.Object, k);
            });
        return true;
    }
    f.Key = field;
    f.KeySpec = spec;
    if (f.Seen & Bit(field))
    {
        AtValue(ProblemSeverity_Error, ProblemKind_Duplicate, v,
                [&] { return FieldQuoted(field) + " appears twice in this " + ObjectNoun(f.Object) + "; keep one"; });
        f.SkipValue = true;
        if (f.Object == ObjectKind_Observation)
            Obs.Bad = true;
    }
    f.Seen |= Bit(field);
    return true;
}

// The reader keeps no more than Options.MaxStringBytes of a string it copies: the same problem as
// OnString and OnKey give a string that long.
bool Handler::OnLongString(size_t bytes, bool key, size_t end)
{
    At = end;
    LimitError(Reader->TokenPos(), std::string(key ? "a field name of " : "a string of ") + Thousands(bytes) + " bytes is longer than the limit of " +
                                       Thousands(Options.MaxStringBytes) + " bytes (64 KiB)");
    return false;
}

bool Handler::OnBeginObject(size_t end)
{
    At = end;
    return OnOpen(JsonType_Object);
}

bool Handler::OnBeginArray(size_t end)
{
    At = end;
    return OnOpen(JsonType_Array);
}

bool Handler::OnEndObject(size_t end)
{
    At = end;
    return OnClose();
}

bool Handler::OnEndArray(size_t end)
{
    At = end;
    return OnClose();
}

void Handler::OnSyntaxError(const JsonError& e)
{
    SyntaxError = true;
    Syntax = e;
    SyntaxPointer = PointerForSyntaxError();
    SyntaxObjectPointer = Frames[Depth].Kind == Frame_Object ? PointerToFrame(Depth) : SyntaxPointer;
}

bool Handler::Push(FrameKind kind, ObjectKind object, Field key)
{
    Depth++;
    if ((size_t)Depth >= Frames.size())
    {
        Frames.resize(Frames.size() * 2);
        FrameBase = Frames.data(); // the resize moved the frames
    }
    Frame& f = Frames[Depth];
    f.Kind = kind;
    f.Object = object;
    f.Key = key;
    f.SkipValue = false;
    f.Count = 0;
    f.Start = Before(Pos());
    f.Seen = 0;
    f.KeySpec = nullptr;
    f.UnknownKey.clear();
    return !Aborted;
}

bool Handler::OnScalar(const Value& v)
{
    Frame& f = Top();
    switch (f.Kind)
    {
    case Frame_Root:
        AtValue(ProblemSeverity_Error, ProblemKind_Format, v, [&] {
            return std::string("a landscape file is one JSON object ({\"format\": \"landscape/1\", ...}), not ") + JsonTypeName(v.Type);
        });
        break;
    case Frame_Object:
    {
        if (f.SkipValue || !IsField(f.Key))
            break;
        if (v.Type == JsonType_Null)
            NullValue(f.Object, f.Key, *f.KeySpec, v, false);
        else
            ReadValue(f.Object, f.Key, *f.KeySpec, v);
        break;
    }
    case Frame_RecordArray:
        f.Count++;
        if (f.Object == ObjectKind_Observation)
            NotAnObservation(v, "an object");
        else
            TypeError(v, "an object");
        break;
    case Frame_StringList:
        f.Count++;
        ListItem(f, v);
        break;
    case Frame_Rows:
        f.Count++;
        NotAnObservation(v, "an array (one row of cells)");
        break;
    case Frame_Row:
    {
        uint32_t cell = f.Count++;
        if (cell >= ColumnFields.size() || !IsField(ColumnFields[cell]))
            break;
        const Field field = ColumnFields[cell];
        const FieldSpec& spec = *ColumnSpecs[cell];
        if (v.Type == JsonType_Null)
            NullValue(ObjectKind_Observation, field, spec, v, true);
        else
            ReadValue(ObjectKind_Observation, field, spec, v);
        break;
    }
    default: break;
    }
    return !Aborted;
}

bool Handler::OnOpen(JsonType type)
{
    Value v;
    v.Type = type;
    v.End = Pos();
    if (Containers + 1 > Options.MaxDepth)
    {
        LimitError(ValueStart(v), "the JSON nests deeper than " + std::to_string(Options.MaxDepth) + " levels (the limit)");
        return false;
    }
    Frame& f = Top();
    FrameKind kind = Frame_Skip;
    ObjectKind object = ObjectKind_Top;
    Field key = Field_None;
    switch (f.Kind)
    {
    case Frame_Root:
        if (type == JsonType_Object)
        {
            kind = Frame_Object;
            TopBegun = true;
        }
        else
            AtValue(ProblemSeverity_Error, ProblemKind_Format, v,
                    [&] { return std::string("a landscape file is one JSON object ({\"format\": \"landscape/1\", ...}), not an array"); });
        break;
    case Frame_Object:
    {
        if (f.SkipValue || !IsField(f.Key))
            break;
        const FieldSpec& spec = *f.KeySpec;
        switch (spec.Type)
        {
        case FieldType::Records:
            if (type == JsonType_Array)
                kind = Frame_RecordArray, object = spec.Detail.Items, key = f.Key;
            else
                TypeError(v, Expected(spec).c_str());
            break;
        case FieldType::Observations:
            if (type == JsonType_Array)
                kind = Frame_RecordArray, object = ObjectKind_Observation, key = f.Key;
            else
                kind = Frame_Object, object = ObjectKind_Table, CompactForm = true;
            break;
        case FieldType::Object:
            if (type == JsonType_Object)
            {
                // Its members go straight into the record's member (a metric's AsOfLimit).
                kind = Frame_Object, object = spec.Detail.Items;
                Current[object] = spec.Into.Address(Record(f.Object));
            }
            else
                TypeError(v, Expected(spec).c_str());
            break;
        case FieldType::TextList:
        case FieldType::CountryList:
        case FieldType::RefList:
        case FieldType::Columns:
            if (type == JsonType_Array)
                kind = Frame_StringList, key = f.Key, object = f.Object;
            else
                TypeError(v, Expected(spec).c_str());
            break;
        case FieldType::Rows:
            if (type != JsonType_Array)
                TypeError(v, Expected(spec).c_str());
            else
            {
                RowsSeen = true;
                if (ColumnsValid)
                    kind = Frame_Rows;
                else if (!ColumnsSeen)
                {
                    // "rows" before "columns": remember where they are and read them once the columns are known.
                    Deferring = true;
                    DeferredRowsFound = true;
                    DeferredRowsBegin = Reader->TokenOffset();
                    DeferredRowsMark = Reader->TokenMark();
                    DeferredRowsDepth = Depth + 1;
                }
            }
            break;
        default: ReadValue(f.Object, f.Key, spec, v); break; // a container where a value belongs: its reader says what it must be
        }
        break;
    }
    case Frame_RecordArray:
        f.Count++;
        if (type == JsonType_Object)
        {
            kind = Frame_Object;
            object = f.Object;
            BeginRecord(object);
        }
        else if (f.Object == ObjectKind_Observation)
            NotAnObservation(v, "an object");
        else
            TypeError(v, "an object");
        break;
    case Frame_StringList:
        f.Count++;
        ListItem(f, v);
        break;
    case Frame_Rows:
        f.Count++;
        if (type == JsonType_Array)
        {
            if (BeginObservation())
                kind = Frame_Row;
        }
        else
            NotAnObservation(v, "an array (one row of cells)");
        break;
    case Frame_Row:
    {
        uint32_t cell = f.Count++;
        if (cell < ColumnFields.size() && IsField(ColumnFields[cell]))
            ReadValue(ObjectKind_Observation, ColumnFields[cell], *ColumnSpecs[cell], v);
        break;
    }
    default: break;
    }
    if (Aborted)
        return false;
    Containers++;
    return Push(kind, object, key);
}

bool Handler::OnClose()
{
    Frame& f = Top();
    switch (f.Kind)
    {
    case Frame_Object: EndObject(f); break;
    case Frame_RecordArray:
        if (f.Count == 0 && SpecOf(Frames[Depth - 1].Object, f.Key).Need == NonEmpty)
            AtObject(ProblemSeverity_Error, ProblemKind_Rule, [&] {
                return FieldQuoted(f.Key) + " must list at least one " + ObjectNoun(f.Object);
            });
        break;
    case Frame_StringList:
        if (SpecOf(f.Object, f.Key).Type == FieldType::Columns)
            EndColumns();
        break;
    case Frame_Row: EndRow(f); break;
    case Frame_Skip:
        if (Deferring && Depth == DeferredRowsDepth)
        {
            Deferring = false;
            DeferredRowsEnd = Pos();
        }
        break;
    default: break;
    }
    Depth--;
    Containers--;
    return !Aborted;
}

bool Handler::EndObject(Frame& f)
{
    if (f.Object == ObjectKind_Top)
    {
        TopSeen = f.Seen;
        return true;
    }
    if (f.Object == ObjectKind_Observation)
    {
        EndObservation(f.Seen, true);
        return true;
    }
    // The record is in place already (BeginRecord); the compact table's "columns" and "rows" are checked here too.
    uint64_t missing = kFields.Required[f.Object] & ~f.Seen;
    if (missing)
        AtObject(ProblemSeverity_Error, ProblemKind_Rule, [&] { return MissingFieldsMessage(missing); });
    return true;
}

void Handler::BeginRecord(ObjectKind kind)
{
    if (kind == ObjectKind_Observation)
    {
        BeginObservation();
        return;
    }
    const RecordArray& where = kRecords[kind].Where;
    if (!where.Exists)
        return;
    // Records with ids are referred to by uint16 indices (dataset.h).
    if (kFields.Ids[kind] != Table_COUNT && where.Count(*Building) >= kMaxRecordsPerArray)
        LimitError(Before(Pos()), std::string("more than ") + Thousands(kMaxRecordsPerArray) + " " + ObjectNoun(kind) + " records (the limit)");
    Current[kind] = where.Append(*Building);
    if (kind == ObjectKind_Entity)
        ParentPlaces.push_back(TextPos());
}

} // namespace loader_detail

template class JsonReader<loader_detail::Handler>; // see loader_internal.h

} // namespace ls
