// Compare model: bars ranked at one period of the chosen granularity. A missing figure may be
// stood in for by an earlier one of the same granularity within the metric's as_of_limit, and the
// bar says how old it is; a year never stands in for a quarter, and nothing later than the period
// shown ever does.
#include "core/view_models.h"
#include "core/stable_sort.h"

#include <algorithm>

namespace ls
{

// Where entities are compared: the first selected region, else the region where most entities
// have figures for this metric.
static int CompareRegion(const Dataset& ds, const ViewQuery& q)
{
    if (!q.Regions.empty())
        return q.Regions[0];
    std::vector<int> count(ds.Regions.size(), 0);
    for (const EntityRegionPair& p : PairsWithData(ds, q.Metric))
        count[p.Region]++;
    return count.empty() ? -1 : (int)(std::max_element(count.begin(), count.end()) - count.begin());
}

static void CollectBars(const Dataset& ds, const ViewQuery& q, CompareKind by, CompareModel* m)
{
    m->Bars.clear();
    m->NoRecent.clear();
    m->Candidates = 0;
    auto add = [&](int e, int r, std::string label) {
        if (SeriesRows(ds, q.Metric, e, r).Empty())
            return;
        m->Candidates++;
        int age = 0, refused = -1;
        int row = FigureAt(ds, q.Metric, e, r, q.When, &age, &refused);
        if (row < 0)
        {
            if (refused >= 0)
                m->NoRecent.push_back(label + " (last " + GranularityAdjective(q.Granularity) + " figure " +
                                      PeriodLabel(ds.Observations.Periods[refused]) + ")");
            return;
        }
        const Entity& ent = ds.Entities[e];
        m->Bars.push_back({ DescribeRow(ds, (uint32_t)row, age), std::move(label), ent.HqCountry.empty() ? "unknown origin" : ent.HqCountry });
    };
    if (by == CompareKind_Region)
    {
        for (int e : q.Entities)
            for (int r = 0; r < (int)ds.Regions.size(); r++)
                if (q.Regions.empty() || std::find(q.Regions.begin(), q.Regions.end(), r) != q.Regions.end())
                    add(e, r, q.Entities.size() > 1 ? ds.Regions[r].Name + " \xC2\xB7 " + ds.Entities[e].Name : ds.Regions[r].Name);
    }
    else if (m->Region >= 0)
    {
        for (int e = 0; e < (int)ds.Entities.size(); e++)
            if (q.Entities.size() <= 1 || std::find(q.Entities.begin(), q.Entities.end(), e) != q.Entities.end())
                add(e, m->Region, EntityLabel(ds.Entities[e]));
    }
    bool lower_better = ds.Metrics[q.Metric].LowerIsBetter;
    bool descending = q.SortDescending != lower_better; // ranks: "best" first means smallest
    StableSortBy(m->Bars, [&](const CompareBar& a, const CompareBar& b) {
        if (q.GroupByOrigin && by == CompareKind_Entity && a.Group != b.Group)
            return a.Group < b.Group;
        return descending ? a.F.Value > b.F.Value : a.F.Value < b.F.Value;
    });
}

std::string EntityLabel(const Entity& e)
{
    if (e.NativeName.empty() || e.NativeName == e.Name)
        return e.Name;
    return e.Name + " (" + e.NativeName + ")";
}

CompareModel BuildCompareModel(const Dataset& ds, const ViewQuery& q)
{
    CompareModel m;
    m.Metric = q.Metric;
    m.Granularity = q.Granularity;
    m.When = q.When;
    m.By = q.CompareBy;
    if (q.Metric < 0 || !q.When.Valid())
        return m;
    m.Region = CompareRegion(ds, q);
    CollectBars(ds, q, q.CompareBy, &m);
    // Platforms side by side, unless only one platform has a figure: then its regions are more
    // telling than a single bar (the view says so).
    if (q.CompareBy == CompareKind_Entity && m.Bars.size() < 2)
    {
        CompareModel regions = m;
        CollectBars(ds, q, CompareKind_Region, &regions);
        if (regions.Bars.size() > m.Bars.size())
        {
            m = std::move(regions);
            m.FellBack = true;
            m.By = CompareKind_Region;
        }
    }
    const char* noun = m.By == CompareKind_Region ? "series" : "platforms";
    size_t exact = 0, bounds = 0;
    for (const CompareBar& b : m.Bars)
        exact += b.F.Age == 0, bounds += b.F.Limit != Bound_None;
    std::string coverage = std::to_string(exact) + " of " + std::to_string(m.Candidates) + " " + noun + " report " + PeriodLabel(q.When);
    if (m.Bars.size() > exact)
        coverage += "; " + std::to_string(m.Bars.size() - exact) + " more show an earlier " + GranularityAdjective(q.Granularity) +
                    " figure (at most " + std::to_string(ds.Metrics[q.Metric].AsOf.For(q.Granularity)) + " " + GranularityPlural(q.Granularity) + " back)";
    m.Notes.push_back(coverage + ".");
    if (!m.NoRecent.empty())
    {
        std::string names;
        for (const std::string& n : m.NoRecent)
            names += (names.empty() ? "" : "; ") + n;
        m.Notes.push_back("No recent figure, not ranked: " + names + ".");
    }
    if (bounds > 0)
        m.Notes.push_back(std::to_string(bounds) + (bounds == 1 ? " bar is a bound" : " bars are bounds") +
                          " (\xE2\x89\xA5 at least, \xE2\x89\xA4 at most): its true length is unknown beyond it.");
    return m;
}

ShownTable CompareTable(const Dataset& ds, const CompareModel& m)
{
    ShownTable t;
    t.Notes = m.Notes;
    if (m.Metric < 0 || m.Bars.empty())
    {
        t.Summary = "Compare: no recent figures for this selection.";
        return t;
    }
    const Metric& met = ds.Metrics[m.Metric];
    bool by_region = m.By == CompareKind_Region;
    t.Caption = met.Name + " (" + met.Unit + ") by " + (by_region ? std::string("region") : "platform at " + ds.Regions[m.Region].Name) + ", " +
                PeriodLabel(m.When) + " (" + GranularityAdjective(m.Granularity) + " figures)";
    t.Columns = { "Rank", by_region ? "Region" : "Platform", met.Name + " (" + met.Unit + ")" };
    AppendFigureColumns(&t.Columns);
    int rank = 1;
    for (const CompareBar& b : m.Bars)
    {
        std::vector<std::string> row = { std::to_string(rank++), b.Label, FigureValueText(ds, m.Metric, b.F) };
        AppendFigureCells(ds, b.F, m.Granularity, &row, &t.Sources);
        t.Rows.push_back(std::move(row));
    }
    const CompareBar& top = m.Bars[0];
    t.Summary = "Comparison of " + met.Name + " at " + PeriodLabel(m.When) + ": " + top.Label + " ranks first with " +
                (top.F.Limit != Bound_None ? BoundWords(top.F.Limit) + " " : "") + FormatNumber(ds, m.Metric, top.F.Value) +
                (met.Unit.empty() ? "" : " " + met.Unit) + (top.F.Age > 0 ? " (" + AgeText(top.F, m.Granularity) + ")" : "") + " of " +
                std::to_string(m.Bars.size()) + ". " + (m.Notes.empty() ? "" : m.Notes[0]);
    return t;
}

} // namespace ls
