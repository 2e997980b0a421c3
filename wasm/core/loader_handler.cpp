// The loader's handler: validates a landscape/1 file while JsonReader streams it, and
// fills a fresh Dataset (see loader_internal.h for how positions are found).
//
// Index
//   [SECTION] Field tables and names
//   [SECTION] Problems, pointers and positions
//   [SECTION] Reader callbacks and the frame stack
// (what each field may hold is in loader_fields.cpp)
#include "core/loader_internal.h"

#include <cmath>
#include <cstring>

namespace ls
{
namespace loader_detail
{

//-----------------------------------------------------------------------------
// [SECTION] Field tables and names
//-----------------------------------------------------------------------------

namespace
{

const std::string_view kFieldNames[Field_COUNT] = {
    "", "",
    "format", "title", "edition", "publisher", "license", "description", "published", "caveats",
    "regions", "entities", "metrics", "sources", "observations", "events",
    "id", "name", "countries", "world", "note",
    "native_name", "parent", "owner", "hq_country", "category", "launched", "color",
    "unit", "definition", "aggregate", "better", "decimals",
    "url", "date", "kind", "detail",
    "entity", "metric", "region", "period", "value", "source", "confidence",
    "columns", "rows",
};

const Field kTopFields[] = { Field_Format, Field_Title, Field_Edition, Field_Publisher, Field_License, Field_Description, Field_Published,
                             Field_Caveats, Field_Regions, Field_Entities, Field_Metrics, Field_Sources, Field_Observations, Field_Events };
const Field kRegionFields[] = { Field_Id, Field_Name, Field_Countries, Field_World, Field_Note };
const Field kEntityFields[] = { Field_Id, Field_Name, Field_NativeName, Field_Parent, Field_Owner, Field_HqCountry, Field_Category,
                                Field_Launched, Field_Color, Field_Note };
const Field kMetricFields[] = { Field_Id, Field_Name, Field_Unit, Field_Definition, Field_Aggregate, Field_Better, Field_Decimals };
const Field kSourceFields[] = { Field_Id, Field_Title, Field_Publisher, Field_Url, Field_Date, Field_Kind };
const Field kEventFields[] = { Field_Date, Field_Title, Field_Detail, Field_Entities, Field_Regions, Field_Source };
const Field kObservationFields[] = { Field_Entity, Field_Metric, Field_Region, Field_Period, Field_Value, Field_Source, Field_Confidence, Field_Note };
const Field kTableFields[] = { Field_Columns, Field_Rows };

struct ObjectSpec
{
    const char* Noun; // "region": used in "each region must be an object"
    const Field* Fields;
    int FieldCount;
    uint64_t Required;
};

#define LS_FIELDS(a) a, (int)(sizeof(a) / sizeof(a[0]))
const ObjectSpec kSpecs[ObjectKind_COUNT] = {
    { "region", LS_FIELDS(kRegionFields), Bit(Field_Id) | Bit(Field_Name) },
    { "entity", LS_FIELDS(kEntityFields), Bit(Field_Id) | Bit(Field_Name) },
    { "metric", LS_FIELDS(kMetricFields), Bit(Field_Id) | Bit(Field_Name) | Bit(Field_Unit) },
    { "source", LS_FIELDS(kSourceFields), Bit(Field_Id) | Bit(Field_Title) },
    { "event", LS_FIELDS(kEventFields), Bit(Field_Date) | Bit(Field_Title) },
    { "observation", LS_FIELDS(kObservationFields),
      Bit(Field_Entity) | Bit(Field_Metric) | Bit(Field_Region) | Bit(Field_Period) | Bit(Field_Value) },
    { "file", LS_FIELDS(kTopFields),
      Bit(Field_Format) | Bit(Field_Title) | Bit(Field_Regions) | Bit(Field_Entities) | Bit(Field_Metrics) | Bit(Field_Observations) },
    { "compact table", LS_FIELDS(kTableFields), Bit(Field_Columns) | Bit(Field_Rows) },
};
#undef LS_FIELDS

} // namespace

namespace
{

// Every member of every record goes through LookupField, so field names are found by hashing
// (ShortText, loader_internal.h), not by comparing with each name in turn.
struct FieldTable
{
    static constexpr size_t kSlots = 128; // a power of two, well over twice the field count
    ShortText Names[kSlots];
    Field Fields[kSlots] = {};            // Field_None = empty slot
    uint64_t KindFields[ObjectKind_COUNT] = {};

