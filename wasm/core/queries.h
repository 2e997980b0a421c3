// Queries: what the views ask of a loaded Dataset. All read the index built by BuildIndexes()
// (rows sorted by metric, entity, region, period, and one SeriesEntry per series), so they stay
// fast at a million rows without any further memory.
//
// A "row" is an observation index: read it through ds.Observations.<Column>[row].
//
//   int m = ds.FindMetric("mau"), e = ds.FindEntity("facebook"), r = ds.FindRegion("apac");
//   for (uint32_t row : ls::SeriesRows(ds, m, e, r))                                    // a time series, by period
//       plot(ls::PeriodMidYear(ds.Observations.Periods[row]), ds.Observations.Values[row]);
//   ls::Period latest = ls::LatestPeriod(ds, m);
//   std::vector<uint32_t> ranking = ls::Ranking(ds, m, latest, ls::CompareKind_Entity, r); // best first
//
// Indices are ints (-1 = none/any) to match the record arrays; rows are uint32_t.
#pragma once

#include "core/dataset.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ls
{

// What a comparison holds fixed and what it lays side by side.
enum CompareKind
{
    CompareKind_Entity, // entities side by side, one region fixed
    CompareKind_Region, // regions side by side, one entity fixed
};

// A range of rows inside Dataset::Index.SortedRows (no copy; a span may cross its blocks).
struct RowSpan
{
    using Iter = Column<uint32_t>::const_iterator;
    Iter Begin;
    Iter End;

    Iter begin() const { return Begin; }
    Iter end() const { return End; }
    size_t Size() const { return (size_t)(End - Begin); }
    bool Empty() const { return Begin == End; }
};

struct ValueRange
{
    double Min = 0.0;
    double Max = 0.0;
    double MinPositive = 0.0; // smallest value > 0 (a log axis starts there); 0 when none
    size_t Count = 0;         // rows looked at
    bool Valid() const { return Count > 0; }
};

struct EntityRegionPair
{
    int Entity = -1;
    int Region = -1;
    uint32_t Rows = 0; // observations of the series
    Period First;
    Period Last;
};

// Rows and series
RowSpan MetricRows(const Dataset& ds, int metric);                                        // every row of a metric, by (entity, region, period)
RowSpan SeriesRows(const Dataset& ds, int metric, int entity, int region);                // one series, by period; empty if none
int FindRow(const Dataset& ds, int metric, int entity, int region, Period when);          // the row at exactly that period, or -1
std::vector<uint32_t> RowsAcrossRegions(const Dataset& ds, int metric, int entity, Period when);  // one row per region with data then (region order)
std::vector<uint32_t> RowsAcrossEntities(const Dataset& ds, int metric, int region, Period when); // one row per entity with data then (entity order)
std::vector<uint32_t> FilterRows(const Dataset& ds, std::string_view text, int metric = -1); // rows whose entity name/native name/id, region name/id, source title/id, note or period ("2023-Q2") together contain every word of text (ASCII case-insensitive); all rows for empty text

// Periods
std::vector<Period> MetricPeriods(const Dataset& ds, int metric, int entity = -1, int region = -1); // sorted, unique periods with data (entity/region -1 = any)
Period LatestPeriod(const Dataset& ds, int metric, int entity = -1, int region = -1);                // Period{} when there is no data

// Rankings and overlap (shares are the share model's: view_models.h)
void SortRowsByRank(const Dataset& ds, std::vector<uint32_t>* rows);                      // best first (LowerIsBetter honoured), ties by name
std::vector<uint32_t> Ranking(const Dataset& ds, int metric, Period when, CompareKind by, int fixed); // rows at `when` across entities (fixed region) or regions (fixed entity), best first
bool RegionsOverlap(const Region& a, const Region& b);                                    // share a country, or one is the world; false when either has no countries
// Whether `outer` is a total that `inner` is part of, so the two must never be ranked, summed or
// coloured on one scale as peers: the world contains every other region; otherwise outer's
// country list holds all of inner's and more. Equal lists are one area, not a total of the other.
bool RegionContains(const Region& outer, const Region& inner);

// Grouping, ranges and counts
ValueRange MetricValueRange(const Dataset& ds, int metric);                              // over all rows of a metric (axes and colour scales)
std::vector<uint32_t> CountRowsPerSource(const Dataset& ds);                             // Sources.size() + 1 counts; the last one is "no source"
std::vector<uint32_t> CountRowsPerMetric(const Dataset& ds);                             // Metrics.size() counts
std::vector<uint32_t> CountRowsPerEntity(const Dataset& ds);                             // Entities.size() counts
std::vector<uint32_t> CountRowsPerRegion(const Dataset& ds);                             // Regions.size() counts
std::vector<uint32_t> CountRowsPerConfidence(const Dataset& ds);                         // Confidence_COUNT counts
std::vector<EntityRegionPair> PairsWithData(const Dataset& ds, int metric);               // (entity, region) series of a metric, by entity then region
std::vector<int> EntitiesWithData(const Dataset& ds, int metric);                        // sorted, unique
std::vector<int> RegionsWithData(const Dataset& ds, int metric);                         // sorted, unique
bool PeriodRange(const Dataset& ds, Period* first, Period* last);                        // earliest and latest period of any row; false when empty

} // namespace ls
