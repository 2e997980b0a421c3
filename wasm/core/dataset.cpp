// Data model: sizes, lookups and the sorted index (see dataset.h).
//
// Index
//   [SECTION] Columns and sizes
//   [SECTION] Lookups and names
//   [SECTION] Sorting rows (packed keys + LSD radix sort)
//   [SECTION] Index building
#include "core/dataset.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace ls
{

//-----------------------------------------------------------------------------
// [SECTION] Columns and sizes
//-----------------------------------------------------------------------------

template <typename T>
static size_t VectorBytes(const std::vector<T>& v)
{
    return v.capacity() * sizeof(T);
}

static size_t StringBytes(const std::string& s)
{
    // libstdc++ and libc++ keep short strings inside the object; longer ones own capacity + 1 bytes.
    return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

void ObservationTable::Reserve(size_t n)
{
    Entities.reserve(n);
    Metrics.reserve(n);
    Regions.reserve(n);
    Periods.reserve(n);
    Values.reserve(n);
    Sources.reserve(n);
    Confidences.reserve(n);
    Qualifiers.reserve(n);
    Notes.reserve(n);
}

void ObservationTable::ShrinkToFit()
{
    Entities.shrink_to_fit();
    Metrics.shrink_to_fit();
    Regions.shrink_to_fit();
    Periods.shrink_to_fit();
    Values.shrink_to_fit();
    Sources.shrink_to_fit();
    Confidences.shrink_to_fit();
    Qualifiers.shrink_to_fit();
    Notes.shrink_to_fit();
}

size_t ObservationTable::ResidentBytes() const
{
    return Entities.ResidentBytes() + Metrics.ResidentBytes() + Regions.ResidentBytes() + Periods.ResidentBytes() + Values.ResidentBytes() +
           Sources.ResidentBytes() + Confidences.ResidentBytes() + Qualifiers.ResidentBytes() + Notes.ResidentBytes();
}

size_t DatasetIndex::ResidentBytes() const { return SortedRows.ResidentBytes() + VectorBytes(Series) + VectorBytes(MetricSeries); }

Dataset::Dataset() { NotePool.Intern(""); }

size_t Dataset::ResidentBytes() const
{
    size_t bytes = sizeof(Dataset);
    for (const std::string* s : { &Format, &Title, &Edition, &Publisher, &License, &Description, &Published })
        bytes += StringBytes(*s);
    bytes += VectorBytes(Caveats);
    for (const std::string& s : Caveats)
        bytes += StringBytes(s);
    bytes += VectorBytes(Regions);
    for (const Region& r : Regions)
    {
        bytes += StringBytes(r.Id) + StringBytes(r.Name) + StringBytes(r.Note) + VectorBytes(r.Countries);
        for (const std::string& c : r.Countries)
            bytes += StringBytes(c);
    }
    bytes += VectorBytes(Entities);
    for (const Entity& e : Entities)
        bytes += StringBytes(e.Id) + StringBytes(e.Name) + StringBytes(e.NativeName) + StringBytes(e.Owner) + StringBytes(e.HqCountry) +
                 StringBytes(e.Category) + StringBytes(e.Note);
    bytes += VectorBytes(Metrics);
    for (const Metric& m : Metrics)
        bytes += StringBytes(m.Id) + StringBytes(m.Name) + StringBytes(m.Unit) + StringBytes(m.Definition);
    bytes += VectorBytes(Sources);
    for (const Source& s : Sources)
        bytes += StringBytes(s.Id) + StringBytes(s.Title) + StringBytes(s.Publisher) + StringBytes(s.Url) + StringBytes(s.Date) +
                 StringBytes(s.RelayOf) + StringBytes(s.Attribution);
    bytes += VectorBytes(Events);
    for (const Event& e : Events)
        bytes += StringBytes(e.Title) + StringBytes(e.Detail) + VectorBytes(e.Entities) + VectorBytes(e.Regions);
    bytes += Observations.ResidentBytes() + NotePool.ResidentBytes() + Index.ResidentBytes();
    return bytes;
}

//-----------------------------------------------------------------------------
// [SECTION] Lookups and names
//-----------------------------------------------------------------------------

template <typename T>
static int FindById(const std::vector<T>& v, std::string_view id)
{
    for (size_t i = 0; i < v.size(); i++)
        if (v[i].Id == id)
            return (int)i;
    return -1;
}

int Dataset::FindRegion(std::string_view id) const { return FindById(Regions, id); }
int Dataset::FindEntity(std::string_view id) const { return FindById(Entities, id); }
int Dataset::FindMetric(std::string_view id) const { return FindById(Metrics, id); }
int Dataset::FindSource(std::string_view id) const { return FindById(Sources, id); }

int Dataset::ObservationSource(uint32_t row) const
{
    uint16_t s = Observations.Sources[row];
    return s == kNoSource ? -1 : (int)s;
}

std::string_view Dataset::ObservationNote(uint32_t row) const { return NotePool.Get(Observations.Notes[row]); }

uint32_t Dataset::AddNote(std::string_view note) { return note.empty() ? 0 : NotePool.Intern(note); }

uint32_t Dataset::AddObservation(int entity, int metric, int region, Period period, double value, int source, Confidence confidence,
                                 std::string_view note, Bound bound, Certainty certainty)
{
    ObservationTable& o = Observations;
    o.Entities.push_back((uint16_t)entity);
    o.Metrics.push_back((uint16_t)metric);
    o.Regions.push_back((uint16_t)region);
    o.Periods.push_back(period);
    o.Values.push_back(value);
    o.Sources.push_back(source < 0 ? kNoSource : (uint16_t)source);
    o.Confidences.push_back((uint8_t)confidence);
    o.Qualifiers.push_back(ObservationTable::PackQualifiers(bound, certainty));
    o.Notes.push_back(AddNote(note));
    return (uint32_t)(o.Size() - 1);
}

const char* ConfidenceName(Confidence c)
{
    switch (c)
    {
    case Confidence_Reported: return "reported";
    case Confidence_Estimate: return "estimate";
    case Confidence_Forecast: return "forecast";
    default: return "";
    }
}

const char* SourceKindName(SourceKind k)
{
    switch (k)
    {
    case SourceKind_CompanyReported: return "company-reported";
    case SourceKind_ThirdPartyEstimate: return "third-party-estimate";
    case SourceKind_MediaReport: return "media-report";
    case SourceKind_AnalystEstimate: return "analyst-estimate";
    case SourceKind_Other: return "other";
    default: return "";
    }
}

const char* BoundName(Bound b)
{
    static const char* const names[] = { "", "lower", "upper" };
    static_assert(std::size(names) == Bound_COUNT, "one name per Bound");
    return b < Bound_COUNT ? names[b] : "";
}

const char* CertaintyName(Certainty c)
{
    static const char* const names[] = { "", "high", "medium", "low" };
    static_assert(std::size(names) == Certainty_COUNT, "one name per Certainty");
    return c < Certainty_COUNT ? names[c] : "";
}

// An estimate stays an estimate wherever it is hosted; otherwise a relay is judged as a relay
// (whatever its kind says), and only the company's own document, not relayed, is primary.
SourceQuality QualityOf(const Source& s)
{
    if (s.Kind == SourceKind_ThirdPartyEstimate || s.Kind == SourceKind_AnalystEstimate)
        return SourceQuality_Estimate;
    if (!s.RelayOf.empty())
        return s.Checked ? SourceQuality_RelayChecked : SourceQuality_RelayUnchecked;
    switch (s.Kind)
    {
    case SourceKind_CompanyReported: return SourceQuality_Primary;
    case SourceKind_MediaReport: return SourceQuality_Media;
    default: return SourceQuality_Other;
    }
}

const char* SourceQualityName(SourceQuality q)
{
    static const char* const names[] = { "primary", "relay-checked", "relay-unchecked", "media", "estimate", "other" };
    static_assert(std::size(names) == SourceQuality_COUNT, "one name per SourceQuality, in its order");
    return q < SourceQuality_COUNT ? names[q] : "";
}

int AsOfLimit::For(PeriodKind granularity) const
{
    switch (granularity)
    {
    case PeriodKind_Year: return Years;
    case PeriodKind_Quarter: return Quarters;
    case PeriodKind_Month: return Months;
    case PeriodKind_Day: return Days;
    default: return 0;
    }
}

std::string FormatColor(uint32_t rgb)
{
    char buf[8];
    snprintf(buf, sizeof(buf), "#%06x", (unsigned)(rgb & 0xFFFFFF));
    return buf;
}

//-----------------------------------------------------------------------------
// [SECTION] Sorting rows (LSD radix sort of row numbers on packed keys)
//-----------------------------------------------------------------------------
// A row's sort key (metric, entity, region, period) usually needs ~35 bits, so it packs into one
// uint64 and an 11-bit LSD radix sort orders a million rows in three or four passes. The keys are
// computed from the columns when needed rather than stored: a key array (8 bytes a row) and its
// scratch copy (8 more) would be the largest thing alive at the end of a load, and a wasm heap
// keeps its peak for good. What is stored is the row numbers and, when the rows are not in order
// already, one scratch array of them (4 + 4 bytes a row). LSD radix sorting is stable, so rows
// with the same key stay in file order (duplicates name the first one). Files usually come in
// order (exporters write series by series): one pass that checks it, and no sort. Exotic files
// whose key does not fit 64 bits use std::sort on the columns.

static int BitsFor(size_t count)
{
    int bits = 0;
    while (count > 1 && ((size_t)1 << bits) < count)
        bits++;
    return bits;
}

namespace
{
struct PackedKey
{
    const ObservationTable& Obs;
    int EntityBits, RegionBits;
    uint64_t operator()(uint32_t row) const
    {
        uint64_t k = Obs.Metrics[row];
        k = (k << EntityBits) | Obs.Entities[row];
        k = (k << RegionBits) | Obs.Regions[row];
        return (k << kPeriodKeyBits) | (Obs.Periods[row].Key & ((1u << kPeriodKeyBits) - 1));
    }
};
} // namespace

static void RadixSortRows(Column<uint32_t>* rows, const PackedKey& key, int key_bits)
{
    constexpr int kDigitBits = 11;
    constexpr size_t kBuckets = (size_t)1 << kDigitBits;
    const int passes = (key_bits + kDigitBits - 1) / kDigitBits;
    if (passes == 0 || rows->size() < 2)
        return;
    std::vector<uint32_t> counts(kBuckets * passes, 0);
    for (uint32_t r : *rows)
    {
        uint64_t k = key(r);
        for (int p = 0; p < passes; p++)
            counts[p * kBuckets + ((k >> (p * kDigitBits)) & (kBuckets - 1))]++;
    }
    // Blocks, as the rows: no array of the file's size (see DatasetIndex). Its rows are not
    // filled: the first pass that moves anything writes every one of them before any is read.
    Column<uint32_t> scratch;
    scratch.resize_for_overwrite(rows->size());
    Column<uint32_t>* from = rows;
    Column<uint32_t>* to = &scratch;
    for (int p = 0; p < passes; p++)
    {
        uint32_t* c = &counts[p * kBuckets];
        // A pass whose digit is the same for every key changes nothing: skip it.
        bool trivial = false;
        for (size_t b = 0; b < kBuckets; b++)
            if (c[b] != 0)
            {
                trivial = c[b] == rows->size();
                break;
            }
        if (trivial)
            continue;
        uint32_t sum = 0;
        for (size_t b = 0; b < kBuckets; b++)
        {
            uint32_t n = c[b];
            c[b] = sum;
            sum += n;
        }
        const int shift = p * kDigitBits;
        for (uint32_t r : *from)
            (*to)[c[(key(r) >> shift) & (kBuckets - 1)]++] = r;
        std::swap(from, to);
    }
    if (from != rows)
        rows->swap(*from);
}

Column<uint32_t> SortObservationRows(const ObservationTable& obs, size_t metric_count, size_t entity_count, size_t region_count,
                                     const Column<uint8_t>* skip)
{
    const size_t n = obs.Size();
    const int metric_bits = BitsFor(metric_count), entity_bits = BitsFor(entity_count), region_bits = BitsFor(region_count);
    const int key_bits = metric_bits + entity_bits + region_bits + kPeriodKeyBits;
    const PackedKey key{ obs, entity_bits, region_bits };
    Column<uint32_t> rows;
    size_t kept = n;
    if (skip)
        for (size_t i = 0; i < n; i++)
            kept -= (*skip)[i] != 0;
    rows.reserve(kept);
    bool sorted = true;
    uint64_t prev = 0;
    for (size_t i = 0; i < n; i++)
    {
        if (skip && (*skip)[i])
            continue;
        if (key_bits <= 64 && sorted)
        {
            uint64_t k = key((uint32_t)i);
            sorted = rows.empty() || k >= prev; // equal keys in row order are in order
            prev = k;
        }
        rows.push_back((uint32_t)i);
    }
    if (key_bits <= 64)
    {
        if (!sorted)
            RadixSortRows(&rows, key, key_bits);
        return rows;
    }
    // Keys wider than 64 bits (tens of thousands of entities and regions together) are rare: they
    // sort in one array, as before, rather than instantiate std::sort for the column's iterator
    // (0.5 KB of wasm gzip).
    std::vector<uint32_t> flat(rows.begin(), rows.end());
    std::sort(flat.begin(), flat.end(), [&obs](uint32_t a, uint32_t b) {
        if (obs.Metrics[a] != obs.Metrics[b]) return obs.Metrics[a] < obs.Metrics[b];
        if (obs.Entities[a] != obs.Entities[b]) return obs.Entities[a] < obs.Entities[b];
        if (obs.Regions[a] != obs.Regions[b]) return obs.Regions[a] < obs.Regions[b];
        if (obs.Periods[a] != obs.Periods[b]) return obs.Periods[a] < obs.Periods[b];
        return a < b;
    });
    for (size_t i = 0; i < flat.size(); i++)
        rows[i] = flat[i];
    return rows;
}

std::vector<std::pair<uint32_t, uint32_t>> FindDuplicateRows(const ObservationTable& obs, const Column<uint32_t>& sorted_rows)
{
    std::vector<std::pair<uint32_t, uint32_t>> dups;
    size_t first = 0;
    for (size_t i = 1; i < sorted_rows.size(); i++)
    {
        uint32_t a = sorted_rows[first], b = sorted_rows[i];
        bool same = obs.Metrics[a] == obs.Metrics[b] && obs.Entities[a] == obs.Entities[b] && obs.Regions[a] == obs.Regions[b] &&
                    obs.Periods[a] == obs.Periods[b];
        if (same)
            dups.emplace_back(a, b); // every later copy names the first one, as a reader would look for it
        else
            first = i;
    }
    return dups;
}

//-----------------------------------------------------------------------------
// [SECTION] Index building
//-----------------------------------------------------------------------------

void BuildIndexes(Dataset* ds, Column<uint32_t> sorted_rows)
{
    const ObservationTable& obs = ds->Observations;
    DatasetIndex& index = ds->Index;
    index.SortedRows = std::move(sorted_rows);
    index.SortedRows.shrink_to_fit();
    index.Series.clear();
    index.MetricSeries.assign(ds->Metrics.size() + 1, 0);
    const Column<uint32_t>& rows = index.SortedRows;
    for (uint32_t i = 0; i < rows.size(); i++)
    {
        uint32_t r = rows[i];
        const SeriesEntry* last = index.Series.empty() ? nullptr : &index.Series.back();
        if (!last || last->Metric != obs.Metrics[r] || last->Entity != obs.Entities[r] || last->Region != obs.Regions[r])
        {
            SeriesEntry e;
            e.Metric = obs.Metrics[r];
            e.Entity = obs.Entities[r];
            e.Region = obs.Regions[r];
            e.Begin = i;
            index.Series.push_back(e);
        }
    }
    // MetricSeries[m] = first series of metric m (series are grouped by metric, in metric order).
    const uint32_t series_count = (uint32_t)index.Series.size();
    size_t s = 0;
    for (size_t m = 0; m <= ds->Metrics.size(); m++)
    {
        while (s < series_count && index.Series[s].Metric < m)
            s++;
        index.MetricSeries[m] = (uint32_t)s;
    }
    index.MetricSeries[ds->Metrics.size()] = series_count;
    SeriesEntry sentinel;
    sentinel.Metric = sentinel.Entity = sentinel.Region = 0xFFFF;
    sentinel.Begin = (uint32_t)rows.size();
    index.Series.push_back(sentinel);
    index.Series.shrink_to_fit();
}

void BuildIndexes(Dataset* ds)
{
    BuildIndexes(ds, SortObservationRows(ds->Observations, ds->Metrics.size(), ds->Entities.size(), ds->Regions.size()));
}

} // namespace ls
