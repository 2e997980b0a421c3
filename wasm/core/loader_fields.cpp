// The loader's readers: how each type of field value is checked and stored (the types are in
// loader_tables.h, the fields of each kind of object in loader_tables.cpp), and how ids and
// references are read. Called by the handler in loader_handler.cpp.
//
// Index
//   [SECTION] Values of every field type
//   [SECTION] Observations (object form and compact rows)
//   [SECTION] Lists: caveats, countries, event ids, table columns
//   [SECTION] Value readers: format, strings, ids, references, dates, countries, enums
#include "core/loader_internal.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace ls
{
namespace loader_detail
{

namespace
{

const char* ArrayNameOf(Table t)
{
    static const char* const names[] = { "regions", "entities", "metrics", "sources" };
    static_assert(std::size(names) == Table_COUNT, "one array name per Table");
    return names[t];
}

bool LooksNumeric(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    std::string copy(s);
    char* end = nullptr;
    strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size();
}

int HexDigit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// A valid id a person probably meant: "Asia Pacific" -> "asia-pacific".
std::string SlugFor(std::string_view s)
{
    std::string out;
    for (char c : s)
    {
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
            out += c;
        else if (c == ' ' && !out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= '0' && out[0] <= '9')))
        out.erase(0, 1);
    if (out.size() > 64)
        out.resize(64);
    return out;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Values of every field type
//-----------------------------------------------------------------------------

std::string Handler::Expected(const FieldSpec& spec) const
{
    switch (spec.Type)
    {
    case FieldType::TextList: return "an array of strings";
    case FieldType::CountryList: return "an array of country codes such as [\"US\", \"CA\"]";
    case FieldType::RefList: return std::string("an array of ") + TableNoun(spec.Detail.Ids) + " ids";
    case FieldType::Observations: return "an array of observations or a compact table {\"columns\": [...], \"rows\": [...]}";
    case FieldType::Object: return "an object such as {\"" + std::string(RowOf(spec.Detail.Items, 0).Name) + "\": 1}";
    default: return "an array"; // records, the compact table's columns and rows
    }
}

void Handler::NullValue(ObjectKind kind, Field f, const FieldSpec& spec, const Value& v, bool in_row)
{
    // null means "absent" for optional fields (see loader.h); a required one must have a value.
    if (spec.Need == Optional)
        return;
    switch (spec.Type)
    {
    case FieldType::Format: ReadFormat(v); return;
    case FieldType::Records:
    case FieldType::Observations: TypeError(v, Expected(spec).c_str()); return;
    default: break;
    }
    AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
        if (spec.Type == FieldType::Number)
            return FieldQuoted(f) + " is null: every observation needs a finite number (leave the " + (in_row ? "row" : "observation") +
                   " out when there is no figure)";
        return FieldQuoted(f) + " is required and cannot be null";
    });
    if (kind == ObjectKind_Observation)
        Obs.Bad = true;
}

void Handler::ReadValue(ObjectKind kind, Field f, const FieldSpec& spec, const Value& v)
{
    const size_t errors_before = ErrorCount;
    Scalar s;
    bool ok = false;
    switch (spec.Type)
    {
    case FieldType::Format:
        ok = ReadFormat(v);
        s.Text = v.Str;
        break;
    case FieldType::Text:
        ok = ReadString(v);
        s.Text = v.Str;
        break;
    case FieldType::Id:
        if (v.Type != JsonType_String)
        {
            TypeError(v, "an id string such as \"apac\"");
            break;
        }
        // The record keeps its id even when it breaks the pattern, so references to it do not pile
        // up as "unknown" problems behind the one that matters.
        ok = true;
        s.Text = v.Str;
        if (ReadId(v))
            Define(spec.Detail.Ids, v.Str, v, kRecords[kind].Where.Count(*Building) - 1);
        break;
    case FieldType::Ref:
    case FieldType::Parent:
    {
        uint32_t slot = Reference(spec.Detail.Ids, v);
        if (spec.Type == FieldType::Parent)
            ParentPlaces.back() = ValueStart(v);
        ok = slot != kNoSlot;
        s.Integer = slot;
        break;
    }
    case FieldType::Country:
        ok = ReadCountry(v);
        s.Text = v.Str;
        break;
    case FieldType::Date:
        ok = ReadDate(v, &s.When);
        s.Text = v.Str;
        break;
    case FieldType::Period:
        if (v.Type != JsonType_String)
            TypeError(v, "a period such as \"2023-Q2\"");
        else
        {
            const char* why = "";
            ok = ParsePeriod(v.Str, &s.When, &why);
            if (!ok)
                AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] { return "period " + Quote(v.Str) + " is not valid: " + why; });
        }
        break;
    case FieldType::Bool:
        ok = v.Type == JsonType_Bool;
        if (ok)
            s.Integer = v.Bool;
        else
            TypeError(v, "true or false");
        break;
    case FieldType::Year:
        ok = v.Type == JsonType_Number && v.IsInteger && v.Number >= 1000 && v.Number <= kPeriodMaxYear;
        if (ok)
            s.Integer = (int)v.Number;
        else
            AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
                return FieldQuoted(f) + " must be a year such as 2004" + (v.Type == JsonType_String ? " (a number, without quotes)" : "");
            });
        break;
    case FieldType::Integer:
        ok = v.Type == JsonType_Number && v.IsInteger && v.Number >= spec.Detail.Min && v.Number <= spec.Detail.Max;
        if (ok)
            s.Integer = (int)v.Number;
        else
            AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
                return FieldQuoted(f) + " must be a whole number from " + std::to_string(spec.Detail.Min) + " to " + std::to_string(spec.Detail.Max);
            });
        break;
    case FieldType::Color:
    {
        ok = v.Type == JsonType_String && v.Str.size() == 7 && v.Str[0] == '#';
        uint32_t rgb = 0;
        for (size_t i = 1; ok && i < 7; i++)
        {
            int d = HexDigit(v.Str[i]);
            ok = d >= 0;
            rgb = (rgb << 4) | (uint32_t)(d < 0 ? 0 : d);
        }
        if (ok)
        {
            s.Integer = rgb;
            Scalar given;
            given.Integer = 1;
            spec.Detail.Given.Store(Record(kind), given);
        }
        else if (v.Type != JsonType_String)
            TypeError(v, "a colour string such as \"#1877F2\"");
        else
            AtValue(ProblemSeverity_Error, ProblemKind_Rule, v,
                    [&] { return FieldQuoted(f) + " must look like \"#1877F2\" (# and six hex digits), not " + Quote(v.Str); });
        break;
    }
    case FieldType::Enum:
    {
        int i = ReadEnum(v, f, *spec.Detail.Words, spec.Need);
        ok = i >= 0;
        s.Integer = spec.Detail.Words->First + i;
        break;
    }
    case FieldType::Number:
        ok = v.Type == JsonType_Number && std::isfinite(v.Number);
        if (ok)
            s.Number = v.Number;
        else if (v.Type == JsonType_String)
            AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
                return FieldQuoted(f) + " must be a JSON number, not a string" +
                       (LooksNumeric(v.Str) ? " (write " + std::string(v.Str) + " without quotes)" : std::string());
            });
        else
            TypeError(v, "a finite number");
        break;
    case FieldType::Note:
        ok = v.Type == JsonType_String;
        if (ok)
            s.Integer = Building->AddNote(v.Str);
        else
            TypeError(v, "a string");
        break;
    case FieldType::TextList:
    case FieldType::CountryList:
    case FieldType::RefList:
    case FieldType::Object:
    case FieldType::Records:
    case FieldType::Observations:
    case FieldType::Columns:
    case FieldType::Rows: TypeError(v, Expected(spec).c_str()); break; // containers are opened in Handler::OnOpen
    }
    if (ok)
        spec.Into.Store(Record(kind), s);
    if (kind == ObjectKind_Observation)
    {
        if (ok)
            Obs.Have |= Bit(f);
        if (ErrorCount != errors_before)
            Obs.Bad = true;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Observations (object form and compact rows)
//-----------------------------------------------------------------------------

bool Handler::BeginObservation()
{
    if (ObsStart.size() >= Options.MaxObservations)
    {
        LimitError(Before(Pos()), "more than " + Thousands(Options.MaxObservations) + " observations (the limit)");
        return false;
    }
    Building->Observations.AppendEmptyRow(); // the fields are read into it
    Obs.Bad = false;
    Obs.Have = 0;
    ObsStart.push_back(Before(Pos()));
    return true;
}

void Handler::EndObservation(uint64_t seen, bool report_missing)
{
    const uint64_t required = kFields.Required[ObjectKind_Observation];
    uint64_t missing = required & ~seen;
    if (report_missing && missing)
        AtObject(ProblemSeverity_Error, ProblemKind_Rule, [&] { return MissingFieldsMessage(missing); });
    if ((Obs.Have & required) != required)
        Obs.Bad = true;
    ObsBad.push_back(Obs.Bad ? 1 : 0);
}

void Handler::NotAnObservation(const Value& v, const char* expected)
{
    TypeError(v, expected);
    if (BeginObservation())   // still one of the file's observations: counted, and refused
    {
        Obs.Bad = true;
        EndObservation(~(uint64_t)0, false);
    }
}

void Handler::EndRow(const Frame& row)
{
    if (row.Count != ColumnFields.size())
    {
        AtObject(ProblemSeverity_Error, ProblemKind_Rule, [&] {
            return "this row has " + std::to_string(row.Count) + (row.Count == 1 ? " cell" : " cells") + " but \"columns\" names " +
                   std::to_string(ColumnFields.size());
        });
        Obs.Bad = true;
    }
    EndObservation(~(uint64_t)0, false);
}

//-----------------------------------------------------------------------------
// [SECTION] Lists: caveats, countries, event ids, table columns
//-----------------------------------------------------------------------------

void Handler::ListItem(const Frame& list, const Value& v)
{
    const FieldSpec& spec = SpecOf(list.Object, list.Key);
    Scalar s;
    switch (spec.Type)
    {
    case FieldType::TextList:
        if (v.Type == JsonType_String)
        {
            s.Text = v.Str;
            spec.Into.Store(Record(list.Object), s);
        }
        else
            TypeError(v, "a string");
        break;
    case FieldType::CountryList:
        if (ReadCountry(v))
        {
            s.Text = v.Str;
            spec.Into.Store(Record(list.Object), s);
        }
        break;
    case FieldType::RefList:
    {
        uint32_t slot = Reference(spec.Detail.Ids, v);
        if (slot != kNoSlot)
        {
            s.Integer = slot;
            spec.Into.Store(Record(list.Object), s);
        }
        break;
    }
    case FieldType::Columns:
    {
        Field field = Field_None;
        if (v.Type != JsonType_String)
        {
            TypeError(v, "a column name such as \"entity\"");
            ColumnsBroken = true;
        }
        else if ((field = LookupField(ObjectKind_Observation, v.Str)) == Field_Unknown)
        {
            if (Options.WarnUnknownFields)
                AtValue(ProblemSeverity_Warning, ProblemKind_UnknownField, v, [&] {
                    return "unknown column " + Quote(v.Str) + " is ignored" + SuggestFieldName(ObjectKind_Observation, v.Str);
                });
        }
        else
        {
            for (Field existing : ColumnFields)
                if (existing == field)
                {
                    AtValue(ProblemSeverity_Error, ProblemKind_Duplicate, v,
                            [&] { return "column " + FieldQuoted(field) + " is listed twice"; });
                    ColumnsBroken = true;
                    field = Field_None;
                    break;
                }
        }
        ColumnFields.push_back(field);
        ColumnSpecs.push_back(IsField(field) ? &SpecOf(ObjectKind_Observation, field) : nullptr);
        break;
    }
    default: break;
    }
}

// Which cells of a compact row go straight into their column, read off the field's row in
// kObservationFields: its type, and a whole column of the matching storage as its target (where
// Target::Store is a plain `column.back() = value`, the store RowString and RowNumber make).
Handler::CellKind Handler::CellKindOf(const FieldSpec& spec)
{
    if (!spec.Into.Address)
        return Cell_General;
    if (spec.Type == FieldType::Ref && spec.Into.Type == Storage::SlotColumn)
        return Cell_Ref;
    if (spec.Type == FieldType::Period && spec.Into.Type == Storage::When)
        return Cell_Period;
    if (spec.Type == FieldType::Number && spec.Into.Type == Storage::Number)
        return Cell_Number;
    return Cell_General;
}

void Handler::EndColumns()
{
    ColumnsSeen = true;
    uint64_t have = 0;
    for (Field f : ColumnFields)
        if (IsField(f))
            have |= Bit(f);
    uint64_t missing = kFields.Required[ObjectKind_Observation] & ~have;
    if (missing)
        AtObject(ProblemSeverity_Error, ProblemKind_Rule, [&] {
            std::string names = MissingFieldsMessage(missing).substr(strlen("missing required field"));
            if (!names.empty() && names[0] == 's')
                names.erase(0, 1);
            return "\"columns\" must include" + names + " (the rows cannot be read without it)";
        });
    ColumnsValid = !missing && !ColumnsBroken;
    ObservationTable* obs = &Building->Observations;
    ColumnCells.assign(ColumnFields.size(), ColumnCell());
    for (size_t i = 0; i < ColumnFields.size(); i++)
    {
        if (!IsField(ColumnFields[i]))
            continue;
        const FieldSpec& spec = *ColumnSpecs[i];
        ColumnCell& c = ColumnCells[i];
        c.Optional = spec.Need == Optional;
        c.Have = Bit(ColumnFields[i]);
        c.Column = spec.Into.Address ? spec.Into.Address(obs) : nullptr;
        c.Kind = CellKindOf(spec);
        c.Ids = spec.Detail.Ids;
    }
}

bool Handler::RowString(Frame& row, std::string_view s)
{
    if (row.Count >= ColumnCells.size())
        return false;
    const ColumnCell& c = ColumnCells[row.Count];
    if (c.Kind == Cell_Ref)
    {
        // Reference()'s first look: a defined id in the cache.
        ShortText packed;
        const CachedId* cached = CachedIdFor(c.Ids, s, &packed);
        if (!cached || !(cached->Text == packed))
            return false;
        static_cast<Column<uint16_t>*>(c.Column)->back() = (uint16_t)cached->Slot;
    }
    else if (c.Kind == Cell_Period)
    {
        Period when;
        if (!ParsePeriod(s, &when))
            return false;
        static_cast<Column<Period>*>(c.Column)->back() = when;
    }
    else
        return false;
    Obs.Have |= c.Have;
    row.Count++;
    return true;
}

bool Handler::RowNumber(Frame& row, double x)
{
    if (row.Count >= ColumnCells.size() || ColumnCells[row.Count].Kind != Cell_Number || !std::isfinite(x))
        return false;
    const ColumnCell& c = ColumnCells[row.Count];
    static_cast<Column<double>*>(c.Column)->back() = x;
    Obs.Have |= c.Have;
    row.Count++;
    return true;
}

bool Handler::RowNull(Frame& row)
{
    if (row.Count >= ColumnCells.size() || !ColumnCells[row.Count].Optional)
        return false;
    row.Count++;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Value readers: format, strings, ids, references, dates, countries, enums
//-----------------------------------------------------------------------------

bool Handler::ReadFormat(const Value& v)
{
    std::string_view s = v.Type == JsonType_String ? v.Str : std::string_view();
    if (s == "landscape/1")
        return true;
    std::string message;
    if (s.substr(0, 10) == "landscape/" && s.size() > 10 && s[10] >= '0' && s[10] <= '9')
    {
        size_t i = 10;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            i++;
        std::string_view major = s.substr(10, i - 10), rest = s.substr(i);
        bool minor = rest.size() > 1 && rest[0] == '.' && rest.find_first_not_of("0123456789", 1) == std::string_view::npos;
        if (major == "1" && minor)
        {
            AtValue(ProblemSeverity_Warning, ProblemKind_Format, v, [&] {
                return "format " + Quote(s) + " is a later minor version of landscape/1: fields this widget does not know are ignored";
            });
            return true;
        }
        if (rest.empty() || minor)
            message = "this file is landscape/" + std::string(major) +
                      "; this widget reads landscape/1 (ask the publisher for a landscape/1 file, or use a widget that reads landscape/" +
                      std::string(major) + ")";
    }
    if (message.empty())
        message = v.Type == JsonType_String
                      ? "this is not a landscape file: \"format\" is " + Quote(s) + " (a landscape file says \"format\": \"landscape/1\")"
                      : std::string("this is not a landscape file: \"format\" must be the string \"landscape/1\", not ") + JsonTypeName(v.Type);
    FormatProblem.Pointer = "/format";
    FormatProblem.Pos = ValueStart(v);
    FormatProblem.Message = message;
    FormatProblem.Severity = ProblemSeverity_Error;
    FormatProblem.Kind = ProblemKind_Format;
    WrongFormat = true;
    Aborted = true;
    return false;
}

bool Handler::ReadString(const Value& v)
{
    if (v.Type == JsonType_String)
        return true;
    TypeError(v, "a string");
    return false;
}

bool Handler::ReadId(const Value& v)
{
    if (IsValidId(v.Str))
        return true;
    AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
        std::string slug = SlugFor(v.Str);
        return "id " + Quote(v.Str) + " is not valid: ids are 1 to 64 characters of a-z, 0-9, \".\", \"_\" and \"-\", starting with a letter or digit" +
               (IsValidId(slug) ? " (for example " + Quote(slug) + ")" : std::string());
    });
    return !v.Str.empty() && v.Str.size() <= 256;
}

