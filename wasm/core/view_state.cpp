// View state: JSON, URL hash and resolution against a dataset (see view_state.h).
//
// Index
//   [SECTION] Names and comparison
//   [SECTION] Problems
//   [SECTION] JSON (nlohmann DOM through non-throwing calls only)
//   [SECTION] URL hash
//   [SECTION] Resolving against a dataset
//
// The problem reporting is written for size as much as for speed: the widget ships this file in
// its wasm, so messages are put together by one function (Say) from string views, and the lists
// of expected values are literals rather than text built at run time.
#include "core/view_state.h"

#include <algorithm>
#include <cstdlib>

#include "core/json_dom.h"

namespace ls
{

//-----------------------------------------------------------------------------
// [SECTION] Names and comparison
//-----------------------------------------------------------------------------

static const char* const kViewNames[ViewKind_COUNT] = { "map", "trend", "compare", "share", "table", "sources" };

const char* ViewKindName(ViewKind v) { return v >= 0 && v < ViewKind_COUNT ? kViewNames[v] : "map"; }

// A closed set of names: what a message calls one of them and the list it shows.
struct NameSet
{
    const char* const* Names;
    int Count;
    const char* Unknown;  // how a message starts: "unknown view "
    const char* Expected; // the names in order, for people
};

static const char* const kScaleNames[] = { "linear", "log" };                   // ScaleKind order
static const char* const kCompareNames[] = { "entity", "region" };              // CompareKind order
static const char* const kOriginNames[] = { "1", "0" };                         // GroupByOrigin true, false
static const char* const kSortNames[] = { "desc", "asc" };                      // SortDescending true, false
static const char* const kGranularityNames[] = { "year", "quarter", "month", "day" }; // PeriodKind order from PeriodKind_Year
// New members go at the end (the switches below number them); messages list them in hash order.
static const char* const kJsonMembers[] = { "version", "view", "metric", "entities", "regions", "period", "scale",
                                            "compare_by", "group_by_origin", "sort_descending", "filter", "granularity" };
static const char* const kHashKeys[] = { "view", "metric", "entities", "regions", "period", "scale", "by", "origin", "sort", "filter", "granularity" };

static const NameSet kViews = { kViewNames, ViewKind_COUNT, "unknown view ", " (expected one of map, trend, compare, share, table, sources)" };
static const NameSet kScales = { kScaleNames, 2, "unknown scale ", " (expected one of linear, log)" };
static const NameSet kCompares = { kCompareNames, 2, "unknown comparison ", " (expected one of entity, region)" };
static const NameSet kOrigins = { kOriginNames, 2, "unknown origin grouping ", " (expected one of 1, 0)" };
static const NameSet kSorts = { kSortNames, 2, "unknown sort order ", " (expected one of desc, asc)" };
static const NameSet kGranularities = { kGranularityNames, 4, "unknown granularity ", " (expected one of year, quarter, month, day)" };
static const NameSet kJsonKeys = { kJsonMembers, 12, "unknown key ",
                                   " (expected one of version, view, metric, granularity, entities, regions, period, scale, compare_by, "
                                   "group_by_origin, sort_descending, filter)" };
static const NameSet kHashKeySet = { kHashKeys, 11, "unknown key ",
                                     " (expected one of view, metric, granularity, entities, regions, period, scale, by, origin, sort, filter)" };

static int FindName(const NameSet& set, std::string_view name)
{
    for (int i = 0; i < set.Count; i++)
        if (name == set.Names[i])
            return i;
    return -1;
}

bool ParseViewKind(std::string_view name, ViewKind* out)
{
    int i = FindName(kViews, name);
    if (i >= 0)
        *out = (ViewKind)i;
    return i >= 0;
}

const char* GranularityName(PeriodKind g) { return g >= PeriodKind_Year && g <= PeriodKind_Day ? kGranularityNames[g - PeriodKind_Year] : ""; }

bool ParseGranularity(std::string_view name, PeriodKind* out)
{
    int i = FindName(kGranularities, name);
    if (i >= 0)
        *out = (PeriodKind)(PeriodKind_Year + i);
    return i >= 0;
}

bool operator==(const ViewState& a, const ViewState& b)
{
    return a.View == b.View && a.Metric == b.Metric && a.Granularity == b.Granularity && a.Entities == b.Entities && a.Regions == b.Regions && a.Period == b.Period &&
           a.Scale == b.Scale && a.CompareBy == b.CompareBy && a.GroupByOrigin == b.GroupByOrigin && a.SortDescending == b.SortDescending &&
           a.Filter == b.Filter;
}

//-----------------------------------------------------------------------------
// [SECTION] Problems
//-----------------------------------------------------------------------------
// A hostile link can hold thousands of bad pairs and megabytes of value: every text that goes into
// a problem is clipped, and the list is capped, so the answer stays small whatever came in.

static std::string Clip(std::string_view text)
{
    if (text.size() <= kMaxProblemValueBytes)
        return std::string(text);
    size_t n = kMaxProblemValueBytes;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) // do not cut a UTF-8 sequence in two
        n--;
    return std::string(text.substr(0, n)) + "\xE2\x80\xA6"; // "…"
}

