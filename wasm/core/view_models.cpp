// What every view model shares: the query, figures with their staleness, bound and quality, the
// words for them, and the dispatch to each view's table (see view_models.h).
#include "core/view_models.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ls
{

ViewQuery ResolveViewQuery(const Dataset& ds, ViewState* state, std::vector<StateProblem>* problems)
{
    bool all_regions = state->Regions.empty();
    ResolvedView r = ResolveViewState(ds, state, problems);
    if (all_regions)
        state->Regions.clear();
    ViewQuery q;
    q.View = state->View;
    q.Metric = r.Metric;
    q.Entities = r.Entities;
    if (!all_regions)
        q.Regions = r.Regions;
    q.Granularity = r.Granularity;
    q.When = r.When;
    q.CompareBy = state->CompareBy;
    q.GroupByOrigin = state->GroupByOrigin;
    q.SortDescending = state->SortDescending;
    q.Filter = state->Filter;
    return q;
}

Figure DescribeRow(const Dataset& ds, uint32_t row, int age)
{
    const ObservationTable& o = ds.Observations;
    Figure f;
    f.Row = row;
    f.Entity = o.Entities[row];
    f.Region = o.Regions[row];
    f.Source = ds.ObservationSource(row);
    f.When = o.Periods[row];
    f.Value = o.Values[row];
    f.Conf = (Confidence)o.Confidences[row];
    f.Limit = o.BoundAt(row);
    f.Grade = o.CertaintyAt(row);
    f.Quality = f.Source >= 0 ? QualityOf(ds.Sources[f.Source]) : SourceQuality_Other;
    f.Age = age;
    return f;
}

int PeriodsBetween(Period earlier, Period later)
{
    PeriodKind k = GetPeriodKind(earlier);
    if (k != GetPeriodKind(later))
        return 0;
    int years = PeriodYear(later) - PeriodYear(earlier);
    switch (k)
    {
    case PeriodKind_Year: return years;
    case PeriodKind_Quarter: return years * 4 + PeriodQuarter(later) - PeriodQuarter(earlier);
    case PeriodKind_Month: return years * 12 + PeriodMonth(later) - PeriodMonth(earlier);
    case PeriodKind_Day: return (int)(later.Key >> 2) - (int)(earlier.Key >> 2); // the key counts days
    default: return 0;
    }
}

int FigureAt(const Dataset& ds, int metric, int entity, int region, Period at, int* age, int* refused)
{
    *age = 0;
    if (refused)
        *refused = -1;
    const PeriodKind g = GetPeriodKind(at);
    const int limit = metric >= 0 && (size_t)metric < ds.Metrics.size() ? ds.Metrics[metric].AsOf.For(g) : 0;
    int best = -1;
    for (uint32_t row : SeriesRows(ds, metric, entity, region))
    {
        Period p = ds.Observations.Periods[row];
        if (p == at)
            return (int)row;
        if (p < at && GetPeriodKind(p) == g) // the same granularity, never a later period
            best = (int)row;
    }
    if (best < 0)
        return -1;
    int back = PeriodsBetween(ds.Observations.Periods[best], at);
    if (back > limit)
    {
        if (refused)
            *refused = best;
        return -1;
    }
    *age = back;
    return best;
}

//-----------------------------------------------------------------------------
// Words
//-----------------------------------------------------------------------------

// A value with the metric's decimals (or as many as the figure needs, up to 2), thousands
// separated, so "1,411" and "60.57" read as the sources print them.
std::string FormatNumber(const Dataset& ds, int metric, double value)
{
    int decimals = metric >= 0 && (size_t)metric < ds.Metrics.size() ? ds.Metrics[metric].Decimals : -1;
    if (decimals < 0)
    {
        double frac = std::fabs(value - std::round(value));
        decimals = frac < 1e-9 ? 0 : std::fabs(value * 10 - std::round(value * 10)) < 1e-6 ? 1 : 2;
        if (std::fabs(value) < 1.0 && frac > 1e-9)
            decimals = std::max(decimals, 2);
    }
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.*f", decimals, std::fabs(value));
    std::string digits = buf;
    size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot), rest = dot == std::string::npos ? "" : digits.substr(dot);
    std::string grouped;
    for (size_t i = 0; i < whole.size(); i++)
    {
        if (i > 0 && (whole.size() - i) % 3 == 0)
            grouped += ',';
        grouped += whole[i];
    }
    return (value < 0 ? "-" : "") + grouped + rest;
}

std::string BoundSymbol(Bound b) { return b == Bound_Lower ? "\xE2\x89\xA5 " : b == Bound_Upper ? "\xE2\x89\xA4 " : ""; }
std::string BoundWords(Bound b) { return b == Bound_Lower ? "at least" : b == Bound_Upper ? "at most" : ""; }

