// Internals of the loader, shared by loader.cpp (driver, positions, checks after the parse) and
// loader_handler.cpp (the handler that validates while JsonReader streams the text).
// Nothing here is public API.
//
// How a value's position is known: every JsonReader callback says where the reader stands (just
// past the token; for numbers, past the byte that ended them: see json_reader.h). The handler keeps
// that in At; the start of a value is found by scanning back, and only for problems that are reported.
#pragma once

#include "core/json_reader.h"
#include "core/loader.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ls
{
namespace loader_detail
{

enum Table
{
    Table_Region,
    Table_Entity,
    Table_Metric,
    Table_Source,
    Table_COUNT
};

enum JsonType : uint8_t
{
    JsonType_Null,
    JsonType_Bool,
    JsonType_Number,
    JsonType_String,
    JsonType_Object,
    JsonType_Array,
};

// Kinds of JSON objects the format defines (each has its own set of fields).
enum ObjectKind : uint8_t
{
    ObjectKind_Region,
    ObjectKind_Entity,
    ObjectKind_Metric,
    ObjectKind_Source,
    ObjectKind_Event,
    ObjectKind_Observation,
    ObjectKind_Top,
    ObjectKind_Table, // compact observations: { "columns", "rows" }
    ObjectKind_COUNT
};

enum Field : uint8_t
{
    Field_None,
    Field_Unknown,
    Field_Format, Field_Title, Field_Edition, Field_Publisher, Field_License, Field_Description, Field_Published, Field_Caveats,
    Field_Regions, Field_Entities, Field_Metrics, Field_Sources, Field_Observations, Field_Events,
    Field_Id, Field_Name, Field_Countries, Field_World, Field_Note,
    Field_NativeName, Field_Parent, Field_Owner, Field_HqCountry, Field_Category, Field_Launched, Field_Color,
    Field_Unit, Field_Definition, Field_Aggregate, Field_Better, Field_Decimals,
    Field_Url, Field_Date, Field_Kind, Field_Detail,
    Field_Entity, Field_Metric, Field_Region, Field_Period, Field_Value, Field_Source, Field_Confidence,
    Field_Columns, Field_Rows,
    Field_COUNT
};
static_assert(Field_COUNT <= 64, "Frame::Seen is a 64-bit mask");

enum FrameKind : uint8_t
{
    Frame_Root,        // outside the top-level value
    Frame_Object,      // an object of a known kind (top level, a record, the compact table)
    Frame_RecordArray, // regions, entities, metrics, sources, events, observations (object form)
    Frame_StringList,  // caveats, region countries, event entities/regions, table columns
    Frame_Rows,        // compact table rows
    Frame_Row,         // one compact row
    Frame_Skip,        // a value we do not look into (unknown field, wrong type, deferred rows)
};

struct Value
{
    JsonType Type = JsonType_Null;
    bool Bool = false;
    bool IsInteger = false;
    double Number = 0.0;
    std::string_view Str;
    size_t End = 0; // offset just past the token (see the file comment)
};

struct Frame
{
    FrameKind Kind = Frame_Root;
    ObjectKind Object = ObjectKind_Top; // objects: their kind; record arrays: the element kind
    Field Key = Field_None;             // objects: the current member; lists: the field they are the value of
    bool SkipValue = false;             // objects: the current member's value is ignored (duplicate field)
    uint32_t Count = 0;                 // arrays: elements begun; objects: members begun
    size_t Start = 0;                   // offset of the '{' or '['
    uint64_t Seen = 0;                  // objects: bit per Field present
    std::string UnknownKey;             // objects: the current member's name when Key == Field_Unknown
};

struct RawProblem
{
    std::string Pointer;
    size_t Offset = SIZE_MAX; // SIZE_MAX = no position
    std::string Message;
    ProblemSeverity Severity = ProblemSeverity_Error;
    ProblemKind Kind = ProblemKind_Rule;
};

// A reference whose id was not defined yet when it was read; resolved (or reported) after the parse.
struct PendingRef
{
    Table Which;
    uint32_t Slot;
    std::string Pointer;
    size_t Offset;
};

// The observation being read (either form).
struct ObservationDraft
{
    uint32_t Slots[4]; // entity, metric, region, source slots; kNoSlot when absent
    Period When;
    double Value = 0.0;
    uint8_t Confidence = 0;
    uint32_t Note = 0;
    bool Bad = false;
    uint64_t Have = 0; // bit per Field read with a valid value
};

// Text of 1..16 bytes read as two (possibly overlapping) words that together cover every byte:
// with the length beside, two such texts are equal exactly when the three numbers are. Field names,
// ids and enum values are short, and this compares them without a call to memcmp.
struct ShortText
{
    uint64_t Lo = 0, Hi = 0;
    uint32_t Length = 0; // 0 = empty slot (or text that does not fit)
    bool operator==(const ShortText& o) const { return Lo == o.Lo && Hi == o.Hi && Length == o.Length; }
    size_t Hash() const // every input bit reaches the low bits (ids often differ only in their last byte)
    {
        uint64_t h = Lo * 0x9E3779B97F4A7C15ull + Hi * 0xC2B2AE3D27D4EB4Full + Length;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93ull;
        return (size_t)(h ^ (h >> 29));
    }
};

inline bool PackShortText(std::string_view s, ShortText* out)
{
    const size_t n = s.size();
    const char* p = s.data();
    if (n >= 8 && n <= 16)
    {
        memcpy(&out->Lo, p, 8);
        memcpy(&out->Hi, p + n - 8, 8);
    }
    else if (n >= 4 && n < 8)
    {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + n - 4, 4);
        out->Lo = a, out->Hi = b;
    }
    else if (n >= 1 && n < 4)
        out->Lo = (unsigned char)p[0] | ((uint64_t)(unsigned char)p[n / 2] << 8), out->Hi = (unsigned char)p[n - 1];
    else
        return false;
    out->Length = (uint32_t)n;
    return true;
}

// a == b, without a memcmp call when both are short.
inline bool SameText(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    ShortText x, y;
    if (PackShortText(a, &x) && PackShortText(b, &y))
        return x == y;
    return a == b;
}

constexpr uint32_t kNoSlot = 0xFFFF;
constexpr uint32_t kMaxSlots = 0xFFFF; // slots 0..0xFFFE fit a uint16 column next to kNoSlot

constexpr uint64_t Bit(Field f) { return (uint64_t)1 << f; }
const char* FieldName(Field f);
std::string FieldQuoted(Field f);                     // "\"name\""
Field LookupField(ObjectKind kind, std::string_view key); // Field_Unknown when the kind has no such field
bool IsRequired(ObjectKind kind, Field f);
const char* ObjectNoun(ObjectKind kind);              // "region", "observation", "file" ...
std::string MissingFieldsMessage(uint64_t missing);   // "missing required field \"name\""
std::string SuggestFieldName(ObjectKind kind, std::string_view wrong); // " (did you mean \"color\"?)" or ""
std::string Thousands(size_t n);                      // 5000000 -> "5,000,000"
const char* JsonTypeName(JsonType t); // "a string", "an object" ...
const char* TableNoun(Table t);       // "region", "entity" ...

class Handler
{
public:
    Handler(std::string_view text, const LoadOptions& options, Dataset* building);

    // JsonReader sink (json_reader.h): `end` is where the reader stands after the token
    bool OnNull(size_t end);
    bool OnBool(bool b, size_t end);
    bool OnNumber(double x, size_t end);
    bool OnString(std::string_view s, size_t end);
    bool OnKey(std::string_view k, size_t end);
    bool OnBeginObject(size_t end);
    bool OnEndObject(size_t end);
    bool OnBeginArray(size_t end);
    bool OnEndArray(size_t end);
    void OnSyntaxError(const JsonError& e);

    // State the driver (loader.cpp) reads after the parse
    std::string_view Text;
    const LoadOptions& Options;
    Dataset* Building;
    size_t At = 0;        // where the reader stands (the `end` of the last callback)
    bool Aborted = false; // a callback stopped the parse (limit, wrong format)
    bool SyntaxError = false;
    JsonError Syntax;                // the syntax error, when SyntaxError
    std::string SyntaxPointer;       // where the reader was; SyntaxObjectPointer: the same without the last field name
    std::string SyntaxObjectPointer;

    std::vector<RawProblem> Errors, Warnings; // kept problems (at most Options.MaxProblems each)
    size_t ErrorCount = 0, WarningCount = 0;  // all problems
    RawProblem FormatProblem;                 // a wrong "format" replaces every other problem
    bool WrongFormat = false;
    bool TopBegun = false;
    uint64_t TopSeen = 0;

    StringPool Ids[Table_COUNT];
    std::vector<int32_t> SlotDef[Table_COUNT];       // slot -> index of its definition, -1 while undefined
    std::vector<uint32_t> SlotPending[Table_COUNT];  // slot -> references read before any definition
    std::vector<PendingRef> Pending;
    std::vector<uint32_t> ObsStart;                  // row -> offset of its '{' or '['
    std::vector<uint8_t> ObsBad;                     // row -> 1 when the row has an error
    std::vector<uint32_t> EntityParentSlot;          // entity -> parent slot or kNoSlot
    std::vector<uint32_t> EntityParentOffset;        // entity -> offset of its "parent" value (for the loop warning)
    std::vector<std::vector<uint32_t>> EventEntitySlots, EventRegionSlots;
    std::vector<uint32_t> EventSourceSlot;
    bool CompactForm = false;
    size_t DeferredRowsBegin = 0, DeferredRowsEnd = 0; // "rows" before "columns": replayed after the parse

    // Problems
    bool Wants(ProblemSeverity s) const;
    void Add(ProblemSeverity s, ProblemKind k, std::string pointer, size_t offset, std::string message);
    template <typename MakeMessage>
    void AtValue(ProblemSeverity s, ProblemKind k, const Value& v, MakeMessage&& make)
    {
        if (Wants(s))
            Add(s, k, PointerToCurrent(), ValueStart(v), make());
        else
            Count(s);
    }
    template <typename MakeMessage>
    void AtObject(ProblemSeverity s, ProblemKind k, MakeMessage&& make) // the innermost frame itself
    {
        if (Wants(s))
            Add(s, k, PointerToFrame(Depth), Frames[Depth].Start, make());
        else
            Count(s);
    }
    void Count(ProblemSeverity s) { (s == ProblemSeverity_Error ? ErrorCount : WarningCount)++; }
    std::string PointerToCurrent() const;          // pointer to the value being read
    std::string PointerForSyntaxError() const;     // like PointerToCurrent, but an array's next element
    std::string PointerToFrame(int depth) const;   // pointer to the container of frame `depth`
    size_t ValueStart(const Value& v) const;       // offset of the first character of v
    size_t StringStart(size_t end) const;          // offset of the opening quote of the string that ends before `end`
    void ReplayDeferredRows();                     // parse the rows that came before "columns" (when there were such)

private:
    size_t Pos() const { return At; }
    bool OnScalar(const Value& v);
    bool OnOpen(JsonType type);
    bool OnClose();
    bool Push(FrameKind kind, ObjectKind object, Field key);
    void TypeError(const Value& v, const char* expected);
    Frame& Top() { return Frames[Depth]; }

    // Field values (loader_handler.cpp)
    bool TopValue(Field f, const Value& v);
    void RecordValue(ObjectKind kind, Field f, const Value& v);
    void ObservationValue(Field f, const Value& v);
    void ListItem(const Frame& list, const Value& v);
    void BeginRecord(ObjectKind kind);
    bool EndObject(Frame& f);
    bool BeginObservation();
    void EndObservation(uint64_t seen, bool report_missing);
    void EndColumns();
    void EndRow(const Frame& row);

    // Helpers
    bool ReadString(const Value& v, std::string* out);
    int ReadEnum(const Value& v, const std::string_view* names, int count); // index or -1 (reported)
    bool ReadId(const Value& v, std::string* out); // true when the id can be defined (a pattern error is reported but still defines it)
    bool Define(Table t, std::string_view id, const Value& v, size_t index);
    uint32_t Reference(Table t, const Value& v);
    bool ReadDate(const Value& v, Period* out);
    bool ReadCountry(const Value& v, std::string* out);
    void LimitError(size_t offset, std::string message);

    std::vector<Frame> Frames; // Frames[0] is the root; Frames[Depth] is the innermost
    int Depth = 0;
    int Containers = 0;        // open JSON containers (the nesting depth FORMAT.md limits)

    Region CurRegion;
    Entity CurEntity;
    uint32_t CurParent = kNoSlot;
    Metric CurMetric;
    Source CurSource;
    Event CurEvent;
    std::vector<uint32_t> CurEventEntities, CurEventRegions;
    uint32_t CurEventSource = kNoSlot;
    ObservationDraft Obs;

    std::vector<Field> ColumnFields; // compact table: field of each column
    bool ColumnsSeen = false, ColumnsValid = false, ColumnsBroken = false, RowsSeen = false;
    bool DeferringRows = false;
    int DeferredRowsDepth = 0;

    // Last defined slot looked up per table: files repeat the same ids row after row.
    uint32_t LastSlot[Table_COUNT] = { kNoSlot, kNoSlot, kNoSlot, kNoSlot };
    // Defined slots of short ids, direct-mapped by hash: a row's ids are found without the pool's hashing.
    static constexpr size_t kIdCacheSize = 256;
    struct CachedId
    {
        ShortText Text;
        uint32_t Slot = kNoSlot;
    };
    std::vector<CachedId> IdCache[Table_COUNT];
    // Field of the n-th member of the last object of each kind: records repeat their key order.
    static constexpr size_t kMemoMembers = 16;
    struct MemoKey
    {
        ShortText Text;
        Field Which = Field_None;
    };
    MemoKey KeyMemo[ObjectKind_COUNT][kMemoMembers];

    friend struct ReplayScope;
};

} // namespace loader_detail

// Instantiated at the end of loader_handler.cpp, next to the callbacks, so the compiler can inline them into the reader.
extern template class JsonReader<loader_detail::Handler>;

namespace loader_detail
{

std::string SuggestId(const StringPool& ids, const std::vector<int32_t>& defined, std::string_view wrong); // `(did you mean "apac"?)` or ""
std::string Quote(std::string_view s); // "\"apac\"" with control characters escaped, cut to 80 bytes

} // namespace loader_detail
} // namespace ls