bool Handler::Define(Table t, std::string_view id, const Value& v, size_t index)
{
    if (Ids[t].Size() >= kMaxSlots && Ids[t].Find(id) < 0)
    {
        LimitError(ValueStart(v), std::string("more than ") + Thousands(kMaxSlots) + " distinct " + TableNoun(t) + " ids (the limit)");
        return false;
    }
    bool inserted = false;
    uint32_t slot = Ids[t].Intern(id, &inserted);
    if (inserted)
    {
        SlotDef[t].push_back(-1);
        SlotPending[t].push_back(0);
    }
    if (SlotDef[t][slot] >= 0)
    {
        AtValue(ProblemSeverity_Error, ProblemKind_Duplicate, v, [&] {
            return std::string("duplicate ") + TableNoun(t) + " id " + Quote(id) + ": /" + ArrayNameOf(t) + "/" +
                   std::to_string(SlotDef[t][slot]) + " already uses it";
        });
        return false;
    }
    SlotDef[t][slot] = (int32_t)index;
    return true;
}

uint32_t Handler::Reference(Table t, const Value& v)
{
    if (v.Type != JsonType_String)
    {
        TypeError(v, (std::string("a ") + TableNoun(t) + " id (a string)").c_str());
        return kNoSlot;
    }
    // Files repeat the same ids row after row: look in the cache of defined short ids, or compare
    // with the last one, before the pool hashes.
    if (IdCache[t].empty())
        IdCache[t].resize(kIdCacheSize);
    ShortText packed;
    CachedId* cached = CachedIdFor(t, v.Str, &packed);
    if (cached && cached->Text == packed)
        return cached->Slot;
    if (!cached && LastSlot[t] != kNoSlot && v.Str == Ids[t].Get(LastSlot[t]))
        return LastSlot[t];
    if (Ids[t].Size() >= kMaxSlots && Ids[t].Find(v.Str) < 0)
    {
        LimitError(ValueStart(v), std::string("more than ") + Thousands(kMaxSlots) + " distinct " + TableNoun(t) + " ids (the limit)");
        return kNoSlot;
    }
    bool inserted = false;
    uint32_t slot = Ids[t].Intern(v.Str, &inserted);
    if (inserted)
    {
        SlotDef[t].push_back(-1);
        SlotPending[t].push_back(0);
    }
    if (SlotDef[t][slot] >= 0)
    {
        // Only defined slots are cached: a pending one must be recorded at every use.
        LastSlot[t] = slot;
        if (cached)
            cached->Text = packed, cached->Slot = slot;
        return slot;
    }
    // Not defined yet: the definition may come later in the file (JSON members have no order).
    if (SlotPending[t][slot]++ < Options.MaxProblems)
    {
        PendingRef p;
        p.Which = t;
        p.Slot = slot;
        p.Pointer = PointerToCurrent();
        p.Pos = ValueStart(v);
        Pending.push_back(std::move(p));
    }
    return slot;
}

