// The data model of a landscape/1 file (see docs/format.md): header fields, the record
// arrays (regions, entities, metrics, sources, events) and the observations, which are stored as
// columns rather than objects so a million of them fit in well under 48 bytes each.
//
//   ls::Dataset ds;                                  // usually filled by ls::LoadDataset (loader.h)
//   int m = ds.FindMetric("mau");
//   for (uint32_t row = 0; row < ds.ObservationCount(); row++)
//       if (ds.Observations.Metrics[row] == m)
//           printf("%s %g\n", ls::FormatPeriod(ds.Observations.Periods[row]).c_str(), ds.Observations.Values[row]);
//
// Records refer to each other by index into their arrays (Entity::Parent, Event::Regions ...);
// -1 means "none". Observation columns use uint16 indices, with kNoSource for a missing source.
// The index (Dataset::Index) is built by BuildIndexes(); queries.h reads it.
#pragma once

#include "core/column.h"
#include "core/period.h"
#include "core/string_pool.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ls
{

constexpr uint16_t kNoSource = 0xFFFF;     // Observations.Sources value of an observation without a source
constexpr size_t kMaxRecordsPerArray = 65535; // regions, entities, metrics, sources: indices are uint16 (0xFFFF reserved)

enum Confidence : uint8_t
{
    Confidence_Reported, // the default: a figure the company or an official body published
    Confidence_Estimate, // a third party's or the researchers' estimate
    Confidence_Forecast, // a projection
    Confidence_COUNT
};

enum SourceKind : uint8_t
{
    SourceKind_None, // not given
    SourceKind_CompanyReported,
    SourceKind_ThirdPartyEstimate,
    SourceKind_MediaReport,
    SourceKind_AnalystEstimate,
    SourceKind_Other,
    SourceKind_COUNT
};

// An observation's "bound": whether the value is exact or a stated limit ("more than 3 billion").
enum Bound : uint8_t
{
    Bound_None,  // an exact figure (absent)
    Bound_Lower, // the true value is at least this ("more than", "exceeded", "at least", "over")
    Bound_Upper, // the true value is at most this ("up to", "less than")
    Bound_COUNT
};

// An observation's "certainty": the research's own grading of one value; absent = not graded.
enum Certainty : uint8_t
{
    Certainty_None,
    Certainty_High,
    Certainty_Medium,
    Certainty_Low,
    Certainty_COUNT
};

// What a source is worth as evidence, derived from its kind and whether it relays another
// document (QualityOf below); not a field of the file.
enum SourceQuality : uint8_t
{
    SourceQuality_Primary,        // company-reported and not a relay: the company's own filing or release
    SourceQuality_RelayChecked,   // a relay of a company document, checked against the original
    SourceQuality_RelayUnchecked, // a relay of a company document, not checked against it
    SourceQuality_Media,          // a media report
    SourceQuality_Estimate,       // a third party's or an analyst's estimate (wherever it is hosted)
    SourceQuality_Other,          // kind "other" or not given
    SourceQuality_COUNT
};

struct Region
{
    std::string Id;
    std::string Name;
    std::vector<std::string> Countries; // ISO 3166-1 alpha-2, upper case ("US")
    bool World = false;                 // every country
    std::string Note;
};

struct Entity
{
    std::string Id;
    std::string Name;
    std::string NativeName; // name in its own script, UTF-8
    int Parent = -1;        // index into Dataset::Entities
    std::string Owner;
    std::string HqCountry;  // ISO alpha-2 or ""
    std::string Category;
    int Launched = 0;       // year; 0 = unknown
    uint32_t Color = 0;     // 0xRRGGBB, meaningful when HasColor
    bool HasColor = false;
    std::string Note;
};

// How far back, in periods of the chosen granularity, an "as of" figure may stand in for a
// missing one (a metric's "as_of_limit"). The fallback never crosses granularities and never
// reaches forward.
struct AsOfLimit
{
    int Years = 1;
    int Quarters = 4;
    int Months = 12;
    int Days = 90;

    int For(PeriodKind granularity) const; // the limit for that granularity; 0 for PeriodKind_None
};

struct Metric
{
    std::string Id;
    std::string Name;
    std::string Unit;
    std::string Definition;
    bool Summable = false;          // aggregate: "sum": disjoint regions of one entity may be added
    bool LowerIsBetter = false;     // better: "lower" (ranks)
    int Decimals = -1;              // 0..6, -1 = not given
    bool IsLevel = false;           // period_kind: "level" (a state at a point, users); false = "flow" (a total over the period)
    bool SumAcrossEntities = false; // sum_across_entities: values of different entities may be added
    AsOfLimit AsOf;                 // as_of_limit
};

struct Source
{
    std::string Id;
    std::string Title;
    std::string Publisher;
    std::string Url;  // shown as text; never navigated to
    std::string Date; // YYYY-MM-DD or ""
    SourceKind Kind = SourceKind_None;
    std::string RelayOf;     // relay_of: the original document this source transcribes or relays; "" = not a relay
    bool Checked = false;    // checked: the relay was checked against the original
    std::string Attribution; // attribution: the rights line shown with every value from this source
};

struct Event
{
    Period Date;
    std::string Title;
    std::string Detail;
    std::vector<int> Entities; // indices into Dataset::Entities
    std::vector<int> Regions;  // indices into Dataset::Regions
    int Source = -1;           // index into Dataset::Sources
};

// Observations as columns: row i is (Entities[i], Metrics[i], Regions[i], Periods[i], Values[i] ...).
// 26 bytes a row, plus 4 for the sorted permutation in the index. The columns are kept in blocks
// (column.h), so loading a million rows never copies a column or holds two copies of it.
// Qualifiers packs two small enums of one row into one byte (read them with BoundAt/CertaintyAt).
// Confidence keeps its own column: views compare Confidences[row] with Confidence_Reported.
struct ObservationTable
{
    Column<uint16_t> Entities;
    Column<uint16_t> Metrics;
    Column<uint16_t> Regions;
    Column<Period> Periods;
    Column<double> Values;
    Column<uint16_t> Sources;    // kNoSource when absent
    Column<uint8_t> Confidences; // Confidence
    Column<uint8_t> Qualifiers;  // bits 0-1: Bound, bits 2-3: Certainty (the masks below)
    Column<uint32_t> Notes;      // index into Dataset::NotePool; 0 = no note

    static constexpr uint8_t kBoundShift = 0, kBoundMask = 0x03;
    static constexpr uint8_t kCertaintyShift = 2, kCertaintyMask = 0x0C;

    size_t Size() const { return Values.size(); }
    Bound BoundAt(size_t row) const { return (Bound)((Qualifiers[row] & kBoundMask) >> kBoundShift); }
    Certainty CertaintyAt(size_t row) const { return (Certainty)((Qualifiers[row] & kCertaintyMask) >> kCertaintyShift); }
    static uint8_t PackQualifiers(Bound b, Certainty c) { return (uint8_t)((b << kBoundShift) | (c << kCertaintyShift)); }
    void AppendEmptyRow()        // every column at its "not given" value (the loader fills the row in place)
    {
        Entities.push_back(0xFFFF);
        Metrics.push_back(0xFFFF);
        Regions.push_back(0xFFFF);
        Periods.push_back(Period());
        Values.push_back(0.0);
        Sources.push_back(kNoSource);
        Confidences.push_back(Confidence_Reported);
        Qualifiers.push_back(0); // exact, not graded
        Notes.push_back(0);
    }
    void Reserve(size_t n);      // reserve every column
    void ShrinkToFit();          // release spare capacity in every column
    size_t ResidentBytes() const; // capacity-based
};

// One (metric, entity, region) time series: its rows are Index.SortedRows[Begin, next entry's Begin).
struct SeriesEntry
{
    uint16_t Metric = 0;
    uint16_t Entity = 0;
    uint16_t Region = 0;
    uint16_t Unused = 0; // keeps the entry at 12 bytes with Begin aligned
    uint32_t Begin = 0;
};

struct DatasetIndex
{
    // Rows sorted by (metric, entity, region, period), in blocks like the columns (column.h): as one
    // 4 MB array at 1M rows it needed a hole that big at every load, and emmalloc, which tries the
    // first free region of a size class, found none among the freed blocks of the dataset before:
    // the wasm memory grew by a step every few loads (bench: 70.8 -> 82.1 MB over 20 loads).
    Column<uint32_t> SortedRows;
    std::vector<SeriesEntry> Series;    // one entry per series in that order, plus a sentinel whose Begin = row count
    std::vector<uint32_t> MetricSeries; // Metrics.size() + 1 entries: metric m owns Series[MetricSeries[m], MetricSeries[m+1])

    size_t ResidentBytes() const;
};

struct Dataset
{
    // Header
    std::string Format;      // "landscape/1"
    std::string Title;
    std::string Edition;
    std::string Publisher;
    std::string License;
    std::string Description;
    std::string Published;   // YYYY-MM-DD or ""
    std::vector<std::string> Caveats;

    std::vector<Region> Regions;
    std::vector<Entity> Entities;
    std::vector<Metric> Metrics;
    std::vector<Source> Sources;
    std::vector<Event> Events;

    ObservationTable Observations;
    StringPool NotePool; // string 0 is "" so a zero note index means "no note"
    DatasetIndex Index;  // built by BuildIndexes()

    Dataset();
    size_t ObservationCount() const { return Observations.Size(); }
    size_t ResidentBytes() const;                       // heap + object bytes held, capacity-based (for budgets and the bench)
    int FindRegion(std::string_view id) const;          // index or -1 (linear: arrays are small)
    int FindEntity(std::string_view id) const;          // index or -1
    int FindMetric(std::string_view id) const;          // index or -1
    int FindSource(std::string_view id) const;          // index or -1
    int ObservationSource(uint32_t row) const;          // index into Sources or -1
    std::string_view ObservationNote(uint32_t row) const; // "" when none
    uint32_t AddNote(std::string_view note);            // note index for a new row (0 for "")
    uint32_t AddObservation(int entity, int metric, int region, Period period, double value, int source = -1,
                            Confidence confidence = Confidence_Reported, std::string_view note = {}, Bound bound = Bound_None,
                            Certainty certainty = Certainty_None); // append a row (for code-built datasets); call BuildIndexes() after
};

const char* ConfidenceName(Confidence c);  // "reported", "estimate", "forecast"
const char* SourceKindName(SourceKind k);  // "company-reported" ... ; "" for SourceKind_None
const char* BoundName(Bound b);            // "lower", "upper"; "" for Bound_None
const char* CertaintyName(Certainty c);    // "high", "medium", "low"; "" for Certainty_None
SourceQuality QualityOf(const Source& s);  // see SourceQuality; docs/format.md "What may be compared"
const char* SourceQualityName(SourceQuality q); // "primary", "relay-checked", "relay-unchecked", "media", "estimate", "other"
std::string FormatColor(uint32_t rgb);     // "#1877f2"

// Row order by (metric, entity, region, period, row). Rows whose skip[row] != 0 are left out.
// bounds = number of metrics, entities and regions (sizes the packed sort key).
Column<uint32_t> SortObservationRows(const ObservationTable& obs, size_t metric_count, size_t entity_count, size_t region_count,
                                     const Column<uint8_t>* skip = nullptr);
// Pairs (first row, duplicate row) of rows with the same (metric, entity, region, period), given rows in SortObservationRows order.
std::vector<std::pair<uint32_t, uint32_t>> FindDuplicateRows(const ObservationTable& obs, const Column<uint32_t>& sorted_rows);
void BuildIndexes(Dataset* ds, Column<uint32_t> sorted_rows); // fill ds->Index from rows already sorted over ALL rows
void BuildIndexes(Dataset* ds);                                    // sort then fill ds->Index

} // namespace ls