std::string FigureValueText(const Dataset& ds, int metric, const Figure& f) { return BoundSymbol(f.Limit) + FormatNumber(ds, metric, f.Value); }

const char* GranularityAdjective(PeriodKind g)
{
    switch (g)
    {
    case PeriodKind_Year: return "annual";
    case PeriodKind_Quarter: return "quarterly";
    case PeriodKind_Month: return "monthly";
    case PeriodKind_Day: return "daily";
    default: return "";
    }
}

const char* GranularityPlural(PeriodKind g)
{
    switch (g)
    {
    case PeriodKind_Year: return "years";
    case PeriodKind_Quarter: return "quarters";
    case PeriodKind_Month: return "months";
    case PeriodKind_Day: return "days";
    default: return "";
    }
}

const char* Agree(size_t n, const char* one, const char* many) { return n == 1 ? one : many; }

std::string Possessive(const std::string& name)
{
    // English house style: a name ending in s takes the apostrophe alone ("Meta Platforms' total").
    return name + (!name.empty() && (name.back() == 's' || name.back() == 'S') ? "'" : "'s");
}

std::string JoinAnd(const std::vector<std::string>& names)
{
    std::string out;
    for (size_t i = 0; i < names.size(); i++)
        out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return out;
}

std::string AgeText(const Figure& f, PeriodKind granularity)
{
    if (f.Age <= 0)
        return "";
    std::string unit = GranularityPlural(granularity);
    if (f.Age == 1)
        unit.pop_back(); // "1 quarter"
    return "as of " + PeriodLabel(f.When) + ", " + std::to_string(f.Age) + " " + unit + " earlier";
}

const char* QualityShortName(SourceQuality q)
{
    switch (q)
    {
    case SourceQuality_Primary: return "primary";
    case SourceQuality_RelayChecked: return "relay, checked";
    case SourceQuality_RelayUnchecked: return "relay, not checked";
    case SourceQuality_Media: return "media report";
    case SourceQuality_Estimate: return "estimate";
    default: return "other";
    }
}

std::string QualityText(const Dataset& ds, int source, bool name_publisher)
{
    if (source < 0 || (size_t)source >= ds.Sources.size())
        return "no source";
    const Source& s = ds.Sources[source];
    // Publishers and relayed documents often carry their own parentheses ("X (transcription of
    // Meta's slides)"), so the relay is told after a comma, never inside another pair of brackets.
    const std::string via = "via " + (s.Publisher.empty() ? s.Title : s.Publisher);
    const std::string relays = name_publisher ? via + ", relaying " + s.RelayOf : "relays " + s.RelayOf;
    switch (QualityOf(s))
    {
    case SourceQuality_Primary: return "the company's own document";
    case SourceQuality_RelayChecked: return relays + "; checked against the original";
    case SourceQuality_RelayUnchecked: return relays + "; not checked against the original";
    case SourceQuality_Media: return "media report";
    case SourceQuality_Estimate: return s.RelayOf.empty() || !name_publisher ? "third-party estimate" : "third-party estimate, " + via;
    default: return "other source";
    }
}

void AppendFigureColumns(std::vector<std::string>* columns)
{
    for (const char* c : { "Bound", "Period", "As of", "Confidence", "Certainty", "Source", "Source quality", "Attribution" })
        columns->push_back(c);
}

void AppendFigureCells(const Dataset& ds, const Figure& f, PeriodKind granularity, std::vector<std::string>* row, std::vector<int>* sources)
{
    row->push_back(BoundName(f.Limit));
    row->push_back(FormatPeriod(f.When));
    row->push_back(AgeText(f, granularity));
    row->push_back(ConfidenceName(f.Conf));
    row->push_back(CertaintyName(f.Grade));
    row->push_back(f.Source >= 0 ? ds.Sources[f.Source].Title : std::string());
    row->push_back(f.Source >= 0 ? QualityText(ds, f.Source) : std::string());
    row->push_back(f.Source >= 0 ? ds.Sources[f.Source].Attribution : std::string());
    if (sources && f.Source >= 0 && std::find(sources->begin(), sources->end(), f.Source) == sources->end())
        sources->push_back(f.Source);
}

ShownTable BuildShownTable(const Dataset& ds, const ViewQuery& q)
{
    switch (q.View)
    {
    case ViewKind_Map: return MapTable(ds, BuildMapModel(ds, q));
    case ViewKind_Trend: return TrendTable(ds, BuildTrendModel(ds, q));
    case ViewKind_Compare: return CompareTable(ds, BuildCompareModel(ds, q));
    case ViewKind_Share: return ShareTableOf(ds, BuildShareModel(ds, q));
    case ViewKind_Table: return TableTable(ds, BuildTableModel(ds, q), q.Filter);
    case ViewKind_Sources: return SourcesTable(ds, BuildSourcesModel(ds));
    default: return ShownTable();
    }
}

} // namespace ls