void AddStateProblem(std::vector<StateProblem>* problems, std::string_view key, std::string_view value, std::string message)
{
    if (!problems)
        return;
    if (problems->size() < kMaxStateProblems)
    {
        problems->push_back(StateProblem{ Clip(key), Clip(value), std::move(message) });
        return;
    }
    // One line past the cap counts the rest; its Value holds the count.
    size_t more = 1;
    if (problems->size() > kMaxStateProblems)
    {
        more = (size_t)std::strtoull(problems->back().Value.c_str(), nullptr, 10) + 1;
        problems->pop_back();
    }
    std::string count = std::to_string(more);
    problems->push_back(StateProblem{ "", count, count + (more == 1 ? " more problem not listed" : " more problems not listed") });
}

// message = before "quoted" after, with quoted clipped like a value.
static void Say(std::vector<StateProblem>* problems, std::string_view key, std::string_view value, std::string_view before,
                std::string_view quoted, std::string_view after)
{
    if (!problems)
        return;
    std::string message(before);
    message += '"';
    message += Clip(quoted);
    message += '"';
    message += after;
    AddStateProblem(problems, key, value, std::move(message));
}

// message = before N middle L after (sizes and counts against their limits).
static void SayCount(std::vector<StateProblem>* problems, std::string_view key, std::string_view value, std::string_view before, size_t n,
                     std::string_view middle, size_t limit, std::string_view after)
{
    if (!problems)
        return;
    std::string message(before);
    message += std::to_string(n);
    message += middle;
    message += std::to_string(limit);
    message += after;
    AddStateProblem(problems, key, value, std::move(message));
}

// One of a closed set, or a problem "unknown <noun> "value" (expected one of ...)" and -1.
static int Choose(const NameSet& set, std::string_view key, std::string_view value, std::vector<StateProblem>* problems)
{
    int i = FindName(set, value);
    if (i < 0)
        Say(problems, key, value, set.Unknown, value, set.Expected);
    return i;
}

std::string StateProblemsToJson(const std::vector<StateProblem>& problems)
{
    nlohmann::json j = nlohmann::json::array();
    for (const StateProblem& p : problems)
        j.push_back({ { "key", p.Key }, { "value", p.Value }, { "message", p.Message } });
    return DumpJson(j);
}

// RFC 3629 byte ranges (no overlong forms, no surrogates, nothing above U+10FFFF).
static bool IsUtf8(std::string_view s)
{
    size_t i = 0;
    while (i < s.size())
    {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
        {
            i++;
            continue;
        }
        size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
        else if (c == 0xED) len = 3, hi = 0x9F;
        else if (c == 0xF0) len = 4, lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) len = 4, hi = 0x8F;
        else return false;
        if (s.size() - i < len)
            return false;
        unsigned char c1 = (unsigned char)s[i + 1];
        if (c1 < lo || c1 > hi)
            return false;
        for (size_t k = 2; k < len; k++)
            if (((unsigned char)s[i + k] & 0xC0) != 0x80)
                return false;
        i += len;
    }
    return true;
}

