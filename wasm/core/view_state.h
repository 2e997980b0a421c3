// View state: what the explorer shows (view, metric, selection, period, options), as plain data
// that round-trips through JSON (embedding options, saved state) and through the URL hash
// (shareable links). Ids, not indices, so a state survives a new edition of the data file;
// ResolveViewState() maps it onto a Dataset and fills in sensible defaults.
//
//   ls::ViewState s;
//   ls::DecodeHash(location_hash, &s);               // "#ls1:view=trend&metric=mau..."
//   ls::ResolvedView v = ls::ResolveViewState(ds, &s); // unknown ids dropped, defaults chosen
//   ... draw v.Metric, v.Entities, v.When ...
//   std::string link = ls::EncodeHash(s);
//
// URL hash grammar, version 1 ("ls1"):
//   hash   = "#ls1:" [ pair *( "&" pair ) ]          ; the leading "#" is optional for DecodeHash
//   pair   = key "=" value
//   key    = "view" | "metric" | "entities" | "regions" | "period" | "scale" | "by" | "origin" | "sort" | "filter"
//   value  = percent-encoded UTF-8: RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) stay as
//            they are, every other byte is %XX (upper-case hex); "+" is a plus sign, not a space
//   entities, regions = item *( "," item )            ; each item percent-encoded, so "," inside an item is %2C
//   view   = "map" | "trend" | "compare" | "share" | "table" | "sources"
//   scale  = "linear" | "log"      by   = "entity" | "region"
//   origin = "1" | "0"             sort = "desc" | "asc"
//   period = a landscape period such as "2023-Q2"; absent = the latest period with data
//   Keys may come in any order; a repeated key: the last one wins; unknown keys, unknown values and
//   malformed pairs are ignored so that links made by a newer widget still open. EncodeHash writes
//   keys in the order above and leaves out those equal to their default (view is always written).
//   Example: #ls1:view=map&metric=facebook-dau&entities=facebook,snapchat&period=2023-Q2&scale=log
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
    Period When;               // the state's period, or the latest with data for the metric
    bool WhenIsLatest = true;  // the state asked for no particular period
};

constexpr int kDefaultEntityCount = 5; // how many top entities ResolveViewState picks when none are given

const char* ViewKindName(ViewKind v);                      // "map", "trend" ...
bool ParseViewKind(std::string_view name, ViewKind* out);  // false for an unknown name (out untouched)
std::string ViewStateToJson(const ViewState& s);           // {"version":1,"view":"map",...}
bool ViewStateFromJson(std::string_view text, ViewState* out); // starts from defaults; false when text is not a JSON object (out untouched); wrong-typed or unknown members are skipped
std::string EncodeHash(const ViewState& s);                 // "#ls1:view=map&metric=..." (grammar above)
bool DecodeHash(std::string_view hash, ViewState* out);     // starts from defaults; false when not an "ls1:" hash (out untouched)
std::string PercentEncode(std::string_view text);           // RFC 3986: unreserved kept, other bytes %XX
std::string PercentDecode(std::string_view text);           // %XX -> byte; a malformed % stays as it is
ResolvedView ResolveViewState(const Dataset& ds, ViewState* s); // drop unknown ids, choose defaults (busiest metric, its top entities, busiest region, latest period); rewrites *s to match

} // namespace ls
