// View state: JSON, URL hash and resolution against a dataset (see view_state.h).
//
// Index
//   [SECTION] Names and comparison
//   [SECTION] JSON (nlohmann DOM through non-throwing calls only)
//   [SECTION] URL hash
//   [SECTION] Resolving against a dataset
#include "core/view_state.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace ls
{

//-----------------------------------------------------------------------------
// [SECTION] Names and comparison
//-----------------------------------------------------------------------------

static const char* const kViewNames[ViewKind_COUNT] = { "map", "trend", "compare", "share", "table", "sources" };

const char* ViewKindName(ViewKind v) { return v >= 0 && v < ViewKind_COUNT ? kViewNames[v] : "map"; }

bool ParseViewKind(std::string_view name, ViewKind* out)
{
    for (int i = 0; i < ViewKind_COUNT; i++)
        if (name == kViewNames[i])
        {
            *out = (ViewKind)i;
            return true;
        }
    return false;
}

bool operator==(const ViewState& a, const ViewState& b)
{
    return a.View == b.View && a.Metric == b.Metric && a.Entities == b.Entities && a.Regions == b.Regions && a.Period == b.Period &&
           a.Scale == b.Scale && a.CompareBy == b.CompareBy && a.GroupByOrigin == b.GroupByOrigin && a.SortDescending == b.SortDescending &&
           a.Filter == b.Filter;
}

//-----------------------------------------------------------------------------
// [SECTION] JSON (nlohmann DOM through non-throwing calls only)
//-----------------------------------------------------------------------------
// The core is built with JSON_NOEXCEPTION, where a throw aborts: so parse with allow_exceptions =
// false, check every type before reading, and dump invalid UTF-8 with the replace handler.

std::string ViewStateToJson(const ViewState& s)
{
    nlohmann::json j = nlohmann::json::object();
    j["version"] = 1;
    j["view"] = ViewKindName(s.View);
    j["metric"] = s.Metric;
    j["entities"] = s.Entities;
    j["regions"] = s.Regions;
    j["period"] = s.Period;
    j["scale"] = s.Scale == ScaleKind_Log ? "log" : "linear";
    j["compare_by"] = s.CompareBy == CompareKind_Region ? "region" : "entity";
    j["group_by_origin"] = s.GroupByOrigin;
    j["sort_descending"] = s.SortDescending;
    j["filter"] = s.Filter;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

static void ReadStringList(const nlohmann::json& j, std::vector<std::string>* out)
{
    out->clear();
    for (const nlohmann::json& item : j)
        if (item.is_string())
            out->push_back(item.get_ref<const std::string&>());
}

bool ViewStateFromJson(std::string_view text, ViewState* out)
{
    if (text.size() > (1u << 20)) // a view state is a few hundred bytes; refuse anything absurd
        return false;
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return false;
    ViewState s;
    auto string_member = [&](const char* key, const std::string** value) {
        auto it = j.find(key);
        if (it == j.end() || !it->is_string())
            return false;
        *value = &it->get_ref<const std::string&>();
        return true;
    };
    auto bool_member = [&](const char* key, bool* value) {
        auto it = j.find(key);
        if (it != j.end() && it->is_boolean())
            *value = it->get<bool>();
    };
    const std::string* str = nullptr;
    if (string_member("view", &str))
        ParseViewKind(*str, &s.View);
    if (string_member("metric", &str))
        s.Metric = *str;
    if (string_member("period", &str))
        s.Period = *str;
    if (string_member("filter", &str))
        s.Filter = *str;
    if (string_member("scale", &str) && (*str == "log" || *str == "linear"))
        s.Scale = *str == "log" ? ScaleKind_Log : ScaleKind_Linear;
    if (string_member("compare_by", &str) && (*str == "region" || *str == "entity"))
        s.CompareBy = *str == "region" ? CompareKind_Region : CompareKind_Entity;
    auto it = j.find("entities");
    if (it != j.end() && it->is_array())
        ReadStringList(*it, &s.Entities);
    it = j.find("regions");
    if (it != j.end() && it->is_array())
        ReadStringList(*it, &s.Regions);
    bool_member("group_by_origin", &s.GroupByOrigin);
    bool_member("sort_descending", &s.SortDescending);
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

std::string PercentDecode(std::string_view text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); i++)
    {
        int hi = -1, lo = -1;
        if (text[i] == '%' && i + 2 < text.size() && (hi = HexValue(text[i + 1])) >= 0 && (lo = HexValue(text[i + 2])) >= 0)
        {
            out += (char)(hi * 16 + lo);
            i += 2;
        }
        else
            out += text[i];
    }
    return out;
}

static std::string EncodeList(const std::vector<std::string>& items)
{
    std::string out;
    for (size_t i = 0; i < items.size(); i++)
        out += (i ? "," : "") + PercentEncode(items[i]);
    return out;
}

static std::vector<std::string> DecodeList(std::string_view value)
{
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= value.size())
    {
        size_t comma = value.find(',', start);
        if (comma == std::string_view::npos)
            comma = value.size();
        std::string item = PercentDecode(value.substr(start, comma - start));
        if (!item.empty())
            items.push_back(item);
        start = comma + 1;
    }
    return items;
}

