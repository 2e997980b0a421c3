// View state: what the explorer shows (view, metric, selection, period, options), as plain data
// that round-trips through JSON (embedding options, saved state) and through the URL hash
// (shareable links). Ids, not indices, so a state survives a new edition of the data file;
// ResolveViewState() maps it onto a Dataset and fills in sensible defaults.
//
//   ls::ViewState s;
//   std::vector<ls::StateProblem> problems;            // optional: what was ignored, and why
//   ls::DecodeHash(location_hash, &s, &problems);      // "#ls1:view=trend&metric=mau..."
//   ls::ResolvedView v = ls::ResolveViewState(ds, &s, &problems); // unknown ids dropped, defaults chosen
//   ... draw v.Metric, v.Entities, v.When ...
//   std::string link = ls::EncodeHash(s);
//
// URL hash grammar, version 1 ("ls1"):
//   hash   = "#ls1:" [ pair *( "&" pair ) ]          ; the leading "#" is optional for DecodeHash
//   pair   = key "=" value
//   key    = "view" | "metric" | "granularity" | "entities" | "regions" | "period" | "scale" | "by" | "origin" | "sort" | "filter"
//   value  = percent-encoded UTF-8: RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) stay as
//            they are, every other byte is %XX (upper-case hex); "+" is a plus sign, not a space
//   entities, regions = item *( "," item )            ; each item percent-encoded, so "," inside an item is %2C
//   view   = "map" | "trend" | "compare" | "share" | "table" | "sources"
//   scale  = "linear" | "log"      by   = "entity" | "region"
//   origin = "1" | "0"             sort = "desc" | "asc"
//   granularity = "year" | "quarter" | "month" | "day"; absent = the period's own kind when a period
//            is given, else the granularity with the latest data for the metric
//   period = a landscape period such as "2023-Q2", of the granularity; absent = the latest period
//            of that granularity with data
//   Keys may come in any order; a repeated key: the last one wins; empty pairs ("&&", a trailing
//   "&") are skipped. Unknown keys, unknown values and malformed pairs are ignored so that links
//   made by a newer widget still open, and each is reported as a StateProblem. A value with a
//   malformed percent-escape ("%", "%4", "%zz") or whose bytes are not UTF-8 is not applied at all
//   (a mangled link must not half-apply: "caf%C3" is not "caf"); in entities and regions only that
//   item is dropped. An "ls2:" (any other "lsN:") hash is refused and reported; any other hash
//   (a page anchor such as "#section-2") is not ours: refused, nothing reported.
//   EncodeHash writes keys in the order above and leaves out those equal to their default (view
//   is always written). Example:
//   #ls1:view=map&metric=facebook-dau&entities=facebook,snapchat&period=2023-Q2&scale=log
//
// JSON (ViewStateToJson / ViewStateFromJson / ApplyViewStateJson): one object with the members
//   version (1), view, metric, granularity, entities, regions, period, scale, compare_by ("entity" | "region"),
//   group_by_origin, sort_descending, filter. A member that is null takes its default. Unknown
//   members, wrong types, unknown values and items that are not strings are skipped and reported;
//   the rest applies.
//
// Limits (checked before any work, so a 10 MB link costs nothing):
//   kMaxStateTextBytes for a whole hash or JSON text (over it: refused, nothing applied);
//   kMaxValueBytes for one value (view, period, filter ...) and kMaxIdBytes for one id (landscape/1
//   ids are at most 64 bytes): longer ones are skipped; kMaxListItems ids in entities or regions:
//   the first ones are kept. Problems are capped at kMaxStateProblems plus one "N more" line,
//   and a problem's Value at kMaxProblemValueBytes (cut at a UTF-8 boundary, then "…").
//
// Resolving reports what it drops or replaces: ids not in the data, a metric without data, a
// period that does not parse or has no data for the metric (before the first / after the last
// period with data, or a gap), a granularity the metric has no figures of, a period of another
// granularity than the one asked for, a log scale for a metric without positive values.
#pragma once

#include "core/dataset.h"
#include "core/queries.h"

#include <string>
#include <string_view>
#include <vector>

namespace ls
{

enum ViewKind
{
    ViewKind_Map,
    ViewKind_Trend,
    ViewKind_Compare,
    ViewKind_Share,
    ViewKind_Table,
    ViewKind_Sources,
    ViewKind_COUNT
};

enum ScaleKind
{
    ScaleKind_Linear,
    ScaleKind_Log,
};

struct ViewState
{
    ViewKind View = ViewKind_Map;
    std::string Metric;                // metric id; "" = let ResolveViewState choose
    PeriodKind Granularity = PeriodKind_None; // year, quarter, month, day; None = the period's kind, else the one with the latest data
    std::vector<std::string> Entities; // entity ids, in the order the user picked them
    std::vector<std::string> Regions;  // region ids
    std::string Period;                // "2023-Q2"; "" = the latest period with data
    ScaleKind Scale = ScaleKind_Linear;
    CompareKind CompareBy = CompareKind_Entity;
    bool GroupByOrigin = false;        // group entities by HqCountry
    bool SortDescending = true;        // table and rankings: largest (or best) first
    std::string Filter;                // table text filter (see FilterRows)

