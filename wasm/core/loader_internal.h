// Internals of the loader, shared by loader.cpp (driver, positions, checks after the parse),
// loader_handler.cpp (the handler that validates while JsonReader streams the text) and
// loader_fields.cpp (the readers of each field type). What the fields are is in the tables
// (loader_tables.h, loader_tables.cpp). Nothing here is public API.
//
// How a value's position is known: the text arrives in pieces and is gone once read (StreamLoader),
// so the handler never looks at it. During a callback the reader knows the line and column of the
// token (ValueStart) and of the bytes next to where it stands (Reader->PosNear, for the '{' or '['
// just read); places needed after the parse (a record's start, a pending reference, an entity's
// parent) are kept as line and column when they are read. The one piece of text kept is the
// compact rows that come before their "columns" (DeferredRowsText, replayed after the parse).
#pragma once

#include "core/force_inline.h"
#include "core/json_reader.h"
#include "core/loader.h"
#include "core/loader_tables.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__GNUC__) || defined(__clang__)
#define LS_LOADER_COLD __attribute__((noinline, cold)) // problems are the rare case: keep them out of the readers
#else
#define LS_LOADER_COLD
#endif

namespace ls
{
namespace loader_detail
{

enum JsonType : uint8_t
{
    JsonType_Null,
    JsonType_Bool,
    JsonType_Number,
    JsonType_String,
    JsonType_Object,
    JsonType_Array,
};

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
    Field Key = Field_None;             // objects: the current member; lists and record arrays: the field they are the value of
    const FieldSpec* KeySpec = nullptr; // objects: the current member's row when Key is a field
    bool SkipValue = false;             // objects: the current member's value is ignored (duplicate field)
    uint32_t Count = 0;                 // arrays: elements begun; objects: members begun
    TextPos Start;                      // place of the '{' or '['
    uint64_t Seen = 0;                  // objects: Bit(field) per field present
    std::string UnknownKey;             // objects: the current member's name when Key == Field_Unknown
};

struct RawProblem
{
    std::string Pointer;
    TextPos Pos; // Line 0 = no position
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
    TextPos Pos;
};

// The observation being read (either form); its values go straight into the last row of the table.
struct ObservationState
{
    bool Bad = false;
    uint64_t Have = 0; // Bit(field) per field read with a valid value
};

// Text of 1..16 bytes read as two (possibly overlapping) words that together cover every byte:
// with the length beside, two such texts are equal exactly when the three numbers are. Field names,
// ids and enum values are short, and this compares them without a call to memcmp.
struct ShortText
{
    uint64_t Lo = 0, Hi = 0;
    uint32_t Length = 0; // 0 = empty slot (or text that does not fit)
    LS_ALWAYS_INLINE bool operator==(const ShortText& o) const { return Lo == o.Lo && Hi == o.Hi && Length == o.Length; }
    LS_ALWAYS_INLINE size_t Hash() const // every input bit reaches the low bits (ids often differ only in their last byte)
    {
        uint64_t h = Lo * 0x9E3779B97F4A7C15ull + Hi * 0xC2B2AE3D27D4EB4Full + Length;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93ull;
        return (size_t)(h ^ (h >> 29));
    }
};

LS_ALWAYS_INLINE bool PackShortText(std::string_view s, ShortText* out)
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

std::string FieldQuoted(Field f);                     // "\"name\""
Field LookupField(ObjectKind kind, std::string_view key); // Field_Unknown when the kind has no such field
const char* ObjectNoun(ObjectKind kind);              // "region", "observation", "file" ...
std::string MissingFieldsMessage(uint64_t missing);   // "missing required field \"name\""
std::string SuggestFieldName(ObjectKind kind, std::string_view wrong); // " (did you mean \"color\"?)" or ""
std::string Thousands(size_t n);                      // 5000000 -> "5,000,000"
const char* JsonTypeName(JsonType t); // "a string", "an object" ...
const char* TableNoun(Table t);       // "region", "entity" ...

class Handler
{
public:
    Handler(const LoadOptions& options, Dataset* building);
    Handler(const Handler&) = delete; // FrameBase points into its own Frames
    Handler& operator=(const Handler&) = delete;

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
    bool OnLongString(size_t bytes, bool key, size_t end); // a string longer than Options.MaxStringBytes (not kept)

    // State the driver (loader.cpp, loader_stream.cpp) reads after the parse
    const JsonReader<Handler>* Reader = nullptr; // the reader calling back (positions)
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
    PlaceColumn<TextPos> ObsStart;                   // row -> place of its '{' or '[' (1-3 bytes a row: column.h)
    Column<uint8_t> ObsBad;                          // row -> 1 when the row has an error
    std::vector<TextPos> ParentPlaces;               // entity -> place of its "parent" value (for the loop warning)
    bool CompactForm = false;
    // "rows" before "columns": their text is kept (the driver copies [Begin, End) of the pieces into
    // DeferredRowsText) and read again after the parse, from the reader's counters at Begin.
    size_t DeferredRowsBegin = 0, DeferredRowsEnd = 0;
    bool DeferredRowsFound = false;
    JsonMark DeferredRowsMark;
    std::string DeferredRowsText;
    bool DeferringRows() const { return Deferring; } // inside those rows now