bool Handler::ReadDate(const Value& v, Period* out)
{
    if (v.Type != JsonType_String)
    {
        TypeError(v, "a date such as \"2023-06-15\"");
        return false;
    }
    const char* why = "";
    if (ParseDate(v.Str, out, &why))
        return true;
    AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] { return "date " + Quote(v.Str) + " is not valid: " + why; });
    return false;
}

bool Handler::ReadCountry(const Value& v)
{
    if (v.Type != JsonType_String)
    {
        TypeError(v, "a country code such as \"US\"");
        return false;
    }
    std::string_view s = v.Str;
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    if (s.size() == 2 && upper(s[0]) && upper(s[1]))
        return true;
    AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
        if (s.size() == 2 && (upper(s[0]) || lower(s[0])) && (upper(s[1]) || lower(s[1])))
        {
            std::string fixed(s);
            for (char& c : fixed)
                if (lower(c))
                    c = (char)(c - 'a' + 'A');
            return "country code " + Quote(s) + " must be upper case: " + Quote(fixed);
        }
        return "country code " + Quote(s) + " is not an ISO 3166-1 alpha-2 code (two capital letters such as \"US\")";
    });
    return false;
}

int Handler::ReadEnum(const Value& v, Field f, const EnumSpec& words, Presence need)
{
    if (v.Type == JsonType_String)
        for (int i = 0; i < words.Count; i++)
            if (SameText(v.Str, words.Words[i]))
                return i;
    // Only a wrong value pays for building the message.
    const int count = words.Count;
    std::string allowed;
    for (int i = 0; i < count; i++)
        allowed += (i == 0 ? "" : i == count - 1 ? " or " : ", ") + Quote(words.Words[i]);
    if (v.Type != JsonType_String)
    {
        TypeError(v, ("one of " + allowed).c_str());
        return -1;
    }
    // A word this reader does not know, in an optional field, may be a word of a later edition of
    // the format: a warning, and the field keeps its default (or the cautious word the field names
    // for unknown words). In a required field it is an error.
    const bool optional = need == Optional;
    const bool readsAsWord = optional && words.UnknownReadsAs >= 0;
    AtValue(optional ? ProblemSeverity_Warning : ProblemSeverity_Error, optional ? ProblemKind_UnknownValue : ProblemKind_Rule, v, [&] {
        std::string suggestion;
        size_t best = 3;
        for (int i = 0; i < count; i++)
        {
            size_t d = EditDistance(v.Str, words.Words[i], 2);
            if (d < best)
                best = d, suggestion = " (did you mean " + Quote(words.Words[i]) + "?)";
        }
        std::string message = FieldQuoted(f) + " must be " + allowed + ", not " + Quote(v.Str) + suggestion;
        if (readsAsWord)
            message += "; it is read as " + Quote(words.Words[words.UnknownReadsAs]) + ", the cautious reading";
        else if (optional)
            message += words.Default ? "; the default " + Quote(words.Default) + " is used" : std::string("; it is read as not given");
        return message;
    });
    return readsAsWord ? words.UnknownReadsAs : -1;
}

} // namespace loader_detail
} // namespace ls
