// Trend model: one line per (entity, region) of the selection, at the chosen granularity. A flow
// (revenue over a year, over a quarter) at two granularities is two different quantities: joined in
// one line, a quarter after a year reads as a 70 % collapse. A level (users at a point in time) may
// keep every granularity in its line.
#include "core/view_models.h"

#include <algorithm>

namespace ls
{

TrendModel BuildTrendModel(const Dataset& ds, const ViewQuery& q)
{
    TrendModel m;
    m.Metric = q.Metric;
    m.Granularity = q.Granularity;
    if (q.Metric < 0)
        return m;
    m.JoinsGranularities = ds.Metrics[q.Metric].IsLevel;
    double x0 = 1e9, x1 = -1e9, y0 = 1e300, y1 = -1e300, ypos = 1e300;
    for (int e : q.Entities)
        for (int r = 0; r < (int)ds.Regions.size() && (int)m.Series.size() < kMaxTrendSeries; r++)
        {
            if (!q.Regions.empty() && std::find(q.Regions.begin(), q.Regions.end(), r) == q.Regions.end())
                continue;
            RowSpan span = SeriesRows(ds, q.Metric, e, r);
            if (span.Empty())
                continue;
            TrendSeries line;
            line.Entity = e;
            line.Region = r;
            line.Label = ds.Entities[e].Name + " \xC2\xB7 " + ds.Regions[r].Name;
            for (uint32_t row : span)
            {
                Period p = ds.Observations.Periods[row];
                if (!m.JoinsGranularities && GetPeriodKind(p) != q.Granularity)
                {
                    m.LeftOut++;
                    continue;
                }
                line.Rows.push_back(row);
                line.Years.push_back(PeriodMidYear(p));
                m.Bounds += ds.Observations.BoundAt(row) != Bound_None;
                x0 = std::min(x0, PeriodStartYear(p));
                x1 = std::max(x1, PeriodEndYear(p));
                double v = ds.Observations.Values[row];
                y0 = std::min(y0, v);
                y1 = std::max(y1, v);
                if (v > 0)
                    ypos = std::min(ypos, v);
            }
            if (!line.Rows.empty())
                m.Series.push_back(std::move(line));
        }
    m.X0 = x0, m.X1 = x1, m.Y0 = y0, m.Y1 = y1, m.YPositive = ypos;
    if (m.LeftOut > 0)
    {
        std::string others;
        for (PeriodKind k : MetricGranularities(ds, q.Metric))
            if (k != q.Granularity)
                others += std::string(others.empty() ? "" : " and ") + GranularityAdjective(k);
        m.Notes.push_back(std::to_string(m.LeftOut) + " " + others + " figure" + (m.LeftOut == 1 ? " is" : "s are") +
                          " not drawn: a total over a " + GranularityName(q.Granularity) + " is not comparable with one over another period length. "
                          "Choose the granularity to see them.");
    }
    if (m.Bounds > 0)
        m.Notes.push_back(std::to_string(m.Bounds) + (m.Bounds == 1 ? " point is a bound" : " points are bounds") +
                          " (\xE2\x89\xA5 at least, \xE2\x89\xA4 at most): the true value lies beyond it, drawn as an open marker with an arrow.");
    return m;
}

ShownTable TrendTable(const Dataset& ds, const TrendModel& m)
{
    ShownTable t;
    if (m.Metric < 0 || m.Series.empty())
    {
        t.Summary = "Trend: no series for this selection.";
        t.Notes = m.Notes;
        return t;
    }
    const Metric& met = ds.Metrics[m.Metric];
    t.Caption = met.Name + " (" + met.Unit + ") over time, " + (m.JoinsGranularities ? "every granularity" : std::string(GranularityAdjective(m.Granularity)) + " figures");
    t.Notes = m.Notes;
    t.Columns = { "Series", "Granularity", met.Name + " (" + met.Unit + ")" };
    AppendFigureColumns(&t.Columns);
    Period first, last;
    for (const TrendSeries& s : m.Series)
        for (uint32_t row : s.Rows)
        {
            Figure f = DescribeRow(ds, row);
            if (!first.Valid() || f.When < first) first = f.When;
            if (!last.Valid() || f.When > last) last = f.When;
            std::vector<std::string> cells = { s.Label, GranularityName(GetPeriodKind(f.When)), FigureValueText(ds, m.Metric, f) };
            AppendFigureCells(ds, f, m.Granularity, &cells, &t.Sources);
            t.Rows.push_back(std::move(cells));
        }
    t.Summary = "Trend of " + met.Name + " (" + (m.JoinsGranularities ? std::string("every granularity") : std::string(GranularityAdjective(m.Granularity)) + " figures") + "): " +
                std::to_string(m.Series.size()) + (m.Series.size() == 1 ? " line" : " lines") + " from " + PeriodLabel(first) + " to " + PeriodLabel(last) + ".";
    return t;
}

} // namespace ls
