// The vocabulary of the loader's field tables (the tables themselves are in loader_tables.cpp):
// what a field of landscape/1 is to the loader: its name, what its value must be, whether it is
// required, and where a valid value goes. Everything else the loader knows about a field (the
// name lookup, the required check, the type check, enum words, "did you mean" candidates, the
// unknown-field warning, the compact table's columns) is derived from those rows.
// Nothing here is public API; loader.h's FormatFields() shows the tables to tests and docs.
#pragma once

#include "core/dataset.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ls
{
namespace loader_detail
{

// Kinds of records that have ids (and the id tables the loader keeps while reading).
enum Table : uint8_t
{
    Table_Region,
    Table_Entity,
    Table_Metric,
    Table_Source,
    Table_COUNT
};

// Kinds of JSON objects the format defines; each has its own table of fields.
enum ObjectKind : uint8_t
{
    ObjectKind_Top, // the file itself
    ObjectKind_Region,
    ObjectKind_Entity,
    ObjectKind_Metric,
    ObjectKind_Source,
    ObjectKind_Event,
    ObjectKind_Observation,
    ObjectKind_Table,      // compact observations: { "columns", "rows" }
    ObjectKind_AsOfLimit,  // a metric's "as_of_limit": { "year", "quarter", "month", "day" }
    ObjectKind_COUNT
};

// A field of the format: an index into FieldRegistry::Names. One name is one field in every kind
// that has it ("id", "note", "source" ...), so a 64-bit mask holds the fields an object has seen.
using Field = uint8_t;
constexpr Field Field_None = 0xFF;    // no current member
constexpr Field Field_Unknown = 0xFE; // a member the kind does not have
constexpr int kMaxFields = 64;        // distinct field names over all kinds (Frame::Seen is a 64-bit mask)
constexpr int kMaxRows = 32;          // fields of one kind
inline bool IsField(Field f) { return f < kMaxFields; }
constexpr uint64_t Bit(Field f) { return (uint64_t)1 << f; }

// What a field's value must be, and so which reader checks it (loader_fields.cpp: Handler::ReadValue).
enum class FieldType : uint8_t
{
    Format,       // "landscape/1"; another version or another kind of file refuses the file
    Text,         // a string
    Id,           // the record's own id: the id pattern, unique in its table (detail: the table)
    Ref,          // the id of a record in the detail's table; a slot while reading, an index after
    Parent,       // a Ref to a record of the same kind; a chain that loops is a warning (entities only)
    RefList,      // an array of Refs
    Country,      // an ISO 3166-1 alpha-2 code, upper case
    CountryList,  // an array of country codes
    TextList,     // an array of strings (detail: what one item is called in messages, "caveat")
    Date,         // YYYY-MM-DD, kept as text or as a Period
    Period,       // YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD
    Bool,         // true or false
    Year,         // a whole year from 1000 to kPeriodMaxYear
    Integer,      // a whole number in the detail's range
    Color,        // "#RRGGBB"
    Enum,         // one of the detail's words; an unknown word in an optional field is a warning and leaves the default
    Number,       // the observation's value: a finite number, never null
    Note,         // a string kept once in the dataset's note pool
    Object,       // one object whose fields are the detail's kind's table, read into the member (a struct)
    Records,      // an array of records of the detail's kind
    Observations, // an array of observation records, or the compact table
    Columns,      // the compact table's column names
    Rows,         // the compact table's rows
};

enum Presence : uint8_t
{
    Optional, // may be absent; null means absent
    Required, // must be there and not null
    NonEmpty, // Required, and an array with at least one item
};

// The words of an enum field. Word i is stored as First + i; an absent field (or, in an optional
// field, an unknown word) leaves the member at its default, which is the word named Default
// (nullptr: "not given", a value of its own).
struct EnumSpec
{
    const std::string_view* Words;
    uint8_t Count;
    uint8_t First;
    const char* Default;
    // The word (index into Words) an unknown word of an optional field is read as, when that must
    // differ from the default for absence: -1 reads it as the default. A word this reader does not
    // know may be a weaker claim than the default ("nowcast" for a confidence), so a field whose
    // default is the strongest claim reads unknown words as a cautious one.
    int UnknownReadsAs = -1;
};

// A value as its reader leaves it, for Target::Store.
// Only the member the field's type fills is set (the readers are on the hot path).
struct Scalar
{
    std::string_view Text; // Text, Id, Country, Date (as written), list items
    int64_t Integer;       // Bool, Year, Integer, Color, Enum (First + i), Ref slots, Note index
    double Number;         // Number
    Period When;           // Date, Period
};

// What a member can hold, so a table row whose type does not fit its member fails to compile.
enum class Storage : uint8_t
{
    None,
    Text,        // std::string
    Integer,     // bool, int, uint32_t, an enum, or an integer column of the observation table
    SlotColumn,  // a uint16 column of the observation table (ids)
    Number,      // double (or a double column)
    When,        // Period (or a Period column)
    TextList,    // std::vector<std::string>
    IntegerList, // std::vector<int>
    Object,      // a struct whose members another kind's table fills (FieldType::Object)
};

// Where a field's valid value goes: a member of the record being read (Region, Entity ...; the
// Dataset for top-level fields). In an observation it is a column of the observation table, and
// the value goes into the row being read (the last one).
struct Target
{
    Storage Type = Storage::None;
    void (*Store)(void* record, const Scalar& value) = nullptr;
    void* (*Address)(void* record) = nullptr;                                 // the member itself (observation columns only)
    void (*Resolve)(void* record, const std::vector<int32_t>& index_of_slot) = nullptr; // Ref members: slots -> record indices (-1: none)
    uint8_t Bits = 0; // IntoBits: the largest value its bits hold (an enum's words must fit); 0 = a whole member
};

namespace tables_detail
{
template <typename M>
struct MemberOf;
template <typename C, typename T>
struct MemberOf<T C::*>
{
    using Class = C;
    using Type = T;
};
template <typename T>
struct IsVector : std::false_type
{
};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type
{
    using Item = T;
};
template <typename T>
struct IsVector<Column<T>> : std::true_type // an observation column (dataset.h)
{
    using Item = T;
};
template <typename T>
constexpr bool kAlwaysFalse = false;

template <typename C, typename T>
constexpr Storage StorageOf()
{
    if constexpr (std::is_same_v<C, ObservationTable> && IsVector<T>::value)
    {
        using U = typename IsVector<T>::Item;
        if constexpr (std::is_same_v<U, uint16_t>)
            return Storage::SlotColumn;
        else if constexpr (std::is_same_v<U, double>)
            return Storage::Number;
        else if constexpr (std::is_same_v<U, Period>)
            return Storage::When;
        else if constexpr (std::is_integral_v<U>)
            return Storage::Integer;
        else
            static_assert(kAlwaysFalse<T>, "an observation column of a type the loader cannot fill");
    }
    else if constexpr (std::is_same_v<T, std::string>)
        return Storage::Text;
    else if constexpr (std::is_same_v<T, double>)
        return Storage::Number;
    else if constexpr (std::is_same_v<T, Period>)
        return Storage::When;
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
        return Storage::TextList;
    else if constexpr (std::is_same_v<T, std::vector<int>>)
        return Storage::IntegerList;
    else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>)
        return Storage::Integer;
    else if constexpr (std::is_class_v<T> && std::is_aggregate_v<T>)
        return Storage::Object;
    else
        static_assert(kAlwaysFalse<T>, "a member of a type the loader cannot fill");
    return Storage::None;
}

template <auto M>
void Store(void* record, const Scalar& s)
{
    using C = typename MemberOf<decltype(M)>::Class;
    using T = typename MemberOf<decltype(M)>::Type;
    T& m = static_cast<C*>(record)->*M;
    constexpr Storage kind = StorageOf<C, T>();
    if constexpr (std::is_same_v<C, ObservationTable>)
    {
        using U = typename IsVector<T>::Item;
        if constexpr (kind == Storage::Number)
            m.back() = s.Number;
        else if constexpr (kind == Storage::When)
            m.back() = s.When;
        else
            m.back() = (U)s.Integer;
    }
    else if constexpr (kind == Storage::Text)
        m.assign(s.Text);
    else if constexpr (kind == Storage::Number)
        m = s.Number;
    else if constexpr (kind == Storage::When)
        m = s.When;
    else if constexpr (kind == Storage::TextList)
        m.emplace_back(s.Text);
    else if constexpr (kind == Storage::IntegerList)
        m.push_back((int)s.Integer);
    else if constexpr (kind == Storage::Object)
        (void)m; // its own fields are stored, through Address
    else
        m = (T)s.Integer;
}

// A few bits of a uint8 observation column (several small enums share one byte: dataset.h's
// ObservationTable::Qualifiers); the other bits of the row are kept.
template <auto M, uint8_t Shift, uint8_t Mask>
void StoreBits(void* record, const Scalar& s)
{
    auto& m = static_cast<ObservationTable*>(record)->*M;
    m.back() = (uint8_t)((m.back() & ~Mask) | (((unsigned)s.Integer << Shift) & Mask));
}

template <auto M>
void* Address(void* record)
{
    using C = typename MemberOf<decltype(M)>::Class;
    return &(static_cast<C*>(record)->*M);
}

// A Ref member holds a slot while the file is read; afterwards the index of the record defined for
// it (or -1). Lists drop what does not resolve (the file has an error then anyway).
template <auto M>
void Resolve(void* record, const std::vector<int32_t>& index_of_slot)
{
    using C = typename MemberOf<decltype(M)>::Class;
    auto index = [&](int slot) { return slot >= 0 && (size_t)slot < index_of_slot.size() ? (int)index_of_slot[(size_t)slot] : -1; };
    auto& m = static_cast<C*>(record)->*M;
    if constexpr (std::is_same_v<std::decay_t<decltype(m)>, int>)
        m = index(m);
    else if constexpr (std::is_same_v<std::decay_t<decltype(m)>, std::vector<int>>)
    {
        size_t kept = 0;
        for (int slot : m)
            if (index(slot) >= 0)
                m[kept++] = index(slot);
        m.resize(kept);
    }
}

template <auto M>
constexpr Target MakeTarget()
{
    using C = typename MemberOf<decltype(M)>::Class;
    using T = typename MemberOf<decltype(M)>::Type;
    Target t;
    t.Type = StorageOf<C, T>();
    t.Store = &Store<M>;
    if constexpr (std::is_same_v<C, ObservationTable> || StorageOf<C, T>() == Storage::Object)
        t.Address = &Address<M>; // observation columns are reached as a whole (the id columns, after the parse); objects to read into
    if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::vector<int>>)
        t.Resolve = &Resolve<M>;
    return t;
}
} // namespace tables_detail