// Checks one text value (or id) against the limits; reports and returns false when it cannot be used.
// shown: what the problem shows as the value (the raw percent-encoded text for a hash). Control
// characters cannot be typed into the widget's one-line fields and would not survive them.
static bool UsableText(std::string_view key, std::string_view value, std::string_view shown, bool is_id, std::vector<StateProblem>* problems)
{
    size_t limit = is_id ? kMaxIdBytes : kMaxValueBytes;
    const char* fault = nullptr;
    if (value.size() > limit)
        return SayCount(problems, key, shown, is_id ? "id is " : "value is ", value.size(), " bytes long (limit ", limit, ")"), false;
    if (!IsUtf8(value))
        fault = "value is not UTF-8 text";
    else if (std::any_of(value.begin(), value.end(), [](char c) { return (unsigned char)c < 0x20 || c == 0x7F; }))
        fault = "value contains control characters";
    else if (is_id && value.empty())
        fault = "empty id";
    if (fault)
        AddStateProblem(problems, key, shown, fault);
    return !fault;
}

static void SayTooManyIds(std::vector<StateProblem>* problems, std::string_view key, std::string_view shown, size_t given)
{
    SayCount(problems, key, shown, "", given, " ids given (limit ", kMaxListItems, "); the first 256 are kept");
    static_assert(kMaxListItems == 256, "the message above names the limit");
}

//-----------------------------------------------------------------------------
// [SECTION] JSON (nlohmann DOM through non-throwing calls only)
//-----------------------------------------------------------------------------
// The core is built with JSON_NOEXCEPTION, where a throw aborts: so parse with allow_exceptions =
// false, check every type before reading, and dump invalid UTF-8 with the replace handler.

constexpr size_t kMaxStateDepth = 16; // a state nests 2 deep; dumping a value for a problem recurses

std::string ViewStateToJson(const ViewState& s)
{
    nlohmann::json j = nlohmann::json::object();
    j["version"] = 1;
    j["view"] = ViewKindName(s.View);
    j["metric"] = s.Metric;
    j["granularity"] = GranularityName(s.Granularity);
    j["entities"] = s.Entities;
    j["regions"] = s.Regions;
    j["period"] = s.Period;
    j["scale"] = s.Scale == ScaleKind_Log ? "log" : "linear";
    j["compare_by"] = s.CompareBy == CompareKind_Region ? "region" : "entity";
    j["group_by_origin"] = s.GroupByOrigin;
    j["sort_descending"] = s.SortDescending;
    j["filter"] = s.Filter;
    return DumpJson(j);
}

static const char* JsonTypeName(const nlohmann::json& j)
{
    if (j.is_null()) return "null";
    if (j.is_boolean()) return "a boolean";
    if (j.is_number()) return "a number";
    if (j.is_string()) return "a string";
    if (j.is_array()) return "an array";
    return "an object";
}

// A value as a problem shows it: a string as it is, anything else as compact JSON.
static std::string JsonText(const nlohmann::json& j) { return j.is_string() ? j.get_ref<const std::string&>() : DumpJson(j); }

static void WrongType(std::string_view key, const nlohmann::json& v, const char* expected, std::vector<StateProblem>* problems)
{
    if (problems)
        AddStateProblem(problems, key, JsonText(v), std::string("expected ") + expected + ", not " + JsonTypeName(v));
}

// Deepest nesting of arrays and objects, counted without parsing (strings skipped).
static size_t JsonNesting(std::string_view text)
{
    size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); i++)
    {
        char c = text[i];
        if (in_string)
        {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        }
        else if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{')
            deepest = std::max(deepest, ++depth);
        else if ((c == ']' || c == '}') && depth > 0)
            depth--;
    }
    return deepest;
}

static int ReadJsonChoice(const NameSet& set, std::string_view key, const nlohmann::json& v, std::vector<StateProblem>* problems)
{
    if (!v.is_string())
        return WrongType(key, v, "a string", problems), -1;
    return Choose(set, key, v.get_ref<const std::string&>(), problems);
}

static void ReadJsonText(std::string_view key, const nlohmann::json& v, bool is_id, std::string* out, std::vector<StateProblem>* problems)
{
    if (!v.is_string())
        return WrongType(key, v, is_id ? "a string id" : "a string", problems);
    const std::string& text = v.get_ref<const std::string&>();
    if (text.empty()) // "" = the default (let the resolver choose, or no filter)
        out->clear();
    else if (UsableText(key, text, text, is_id, problems))
        *out = text;
}