    // Problems
    bool Wants(ProblemSeverity s) const;
    void Add(ProblemSeverity s, ProblemKind k, std::string pointer, TextPos pos, std::string message);
    // The message is built only when the problem is kept, and out of line: the readers that
    // report are on the hot path, and a problem is the rare case.
    template <typename MakeMessage>
    LS_LOADER_COLD void AtValue(ProblemSeverity s, ProblemKind k, const Value& v, MakeMessage&& make)
    {
        if (Wants(s))
            Add(s, k, PointerToCurrent(), ValueStart(v), make());
        else
            Count(s);
    }
    template <typename MakeMessage>
    LS_LOADER_COLD void AtObject(ProblemSeverity s, ProblemKind k, MakeMessage&& make) // the innermost frame itself
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
    TextPos ValueStart(const Value& v) const;      // place of the first character of v (the value being read)
    TextPos Before(size_t end) const;              // place of the byte before `end` (the '{' or '[' just read, the last byte of a value)
    void ReplayDeferredRows();                     // parse the rows that came before "columns" (when there were such)

private:
    size_t Pos() const { return At; }
    bool OnScalar(const Value& v);
    bool OnOpen(JsonType type);
    bool OnClose();
    bool Push(FrameKind kind, ObjectKind object, Field key);
    void TypeError(const Value& v, const char* expected);
    LS_ALWAYS_INLINE Frame& Top() { return FrameBase[Depth]; }

    // Field values, by the field's type (loader_fields.cpp)
    void ReadValue(ObjectKind kind, Field f, const FieldSpec& spec, const Value& v); // a value of a known field (null: NullValue)
    void NullValue(ObjectKind kind, Field f, const FieldSpec& spec, const Value& v, bool in_row);
    void ListItem(const Frame& list, const Value& v);
    void BeginRecord(ObjectKind kind);
    bool EndObject(Frame& f);
    bool BeginObservation();
    void EndObservation(uint64_t seen, bool report_missing);
    void NotAnObservation(const Value& v, const char* expected); // an element of the observations (or rows) of another type
    void EndColumns();
    void EndRow(const Frame& row);
    void* Record(ObjectKind kind) const { return Current[kind]; } // where the fields of the object being read go

    // Readers of one kind of value: true when the value is valid (a problem is reported otherwise)
    bool ReadFormat(const Value& v);
    bool ReadString(const Value& v);
    int ReadEnum(const Value& v, Field f, const EnumSpec& words, Presence need); // index, or -1 (reported)
    bool ReadId(const Value& v); // true when the id can be defined (a pattern error is reported but still defines it)
    bool Define(Table t, std::string_view id, const Value& v, size_t index);
    uint32_t Reference(Table t, const Value& v);
    bool ReadDate(const Value& v, Period* out);
    bool ReadCountry(const Value& v);
    std::string Expected(const FieldSpec& spec) const; // what a value of the field must be, for type errors
    void LimitError(TextPos pos, std::string message);

    std::vector<Frame> Frames; // Frames[0] is the root; Frames[Depth] is the innermost
    Frame* FrameBase = nullptr; // Frames.data(), for Top() on every value (-Oz calls out for vector's [])
    int Depth = 0;
    int Containers = 0;        // open JSON containers (the nesting depth docs/format.md limits)

    void* Current[ObjectKind_COUNT] = {}; // the record of each kind being read (stable until the next record of that kind)
    ObservationState Obs;

    std::vector<Field> ColumnFields; // compact table: field of each column (Field_None / Field_Unknown: not read)
    std::vector<const FieldSpec*> ColumnSpecs; // compact table: row of each column's field (nullptr: not read)
    // Compact rows: the common cell stored straight into its column (an id defined and cached, a
    // valid period, a finite number, null in an optional field), as ReadValue would store it;
    // anything else (a problem to report, an id not cached yet) goes the general way, OnScalar.
    // A table's cells are most of a file: this skips ReadValue's dispatch for them (EndColumns).
    enum CellKind : uint8_t { Cell_General, Cell_Ref, Cell_Period, Cell_Number };
    struct ColumnCell
    {
        CellKind Kind = Cell_General;
        bool Optional = false;     // null is "absent": nothing to store
        Table Ids = Table_COUNT;   // Cell_Ref: the table whose ids it holds
        uint64_t Have = 0;         // Bit(field)
        void* Column = nullptr;    // the observation column (Column<uint16_t>, <Period> or <double>)
    };
    std::vector<ColumnCell> ColumnCells; // EndColumns: each one from its field's row (FieldSpec)
    static CellKind CellKindOf(const FieldSpec& spec);
    bool RowString(Frame& row, std::string_view s); // true: stored (the cell counted), else the general way
    bool RowNumber(Frame& row, double x);
    bool RowNull(Frame& row);
    bool ColumnsSeen = false, ColumnsValid = false, ColumnsBroken = false, RowsSeen = false;
    bool Deferring = false;
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
    // Where a short id's slot is cached (a hit when ->Text == *packed), or nullptr: the id is too
    // long to pack, or table t has no cache yet. The one lookup RowString and Reference share;
    // inlined, as both are on the per-cell path.
    LS_ALWAYS_INLINE CachedId* CachedIdFor(Table t, std::string_view id, ShortText* packed)
    {
        if (IdCache[t].empty() || !PackShortText(id, packed))
            return nullptr;
        return &IdCache[t][packed->Hash() & (kIdCacheSize - 1)];
    }
    // Field of the n-th member of the last object of each kind: records repeat their key order.
    static constexpr size_t kMemoMembers = 16;
    struct MemoKey
    {
        ShortText Text;
        Field Which = Field_None;
        const FieldSpec* Spec = nullptr; // the row of Which in this kind's table
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
// After the text was read (loader.cpp): the syntax error in words, the rows kept for later, the
// checks that need the whole file, the problem list; *out replaced only when there is no error.
LoadResult FinishLoad(Handler& h, const JsonReader<Handler>& reader, bool parsed, size_t text_size, Dataset* building, Dataset* out);

} // namespace loader_detail
} // namespace ls