// Into<&Metric::Unit>: the row's value goes into that member.
template <auto M>
inline constexpr Target Into = tables_detail::MakeTarget<M>();
// IntoBits<&ObservationTable::Qualifiers, shift, mask>: the value goes into those bits of the row's byte.
template <auto M, uint8_t Shift, uint8_t Mask>
inline constexpr Target IntoBits = [] {
    static_assert(std::is_same_v<typename tables_detail::MemberOf<decltype(M)>::Type, Column<uint8_t>> &&
                      std::is_same_v<typename tables_detail::MemberOf<decltype(M)>::Class, ObservationTable>,
                  "IntoBits packs into a uint8 column of the observation table");
    Target t;
    t.Type = Storage::Integer;
    t.Store = &tables_detail::StoreBits<M, Shift, Mask>;
    t.Address = &tables_detail::Address<M>;
    t.Bits = Mask >> Shift;
    return t;
}();
inline constexpr Target Nowhere = Target(); // containers whose items the loader reads itself (records, the compact table)

// The detail a field type needs (see FieldType): one of these, or nothing.
struct Range
{
    int Min, Max;
};
struct AlsoSet // a bool member set to true when the field has a valid value (a colour's HasColor)
{
    Target Flag;
};
struct FieldDetail
{
    const EnumSpec* Words = nullptr;     // Enum
    Table Ids = Table_COUNT;             // Id, Ref, Parent, RefList
    ObjectKind Items = ObjectKind_COUNT; // Records, Object
    const char* Item = nullptr;          // TextList
    int Min = 0, Max = 0;                // Integer
    Target Given;                        // AlsoSet