static void ReadJsonIds(std::string_view key, const nlohmann::json& v, std::vector<std::string>* out, std::vector<StateProblem>* problems)
{
    if (!v.is_array())
        return WrongType(key, v, "an array of string ids", problems);
    out->clear();
    for (const nlohmann::json& item : v)
    {
        if (out->size() == kMaxListItems)
            return SayTooManyIds(problems, key, JsonText(v), v.size());
        if (!item.is_string())
            WrongType(key, item, "a string id", problems);
        else if (UsableText(key, item.get_ref<const std::string&>(), item.get_ref<const std::string&>(), true, problems))
            out->push_back(item.get_ref<const std::string&>());
    }
}

static void ReadJsonBool(std::string_view key, const nlohmann::json& v, bool* out, std::vector<StateProblem>* problems)
{
    if (!v.is_boolean())
        return WrongType(key, v, "true or false", problems);
    *out = v.get<bool>();
}

// One member onto *s. null puts the member back to its default.
static void ApplyJsonMember(const std::string& key, const nlohmann::json& v, ViewState* s, std::vector<StateProblem>* problems)
{
    const ViewState defaults;
    int member = FindName(kJsonKeys, key);
    if (member < 0)
        return Say(problems, key, JsonText(v), kJsonKeys.Unknown, key, kJsonKeys.Expected);
    if (v.is_null())
    {
        switch (member)
        {
        case 1: s->View = defaults.View; break;
        case 2: s->Metric.clear(); break;
        case 3: s->Entities.clear(); break;
        case 4: s->Regions.clear(); break;
        case 5: s->Period.clear(); break;
        case 6: s->Scale = defaults.Scale; break;
        case 7: s->CompareBy = defaults.CompareBy; break;
        case 8: s->GroupByOrigin = defaults.GroupByOrigin; break;
        case 9: s->SortDescending = defaults.SortDescending; break;
        case 10: s->Filter.clear(); break;
        case 11: s->Granularity = PeriodKind_None; break;
        default: break;
        }
        return;
    }
    int index = -1;
    switch (member)
    {
    case 0: // version: a state written by a newer widget is still read, member by member
        if (!v.is_number())
            WrongType(key, v, "the number 1", problems);
        else if (v.get<double>() != 1.0)
            AddStateProblem(problems, key, JsonText(v), "unsupported version (this widget reads version 1); the members it knows are applied");
        break;
    case 1:
        if ((index = ReadJsonChoice(kViews, key, v, problems)) >= 0)
            s->View = (ViewKind)index;
        break;
    case 2: ReadJsonText(key, v, true, &s->Metric, problems); break;
    case 3: ReadJsonIds(key, v, &s->Entities, problems); break;
    case 4: ReadJsonIds(key, v, &s->Regions, problems); break;
    case 5: ReadJsonText(key, v, false, &s->Period, problems); break;
    case 6:
        if ((index = ReadJsonChoice(kScales, key, v, problems)) >= 0)
            s->Scale = (ScaleKind)index;
        break;
    case 7:
        if ((index = ReadJsonChoice(kCompares, key, v, problems)) >= 0)
            s->CompareBy = (CompareKind)index;
        break;
    case 8: ReadJsonBool(key, v, &s->GroupByOrigin, problems); break;
    case 9: ReadJsonBool(key, v, &s->SortDescending, problems); break;
    case 10: ReadJsonText(key, v, false, &s->Filter, problems); break;
    case 11: // "" = the default, like period
        if (v.is_string() && v.get_ref<const std::string&>().empty())
            s->Granularity = PeriodKind_None;
        else if ((index = ReadJsonChoice(kGranularities, key, v, problems)) >= 0)
            s->Granularity = (PeriodKind)(PeriodKind_Year + index);
        break;
    default: break;
    }
}

bool ApplyViewStateJson(std::string_view text, ViewState* state, std::vector<StateProblem>* problems)
{
    if (text.size() > kMaxStateTextBytes)
        return SayCount(problems, "", text, "the state is ", text.size(), " bytes long (limit ", kMaxStateTextBytes, ")"), false;
    size_t nesting = JsonNesting(text);
    if (nesting > kMaxStateDepth)
        return SayCount(problems, "", text, "the state nests ", nesting, " levels deep (limit ", kMaxStateDepth, ")"), false;
    nlohmann::json j = ParseJson(std::string(text));   // a copy of at most kMaxStateTextBytes (see json_dom.h)
    if (j.is_discarded())
        return AddStateProblem(problems, "", text, "the state is not valid JSON"), false;
    if (!j.is_object())
        return AddStateProblem(problems, "", JsonText(j), std::string("the state must be a JSON object, not ") + JsonTypeName(j)), false;
    ViewState s = *state;
    for (const auto& member : j.get_ref<const nlohmann::json::object_t&>())
        ApplyJsonMember(member.first, member.second, &s, problems);
    *state = std::move(s);
    return true;
}

