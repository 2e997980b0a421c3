// The loader's field rules: what each field of each record may hold (FORMAT.md), and how ids and
// references are read. Called by the handler in loader_handler.cpp.
//
// Index
//   [SECTION] Top-level fields
//   [SECTION] Records: regions, entities, metrics, sources, events
//   [SECTION] Observations (object form and compact rows)
//   [SECTION] Lists: caveats, countries, event ids, table columns
//   [SECTION] Value readers: strings, ids, references, dates, countries, enums
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

// string_view, not const char*: a row compares its confidence with these, and a length is cheaper than strlen.
const std::string_view kConfidenceNames[] = { "reported", "estimate", "forecast" };
const std::string_view kSourceKindNames[] = { "company-reported", "third-party-estimate", "media-report", "analyst-estimate", "other" };
const std::string_view kAggregateNames[] = { "none", "sum" };
const std::string_view kBetterNames[] = { "higher", "lower" };

const char* ArrayNameOf(Table t)
{
    static const char* names[Table_COUNT] = { "regions", "entities", "metrics", "sources" };
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
// [SECTION] Top-level fields
//-----------------------------------------------------------------------------

bool Handler::TopValue(Field f, const Value& v)
{
    switch (f)
    {
    case Field_Format:
    {
        std::string_view s = v.Type == JsonType_String ? v.Str : std::string_view();
        if (s == "landscape/1")
        {
            Building->Format.assign(s);
            return true;
        }
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
                Building->Format.assign(s);
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
        FormatProblem.Offset = ValueStart(v);
        FormatProblem.Message = message;
        FormatProblem.Severity = ProblemSeverity_Error;
        FormatProblem.Kind = ProblemKind_Format;
        WrongFormat = true;
        Aborted = true;
        return false;
    }
    case Field_Title:
        if (v.Type == JsonType_Null)
            AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [] { return std::string("\"title\" is required and cannot be null"); });
        else
            ReadString(v, &Building->Title);
        break;
    case Field_Edition: if (v.Type != JsonType_Null) ReadString(v, &Building->Edition); break;
    case Field_Publisher: if (v.Type != JsonType_Null) ReadString(v, &Building->Publisher); break;
    case Field_License: if (v.Type != JsonType_Null) ReadString(v, &Building->License); break;
    case Field_Description: if (v.Type != JsonType_Null) ReadString(v, &Building->Description); break;
    case Field_Published:
    {
        Period p;
        if (v.Type != JsonType_Null && ReadDate(v, &p))
            Building->Published.assign(v.Str);
        break;
    }
    case Field_Caveats: if (v.Type != JsonType_Null) TypeError(v, "an array of strings"); break;
    case Field_Sources:
    case Field_Events: if (v.Type != JsonType_Null) TypeError(v, "an array"); break;
    case Field_Observations: TypeError(v, "an array of observations or a compact table {\"columns\": [...], \"rows\": [...]}"); break;
    default: TypeError(v, "an array"); break; // regions, entities, metrics
    }
    return !Aborted;
}

//-----------------------------------------------------------------------------
// [SECTION] Records: regions, entities, metrics, sources, events
//-----------------------------------------------------------------------------