    constexpr FieldDetail() {}
    constexpr FieldDetail(const EnumSpec& words) : Words(&words) {}
    constexpr FieldDetail(Table ids) : Ids(ids) {}
    constexpr FieldDetail(ObjectKind items) : Items(items) {}
    constexpr FieldDetail(const char* item) : Item(item) {}
    constexpr FieldDetail(Range r) : Min(r.Min), Max(r.Max) {}
    constexpr FieldDetail(AlsoSet a) : Given(a.Flag) {}
};

// One row of a table: one field of one kind of object.
struct FieldSpec
{
    std::string_view Name; // as written in the file
    FieldType Type;
    Presence Need;
    Target Into;
    FieldDetail Detail;

    constexpr FieldSpec(std::string_view name, FieldType type, Presence need, Target into, FieldDetail detail = FieldDetail())
        : Name(name), Type(type), Need(need), Into(into), Detail(detail)
    {
    }
};

// Where the records of one kind go (records are appended when their '{' is read and filled in place).
struct RecordArray
{
    bool Exists = false;                    // false: the kind's fields go elsewhere (see RecordSpec)
    void* (*Append)(Dataset& ds) = nullptr; // a default record at the end; returns it
    void* (*At)(Dataset& ds, size_t i) = nullptr;
    size_t (*Count)(const Dataset& ds) = nullptr;
};