    FieldTable()
    {
        for (int f = Field_Unknown + 1; f < Field_COUNT; f++)
        {
            ShortText p;
            PackShortText(kFieldNames[f], &p);
            size_t slot = p.Hash() & (kSlots - 1);
            while (Fields[slot] != Field_None)
                slot = (slot + 1) & (kSlots - 1);
            Names[slot] = p;
            Fields[slot] = (Field)f;
        }
        for (int k = 0; k < ObjectKind_COUNT; k++)
            for (int i = 0; i < kSpecs[k].FieldCount; i++)
                KindFields[k] |= Bit(kSpecs[k].Fields[i]);
    }
};

} // namespace

Field LookupField(ObjectKind kind, std::string_view key)
{
    ShortText p;
    if (!PackShortText(key, &p))
        return Field_Unknown;
    static const FieldTable t; // not a global: a load from another file's static constructor must find it built
    for (size_t slot = p.Hash() & (FieldTable::kSlots - 1); t.Fields[slot] != Field_None; slot = (slot + 1) & (FieldTable::kSlots - 1))
        if (t.Names[slot] == p)
            return (t.KindFields[kind] & Bit(t.Fields[slot])) ? t.Fields[slot] : Field_Unknown;
    return Field_Unknown;
}

bool IsRequired(ObjectKind kind, Field f) { return (kSpecs[kind].Required & Bit(f)) != 0; }

std::string FieldQuoted(Field f) { return "\"" + std::string(kFieldNames[f]) + "\""; }

std::string MissingFieldsMessage(uint64_t missing)
{
    std::string names;
    int count = 0;
    for (int f = 0; f < Field_COUNT; f++)
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
    const ObjectSpec& spec = kSpecs[kind];
    size_t best = 3;
    Field best_field = Field_None;
    for (int i = 0; i < spec.FieldCount; i++)
    {
        size_t d = EditDistance(wrong, kFieldNames[spec.Fields[i]], 2);
        if (d < best)
            best = d, best_field = spec.Fields[i];
    }
    return best_field == Field_None ? std::string() : " (did you mean " + FieldQuoted(best_field) + "?)";
}

static Table TableForArray(Field f)
{
    switch (f)
    {
    case Field_Regions: return Table_Region;
    case Field_Entities: return Table_Entity;
    case Field_Metrics: return Table_Metric;
    default: return Table_Source;
    }
}

const char* ObjectNoun(ObjectKind kind) { return kSpecs[kind].Noun; }

const char* FieldName(Field f) { return kFieldNames[f].data(); }

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
    static const char* nouns[Table_COUNT] = { "region", "entity", "metric", "source" };
    return nouns[t];
}

//-----------------------------------------------------------------------------
// [SECTION] Problems, pointers and positions
//-----------------------------------------------------------------------------

Handler::Handler(std::string_view text, const LoadOptions& options, Dataset* building)
    : Text(text), Options(options), Building(building)
{
    Frames.resize(66);
}

bool Handler::Wants(ProblemSeverity s) const
{
    return (s == ProblemSeverity_Error ? Errors.size() : Warnings.size()) < Options.MaxProblems;
}

void Handler::Add(ProblemSeverity s, ProblemKind k, std::string pointer, size_t offset, std::string message)
{
    Count(s);
    std::vector<RawProblem>& list = s == ProblemSeverity_Error ? Errors : Warnings;
    if (list.size() >= Options.MaxProblems)
        return;
    RawProblem p;
    p.Pointer = std::move(pointer);
    p.Offset = offset;
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
        *out += f.Key == Field_Unknown ? EscapeJsonPointerToken(f.UnknownKey) : std::string(kFieldNames[f.Key]);
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

size_t Handler::StringStart(size_t end) const
{
    // end - 1 is the closing quote; the opening one is the nearest quote before it that is not
    // escaped (preceded by an even number of backslashes). Raw quotes cannot occur inside.
    size_t i = end > 0 ? end - 1 : 0;
    while (i > 0)
    {
        i--;
        if (Text[i] != '"')
            continue;
        size_t backslashes = 0;
        for (size_t j = i; j > 0 && Text[j - 1] == '\\'; j--)
            backslashes++;
        if (backslashes % 2 == 0)
            return i;
    }
    return 0;
}

size_t Handler::ValueStart(const Value& v) const
{
    size_t end = v.End > Text.size() ? Text.size() : v.End;
    switch (v.Type)
    {
    case JsonType_Object:
    case JsonType_Array: return end > 0 ? end - 1 : 0;
    case JsonType_String: return StringStart(end);
    case JsonType_Null: return end >= 4 ? end - 4 : 0;
    case JsonType_Bool: return end >= (v.Bool ? 4u : 5u) ? end - (v.Bool ? 4 : 5) : 0;
    default:
    {
        // The lexer has read one character past a number (the one that ended it).
        auto is_number_char = [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; };
        size_t i = end;
        if (i > 0 && !is_number_char(Text[i - 1]))
            i--;
        while (i > 0 && is_number_char(Text[i - 1]))
            i--;
        return i;
    }
    }
}

void Handler::LimitError(size_t offset, std::string message)
{
    Add(ProblemSeverity_Error, ProblemKind_Limit, PointerToCurrent(), offset, std::move(message));
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
            what = f.Key == Field_Caveats ? "each caveat" : f.Key == Field_Countries ? "each country code" :
                   f.Key == Field_Columns ? "each column name" : f.Key == Field_Entities ? "each entity id" : "each region id";
            break;
        case Frame_Rows: what = "each row"; break;
        case Frame_Row:
            what = f.Count - 1 < ColumnFields.size() && ColumnFields[f.Count - 1] > Field_Unknown ? FieldQuoted(ColumnFields[f.Count - 1]) : "this cell";
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
        LimitError(StringStart(end), "a string of " + Thousands(s.size()) + " bytes is longer than the limit of " +
                                         Thousands(Options.MaxStringBytes) + " bytes (64 KiB)");
        return false;
    }
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
        LimitError(StringStart(end), "a field name of " + Thousands(k.size()) + " bytes is longer than the limit of " +
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
    if (memo && memo->Text == packed)
        field = memo->Which;
    else
    {
        field = LookupField(f.Object, k);
        if (memo)
            memo->Text = packed, memo->Which = field;
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
        Frames.resize(Frames.size() * 2);
    Frame& f = Frames[Depth];
    f.Kind = kind;
    f.Object = object;
    f.Key = key;
    f.SkipValue = false;
    f.Count = 0;
    f.Start = Pos() > 0 ? Pos() - 1 : 0;
    f.Seen = 0;
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
        if (f.SkipValue || f.Key == Field_Unknown || f.Key == Field_None)
            break;
        if (f.Object == ObjectKind_Top)
            return TopValue(f.Key, v);
        if (v.Type == JsonType_Null)
        {
            // null means "absent" for optional fields (see loader.h); a required one must have a value.
            if (IsRequired(f.Object, f.Key))
            {
                AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
                    return f.Key == Field_Value ? std::string("\"value\" is null: every observation needs a finite number (leave the observation out when there is no figure)")
                                                : FieldQuoted(f.Key) + " is required and cannot be null";
                });
                Obs.Bad = Obs.Bad || f.Object == ObjectKind_Observation;
            }
            break;
        }
        if (f.Object == ObjectKind_Table)
            TypeError(v, "an array");
        else if (f.Object == ObjectKind_Observation)
            ObservationValue(f.Key, v);
        else
            RecordValue(f.Object, f.Key, v);
        break;
    case Frame_RecordArray:
        f.Count++;
        TypeError(v, "an object");
        if (f.Object == ObjectKind_Observation && BeginObservation())
        {
            Obs.Bad = true;
            EndObservation(~(uint64_t)0, false);
        }
        break;
    case Frame_StringList:
        f.Count++;
        ListItem(f, v);
        break;
    case Frame_Rows:
        f.Count++;
        TypeError(v, "an array (one row of cells)");
        if (BeginObservation())
        {
            Obs.Bad = true;
            EndObservation(~(uint64_t)0, false);
        }
        break;
    case Frame_Row:
    {
        uint32_t cell = f.Count++;
        if (cell >= ColumnFields.size() || ColumnFields[cell] <= Field_Unknown)
            break;
        Field field = ColumnFields[cell];
        if (v.Type == JsonType_Null)
        {
            if (IsRequired(ObjectKind_Observation, field))
            {
                AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
                    return field == Field_Value ? std::string("\"value\" is null: every observation needs a finite number (leave the row out when there is no figure)")
                                                : FieldQuoted(field) + " is required and cannot be null";
                });
                Obs.Bad = true;
            }
            break;
        }
        ObservationValue(field, v);
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
        if (f.SkipValue || f.Key == Field_Unknown || f.Key == Field_None)
            break;
        if (f.Object == ObjectKind_Top)
        {
            switch (f.Key)
            {
            case Field_Regions:
            case Field_Entities:
            case Field_Metrics:
            case Field_Sources:
            case Field_Events:
                if (type == JsonType_Array)
                {
                    kind = Frame_RecordArray;
                    object = f.Key == Field_Events ? ObjectKind_Event : (ObjectKind)TableForArray(f.Key);
                    key = f.Key;
                }
                else
                    TypeError(v, "an array");
                break;
            case Field_Observations:
                if (type == JsonType_Array)
                    kind = Frame_RecordArray, object = ObjectKind_Observation, key = f.Key;
                else
                    kind = Frame_Object, object = ObjectKind_Table, CompactForm = true;
                break;
            case Field_Caveats:
                if (type == JsonType_Array)
                    kind = Frame_StringList, key = Field_Caveats;
                else
                    TypeError(v, "an array of strings");
                break;
            default: TopValue(f.Key, v); break;
            }
        }
        else if (f.Object == ObjectKind_Table)
        {
            if (type != JsonType_Array)
                TypeError(v, "an array");
            else if (f.Key == Field_Columns)
                kind = Frame_StringList, key = Field_Columns, object = ObjectKind_Table;
            else
            {
                RowsSeen = true;
                if (ColumnsValid)
                    kind = Frame_Rows;
                else if (!ColumnsSeen)
                {
                    // "rows" before "columns": remember where they are and read them once the columns are known.
                    DeferringRows = true;
                    DeferredRowsBegin = ValueStart(v);
                    DeferredRowsDepth = Depth + 1;
                }
            }
        }
        else
        {
            bool list = (f.Object == ObjectKind_Region && f.Key == Field_Countries) ||
                        (f.Object == ObjectKind_Event && (f.Key == Field_Entities || f.Key == Field_Regions));
            if (list && type == JsonType_Array)
                kind = Frame_StringList, key = f.Key, object = f.Object;
            else if (f.Object == ObjectKind_Observation)
                ObservationValue(f.Key, v);
            else
                RecordValue(f.Object, f.Key, v);
        }
        break;
    case Frame_RecordArray:
        f.Count++;
        if (type == JsonType_Object)
        {
            kind = Frame_Object;
            object = f.Object;
            BeginRecord(object);
        }
        else
        {
            TypeError(v, "an object");
            if (f.Object == ObjectKind_Observation && BeginObservation())
            {
                Obs.Bad = true;
                EndObservation(~(uint64_t)0, false);
            }
        }
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
        {
            TypeError(v, "an array (one row of cells)");
            if (BeginObservation())
            {
                Obs.Bad = true;
                EndObservation(~(uint64_t)0, false);
            }
        }
        break;
    case Frame_Row:
    {
        uint32_t cell = f.Count++;
        if (cell < ColumnFields.size() && ColumnFields[cell] > Field_Unknown)
            ObservationValue(ColumnFields[cell], v);
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
        if (f.Count == 0 && (f.Key == Field_Regions || f.Key == Field_Entities || f.Key == Field_Metrics))
            AtObject(ProblemSeverity_Error, ProblemKind_Rule, [&] {
                return FieldQuoted(f.Key) + " must list at least one " + ObjectNoun(f.Object);
            });
        break;
    case Frame_StringList:
        if (f.Key == Field_Columns)
            EndColumns();
        break;
    case Frame_Row: EndRow(f); break;
    case Frame_Skip:
        if (DeferringRows && Depth == DeferredRowsDepth)
        {
            DeferringRows = false;
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
    uint64_t missing = kSpecs[f.Object].Required & ~f.Seen;
    if (f.Object == ObjectKind_Observation)
    {
        EndObservation(f.Seen, true);
        return true;
    }
    if (missing)
        AtObject(ProblemSeverity_Error, ProblemKind_Rule, [&] { return MissingFieldsMessage(missing); });
    switch (f.Object)
    {
    case ObjectKind_Region: Building->Regions.push_back(std::move(CurRegion)); break;
    case ObjectKind_Entity:
        Building->Entities.push_back(std::move(CurEntity));
        EntityParentSlot.push_back(CurParent);
        break;
    case ObjectKind_Metric: Building->Metrics.push_back(std::move(CurMetric)); break;
    case ObjectKind_Source: Building->Sources.push_back(std::move(CurSource)); break;
    case ObjectKind_Event:
        Building->Events.push_back(std::move(CurEvent));
        EventEntitySlots.push_back(std::move(CurEventEntities));
        EventRegionSlots.push_back(std::move(CurEventRegions));
        EventSourceSlot.push_back(CurEventSource);
        break;
    default: break; // the compact table: its required "columns" and "rows" are checked above
    }
    return true;
}

void Handler::BeginRecord(ObjectKind kind)
{
    size_t count = 0;
    switch (kind)
    {
    case ObjectKind_Region: CurRegion = Region(); count = Building->Regions.size(); break;
    case ObjectKind_Entity:
        CurEntity = Entity();
        CurParent = kNoSlot;
        EntityParentOffset.push_back(0);
        count = Building->Entities.size();
        break;
    case ObjectKind_Metric: CurMetric = Metric(); count = Building->Metrics.size(); break;
    case ObjectKind_Source: CurSource = Source(); count = Building->Sources.size(); break;
    case ObjectKind_Event:
        CurEvent = Event();
        CurEventEntities.clear();
        CurEventRegions.clear();
        CurEventSource = kNoSlot;
        break;
    case ObjectKind_Observation: BeginObservation(); return;
    default: return;
    }
    if (count >= kMaxRecordsPerArray)
        LimitError(Pos() - 1, std::string("more than ") + Thousands(kMaxRecordsPerArray) + " " + ObjectNoun(kind) + " records (the limit)");
}

} // namespace loader_detail

template class JsonReader<loader_detail::Handler>; // see loader_internal.h

} // namespace ls