void Handler::RecordValue(ObjectKind kind, Field f, const Value& v)
{
    switch (kind)
    {
    case ObjectKind_Region:
        switch (f)
        {
        case Field_Id:
            if (ReadId(v, &CurRegion.Id))
                Define(Table_Region, CurRegion.Id, v, Building->Regions.size());
            break;
        case Field_Name: ReadString(v, &CurRegion.Name); break;
        case Field_Countries: TypeError(v, "an array of country codes such as [\"US\", \"CA\"]"); break;
        case Field_World:
            if (v.Type == JsonType_Bool)
                CurRegion.World = v.Bool;
            else
                TypeError(v, "true or false");
            break;
        case Field_Note: ReadString(v, &CurRegion.Note); break;
        default: break;
        }
        break;
    case ObjectKind_Entity:
        switch (f)
        {
        case Field_Id:
            if (ReadId(v, &CurEntity.Id))
                Define(Table_Entity, CurEntity.Id, v, Building->Entities.size());
            break;
        case Field_Name: ReadString(v, &CurEntity.Name); break;
        case Field_NativeName: ReadString(v, &CurEntity.NativeName); break;
        case Field_Parent:
            CurParent = Reference(Table_Entity, v);
            EntityParentOffset.back() = (uint32_t)ValueStart(v);
            break;
        case Field_Owner: ReadString(v, &CurEntity.Owner); break;
        case Field_HqCountry: ReadCountry(v, &CurEntity.HqCountry); break;
        case Field_Category: ReadString(v, &CurEntity.Category); break;
        case Field_Launched:
            if (v.Type == JsonType_Number && v.IsInteger && v.Number >= 1000 && v.Number <= kPeriodMaxYear)
                CurEntity.Launched = (int)v.Number;
            else
                AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
                    return std::string("\"launched\" must be a year such as 2004") +
                           (v.Type == JsonType_String ? " (a number, without quotes)" : "");
                });
            break;
        case Field_Color:
        {
            bool ok = v.Type == JsonType_String && v.Str.size() == 7 && v.Str[0] == '#';
            uint32_t rgb = 0;
            for (size_t i = 1; ok && i < 7; i++)
            {
                int d = HexDigit(v.Str[i]);
                ok = d >= 0;
                rgb = (rgb << 4) | (uint32_t)(d < 0 ? 0 : d);
            }
            if (ok)
                CurEntity.Color = rgb, CurEntity.HasColor = true;
            else if (v.Type != JsonType_String)
                TypeError(v, "a colour string such as \"#1877F2\"");
            else
                AtValue(ProblemSeverity_Error, ProblemKind_Rule, v,
                        [&] { return "\"color\" must look like \"#1877F2\" (# and six hex digits), not " + Quote(v.Str); });
            break;
        }
        case Field_Note: ReadString(v, &CurEntity.Note); break;
        default: break;
        }
        break;
    case ObjectKind_Metric:
        switch (f)
        {
        case Field_Id:
            if (ReadId(v, &CurMetric.Id))
                Define(Table_Metric, CurMetric.Id, v, Building->Metrics.size());
            break;
        case Field_Name: ReadString(v, &CurMetric.Name); break;
        case Field_Unit: ReadString(v, &CurMetric.Unit); break;
        case Field_Definition: ReadString(v, &CurMetric.Definition); break;
        case Field_Aggregate:
        {
            int i = ReadEnum(v, kAggregateNames, 2);
            if (i >= 0)
                CurMetric.Summable = i == 1;
            break;
        }
        case Field_Better:
        {
            int i = ReadEnum(v, kBetterNames, 2);
            if (i >= 0)
                CurMetric.LowerIsBetter = i == 1;
            break;
        }
        case Field_Decimals:
            if (v.Type == JsonType_Number && v.IsInteger && v.Number >= 0 && v.Number <= 6)
                CurMetric.Decimals = (int)v.Number;
            else
                AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [] { return std::string("\"decimals\" must be a whole number from 0 to 6"); });
            break;
        default: break;
        }
        break;
    case ObjectKind_Source:
        switch (f)
        {
        case Field_Id:
            if (ReadId(v, &CurSource.Id))
                Define(Table_Source, CurSource.Id, v, Building->Sources.size());
            break;
        case Field_Title: ReadString(v, &CurSource.Title); break;
        case Field_Publisher: ReadString(v, &CurSource.Publisher); break;
        case Field_Url: ReadString(v, &CurSource.Url); break;
        case Field_Date:
        {
            Period p;
            if (ReadDate(v, &p))
                CurSource.Date.assign(v.Str);
            break;
        }
        case Field_Kind:
        {
            int i = ReadEnum(v, kSourceKindNames, 5);
            if (i >= 0)
                CurSource.Kind = (SourceKind)(i + 1);
            break;
        }
        default: break;
        }
        break;
    case ObjectKind_Event:
        switch (f)
        {
        case Field_Date: ReadDate(v, &CurEvent.Date); break;
        case Field_Title: ReadString(v, &CurEvent.Title); break;
        case Field_Detail: ReadString(v, &CurEvent.Detail); break;
        case Field_Entities: TypeError(v, "an array of entity ids"); break;
        case Field_Regions: TypeError(v, "an array of region ids"); break;
        case Field_Source: CurEventSource = Reference(Table_Source, v); break;
        default: break;
        }
        break;
    default: break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Observations (object form and compact rows)