namespace tables_detail
{
template <auto M>
void* Append(Dataset& ds)
{
    return &(ds.*M).emplace_back();
}
template <auto M>
void* At(Dataset& ds, size_t i)
{
    return &(ds.*M)[i];
}
template <auto M>
size_t Count(const Dataset& ds)
{
    return (ds.*M).size();
}
} // namespace tables_detail

template <auto M>
inline constexpr RecordArray RecordsIn = { true, &tables_detail::Append<M>, &tables_detail::At<M>, &tables_detail::Count<M> };

// One kind of object: its name in messages, its table, and where its records go (none for the
// file itself, whose fields go into the Dataset, for observations, which are rows of
// Dataset::Observations, and for the compact table).
struct RecordSpec
{
    const char* Noun; // "region": "each region must be an object", "missing ... in this region"
    const FieldSpec* Fields;
    int FieldCount;
    RecordArray Where;
};

// What the loader derives from the tables once, at compile time (loader_tables.cpp).
struct FieldRegistry
{
    std::string_view Names[kMaxFields] = {};       // field -> name: every name once, in the order the tables first mention it
    int Count = 0;
    Field Fields[ObjectKind_COUNT][kMaxRows] = {}; // (kind, row) -> field
    uint8_t Rows[ObjectKind_COUNT][kMaxFields] = {}; // (kind, field) -> row + 1; 0 = the kind has no such field
    const FieldSpec* Specs[ObjectKind_COUNT][kMaxFields] = {}; // (kind, field) -> its row; nullptr = the kind has no such field
    uint64_t Has[ObjectKind_COUNT] = {};           // fields of each kind
    uint64_t Required[ObjectKind_COUNT] = {};      // required fields of each kind
    Table Ids[ObjectKind_COUNT] = {};              // the table a kind's "id" defines; Table_COUNT: none
};

extern const RecordSpec kRecords[ObjectKind_COUNT];
extern const FieldRegistry kFields;

inline const FieldSpec& SpecOf(ObjectKind kind, Field f) { return *kFields.Specs[kind][f]; }
inline const FieldSpec& RowOf(ObjectKind kind, int row) { return kRecords[kind].Fields[row]; }
inline std::string_view FieldName(Field f) { return kFields.Names[f]; }
Field FieldOfType(ObjectKind kind, FieldType type); // the first field of that type in the kind's table, or Field_None

} // namespace loader_detail
} // namespace ls
