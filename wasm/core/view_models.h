// View models: exactly what each view shows for a (dataset, view state), worked out in the core so
// that the native tests cover the numbers the widget draws. The ImGui views, the accessible
// mirror, the CSV export and `landscape-data view` all read these; the ImGui layer only lays out.
//
//   ls::ViewState s;  ls::ViewStateFromJson(text, &s);
//   ls::ViewQuery q = ls::ResolveViewQuery(ds, &s);         // ids -> indices, defaults, granularity
//   ls::TrendModel t = ls::BuildTrendModel(ds, q);          // lines of one granularity
//   ls::ShownTable table = ls::TrendTable(ds, t);           // the same, as rows (mirror, CSV)
//
// What may be compared (docs/format.md "What may be compared"):
// - Granularity: every model shows periods of q.Granularity only. Values of a flow at different
//   granularities are never joined in one line, ranked together, coloured on one scale or summed.
//   Levels (period_kind "level") may share a trend line across granularities, nothing else.
// - Staleness: a missing figure may be stood in for by an earlier one of the SAME granularity, at
//   most the metric's as_of_limit periods back, never a later one (FigureAt). Older: "no recent
//   figure".
// - Coverage: sums add disjoint regions of one entity (aggregate "sum") and different entities
//   only when the metric says sum_across_entities; shares keep the same contributors in every
//   period drawn and say how many of the selection report.
// - Bounds, certainty and source quality travel with every figure (Figure).
#pragma once

#include "core/dataset.h"
#include "core/queries.h"
#include "core/view_state.h"

#include <string>
#include <vector>