//-----------------------------------------------------------------------------

bool Handler::BeginObservation()
{
    if (ObsStart.size() >= Options.MaxObservations)
    {
        LimitError(Pos() > 0 ? Pos() - 1 : 0, "more than " + Thousands(Options.MaxObservations) + " observations (the limit)");
        return false;
    }
    for (uint32_t& s : Obs.Slots)
        s = kNoSlot;
    Obs.When = Period{};
    Obs.Value = 0.0;
    Obs.Confidence = Confidence_Reported;
    Obs.Note = 0;
    Obs.Bad = false;
    Obs.Have = 0;
    ObsStart.push_back((uint32_t)(Pos() > 0 ? Pos() - 1 : 0));
    return true;
}

void Handler::EndObservation(uint64_t seen, bool report_missing)
{
    const uint64_t required = Bit(Field_Entity) | Bit(Field_Metric) | Bit(Field_Region) | Bit(Field_Period) | Bit(Field_Value);
    uint64_t missing = required & ~seen;
    if (report_missing && missing)
        AtObject(ProblemSeverity_Error, ProblemKind_Rule, [&] { return MissingFieldsMessage(missing); });
    if ((Obs.Have & required) != required)
        Obs.Bad = true;
    ObservationTable& t = Building->Observations;
    t.Entities.push_back((uint16_t)Obs.Slots[0]);
    t.Metrics.push_back((uint16_t)Obs.Slots[1]);
    t.Regions.push_back((uint16_t)Obs.Slots[2]);
    t.Sources.push_back((uint16_t)Obs.Slots[3]);
    t.Periods.push_back(Obs.When);
    t.Values.push_back(Obs.Value);
    t.Confidences.push_back(Obs.Confidence);
    t.Notes.push_back(Obs.Note);
    ObsBad.push_back(Obs.Bad ? 1 : 0);
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

void Handler::ObservationValue(Field f, const Value& v)
{
    const size_t errors_before = ErrorCount;
    auto reference = [&](int column, Table t) {
        uint32_t slot = Reference(t, v);
        if (slot != kNoSlot)
            Obs.Slots[column] = slot, Obs.Have |= Bit(f);
    };
    switch (f)
    {
    case Field_Entity: reference(0, Table_Entity); break;
    case Field_Metric: reference(1, Table_Metric); break;
    case Field_Region: reference(2, Table_Region); break;
    case Field_Source: reference(3, Table_Source); break;
    case Field_Period:
        if (v.Type != JsonType_String)
            TypeError(v, "a period such as \"2023-Q2\"");
        else
        {
            const char* why = "";
            Period p;
            if (ParsePeriod(v.Str, &p, &why))
                Obs.When = p, Obs.Have |= Bit(f);
            else
                AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] { return "period " + Quote(v.Str) + " is not valid: " + why; });
        }
        break;
    case Field_Value:
        if (v.Type == JsonType_Number && std::isfinite(v.Number))
            Obs.Value = v.Number, Obs.Have |= Bit(f);
        else if (v.Type == JsonType_String)
            AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
                return "\"value\" must be a JSON number, not a string" +
                       (LooksNumeric(v.Str) ? " (write " + std::string(v.Str) + " without quotes)" : std::string());
            });
        else
            TypeError(v, "a finite number");
        break;
    case Field_Confidence:
    {
        int i = ReadEnum(v, kConfidenceNames, 3);
        if (i >= 0)
            Obs.Confidence = (uint8_t)i;
        break;
    }
    case Field_Note:
        if (v.Type == JsonType_String)
            Obs.Note = Building->AddNote(v.Str);
        else
            TypeError(v, "a string");
        break;
    default: break;
    }
    if (ErrorCount != errors_before)
        Obs.Bad = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Lists: caveats, countries, event ids, table columns
//-----------------------------------------------------------------------------