bool ViewStateFromJson(std::string_view text, ViewState* out, std::vector<StateProblem>* problems)
{
    ViewState s;
    if (!ApplyViewStateJson(text, &s, problems))
        return false;
    *out = std::move(s);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] URL hash
//-----------------------------------------------------------------------------

std::string PercentEncode(std::string_view text)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text)
    {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved)
            out += (char)c;
        else
        {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

static int HexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes %XX. Strict (bad != nullptr): false at the first malformed escape, with *bad set to it
// ("%", "%4", "%zz"). Lenient: a malformed escape stays as it is.
static bool DecodeEscapes(std::string_view text, std::string* out, std::string_view* bad)
{
    out->clear();
    out->reserve(text.size());
    for (size_t i = 0; i < text.size(); i++)
    {
        int hi = -1, lo = -1;
        if (text[i] == '%' && i + 2 < text.size() && (hi = HexValue(text[i + 1])) >= 0 && (lo = HexValue(text[i + 2])) >= 0)
        {
            *out += (char)(hi * 16 + lo);
            i += 2;
            continue;
        }
        if (text[i] == '%' && bad)
        {
            *bad = text.substr(i, 3);
            return false;
        }
        *out += text[i];
    }
    return true;
}

std::string PercentDecode(std::string_view text)
{
    std::string out;
    DecodeEscapes(text, &out, nullptr);
    return out;
}

static std::string EncodeList(const std::vector<std::string>& items)
{
    std::string out;
    for (size_t i = 0; i < items.size(); i++)
        out += (i ? "," : "") + PercentEncode(items[i]);
    return out;
}

std::string EncodeHash(const ViewState& s)
{
    const ViewState defaults;
    std::string out = "#ls1:view=";
    out += ViewKindName(s.View);
    if (!s.Metric.empty())
        out += "&metric=" + PercentEncode(s.Metric);
    if (s.Granularity != PeriodKind_None)
        out += std::string("&granularity=") + GranularityName(s.Granularity);
    if (!s.Entities.empty())
        out += "&entities=" + EncodeList(s.Entities);
    if (!s.Regions.empty())
        out += "&regions=" + EncodeList(s.Regions);
    if (!s.Period.empty())
        out += "&period=" + PercentEncode(s.Period);
    if (s.Scale != defaults.Scale)
        out += s.Scale == ScaleKind_Log ? "&scale=log" : "&scale=linear";
    if (s.CompareBy != defaults.CompareBy)
        out += s.CompareBy == CompareKind_Region ? "&by=region" : "&by=entity";
    if (s.GroupByOrigin != defaults.GroupByOrigin)
        out += s.GroupByOrigin ? "&origin=1" : "&origin=0";
    if (s.SortDescending != defaults.SortDescending)
        out += s.SortDescending ? "&sort=desc" : "&sort=asc";
    if (!s.Filter.empty())
        out += "&filter=" + PercentEncode(s.Filter);
    return out;
}

// One value of the hash, decoded and checked; false (reported) when it cannot be used.
static bool DecodeValue(std::string_view key, std::string_view raw, bool is_id, std::string* out, std::vector<StateProblem>* problems)
{
    std::string_view bad;
    if (!DecodeEscapes(raw, out, &bad))
        return Say(problems, key, raw, "malformed percent-escape ", bad, ""), false;
    return UsableText(key, *out, raw, is_id, problems);
}

// entities, regions: comma-separated ids; a bad item is dropped, the others kept.
static void DecodeIdList(std::string_view key, std::string_view raw, std::vector<std::string>* out, std::vector<StateProblem>* problems)
{
    out->clear();
    if (raw.empty())
        return;
    size_t given = (size_t)std::count(raw.begin(), raw.end(), ',') + 1;
    size_t start = 0;
    std::string item;
    for (size_t n = 0; n < given && n < kMaxListItems; n++)
    {
        size_t comma = std::min(raw.find(',', start), raw.size());
        if (DecodeValue(key, raw.substr(start, comma - start), true, &item, problems))
            out->push_back(item);
        start = comma + 1;
    }
    if (given > kMaxListItems)
        SayTooManyIds(problems, key, raw, given);
}

bool DecodeHash(std::string_view hash, ViewState* out, std::vector<StateProblem>* problems)
{
    const size_t given_size = hash.size();
    if (!hash.empty() && hash[0] == '#')
        hash.remove_prefix(1);
    if (hash.substr(0, 4) != "ls1:")
    {
        // "ls2:" and later: a link from a newer widget, worth saying; anything else is not ours.
        size_t colon = hash.substr(0, 12).find(':');
        std::string_view version = hash.substr(0, colon);
        if (colon != std::string_view::npos && colon > 2 && version.substr(0, 2) == "ls" &&
            version.find_first_not_of("0123456789", 2) == std::string_view::npos)
            Say(problems, "", hash.substr(0, colon + 1), "links of version ", version, " are not supported (this widget reads ls1)");
        return false;
    }
    if (given_size > kMaxStateTextBytes)
        return SayCount(problems, "", hash, "the link is ", given_size, " bytes long (limit ", kMaxStateTextBytes, ")"), false;
    hash.remove_prefix(4);
    ViewState s;
    std::string key, value;
    size_t start = 0;
    while (start < hash.size())
    {
        size_t amp = std::min(hash.find('&', start), hash.size());
        std::string_view pair = hash.substr(start, amp - start);
        start = amp + 1;
        if (pair.empty())
            continue;
        size_t eq = pair.find('=');
        if (eq == std::string_view::npos)
        {
            Say(problems, "", pair, "malformed pair ", pair, " (expected key=value)");
            continue;
        }
        std::string_view raw_key = pair.substr(0, eq), raw = pair.substr(eq + 1), bad;
        if (!DecodeEscapes(raw_key, &key, &bad))
        {
            Say(problems, "", pair, "malformed percent-escape ", bad, " in a key");
            continue;
        }
        if (key.empty())
        {
            Say(problems, "", pair, "pair ", pair, " has no key");
            continue;
        }
        int which = FindName(kHashKeySet, key);
        if (which < 0)
        {
            Say(problems, key, raw, kHashKeySet.Unknown, key, kHashKeySet.Expected);
            continue;
        }
        if (which == 2 || which == 3)
        {
            DecodeIdList(key, raw, which == 2 ? &s.Entities : &s.Regions, problems);
            continue;
        }
        // "metric=" and "period=" (empty) mean the default; an empty id is no problem here.
        if (!DecodeValue(key, raw, which == 1 && !raw.empty(), &value, problems))
            continue;
        int index = -1;
        switch (which)
        {
        case 0:
            if ((index = Choose(kViews, key, value, problems)) >= 0)
                s.View = (ViewKind)index;
            break;
        case 1: s.Metric = value; break;
        case 4: s.Period = value; break;
        case 5:
            if ((index = Choose(kScales, key, value, problems)) >= 0)
                s.Scale = (ScaleKind)index;
            break;
        case 6:
            if ((index = Choose(kCompares, key, value, problems)) >= 0)
                s.CompareBy = (CompareKind)index;
            break;
        case 7:
            if ((index = Choose(kOrigins, key, value, problems)) >= 0)
                s.GroupByOrigin = index == 0;
            break;
        case 8:
            if ((index = Choose(kSorts, key, value, problems)) >= 0)
                s.SortDescending = index == 0;
            break;
        case 9: s.Filter = value; break;
        case 10:
            if (value.empty())
                s.Granularity = PeriodKind_None;
            else if ((index = Choose(kGranularities, key, value, problems)) >= 0)
                s.Granularity = (PeriodKind)(PeriodKind_Year + index);
            break;
        default: break;
        }
    }
    *out = std::move(s);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Resolving against a dataset
//-----------------------------------------------------------------------------

// Keeps the ids the dataset knows, once each, in the state's order; reports the others.
static std::vector<int> KnownIds(const Dataset& ds, std::vector<std::string>* ids, int (Dataset::*find)(std::string_view) const, const char* key,
                                 const char* no_noun, const char* noun, std::vector<StateProblem>* problems)
{
    std::vector<int> indices;
    std::vector<std::string> kept;
    for (const std::string& id : *ids)
    {
        int i = (ds.*find)(id);
        if (i < 0)
            Say(problems, key, id, no_noun, id, " in the data");
        else if (std::find(indices.begin(), indices.end(), i) != indices.end())
            Say(problems, key, id, noun, id, " is listed twice");
        else
        {
            indices.push_back(i);
            kept.push_back(id);
        }
    }
    *ids = std::move(kept);
    return indices;
}

// Why a period the state asks for cannot be shown for the metric: outside the metric's periods
// with data (say which end) or in a gap between them (name the neighbours).
static void SayPeriodWithoutData(std::vector<StateProblem>* problems, const std::string& asked_text, Period asked, const std::vector<Period>& periods,
                                 const std::string& metric)
{
    auto next = std::lower_bound(periods.begin(), periods.end(), asked);
    std::string why = next == periods.begin() ? " is before the data's first period for " : next == periods.end() ? " is after the data's last period for "
                                                                                                            : " has no data for ";
    why += metric;
    why += " (";
    bool gap = next != periods.begin() && next != periods.end();
    if (gap)
        why += "nearest: ";
    if (next != periods.begin())
        why += FormatPeriod(next[-1]);
    if (gap)
        why += ", ";
    if (next != periods.end())
        why += FormatPeriod(*next);
    why += ")";
    Say(problems, "period", asked_text, "period ", asked_text, why);
}

std::vector<Period> GranularityPeriods(const Dataset& ds, int metric, PeriodKind g)
{
    std::vector<Period> periods = MetricPeriods(ds, metric);
    periods.erase(std::remove_if(periods.begin(), periods.end(), [&](Period p) { return GetPeriodKind(p) != g; }), periods.end());
    return periods;
}

std::vector<PeriodKind> MetricGranularities(const Dataset& ds, int metric)
{
    bool seen[PeriodKind_Day + 1] = {};
    for (uint32_t row : MetricRows(ds, metric))
        seen[GetPeriodKind(ds.Observations.Periods[row])] = true;
    std::vector<PeriodKind> kinds;
    for (int k = PeriodKind_Year; k <= PeriodKind_Day; k++)
        if (seen[k])
            kinds.push_back((PeriodKind)k);
    return kinds;
}

// "Latest" in the order of periods everywhere else: by first day (a quarter that starts after a
// year began is later than that year), so Q3 2025 is later than 2025.
PeriodKind DefaultGranularity(const Dataset& ds, int metric) { return GetPeriodKind(LatestPeriod(ds, metric)); }

ResolvedView ResolveViewState(const Dataset& ds, ViewState* s, std::vector<StateProblem>* problems)
{
    ResolvedView r;
    std::vector<uint32_t> per_metric = CountRowsPerMetric(ds);
    r.Metric = ds.FindMetric(s->Metric);
    if (!s->Metric.empty() && r.Metric < 0)
        Say(problems, "metric", s->Metric, "no metric ", s->Metric, " in the data");
    else if (r.Metric >= 0 && per_metric[r.Metric] == 0)
        Say(problems, "metric", s->Metric, "metric ", s->Metric, " has no observations");
    if (r.Metric < 0 || per_metric[r.Metric] == 0)
    {
        // The busiest metric: the one most likely to give a full first picture.
        r.Metric = -1;
        for (size_t m = 0; m < per_metric.size(); m++)
            if (per_metric[m] > 0 && (r.Metric < 0 || per_metric[m] > per_metric[r.Metric]))
                r.Metric = (int)m;
    }
    s->Metric = r.Metric >= 0 ? ds.Metrics[r.Metric].Id : std::string();

    r.Regions = KnownIds(ds, &s->Regions, &Dataset::FindRegion, "regions", "no region ", "region ", problems);
    if (r.Regions.empty() && r.Metric >= 0)
    {
        std::vector<uint32_t> per_region(ds.Regions.size(), 0);
        for (uint32_t row : MetricRows(ds, r.Metric))
            per_region[ds.Observations.Regions[row]]++;
        auto busiest = std::max_element(per_region.begin(), per_region.end());
        if (busiest != per_region.end() && *busiest > 0)
        {
            r.Regions.push_back((int)(busiest - per_region.begin()));
            s->Regions.push_back(ds.Regions[r.Regions[0]].Id);
        }
    }

    r.Entities = KnownIds(ds, &s->Entities, &Dataset::FindEntity, "entities", "no entity ", "entity ", problems);
    if (r.Entities.empty() && r.Metric >= 0)
    {
        // The top entities at the latest period in the chosen region, then any others with data.
        int region = r.Regions.empty() ? -1 : r.Regions[0];
        std::vector<uint32_t> ranked = region >= 0 ? Ranking(ds, r.Metric, LatestPeriod(ds, r.Metric, -1, region), CompareKind_Entity, region)
                                                   : std::vector<uint32_t>();
        for (uint32_t row : ranked)
            if ((int)r.Entities.size() < kDefaultEntityCount)
                r.Entities.push_back(ds.Observations.Entities[row]);
        for (int e : EntitiesWithData(ds, r.Metric))
            if ((int)r.Entities.size() < kDefaultEntityCount && std::find(r.Entities.begin(), r.Entities.end(), e) == r.Entities.end())
                r.Entities.push_back(e);
        for (int e : r.Entities)
            s->Entities.push_back(ds.Entities[e].Id);
    }

    // Granularity: the one asked for if the metric has figures of it; else the kind of the period
    // asked for; else the one with the latest data. Every period shown is of that granularity, so
    // an annual figure never stands beside a quarterly one.
    std::vector<PeriodKind> kinds = r.Metric >= 0 ? MetricGranularities(ds, r.Metric) : std::vector<PeriodKind>();
    auto has_kind = [&](PeriodKind k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); };
    if (s->Granularity != PeriodKind_None && r.Metric >= 0 && !has_kind(s->Granularity))
    {
        std::string have;
        for (PeriodKind k : kinds)
            have += std::string(have.empty() ? "" : ", ") + GranularityName(k);
        Say(problems, "granularity", GranularityName(s->Granularity), "metric ", ds.Metrics[r.Metric].Id,
            std::string(" has no figures by ") + GranularityName(s->Granularity) + " (it has: " + have + ")");
        s->Granularity = PeriodKind_None;
    }
    Period asked;
    bool parsed = false;
    if (!s->Period.empty())
    {
        const char* why_not = "";
        if (!(parsed = ParsePeriod(s->Period, &asked, &why_not)))
            Say(problems, "period", s->Period, "", s->Period, std::string(" is not a period: ") + why_not);
        else if (r.Metric < 0)
            Say(problems, "period", s->Period, "no data for period ", s->Period, ": the data has no observations"), parsed = false;
        else if (s->Granularity != PeriodKind_None && GetPeriodKind(asked) != s->Granularity)
        {
            Say(problems, "period", s->Period, "period ", s->Period,
                std::string(" is a ") + GranularityName(GetPeriodKind(asked)) + ", not a " + GranularityName(s->Granularity) +
                    " (the granularity asked for)");
            parsed = false;
        }
    }
    r.Granularity = s->Granularity;
    if (r.Granularity == PeriodKind_None && parsed && has_kind(GetPeriodKind(asked)))
        r.Granularity = GetPeriodKind(asked);
    if (r.Granularity == PeriodKind_None && r.Metric >= 0)
        r.Granularity = DefaultGranularity(ds, r.Metric);
    if (parsed)
    {
        std::vector<Period> periods = GranularityPeriods(ds, r.Metric, r.Granularity);
        if (std::binary_search(periods.begin(), periods.end(), asked))
        {
            r.When = asked;
            r.WhenIsLatest = false;
            s->Period = FormatPeriod(asked);
        }
        else if (!periods.empty())
            SayPeriodWithoutData(problems, s->Period, asked, periods, ds.Metrics[r.Metric].Id);
    }
    if (r.WhenIsLatest)
    {
        s->Period.clear();
        std::vector<Period> periods = r.Metric >= 0 ? GranularityPeriods(ds, r.Metric, r.Granularity) : std::vector<Period>();
        r.When = periods.empty() ? Period{} : periods.back();
    }
    if (s->Scale == ScaleKind_Log && r.Metric >= 0 && MetricValueRange(ds, r.Metric).MinPositive <= 0.0)
    {
        // Nothing to draw on a log axis.
        Say(problems, "scale", "log", "metric ", ds.Metrics[r.Metric].Id, " has no positive values for a log scale; the scale is linear");
        s->Scale = ScaleKind_Linear;
    }
    return r;
}

} // namespace ls