namespace ls
{

// What a model is asked: the state resolved against the data. Regions empty = every region with data.
struct ViewQuery
{
    ViewKind View = ViewKind_Map;
    int Metric = -1;
    std::vector<int> Entities;
    std::vector<int> Regions;
    PeriodKind Granularity = PeriodKind_None;
    Period When;                    // of Granularity
    CompareKind CompareBy = CompareKind_Entity;
    bool GroupByOrigin = false;
    bool SortDescending = true;
    std::string Filter;
};

// Resolves *state (see ResolveViewState) into a query; a state without regions keeps "all regions".
ViewQuery ResolveViewQuery(const Dataset& ds, ViewState* state, std::vector<StateProblem>* problems = nullptr);

// One figure as a view shows it.
struct Figure
{
    uint32_t Row = 0;
    int Entity = -1, Region = -1, Source = -1;
    Period When;                    // the observation's own period
    double Value = 0.0;
    Confidence Conf = Confidence_Reported;
    Bound Limit = Bound_None;       // lower: "at least"; upper: "at most"
    Certainty Grade = Certainty_None;
    SourceQuality Quality = SourceQuality_Other;
    int Age = 0;                    // periods of the granularity between When and the period shown (0 = the period itself)
};

Figure DescribeRow(const Dataset& ds, uint32_t row, int age = 0);
int PeriodsBetween(Period earlier, Period later); // steps of their (common) kind from earlier to later; 0 for different kinds
// The row of (metric, entity, region) at `at`, or the latest earlier one of the same granularity
// within the metric's as_of_limit (*age = how many periods back); -1 when none. *refused gets the
// newest earlier row the limit refused (-1 when none), so a view can say "no recent figure".
int FigureAt(const Dataset& ds, int metric, int entity, int region, Period at, int* age, int* refused = nullptr);

// Words
std::string FormatNumber(const Dataset& ds, int metric, double value); // the metric's decimals, thousands separated: "1,411"
std::string EntityLabel(const Entity& e);                              // "Xiaohongshu (小红书)"
std::string BoundSymbol(Bound b);                                      // "≥ ", "≤ ", ""
std::string BoundWords(Bound b);                                       // "at least", "at most", ""
std::string FigureValueText(const Dataset& ds, int metric, const Figure& f); // "≥ 3,000"
std::string AgeText(const Figure& f, PeriodKind granularity);          // "as of Q4 2024, 3 quarters earlier"; "" when Age 0
// "company's own document", "via X, relaying Y; not checked against the original" ...; without the
// publisher ("relays Y; not checked ...") where the publisher is already shown just above (tooltips).
std::string QualityText(const Dataset& ds, int source, bool name_publisher = true);
// Words that agree with a count or a name, so no sentence reads "1 more show" or "Meta Platforms's".
const char* Agree(size_t n, const char* one, const char* many);      // Agree(1, "shows", "show") == "shows"
std::string Possessive(const std::string& name);                      // "Meta Platforms'", "Snap's"
std::string JoinAnd(const std::vector<std::string>& names);           // "A", "A and B", "A, B and C"
const char* QualityShortName(SourceQuality q);                         // "primary", "relay, checked" ...
const char* GranularityAdjective(PeriodKind g);                        // "annual", "quarterly", "monthly", "daily"
const char* GranularityPlural(PeriodKind g);                           // "years", "quarters", "months", "days"

// What a view shows as a table: drawn, mirrored to HTML, exported as CSV, printed by the CLI.
struct ShownTable
{
    std::string Caption;                       // "Facebook daily active users (millions) by region, Q2 2023"
    std::string Summary;                       // one sentence a screen reader hears first
    std::vector<std::string> Notes;            // what the view left out or cannot say (coverage, granularity, stale figures)
    std::vector<std::string> Columns;          // headers with units
    std::vector<std::vector<std::string>> Rows;
    std::vector<int> Sources;                  // sources cited by the rows (indices), for footers
};

// The columns every figure row ends with (value aside): bound, period, as of, confidence, certainty, source, quality, attribution.
void AppendFigureColumns(std::vector<std::string>* columns);
void AppendFigureCells(const Dataset& ds, const Figure& f, PeriodKind granularity, std::vector<std::string>* row, std::vector<int>* sources);

//-----------------------------------------------------------------------------
// Trend: one line per (entity, region) at the chosen granularity (levels: every granularity).
//-----------------------------------------------------------------------------
struct TrendSeries
{
    int Entity = -1, Region = -1;
    std::string Label;              // "Meta Platforms · Worldwide"
    std::vector<uint32_t> Rows;     // in time order
    std::vector<double> Years;      // middle of each row's period (fractional years)
};

struct TrendModel
{
    int Metric = -1;
    PeriodKind Granularity = PeriodKind_None;
    bool JoinsGranularities = false; // a level: its line keeps every granularity
    std::vector<TrendSeries> Series;
    double X0 = 0, X1 = 0, Y0 = 0, Y1 = 0, YPositive = 0; // extents (YPositive: smallest value > 0)
    size_t LeftOut = 0;             // points of the selection at other granularities, not drawn
    size_t Bounds = 0;              // points that are bounds
    std::vector<std::string> Notes;
};
constexpr int kMaxTrendSeries = 12;
TrendModel BuildTrendModel(const Dataset& ds, const ViewQuery& q);
ShownTable TrendTable(const Dataset& ds, const TrendModel& m);

//-----------------------------------------------------------------------------
// Compare: ranked bars at one period of the granularity.
//-----------------------------------------------------------------------------
struct CompareBar
{
    Figure F;
    std::string Label;              // "Weibo (微博)"
    std::string Group;              // owner's country ("unknown origin")
    std::string Contains;           // a total's parts among the compared regions ("US & Canada, Europe (Meta)"); "" for a ranked bar
};

struct CompareModel
{
    int Metric = -1;
    PeriodKind Granularity = PeriodKind_None;
    Period When;
    CompareKind By = CompareKind_Entity;
    bool FellBack = false;          // one platform only: its regions are compared instead
    int Region = -1;                // where entities are compared
    std::vector<CompareBar> Bars;   // ranked
    std::vector<CompareBar> Totals; // by region: regions containing other compared regions (the world total...): shown apart, never ranked with their parts
    std::vector<std::string> NoRecent; // "WhatsApp (last figure 2018)": older than the as_of_limit, not ranked
    std::vector<std::string> NoFigures; // platforms the reader chose with no figure of the metric at the region at all
    size_t Candidates = 0;          // series asked for
    std::vector<std::string> Notes;
};
CompareModel BuildCompareModel(const Dataset& ds, const ViewQuery& q);
ShownTable CompareTable(const Dataset& ds, const CompareModel& m);

//-----------------------------------------------------------------------------
// Share: 100 % stacked columns over the granularity's periods: by region (one entity) and by
// owner's country (the selected entities at one region).
//-----------------------------------------------------------------------------
struct ShareColumnModel
{
    Period At;
    std::vector<double> Values;     // per part; < 0 = no figure
    std::vector<uint8_t> Estimate;  // per part: includes an estimate or forecast
    std::vector<uint8_t> Bounded;   // per part: includes a bound
    double Total = 0;
    int Contributors = 0;           // series added up in this column
};

struct ShareChartModel
{
    bool Shown = false;             // false: the view has no such chart for this selection
    std::string Title;
    std::vector<std::string> Parts;
    std::vector<ShareColumnModel> Columns;
    std::string Note;               // why parts or periods were left out, or why there is no chart
    std::string Coverage;           // "3 of 4 selected platforms report every period drawn"
    size_t PeriodsLeftOut = 0;      // periods where the contributors differ from the columns drawn
};

struct ShareModel
{
    int Metric = -1;
    PeriodKind Granularity = PeriodKind_None;
    std::string Message;            // when the metric has no shares at all
    ShareChartModel ByRegion, ByOrigin;
};
ShareModel BuildShareModel(const Dataset& ds, const ViewQuery& q);
ShownTable ShareTableOf(const Dataset& ds, const ShareModel& m);

//-----------------------------------------------------------------------------
// Map: one entity's figures per region at one period; the colour scale spans the granularity only.
//-----------------------------------------------------------------------------
struct MapCell
{
    int Region = -1;
    Figure F;
    bool Painted = false;           // coloured on the map (a world total beside regional figures is listed only)
};

struct MapModel
{
    int Metric = -1, Entity = -1;
    PeriodKind Granularity = PeriodKind_None;
    Period When;
    std::vector<MapCell> Cells;     // largest first
    std::vector<int> PaintOrder;    // regions to paint, widest first (each country shows its most specific region)
    double Lo = 0, Hi = 1, LoPositive = 0; // colour scale: every figure of (metric, entity) at the granularity
    std::vector<std::string> NoRecent;
    std::vector<std::string> Notes;
};
MapModel BuildMapModel(const Dataset& ds, const ViewQuery& q);
ShownTable MapTable(const Dataset& ds, const MapModel& m);

//-----------------------------------------------------------------------------
// Table: the observations of the selection (every period and granularity: it lists, never ranks).
//-----------------------------------------------------------------------------
struct TableModel
{
    int Metric = -1;
    std::vector<uint32_t> Rows;
};
TableModel BuildTableModel(const Dataset& ds, const ViewQuery& q);
ShownTable TableTable(const Dataset& ds, const TableModel& m, const std::string& filter);

//-----------------------------------------------------------------------------
// Sources: what the data rests on, with each source's quality and citations.
//-----------------------------------------------------------------------------
struct SourceEntry
{
    int Source = -1;
    SourceQuality Quality = SourceQuality_Other;
    std::string QualityText;
    uint32_t Citations = 0;
};

struct SourcesModel
{
    std::vector<SourceEntry> Entries;           // dataset order
    uint32_t ByQuality[SourceQuality_COUNT] = {}; // observations per quality of their source
    uint32_t WithoutSource = 0;
};
SourcesModel BuildSourcesModel(const Dataset& ds);
ShownTable SourcesTable(const Dataset& ds, const SourcesModel& m);

// The table of the query's view (dispatches to the builders above).
ShownTable BuildShownTable(const Dataset& ds, const ViewQuery& q);

} // namespace ls
