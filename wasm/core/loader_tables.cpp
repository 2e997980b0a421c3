// The fields of landscape/1, one table per kind of object: the one place the loader names them.
//
// How to add a field (say an optional "currency" on metrics, or "revised" on observations):
//   1. Add one row to the kind's table below: its name, its FieldType (loader_tables.h), whether it
//      is Optional or Required, and Into<&Record::Member> for where a valid value goes; an Enum row
//      also names its words (an EnumSpec next to the others, with its default), an Integer row its
//      Range. The name lookup, the required and type checks, the enum words and their warning, the
//      "did you mean" candidates, the unknown-field warning, the JSON pointers, the compact table's
//      columns and FormatFields() all follow from the row.
//   2. Add the member to its record in dataset.h (an observation field is a column of
//      ObservationTable: also add it to AppendEmptyRow, Reserve, ShrinkToFit and ResidentBytes).
//      A small enum of an observation may share a byte with others: IntoBits<&Column, shift, mask>
//      (as "bound" and "certainty" share Qualifiers); the table checks that its words fit the bits.
//   3. Add it to data/schema.json and docs/format.md: a test compares their keys with these tables.
// Only a value of a new kind (not text, a date, an enum, a number ...) needs a new FieldType and
// its reader in loader_fields.cpp (Handler::ReadValue). A field whose value is an object of named
// members ("as_of_limit") is FieldType::Object: its members get a table of their own (an ObjectKind).
//
// New meaning goes into new fields, never into new words of an existing enum: a widget already
// deployed reads an unknown word of an optional enum as its default, with a warning.
//
// The order of a table is the order of the "did you mean" candidates; the order in which the
// tables first mention a name is the order of names in "missing required fields" messages.
#include "core/loader.h"
#include "core/loader_tables.h"

#include <iterator>

