// Queries over a loaded Dataset (see queries.h).
//
// Index
//   [SECTION] Rows and series
//   [SECTION] Periods
//   [SECTION] Rankings and shares
//   [SECTION] Grouping, ranges and counts
//   [SECTION] Text filter
#include "core/queries.h"
#include "core/stable_sort.h"

#include <algorithm>
#include <cstring>

namespace ls
{

//-----------------------------------------------------------------------------
// [SECTION] Rows and series
//-----------------------------------------------------------------------------

namespace
{

bool HasMetric(const Dataset& ds, int metric)
{
    return metric >= 0 && (size_t)metric < ds.Metrics.size() && ds.Index.MetricSeries.size() == ds.Metrics.size() + 1;
}

// Series of a metric: [first, last) into ds.Index.Series.
void MetricSeriesRange(const Dataset& ds, int metric, size_t* first, size_t* last)
{
    *first = *last = 0;
    if (!HasMetric(ds, metric))
        return;
    *first = ds.Index.MetricSeries[metric];
    *last = ds.Index.MetricSeries[metric + 1];
}

RowSpan SpanOfSeries(const Dataset& ds, size_t s)
{
    const RowSpan::Iter base = ds.Index.SortedRows.begin();
    return RowSpan{ base + ds.Index.Series[s].Begin, base + ds.Index.Series[s + 1].Begin };
}

// Index into ds.Index.Series of (metric, entity, region), or SIZE_MAX.
size_t FindSeries(const Dataset& ds, int metric, int entity, int region)
{
    size_t first, last;
    MetricSeriesRange(ds, metric, &first, &last);
    const SeriesEntry* begin = ds.Index.Series.data() + first;
    const SeriesEntry* end = ds.Index.Series.data() + last;
    const SeriesEntry* it = std::lower_bound(begin, end, std::make_pair(entity, region), [](const SeriesEntry& s, const std::pair<int, int>& key) {
        return s.Entity != key.first ? s.Entity < key.first : s.Region < key.second;
    });
    if (it == end || it->Entity != entity || it->Region != region)
        return SIZE_MAX;
    return (size_t)(it - ds.Index.Series.data());
}

int FindRowInSpan(const Dataset& ds, RowSpan span, Period when)
{
    const Column<Period>& periods = ds.Observations.Periods;
    const RowSpan::Iter it = std::lower_bound(span.Begin, span.End, when, [&](uint32_t row, Period p) { return periods[row] < p; });
    return it != span.End && periods[*it] == when ? (int)*it : -1;
}

} // namespace

RowSpan MetricRows(const Dataset& ds, int metric)
{
    size_t first, last;
    MetricSeriesRange(ds, metric, &first, &last);
    if (first == last)
        return RowSpan();
    const RowSpan::Iter base = ds.Index.SortedRows.begin();
    return RowSpan{ base + ds.Index.Series[first].Begin, base + ds.Index.Series[last].Begin };
}

RowSpan SeriesRows(const Dataset& ds, int metric, int entity, int region)
{
    size_t s = FindSeries(ds, metric, entity, region);
    return s == SIZE_MAX ? RowSpan() : SpanOfSeries(ds, s);
}

int FindRow(const Dataset& ds, int metric, int entity, int region, Period when)
{
    return FindRowInSpan(ds, SeriesRows(ds, metric, entity, region), when);
}

// One row per series of the metric at `when`, keeping series of that entity / region (-1 = any).
static std::vector<uint32_t> RowsAtPeriod(const Dataset& ds, int metric, int entity, int region, Period when)
{
    std::vector<uint32_t> rows;
    size_t first, last;
    MetricSeriesRange(ds, metric, &first, &last);
    for (size_t s = first; s < last; s++)
    {
        const SeriesEntry& e = ds.Index.Series[s];
        if ((entity >= 0 && e.Entity != entity) || (region >= 0 && e.Region != region))
            continue;
        int row = FindRowInSpan(ds, SpanOfSeries(ds, s), when);
        if (row >= 0)
            rows.push_back((uint32_t)row);
    }
    return rows;
}

std::vector<uint32_t> RowsAcrossRegions(const Dataset& ds, int metric, int entity, Period when)
{
    return entity < 0 ? std::vector<uint32_t>() : RowsAtPeriod(ds, metric, entity, -1, when);
}

std::vector<uint32_t> RowsAcrossEntities(const Dataset& ds, int metric, int region, Period when)
{
    return region < 0 ? std::vector<uint32_t>() : RowsAtPeriod(ds, metric, -1, region, when);
}

//-----------------------------------------------------------------------------
// [SECTION] Periods
//-----------------------------------------------------------------------------

std::vector<Period> MetricPeriods(const Dataset& ds, int metric, int entity, int region)
{
    // Each series is sorted by period: merged one by one into the distinct periods so far, so
    // nothing grows with the rows (every row's period, then sorted, was a vector of a quarter of
    // the file's rows at load, doubling up to 1 MB at 1M: holes the wasm heap keeps).
    std::vector<Period> periods, merged;
    size_t first, last;
    MetricSeriesRange(ds, metric, &first, &last);
    for (size_t s = first; s < last; s++)
    {
        const SeriesEntry& e = ds.Index.Series[s];
        if ((entity >= 0 && e.Entity != entity) || (region >= 0 && e.Region != region))
            continue;
        merged.clear();
        auto known = periods.begin();
        for (uint32_t row : SpanOfSeries(ds, s))
        {
            const Period p = ds.Observations.Periods[row];
            while (known != periods.end() && *known < p)
                merged.push_back(*known++);
            if (known != periods.end() && *known == p)
                ++known;
            if (merged.empty() || merged.back() != p)
                merged.push_back(p);
        }
        merged.insert(merged.end(), known, periods.end());
        periods.swap(merged);
    }
    return periods;
}

Period LatestPeriod(const Dataset& ds, int metric, int entity, int region)
{
    Period latest;
    size_t first, last;
    MetricSeriesRange(ds, metric, &first, &last);
    for (size_t s = first; s < last; s++)
    {
        const SeriesEntry& e = ds.Index.Series[s];
        if ((entity >= 0 && e.Entity != entity) || (region >= 0 && e.Region != region))
            continue;
        RowSpan span = SpanOfSeries(ds, s);
        Period p = ds.Observations.Periods[*(span.End - 1)]; // a series is sorted by period
        if (p > latest)
            latest = p;
    }
    return latest;
}

bool PeriodRange(const Dataset& ds, Period* first, Period* last)
{
    const Column<Period>& periods = ds.Observations.Periods;
    if (periods.empty())
        return false;
    auto mm = std::minmax_element(periods.begin(), periods.end());
    *first = *mm.first;
    *last = *mm.second;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Rankings and shares
//-----------------------------------------------------------------------------

void SortRowsByRank(const Dataset& ds, std::vector<uint32_t>* rows)
{
    const ObservationTable& o = ds.Observations;
    StableSortBy(*rows, [&](uint32_t a, uint32_t b) {
        double va = o.Values[a], vb = o.Values[b];
        if (va != vb)
        {
            bool lower_better = o.Metrics[a] < ds.Metrics.size() && ds.Metrics[o.Metrics[a]].LowerIsBetter;
            return lower_better ? va < vb : va > vb;
        }
        const std::string& ea = ds.Entities[o.Entities[a]].Name;
        const std::string& eb = ds.Entities[o.Entities[b]].Name;
        if (ea != eb)
            return ea < eb;
        return ds.Regions[o.Regions[a]].Name < ds.Regions[o.Regions[b]].Name;
    });
}

std::vector<uint32_t> Ranking(const Dataset& ds, int metric, Period when, CompareKind by, int fixed)
{
    std::vector<uint32_t> rows =
        by == CompareKind_Entity ? RowsAcrossEntities(ds, metric, fixed, when) : RowsAcrossRegions(ds, metric, fixed, when);
    SortRowsByRank(ds, &rows);
    return rows;
}

bool RegionsOverlap(const Region& a, const Region& b)
{
    if ((a.World && (b.World || !b.Countries.empty())) || (b.World && !a.Countries.empty()))
        return true;
    for (const std::string& c : a.Countries)
        if (std::find(b.Countries.begin(), b.Countries.end(), c) != b.Countries.end())
            return true;
    return false;
}

bool RegionContains(const Region& outer, const Region& inner)
{
    if (inner.World)
        return false;
    if (outer.World)
        return true;
    if (inner.Countries.empty() || outer.Countries.size() <= inner.Countries.size())
        return false;
    for (const std::string& c : inner.Countries)
        if (std::find(outer.Countries.begin(), outer.Countries.end(), c) == outer.Countries.end())
            return false;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Grouping, ranges and counts
//-----------------------------------------------------------------------------

template <typename Rows>
static ValueRange RangeOf(const Dataset& ds, const Rows& rows)
{
    ValueRange r;
    for (uint32_t row : rows)
    {
        double v = ds.Observations.Values[row];
        if (r.Count == 0 || v < r.Min)
            r.Min = v;
        if (r.Count == 0 || v > r.Max)
            r.Max = v;
        if (v > 0.0 && (r.MinPositive == 0.0 || v < r.MinPositive))
            r.MinPositive = v;
        r.Count++;
    }
    return r;
}

ValueRange MetricValueRange(const Dataset& ds, int metric) { return RangeOf(ds, MetricRows(ds, metric)); }

template <typename T>
static std::vector<uint32_t> CountColumn(const Column<T>& column, size_t buckets)
{
    std::vector<uint32_t> counts(buckets, 0);
    for (T v : column)
        if ((size_t)v < buckets)
            counts[v]++;
    return counts;
}

std::vector<uint32_t> CountRowsPerSource(const Dataset& ds)
{
    std::vector<uint32_t> counts(ds.Sources.size() + 1, 0);
    for (uint16_t s : ds.Observations.Sources)
        counts[s == kNoSource || s >= ds.Sources.size() ? ds.Sources.size() : s]++;
    return counts;
}

std::vector<uint32_t> CountRowsPerMetric(const Dataset& ds) { return CountColumn(ds.Observations.Metrics, ds.Metrics.size()); }
std::vector<uint32_t> CountRowsPerEntity(const Dataset& ds) { return CountColumn(ds.Observations.Entities, ds.Entities.size()); }
std::vector<uint32_t> CountRowsPerRegion(const Dataset& ds) { return CountColumn(ds.Observations.Regions, ds.Regions.size()); }
std::vector<uint32_t> CountRowsPerConfidence(const Dataset& ds) { return CountColumn(ds.Observations.Confidences, Confidence_COUNT); }

std::vector<EntityRegionPair> PairsWithData(const Dataset& ds, int metric)
{
    std::vector<EntityRegionPair> pairs;
    size_t first, last;
    MetricSeriesRange(ds, metric, &first, &last);
    for (size_t s = first; s < last; s++)
    {
        RowSpan span = SpanOfSeries(ds, s);
        EntityRegionPair p;
        p.Entity = ds.Index.Series[s].Entity;
        p.Region = ds.Index.Series[s].Region;
        p.Rows = (uint32_t)span.Size();
        p.First = ds.Observations.Periods[*span.Begin];
        p.Last = ds.Observations.Periods[*(span.End - 1)];
        pairs.push_back(p);
    }
    return pairs;
}

std::vector<int> EntitiesWithData(const Dataset& ds, int metric)
{
    std::vector<int> out;
    size_t first, last;
    MetricSeriesRange(ds, metric, &first, &last);
    for (size_t s = first; s < last; s++)
        if (out.empty() || out.back() != ds.Index.Series[s].Entity)
            out.push_back(ds.Index.Series[s].Entity); // series are sorted by entity within a metric
    return out;
}

std::vector<int> RegionsWithData(const Dataset& ds, int metric)
{
    std::vector<int> out;
    size_t first, last;
    MetricSeriesRange(ds, metric, &first, &last);
    for (size_t s = first; s < last; s++)
        out.push_back(ds.Index.Series[s].Region);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Text filter
//-----------------------------------------------------------------------------
// Each word of the filter must match somewhere in the row (entity, region, source or note). Names
// are few, so each name is matched once and a row just ORs the bit masks of its parts.

namespace
{

std::string LowerAscii(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
    return out;
}

uint64_t MatchMask(const std::vector<std::string>& terms, std::string_view a, std::string_view b = {}, std::string_view c = {})
{
    std::string hay = LowerAscii(a);
    hay += '\n';
    hay += LowerAscii(b);
    hay += '\n';
    hay += LowerAscii(c);
    uint64_t mask = 0;
    for (size_t i = 0; i < terms.size(); i++)
        if (hay.find(terms[i]) != std::string::npos)
            mask |= (uint64_t)1 << i;
    return mask;
}

} // namespace

std::vector<uint32_t> FilterRows(const Dataset& ds, std::string_view text, int metric)
{
    std::vector<std::string> terms;
    std::string lowered = LowerAscii(text);
    for (size_t i = 0; i < lowered.size();)
    {
        while (i < lowered.size() && (lowered[i] == ' ' || lowered[i] == '\t'))
            i++;
        size_t j = i;
        while (j < lowered.size() && lowered[j] != ' ' && lowered[j] != '\t')
            j++;
        if (j > i && terms.size() < 64)
            terms.push_back(lowered.substr(i, j - i));
        i = j;
    }
    RowSpan span = metric >= 0 ? MetricRows(ds, metric)
                               : RowSpan{ ds.Index.SortedRows.begin(), ds.Index.SortedRows.end() };
    std::vector<uint32_t> rows;
    if (terms.empty())
    {
        rows.assign(span.Begin, span.End);
        return rows;
    }
    const uint64_t all = terms.size() == 64 ? ~(uint64_t)0 : (((uint64_t)1 << terms.size()) - 1);
    std::vector<uint64_t> entity_mask, region_mask, source_mask, note_mask;
    for (const Entity& e : ds.Entities)
        entity_mask.push_back(MatchMask(terms, e.Name, e.NativeName, e.Id));
    for (const Region& r : ds.Regions)
        region_mask.push_back(MatchMask(terms, r.Name, r.Id));
    for (const Source& s : ds.Sources)
        source_mask.push_back(MatchMask(terms, s.Title, s.Id));
    source_mask.push_back(0); // no source
    for (uint32_t n = 0; n < ds.NotePool.Size(); n++)
        note_mask.push_back(n == 0 ? 0 : MatchMask(terms, ds.NotePool.Get(n)));
    const ObservationTable& o = ds.Observations;
    // A period's text ("2023-Q2") is matched too; rows of one series share few periods, so the
    // last one's mask is kept instead of formatting every row's period.
    Period last_period;
    uint64_t period_mask = 0;
    for (uint32_t row : span)
    {
        uint16_t s = o.Sources[row];
        uint64_t mask = entity_mask[o.Entities[row]] | region_mask[o.Regions[row]] |
                        source_mask[s == kNoSource ? ds.Sources.size() : s] | note_mask[o.Notes[row]];
        if (mask != all)
        {
            if (o.Periods[row] != last_period)
            {
                last_period = o.Periods[row];
                period_mask = MatchMask(terms, FormatPeriod(last_period));
            }
            mask |= period_mask;
        }
        if (mask == all)
            rows.push_back(row);
    }
    return rows;
}

} // namespace ls