void Handler::ListItem(const Frame& list, const Value& v)
{
    switch (list.Key)
    {
    case Field_Caveats:
        if (v.Type == JsonType_String)
            Building->Caveats.emplace_back(v.Str);
        else
            TypeError(v, "a string");
        break;
    case Field_Countries:
    {
        std::string code;
        if (ReadCountry(v, &code))
            CurRegion.Countries.push_back(code);
        break;
    }
    case Field_Entities:
    case Field_Regions:
    {
        uint32_t slot = Reference(list.Key == Field_Entities ? Table_Entity : Table_Region, v);
        if (slot != kNoSlot)
            (list.Key == Field_Entities ? CurEventEntities : CurEventRegions).push_back(slot);
        break;
    }
    case Field_Columns:
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
        break;
    }
    default: break;
    }
}

void Handler::EndColumns()
{
    ColumnsSeen = true;
    uint64_t have = 0;
    for (Field f : ColumnFields)
        if (f > Field_Unknown)
            have |= Bit(f);
    const uint64_t required = Bit(Field_Entity) | Bit(Field_Metric) | Bit(Field_Region) | Bit(Field_Period) | Bit(Field_Value);
    uint64_t missing = required & ~have;
    if (missing)
        AtObject(ProblemSeverity_Error, ProblemKind_Rule, [&] {
            std::string names = MissingFieldsMessage(missing).substr(strlen("missing required field"));
            if (!names.empty() && names[0] == 's')
                names.erase(0, 1);
            return "\"columns\" must include" + names + " (the rows cannot be read without it)";
        });
    ColumnsValid = !missing && !ColumnsBroken;
}

//-----------------------------------------------------------------------------
// [SECTION] Value readers: strings, ids, references, dates, countries, enums
//-----------------------------------------------------------------------------

bool Handler::ReadString(const Value& v, std::string* out)
{
    if (v.Type != JsonType_String)
    {
        TypeError(v, "a string");
        return false;
    }
    out->assign(v.Str);
    return true;
}

bool Handler::ReadId(const Value& v, std::string* out)
{
    if (v.Type != JsonType_String)
    {
        TypeError(v, "an id string such as \"apac\"");
        return false;
    }
    out->assign(v.Str);
    if (IsValidId(v.Str))
        return true;
    // Still returns true: the record keeps its (bad) id so references to it do not pile up as
    // "unknown" problems behind the one that matters.
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
    ShortText packed;
    CachedId* cached = nullptr;
    if (PackShortText(v.Str, &packed))
    {
        if (IdCache[t].empty())
            IdCache[t].resize(kIdCacheSize);
        cached = &IdCache[t][packed.Hash() & (kIdCacheSize - 1)];
        if (cached->Text == packed)
            return cached->Slot;
    }
    else if (LastSlot[t] != kNoSlot && v.Str == Ids[t].Get(LastSlot[t]))
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
        p.Offset = ValueStart(v);
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

bool Handler::ReadCountry(const Value& v, std::string* out)
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
    {
        out->assign(s);
        return true;
    }
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

int Handler::ReadEnum(const Value& v, const std::string_view* names, int count)
{
    if (v.Type == JsonType_String)
        for (int i = 0; i < count; i++)
            if (SameText(v.Str, names[i]))
                return i;
    // Only a wrong value pays for building the message.
    std::string allowed;
    for (int i = 0; i < count; i++)
        allowed += (i == 0 ? "" : i == count - 1 ? " or " : ", ") + Quote(names[i]);
    if (v.Type != JsonType_String)
    {
        TypeError(v, ("one of " + allowed).c_str());
        return -1;
    }
    AtValue(ProblemSeverity_Error, ProblemKind_Rule, v, [&] {
        const Frame& f = Frames[Depth];
        Field field = f.Kind == Frame_Row ? (f.Count - 1 < ColumnFields.size() ? ColumnFields[f.Count - 1] : Field_None) : f.Key;
        std::string suggestion;
        size_t best = 3;
        for (int i = 0; i < count; i++)
        {
            size_t d = EditDistance(v.Str, names[i], 2);
            if (d < best)
                best = d, suggestion = " (did you mean " + Quote(names[i]) + "?)";
        }
        return (field > Field_Unknown ? FieldQuoted(field) : std::string("the value")) + " must be " + allowed + ", not " + Quote(v.Str) + suggestion;
    });
    return -1;
}

} // namespace loader_detail
} // namespace ls
