// Table and sources models: the observations of the selection (every granularity: the table
// lists, it never ranks or sums), and what the data rests on, with each source's quality.
#include "core/view_models.h"

#include <algorithm>
#include <cctype>

namespace ls
{

// Rows of the metric for the selected entities and regions that match the filter (FilterRows: every
// word of it in the platform, region, source, note or period), in the metric's series order.
TableModel BuildTableModel(const Dataset& ds, const ViewQuery& q)
{
    TableModel t;
    t.Metric = q.Metric;
    if (q.Metric < 0)
        return t;
    const ObservationTable& o = ds.Observations;
    for (uint32_t row : FilterRows(ds, q.Filter, q.Metric))
    {
        if (!q.Entities.empty() && std::find(q.Entities.begin(), q.Entities.end(), (int)o.Entities[row]) == q.Entities.end())
            continue;
        if (!q.Regions.empty() && std::find(q.Regions.begin(), q.Regions.end(), (int)o.Regions[row]) == q.Regions.end())
            continue;
        t.Rows.push_back(row);
    }
    return t;
}

ShownTable TableTable(const Dataset& ds, const TableModel& m, const std::string& filter)
{
    ShownTable t;
    if (m.Metric < 0)
        return t;
    const Metric& met = ds.Metrics[m.Metric];
    t.Caption = "Observations of " + met.Name + (filter.empty() ? "" : " matching \"" + filter + "\"");
    t.Columns = { "Platform", "Region", "Granularity", "Value (" + met.Unit + ")" };
    AppendFigureColumns(&t.Columns);
    t.Columns.push_back("Note");
    size_t bounds = 0;
    for (uint32_t row : m.Rows)
    {
        Figure f = DescribeRow(ds, row);
        bounds += f.Limit != Bound_None;
        std::vector<std::string> cells = { ds.Entities[f.Entity].Name, ds.Regions[f.Region].Name, GranularityName(GetPeriodKind(f.When)),
                                           FigureValueText(ds, m.Metric, f) };
        AppendFigureCells(ds, f, GetPeriodKind(f.When), &cells, &t.Sources);
        cells.push_back(std::string(ds.ObservationNote(row)));
        t.Rows.push_back(std::move(cells));
    }
    t.Summary = "Table of " + std::to_string(m.Rows.size()) + " observations of " + met.Name + ".";
    if (bounds > 0)
        t.Notes.push_back(std::to_string(bounds) + (bounds == 1 ? " value is a bound" : " values are bounds") + " (\xE2\x89\xA5 at least, \xE2\x89\xA4 at most).");
    return t;
}

SourcesModel BuildSourcesModel(const Dataset& ds)
{
    SourcesModel m;
    std::vector<uint32_t> counts = CountRowsPerSource(ds);
    for (size_t i = 0; i < ds.Sources.size(); i++)
    {
        SourceEntry e;
        e.Source = (int)i;
        e.Quality = QualityOf(ds.Sources[i]);
        e.QualityText = QualityText(ds, (int)i);
        e.Citations = counts[i];
        m.ByQuality[e.Quality] += e.Citations;
        m.Entries.push_back(std::move(e));
    }
    m.WithoutSource = counts.empty() ? 0 : counts.back();
    return m;
}

ShownTable SourcesTable(const Dataset& ds, const SourcesModel& m)
{
    ShownTable t;
    t.Caption = "Sources of " + ds.Title;
    t.Columns = { "Source", "Publisher", "Kind", "Quality", "Relays", "Date", "URL", "Attribution", "Observations citing it" };
    for (const SourceEntry& e : m.Entries)
    {
        const Source& s = ds.Sources[e.Source];
        t.Rows.push_back({ s.Title, s.Publisher, SourceKindName(s.Kind), e.QualityText, s.RelayOf, s.Date, s.Url, s.Attribution,
                           std::to_string(e.Citations) });
    }
    std::string by_quality;
    for (int q = 0; q < SourceQuality_COUNT; q++)
        if (m.ByQuality[q] > 0)
            by_quality += (by_quality.empty() ? "" : ", ") + std::to_string(m.ByQuality[q]) + " " + QualityShortName((SourceQuality)q);
    t.Summary = "Sources: " + std::to_string(ds.Sources.size()) + " sources and " + std::to_string(ds.Caveats.size()) + " caveats" +
                (ds.License.empty() ? "" : "; licence: " + ds.License) + "." + (by_quality.empty() ? "" : " Observations by source quality: " + by_quality + ".");
    return t;
}

} // namespace ls
