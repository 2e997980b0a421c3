// Map model: one entity's figures per region at one period of the chosen granularity. The colour
// scale spans that granularity only (a year's revenue would wash out every quarter's colour).
#include "core/view_models.h"
#include "core/stable_sort.h"

#include <algorithm>

namespace ls
{

MapModel BuildMapModel(const Dataset& ds, const ViewQuery& q)
{
    MapModel m;
    m.Metric = q.Metric;
    m.Granularity = q.Granularity;
    m.When = q.When;
    if (q.Metric < 0)
        return m;
    std::vector<int> with_data = EntitiesWithData(ds, q.Metric);
    for (int e : q.Entities)
        if (m.Entity < 0 && std::binary_search(with_data.begin(), with_data.end(), e))
            m.Entity = e;
    if (m.Entity < 0 && !q.Entities.empty())
        m.Entity = q.Entities[0];
    if (m.Entity < 0 || !q.When.Valid())
        return m;
    size_t bounds = 0;
    for (int r = 0; r < (int)ds.Regions.size(); r++)
    {
        if (!q.Regions.empty() && std::find(q.Regions.begin(), q.Regions.end(), r) == q.Regions.end())
            continue;
        if (SeriesRows(ds, q.Metric, m.Entity, r).Empty())
            continue;
        int age = 0, refused = -1;
        int row = FigureAt(ds, q.Metric, m.Entity, r, q.When, &age, &refused);
        if (row < 0)
        {
            if (refused >= 0)
                m.NoRecent.push_back(ds.Regions[r].Name + " (last " + GranularityAdjective(q.Granularity) + " figure " +
                                     PeriodLabel(ds.Observations.Periods[refused]) + ")");
            continue;
        }
        MapCell c;
        c.Region = r;
        c.F = DescribeRow(ds, (uint32_t)row, age);
        c.Painted = true;
        bounds += c.F.Limit != Bound_None;
        m.Cells.push_back(c);
    }
    // A total beside its parts (the world, or any region containing another region with figures,
    // e.g. "Worldwide except mainland China" beside the United States) is listed, not painted: it
    // would colour the countries no part covers with the total, and stretch the colour scale.
    // "Parts" are judged over every period, as the scale below is: a total painted in a period
    // whose parts are missing would be coloured on a scale that leaves it out (clamped to the top).
    std::vector<int> with_series;
    for (int r = 0; r < (int)ds.Regions.size(); r++)
        if (!SeriesRows(ds, q.Metric, m.Entity, r).Empty())
            with_series.push_back(r);
    auto is_total = [&](int r) {
        return std::any_of(with_series.begin(), with_series.end(), [&](int o) { return RegionContains(ds.Regions[r], ds.Regions[o]); });
    };
    for (MapCell& c : m.Cells)
        c.Painted = !is_total(c.Region);
    StableSortBy(m.Cells, [](const MapCell& a, const MapCell& b) { return a.F.Value > b.F.Value; });
    for (const MapCell& c : m.Cells)
        if (c.Painted)
            m.PaintOrder.push_back(c.Region);
    auto reach = [&](int r) { return ds.Regions[r].World ? 100000 : (int)ds.Regions[r].Countries.size(); };
    StableSortBy(m.PaintOrder, [&](int a, int b) { return reach(a) > reach(b); });

    // Colour scale: every figure of (metric, entity) at this granularity, over all regions and
    // periods, so colours stay put while the period plays.
    // A region that is the total of another region with figures stays off the scale, as it stays off the map.
    double lo = 1e300, hi = -1e300, lo_pos = 1e300;
    for (int r : with_series)
    {
        if (is_total(r))
            continue;
        for (uint32_t row : SeriesRows(ds, q.Metric, m.Entity, r))
        {
            if (GetPeriodKind(ds.Observations.Periods[row]) != q.Granularity)
                continue;
            double v = ds.Observations.Values[row];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            if (v > 0)
                lo_pos = std::min(lo_pos, v);
        }
    }
    if (lo > hi)
        lo = 0, hi = 1;
    m.Lo = lo, m.Hi = hi, m.LoPositive = lo_pos < 1e300 ? lo_pos : 0.0;
    if (!m.NoRecent.empty())
    {
        std::string names;
        for (const std::string& n : m.NoRecent)
            names += (names.empty() ? "" : "; ") + n;
        m.Notes.push_back("No recent figure: " + names + ".");
    }
    if (bounds > 0)
        m.Notes.push_back(std::to_string(bounds) + (bounds == 1 ? " region's figure is a bound" : " regions' figures are bounds") +
                          " (\xE2\x89\xA5 at least, \xE2\x89\xA4 at most).");
    return m;
}

ShownTable MapTable(const Dataset& ds, const MapModel& m)
{
    ShownTable t;
    t.Notes = m.Notes;
    if (m.Metric < 0 || m.Entity < 0)
    {
        t.Summary = "Choose a metric and a platform to colour the map.";
        return t;
    }
    const Metric& met = ds.Metrics[m.Metric];
    t.Caption = met.Name + " (" + met.Unit + "), " + EntityLabel(ds.Entities[m.Entity]) + ", by region, " + PeriodLabel(m.When);
    t.Columns = { "Region", met.Name + " (" + met.Unit + ")" };
    AppendFigureColumns(&t.Columns);
    t.Columns.push_back("On the map");
    for (const MapCell& c : m.Cells)
    {
        const Region& reg = ds.Regions[c.Region];
        std::vector<std::string> row = { reg.Name, FigureValueText(ds, m.Metric, c.F) };
        AppendFigureCells(ds, c.F, m.Granularity, &row, &t.Sources);
        row.push_back(!c.Painted ? "total, not on the scale" : reg.World ? "whole world" : reg.Countries.empty() ? "no (no country list)"
                                                                                   : std::to_string(reg.Countries.size()) + " countries");
        t.Rows.push_back(std::move(row));
    }
    if (m.Cells.empty())
        t.Summary = "Map of " + met.Name + " for " + ds.Entities[m.Entity].Name + ": no recent figure at " + PeriodLabel(m.When) + ".";
    else
    {
        const MapCell& top = m.Cells[0];
        t.Summary = "Map of " + met.Name + " for " + ds.Entities[m.Entity].Name + " in " + PeriodLabel(m.When) + ": " +
                    std::to_string(m.Cells.size()) + (m.Cells.size() == 1 ? " region" : " regions") + " with figures; highest " +
                    ds.Regions[top.Region].Name + " at " + FigureValueText(ds, m.Metric, top.F) + (met.Unit.empty() ? "" : " " + met.Unit) +
                    (top.F.Age > 0 ? " (" + AgeText(top.F, m.Granularity) + ")" : "") + ".";
    }
    return t;
}

} // namespace ls