namespace ls
{
namespace loader_detail
{

//-----------------------------------------------------------------------------
// [SECTION] Enum words
//-----------------------------------------------------------------------------

// string_view, not const char*: a row compares its confidence with these, and a length is cheaper than strlen.
constexpr std::string_view kConfidenceWords[] = { "reported", "estimate", "forecast" };
static_assert(std::size(kConfidenceWords) == Confidence_COUNT, "one word per Confidence, in its order");
// Absent = "reported"; an unknown word = "estimate": a later edition's new word ("nowcast") is
// drawn as the weaker claim it may be, never presented as a published figure.
constexpr EnumSpec kConfidence = { kConfidenceWords, Confidence_COUNT, Confidence_Reported, "reported", Confidence_Estimate };

constexpr std::string_view kSourceKindWords[] = { "company-reported", "third-party-estimate", "media-report", "analyst-estimate", "other" };
static_assert(std::size(kSourceKindWords) == SourceKind_COUNT - 1, "one word per SourceKind after SourceKind_None, in its order");
constexpr EnumSpec kSourceKind = { kSourceKindWords, SourceKind_COUNT - 1, SourceKind_CompanyReported, nullptr };

constexpr std::string_view kAggregateWords[] = { "none", "sum" }; // Metric::Summable = "sum"
constexpr EnumSpec kAggregate = { kAggregateWords, 2, 0, "none" };

constexpr std::string_view kBetterWords[] = { "higher", "lower" }; // Metric::LowerIsBetter = "lower"
constexpr EnumSpec kBetter = { kBetterWords, 2, 0, "higher" };

// Absent or unknown = "flow", the safe side: flows of different granularities are never joined.
constexpr std::string_view kPeriodKindWords[] = { "flow", "level" }; // Metric::IsLevel = "level"
constexpr EnumSpec kPeriodKind = { kPeriodKindWords, 2, 0, "flow" };

constexpr std::string_view kBoundWords[] = { "lower", "upper" };
static_assert(std::size(kBoundWords) == Bound_COUNT - 1, "one word per Bound after Bound_None, in its order");
constexpr EnumSpec kBound = { kBoundWords, Bound_COUNT - 1, Bound_Lower, nullptr };

constexpr std::string_view kCertaintyWords[] = { "high", "medium", "low" };
static_assert(std::size(kCertaintyWords) == Certainty_COUNT - 1, "one word per Certainty after Certainty_None, in its order");
constexpr EnumSpec kCertainty = { kCertaintyWords, Certainty_COUNT - 1, Certainty_High, nullptr };

//-----------------------------------------------------------------------------
// [SECTION] The tables
//-----------------------------------------------------------------------------

using FT = FieldType;

constexpr FieldSpec kTopFields[] = {
    { "format", FT::Format, Required, Into<&Dataset::Format> },
    { "title", FT::Text, Required, Into<&Dataset::Title> },
    { "edition", FT::Text, Optional, Into<&Dataset::Edition> },
    { "publisher", FT::Text, Optional, Into<&Dataset::Publisher> },
    { "license", FT::Text, Optional, Into<&Dataset::License> },
    { "description", FT::Text, Optional, Into<&Dataset::Description> },
    { "published", FT::Date, Optional, Into<&Dataset::Published> },
    { "caveats", FT::TextList, Optional, Into<&Dataset::Caveats>, "caveat" },
    { "regions", FT::Records, NonEmpty, Nowhere, ObjectKind_Region },
    { "entities", FT::Records, NonEmpty, Nowhere, ObjectKind_Entity },
    { "metrics", FT::Records, NonEmpty, Nowhere, ObjectKind_Metric },
    { "sources", FT::Records, Optional, Nowhere, ObjectKind_Source },
    { "observations", FT::Observations, Required, Nowhere },
    { "events", FT::Records, Optional, Nowhere, ObjectKind_Event },
};

constexpr FieldSpec kRegionFields[] = {
    { "id", FT::Id, Required, Into<&Region::Id>, Table_Region },
    { "name", FT::Text, Required, Into<&Region::Name> },
    { "countries", FT::CountryList, Optional, Into<&Region::Countries> },
    { "world", FT::Bool, Optional, Into<&Region::World> },
    { "note", FT::Text, Optional, Into<&Region::Note> },
};

constexpr FieldSpec kEntityFields[] = {
    { "id", FT::Id, Required, Into<&Entity::Id>, Table_Entity },
    { "name", FT::Text, Required, Into<&Entity::Name> },
    { "native_name", FT::Text, Optional, Into<&Entity::NativeName> },
    { "parent", FT::Parent, Optional, Into<&Entity::Parent>, Table_Entity },
    { "owner", FT::Text, Optional, Into<&Entity::Owner> },
    { "hq_country", FT::Country, Optional, Into<&Entity::HqCountry> },
    { "category", FT::Text, Optional, Into<&Entity::Category> },
    { "launched", FT::Year, Optional, Into<&Entity::Launched> },
    { "color", FT::Color, Optional, Into<&Entity::Color>, AlsoSet{ Into<&Entity::HasColor> } },
    { "note", FT::Text, Optional, Into<&Entity::Note> },
};

constexpr FieldSpec kMetricFields[] = {
    { "id", FT::Id, Required, Into<&Metric::Id>, Table_Metric },
    { "name", FT::Text, Required, Into<&Metric::Name> },
    { "unit", FT::Text, Required, Into<&Metric::Unit> },
    { "definition", FT::Text, Optional, Into<&Metric::Definition> },
    { "aggregate", FT::Enum, Optional, Into<&Metric::Summable>, kAggregate },
    { "better", FT::Enum, Optional, Into<&Metric::LowerIsBetter>, kBetter },
    { "decimals", FT::Integer, Optional, Into<&Metric::Decimals>, Range{ 0, 6 } },
    { "period_kind", FT::Enum, Optional, Into<&Metric::IsLevel>, kPeriodKind },
    { "sum_across_entities", FT::Bool, Optional, Into<&Metric::SumAcrossEntities> },
    { "as_of_limit", FT::Object, Optional, Into<&Metric::AsOf>, ObjectKind_AsOfLimit },
};

// A metric's "as_of_limit": periods of each granularity the "as of" fallback may reach back.
constexpr FieldSpec kAsOfLimitFields[] = {
    { "year", FT::Integer, Optional, Into<&AsOfLimit::Years>, Range{ 0, 100 } },
    { "quarter", FT::Integer, Optional, Into<&AsOfLimit::Quarters>, Range{ 0, 100 } },
    { "month", FT::Integer, Optional, Into<&AsOfLimit::Months>, Range{ 0, 100 } },
    { "day", FT::Integer, Optional, Into<&AsOfLimit::Days>, Range{ 0, 100 } },
};

constexpr FieldSpec kSourceFields[] = {
    { "id", FT::Id, Required, Into<&Source::Id>, Table_Source },
    { "title", FT::Text, Required, Into<&Source::Title> },
    { "publisher", FT::Text, Optional, Into<&Source::Publisher> },
    { "url", FT::Text, Optional, Into<&Source::Url> },
    { "date", FT::Date, Optional, Into<&Source::Date> },
    { "kind", FT::Enum, Optional, Into<&Source::Kind>, kSourceKind },
    { "relay_of", FT::Text, Optional, Into<&Source::RelayOf> },
    { "checked", FT::Bool, Optional, Into<&Source::Checked> },
    { "attribution", FT::Text, Optional, Into<&Source::Attribution> },
};

constexpr FieldSpec kEventFields[] = {
    { "date", FT::Date, Required, Into<&Event::Date> },
    { "title", FT::Text, Required, Into<&Event::Title> },
    { "detail", FT::Text, Optional, Into<&Event::Detail> },
    { "entities", FT::RefList, Optional, Into<&Event::Entities>, Table_Entity },
    { "regions", FT::RefList, Optional, Into<&Event::Regions>, Table_Region },
    { "source", FT::Ref, Optional, Into<&Event::Source>, Table_Source },
};

// Also the compact table's column names.
constexpr FieldSpec kObservationFields[] = {
    { "entity", FT::Ref, Required, Into<&ObservationTable::Entities>, Table_Entity },
    { "metric", FT::Ref, Required, Into<&ObservationTable::Metrics>, Table_Metric },
    { "region", FT::Ref, Required, Into<&ObservationTable::Regions>, Table_Region },
    { "period", FT::Period, Required, Into<&ObservationTable::Periods> },
    { "value", FT::Number, Required, Into<&ObservationTable::Values> },
    { "source", FT::Ref, Optional, Into<&ObservationTable::Sources>, Table_Source },
    { "confidence", FT::Enum, Optional, Into<&ObservationTable::Confidences>, kConfidence },
    { "note", FT::Note, Optional, Into<&ObservationTable::Notes> },
    { "bound", FT::Enum, Optional, IntoBits<&ObservationTable::Qualifiers, ObservationTable::kBoundShift, ObservationTable::kBoundMask>, kBound },
    { "certainty", FT::Enum, Optional,
      IntoBits<&ObservationTable::Qualifiers, ObservationTable::kCertaintyShift, ObservationTable::kCertaintyMask>, kCertainty },
};

constexpr FieldSpec kTableFields[] = {
    { "columns", FT::Columns, Required, Nowhere },
    { "rows", FT::Rows, Required, Nowhere },
};

#define LS_TABLE(t) t, (int)std::size(t)
extern constexpr RecordSpec kRecords[ObjectKind_COUNT] = {
    { "file", LS_TABLE(kTopFields), RecordArray() },
    { "region", LS_TABLE(kRegionFields), RecordsIn<&Dataset::Regions> },
    { "entity", LS_TABLE(kEntityFields), RecordsIn<&Dataset::Entities> },
    { "metric", LS_TABLE(kMetricFields), RecordsIn<&Dataset::Metrics> },
    { "source", LS_TABLE(kSourceFields), RecordsIn<&Dataset::Sources> },
    { "event", LS_TABLE(kEventFields), RecordsIn<&Dataset::Events> },
    { "observation", LS_TABLE(kObservationFields), RecordArray() },
    { "compact table", LS_TABLE(kTableFields), RecordArray() },
    { "as_of_limit", LS_TABLE(kAsOfLimitFields), RecordArray() },
};
#undef LS_TABLE

//-----------------------------------------------------------------------------
// [SECTION] What follows from the tables, checked at compile time
//-----------------------------------------------------------------------------

namespace
{

constexpr FieldRegistry BuildRegistry()
{
    FieldRegistry r;
    for (int k = 0; k < ObjectKind_COUNT; k++)
    {
        r.Ids[k] = Table_COUNT;
        for (int row = 0; row < kRecords[k].FieldCount && row < kMaxRows; row++)
        {
            const FieldSpec& spec = kRecords[k].Fields[row];
            int f = 0;
            while (f < r.Count && r.Names[f] != spec.Name)
                f++;
            if (f == r.Count && r.Count < kMaxFields)
                r.Names[r.Count++] = spec.Name;
            if (f >= kMaxFields)
                continue; // too many names: the static_assert below says so
            r.Fields[k][row] = (Field)f;
            r.Rows[k][f] = (uint8_t)(row + 1);
            r.Specs[k][f] = kRecords[k].Fields + row;
            r.Has[k] |= Bit((Field)f);
            if (spec.Need != Optional)
                r.Required[k] |= Bit((Field)f);
            if (spec.Type == FieldType::Id)
                r.Ids[k] = spec.Detail.Ids;
        }
    }
    return r;
}

constexpr int TotalRows()
{
    int n = 0;
    for (const RecordSpec& kind : kRecords)
        n += kind.FieldCount;
    return n;
}

// Each field type, the member it may fill, and the detail it needs.
constexpr bool RowIsConsistent(int kind, const FieldSpec& s)
{
    const Storage m = s.Into.Type;
    const FieldDetail& d = s.Detail;
    switch (s.Type)
    {
    case FieldType::Format:
    case FieldType::Text:
    case FieldType::Country: return m == Storage::Text;
    case FieldType::Id: return m == Storage::Text && d.Ids != Table_COUNT && kRecords[kind].Where.Exists; // its index is its record's
    case FieldType::Ref: return (m == Storage::Integer || m == Storage::SlotColumn) && d.Ids != Table_COUNT;
    case FieldType::Parent: return m == Storage::Integer && kind == ObjectKind_Entity && d.Ids == Table_Entity; // the loop check knows only entities
    case FieldType::RefList: return m == Storage::IntegerList && d.Ids != Table_COUNT;
    case FieldType::CountryList: return m == Storage::TextList;
    case FieldType::TextList: return m == Storage::TextList && d.Item != nullptr;
    case FieldType::Date: return m == Storage::Text || m == Storage::When;
    case FieldType::Period: return m == Storage::When;
    case FieldType::Bool:
    case FieldType::Year:
    case FieldType::Note: return m == Storage::Integer;
    case FieldType::Color: return m == Storage::Integer && d.Given.Type == Storage::Integer;
    case FieldType::Integer: return m == Storage::Integer && d.Min <= d.Max;
    case FieldType::Enum:
    {
        if (m != Storage::Integer || d.Words == nullptr || d.Words->Count == 0)
            return false;
        if (s.Into.Bits != 0 && d.Words->First + d.Words->Count - 1 > s.Into.Bits)
            return false; // the last word's value does not fit the bits it is packed into
        bool default_is_a_word = d.Words->Default == nullptr;
        for (int i = 0; i < d.Words->Count; i++)
            default_is_a_word = default_is_a_word || d.Words->Words[i] == std::string_view(d.Words->Default);
        return default_is_a_word;
    }
    case FieldType::Number: return m == Storage::Number;
    case FieldType::Records: return m == Storage::None && d.Items != ObjectKind_COUNT && kRecords[d.Items].Where.Exists;
    case FieldType::Object: return m == Storage::Object && d.Items != ObjectKind_COUNT && !kRecords[d.Items].Where.Exists;
    case FieldType::Observations:
    case FieldType::Columns:
    case FieldType::Rows: return m == Storage::None;
    }
    return false;
}

constexpr bool TablesAreConsistent()
{
    for (int k = 0; k < ObjectKind_COUNT; k++)
        for (int row = 0; row < kRecords[k].FieldCount; row++)
            if (!RowIsConsistent(k, kRecords[k].Fields[row]))
                return false;
    return true;
}

constexpr bool NoNameTwiceInOneKind()
{
    for (const RecordSpec& kind : kRecords)
        for (int a = 0; a < kind.FieldCount; a++)
            for (int b = a + 1; b < kind.FieldCount; b++)
                if (kind.Fields[a].Name == kind.Fields[b].Name)
                    return false;
    return true;
}

// Field names of up to 16 bytes are found by packing them into two words (ShortText,
// loader_internal.h); longer ones ("sum_across_entities") by comparing with the kind's rows.
constexpr bool NamesFit()
{
    for (const RecordSpec& kind : kRecords)
        for (int a = 0; a < kind.FieldCount; a++)
            if (kind.Fields[a].Name.empty() || kind.Fields[a].Name.size() > 32)
                return false;
    return true;
}

constexpr FieldRegistry kBuilt = BuildRegistry();

} // namespace

static_assert(std::size(kRecords) == ObjectKind_COUNT, "one table per ObjectKind");
static_assert(kBuilt.Count < kMaxFields, "more field names than Frame::Seen has bits");
static_assert(TotalRows() <= ObjectKind_COUNT * kMaxRows, "a table has more rows than kMaxRows");
static_assert(NoNameTwiceInOneKind(), "a name appears twice in one table");
static_assert(NamesFit(), "field names are 1 to 32 bytes");
static_assert(TablesAreConsistent(), "a row's type does not fit its member, or lacks its detail (see FieldType)");

extern const FieldRegistry kFields = kBuilt;

Field FieldOfType(ObjectKind kind, FieldType type)
{
    for (int row = 0; row < kRecords[kind].FieldCount; row++)
        if (kRecords[kind].Fields[row].Type == type)
            return kFields.Fields[kind][row];
    return Field_None;
}

} // namespace loader_detail

std::vector<FormatObjectFields> FormatFields()
{
    using namespace loader_detail;
    std::vector<FormatObjectFields> out;
    for (const RecordSpec& kind : kRecords)
    {
        FormatObjectFields o;
        o.Noun = kind.Noun;
        for (int row = 0; row < kind.FieldCount; row++)
        {
            const FieldSpec& spec = kind.Fields[row];
            FormatField f;
            f.Name = spec.Name;
            f.Required = spec.Need != Optional;
            if (spec.Type == FieldType::Enum)
            {
                f.Words.assign(spec.Detail.Words->Words, spec.Detail.Words->Words + spec.Detail.Words->Count);
                f.Default = spec.Detail.Words->Default ? spec.Detail.Words->Default : "";
            }
            o.Fields.push_back(std::move(f));
        }
        out.push_back(std::move(o));
    }
    return out;
}

} // namespace ls