std::string EncodeHash(const ViewState& s)
{
    const ViewState defaults;
    std::string out = "#ls1:view=";
    out += ViewKindName(s.View);
    if (!s.Metric.empty())
        out += "&metric=" + PercentEncode(s.Metric);
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

bool DecodeHash(std::string_view hash, ViewState* out)
{
    if (!hash.empty() && hash[0] == '#')
        hash.remove_prefix(1);
    if (hash.substr(0, 4) != "ls1:")
        return false;
    hash.remove_prefix(4);
    ViewState s;
    size_t start = 0;
    while (start < hash.size())
    {
        size_t amp = hash.find('&', start);
        if (amp == std::string_view::npos)
            amp = hash.size();
        std::string_view pair = hash.substr(start, amp - start);
        start = amp + 1;
        size_t eq = pair.find('=');
        if (eq == std::string_view::npos)
            continue;
        std::string key = PercentDecode(pair.substr(0, eq));
        std::string_view raw = pair.substr(eq + 1);
        std::string value = PercentDecode(raw);
        if (key == "view")
            ParseViewKind(value, &s.View);
        else if (key == "metric")
            s.Metric = value;
        else if (key == "entities")
            s.Entities = DecodeList(raw);
        else if (key == "regions")
            s.Regions = DecodeList(raw);
        else if (key == "period")
            s.Period = value;
        else if (key == "scale" && (value == "log" || value == "linear"))
            s.Scale = value == "log" ? ScaleKind_Log : ScaleKind_Linear;
        else if (key == "by" && (value == "region" || value == "entity"))
            s.CompareBy = value == "region" ? CompareKind_Region : CompareKind_Entity;
        else if (key == "origin" && (value == "1" || value == "0"))
            s.GroupByOrigin = value == "1";
        else if (key == "sort" && (value == "desc" || value == "asc"))
            s.SortDescending = value == "desc";
        else if (key == "filter")
            s.Filter = value;
    }
    *out = std::move(s);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Resolving against a dataset
//-----------------------------------------------------------------------------

template <typename FindFn>
static std::vector<int> KnownIds(std::vector<std::string>* ids, FindFn find)
{
    std::vector<int> indices;
    std::vector<std::string> kept;
    for (const std::string& id : *ids)
    {
        int i = find(id);
        if (i >= 0 && std::find(indices.begin(), indices.end(), i) == indices.end())
        {
            indices.push_back(i);
            kept.push_back(id);
        }
    }
    *ids = std::move(kept);
    return indices;
}

ResolvedView ResolveViewState(const Dataset& ds, ViewState* s)
{
    ResolvedView r;
    std::vector<uint32_t> per_metric = CountRowsPerMetric(ds);
    r.Metric = ds.FindMetric(s->Metric);
    if (r.Metric < 0 || per_metric[r.Metric] == 0)
    {
        // The busiest metric: the one most likely to give a full first picture.
        r.Metric = -1;
        for (size_t m = 0; m < per_metric.size(); m++)
            if (per_metric[m] > 0 && (r.Metric < 0 || per_metric[m] > per_metric[r.Metric]))
                r.Metric = (int)m;
    }
    s->Metric = r.Metric >= 0 ? ds.Metrics[r.Metric].Id : std::string();

    r.Regions = KnownIds(&s->Regions, [&](const std::string& id) { return ds.FindRegion(id); });
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

    r.Entities = KnownIds(&s->Entities, [&](const std::string& id) { return ds.FindEntity(id); });
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

    Period asked;
    if (!s->Period.empty() && ParsePeriod(s->Period, &asked) && r.Metric >= 0)
    {
        std::vector<Period> periods = MetricPeriods(ds, r.Metric);
        if (std::binary_search(periods.begin(), periods.end(), asked))
        {
            r.When = asked;
            r.WhenIsLatest = false;
            s->Period = FormatPeriod(asked);
        }
    }
    if (r.WhenIsLatest)
    {
        s->Period.clear();
        r.When = r.Metric >= 0 ? LatestPeriod(ds, r.Metric) : Period{};
    }
    if (s->Scale == ScaleKind_Log && r.Metric >= 0 && MetricValueRange(ds, r.Metric).MinPositive <= 0.0)
        s->Scale = ScaleKind_Linear; // nothing to draw on a log axis
    return r;
}

} // namespace ls
