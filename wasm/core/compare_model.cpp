// Compare model: bars ranked at one period of the chosen granularity. A missing figure may be
// stood in for by an earlier one of the same granularity within the metric's as_of_limit, and the
// bar says how old it is; a year never stands in for a quarter, and nothing later than the period
// shown ever does. By region, a total (the world, or any region containing another compared
// region) is never ranked with its parts: it is set apart as a reference, like the map's "total,
// not drawn".
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
    m->Totals.clear();
    m->NoRecent.clear();
    m->NoFigures.clear();
    m->Candidates = 0;
    // Platforms the reader chose (not every platform, as when none or one is chosen) that have
    // no figure there at all: the coverage note names them, or "1 of 2" reads as a miscount of 4.
    const bool chosen = by == CompareKind_Entity && q.Entities.size() > 1;
    auto add = [&](int e, int r, std::string label) {
        if (SeriesRows(ds, q.Metric, e, r).Empty())
        {
            if (chosen)
                m->NoFigures.push_back(std::move(label));
            return;
        }
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
        m->Bars.push_back({ DescribeRow(ds, (uint32_t)row, age), std::move(label), ent.HqCountry.empty() ? "unknown origin" : ent.HqCountry, {} });
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
    if (by == CompareKind_Region)
    {
        // A region containing another compared region is their total: ranking it with its parts
        // would put a sum beside its own terms. Decided over every bar (all selected platforms),
        // so a platform's world figure never outranks another's regional one either.
        std::vector<CompareBar> ranked;
        for (CompareBar& b : m->Bars)
        {
            std::vector<std::string> parts;
            for (const CompareBar& o : m->Bars)
                if (RegionContains(ds.Regions[b.F.Region], ds.Regions[o.F.Region]) &&
                    std::find(parts.begin(), parts.end(), ds.Regions[o.F.Region].Name) == parts.end())
                    parts.push_back(ds.Regions[o.F.Region].Name);
            for (const std::string& p : parts)
                b.Contains += (b.Contains.empty() ? "" : ", ") + p;
            (parts.empty() ? ranked : m->Totals).push_back(std::move(b));
        }
        m->Bars = std::move(ranked);
        StableSortBy(m->Totals, [](const CompareBar& a, const CompareBar& b) { return a.F.Value > b.F.Value; });
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
        if (regions.Bars.size() + regions.Totals.size() > m.Bars.size())
        {
            m = std::move(regions);
            m.FellBack = true;
            m.By = CompareKind_Region;
        }
    }
    const char* noun = m.By == CompareKind_Region ? "series" : "platforms";
    size_t exact = 0, bounds = 0;
    for (const std::vector<CompareBar>* list : { &m.Bars, &m.Totals })
        for (const CompareBar& b : *list)
            exact += b.F.Age == 0, bounds += b.F.Limit != Bound_None;
    const size_t shown = m.Bars.size() + m.Totals.size();
    std::string coverage = std::to_string(exact) + " of " + std::to_string(m.Candidates) + " " + noun + " " + Agree(exact, "reports", "report") + " " + PeriodLabel(q.When);
    if (shown > exact)
        coverage += "; " + std::to_string(shown - exact) + " more " + Agree(shown - exact, "shows", "show") + " an earlier " + GranularityAdjective(q.Granularity) +
                    " figure (at most " + std::to_string(ds.Metrics[q.Metric].AsOf.For(q.Granularity)) + " " + GranularityPlural(q.Granularity) + " back)";
    coverage += ".";
    if (!m.NoFigures.empty() && m.Region >= 0)
        coverage += " " + JoinAnd(m.NoFigures) + " " + Agree(m.NoFigures.size(), "has", "have") + " no figures at " + ds.Regions[m.Region].Name + ".";
    m.Notes.push_back(coverage);
    if (!m.Totals.empty())
    {
        std::string names;
        for (const CompareBar& b : m.Totals)
            names += (names.empty() ? "" : "; ") + b.Label + (ds.Regions[b.F.Region].World ? " (the world total)" : " (contains " + b.Contains + ")");
        m.Notes.push_back("Totals shown apart, not ranked with their parts: " + names + ".");
    }
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
    for (const CompareBar& b : m.Totals)
    {
        std::vector<std::string> row = { "total, not ranked", b.Label, FigureValueText(ds, m.Metric, b.F) };
        AppendFigureCells(ds, b.F, m.Granularity, &row, &t.Sources);
        t.Rows.push_back(std::move(row));
    }
    const CompareBar& top = m.Bars[0];
    t.Summary = "Comparison of " + met.Name + " at " + PeriodLabel(m.When) + ": " + top.Label + " ranks first with " +
                (top.F.Limit != Bound_None ? BoundWords(top.F.Limit) + " " : "") + FormatNumber(ds, m.Metric, top.F.Value) +
                (met.Unit.empty() ? "" : " " + met.Unit) + (top.F.Age > 0 ? " (" + AgeText(top.F, m.Granularity) + ")" : "") + " of " +
                std::to_string(m.Bars.size()) + ".";
    // The notes (coverage first) travel in t.Notes; readers of the table add them after the
    // summary, so copying one in here made the mirror say it twice.
    return t;
}

} // namespace ls