    friend bool operator==(const ViewState& a, const ViewState& b);
    friend bool operator!=(const ViewState& a, const ViewState& b) { return !(a == b); }
};

// A ViewState mapped onto one dataset.
struct ResolvedView
{
    int Metric = -1;           // -1 only when the dataset has no observations at all
    std::vector<int> Entities; // known ids only, in state order
    std::vector<int> Regions;
    PeriodKind Granularity = PeriodKind_None; // of every period the views show (None only without data)
    Period When;               // the state's period, or the latest with data for the metric at that granularity
    bool WhenIsLatest = true;  // the state asked for no particular period
};

constexpr int kDefaultEntityCount = 5; // how many top entities ResolveViewState picks when none are given

// Something a state door (hash, JSON) could not use. Key: the hash key or JSON member it was
// given under ("view", "entities", "compare_by"; "" for the text as a whole or the "N more"
// line). Value: the offending value as text (a JSON value that is not a string as compact JSON),
// at most kMaxProblemValueBytes + "…". Message: plain English, says what was expected.
struct StateProblem
{
    std::string Key;
    std::string Value;
    std::string Message;

    friend bool operator==(const StateProblem& a, const StateProblem& b) { return a.Key == b.Key && a.Value == b.Value && a.Message == b.Message; }
};

constexpr size_t kMaxStateTextBytes = 64 * 1024;  // a whole hash or JSON state (a real one is a few hundred bytes)
constexpr size_t kMaxValueBytes = 1024;           // one value after decoding (filter, period, view ...)
constexpr size_t kMaxIdBytes = 256;               // one metric, entity or region id (landscape/1: at most 64)
constexpr size_t kMaxListItems = 256;             // ids in entities or regions
constexpr size_t kMaxStateProblems = 20;          // problems listed; the rest are counted in one more line
constexpr size_t kMaxProblemValueBytes = 80;      // a problem's Value is cut here (then "…")

const char* ViewKindName(ViewKind v);                      // "map", "trend" ...
const char* GranularityName(PeriodKind g);                 // "year", "quarter", "month", "day"; "" for None
bool ParseGranularity(std::string_view name, PeriodKind* out); // false for an unknown name (out untouched)
std::vector<PeriodKind> MetricGranularities(const Dataset& ds, int metric); // granularities with data, coarsest first
PeriodKind DefaultGranularity(const Dataset& ds, int metric); // the kind of the metric's latest period (by first day); None without data
std::vector<Period> GranularityPeriods(const Dataset& ds, int metric, PeriodKind g); // sorted, unique periods of that kind with data
bool ParseViewKind(std::string_view name, ViewKind* out);  // false for an unknown name (out untouched)
std::string ViewStateToJson(const ViewState& s);           // {"version":1,"view":"map",...}
// The parsers apply what is valid and append what they skip to *problems (when not null).
bool ViewStateFromJson(std::string_view text, ViewState* out, std::vector<StateProblem>* problems = nullptr); // starts from defaults; false when text is not a JSON object or too long (out untouched)
bool ApplyViewStateJson(std::string_view text, ViewState* state, std::vector<StateProblem>* problems = nullptr); // partial: only the members given change; false as above (state untouched)
std::string EncodeHash(const ViewState& s);                 // "#ls1:view=map&metric=..." (grammar above)
bool DecodeHash(std::string_view hash, ViewState* out, std::vector<StateProblem>* problems = nullptr); // starts from defaults; false when not an "ls1:" hash or too long (out untouched)
std::string PercentEncode(std::string_view text);           // RFC 3986: unreserved kept, other bytes %XX
std::string PercentDecode(std::string_view text);           // %XX -> byte; a malformed % stays as it is
ResolvedView ResolveViewState(const Dataset& ds, ViewState* s, std::vector<StateProblem>* problems = nullptr); // drop unknown ids, choose defaults (busiest metric, its top entities, busiest region, latest period); rewrites *s to match
void AddStateProblem(std::vector<StateProblem>* problems, std::string_view key, std::string_view value, std::string message); // appends within the caps above (null: nothing)
std::string StateProblemsToJson(const std::vector<StateProblem>& problems); // [{"key":..,"value":..,"message":..}]

} // namespace ls
