// Share model: 100 % stacked columns at the chosen granularity. A share is only as good as its
// total: the model adds only what may be added (disjoint regions of one entity when the metric's
// aggregate is "sum"; different entities only when sum_across_entities), keeps the SAME
// contributors in every column it draws, and says which periods it leaves out because others
// reported then, rather than drawing the jump a change of contributors makes.
#include "core/view_models.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace ls
{

namespace
{

// One contributor's figures by period (of the granularity).
struct Contributor
{
    int Part = 0;                  // index into the chart's parts
    std::string Name;
    std::map<uint32_t, uint32_t> Rows; // period key -> row
};

// The contributors drawn: the set present in the most periods (a tie: the larger set, then the
// later), among sets of at least two parts. Columns are the periods where all of them report.
void FillColumns(const Dataset& ds, const std::vector<Contributor>& all, size_t part_count, const char* noun, ShareChartModel* chart)
{
    std::map<uint32_t, std::vector<size_t>> present; // period -> contributors
    for (size_t c = 0; c < all.size(); c++)
        for (const auto& [key, row] : all[c].Rows)
            present[key].push_back(c);
    std::vector<size_t> best;
    size_t best_count = 0;
    uint32_t best_last = 0;
    for (const auto& [key, set] : present)
    {
        std::vector<uint8_t> parts(part_count, 0);
        for (size_t c : set)
            parts[all[c].Part] = 1;
        if (std::count(parts.begin(), parts.end(), 1) < 2)
            continue;
        size_t count = 0;
        uint32_t last = 0;
        for (const auto& [k2, s2] : present)
            if (std::includes(s2.begin(), s2.end(), set.begin(), set.end()))
                count++, last = k2;
        if (count > best_count || (count == best_count && set.size() > best.size()) || (count == best_count && set.size() == best.size() && last > best_last))
            best = set, best_count = count, best_last = last;
    }
    if (best.empty())
        return;
    size_t left_out = 0;
    for (const auto& [key, set] : present)
    {
        if (!std::includes(set.begin(), set.end(), best.begin(), best.end()))
        {
            left_out++;
            continue;
        }
        ShareColumnModel col;
        col.At.Key = key;
        col.Values.assign(part_count, -1.0);
        col.Estimate.assign(part_count, 0);
        col.Bounded.assign(part_count, 0);
        for (size_t c : best)
        {
            uint32_t row = all[c].Rows.at(key);
            double v = ds.Observations.Values[row];
            int p = all[c].Part;
            col.Values[p] = std::max(0.0, col.Values[p]) + v;
            col.Estimate[p] |= ds.Observations.Confidences[row] != Confidence_Reported;
            col.Bounded[p] |= ds.Observations.BoundAt(row) != Bound_None;
            col.Contributors++;
            if (v > 0)
                col.Total += v;
        }
        chart->Columns.push_back(std::move(col));
    }
    chart->PeriodsLeftOut = left_out;
    std::string in, out;
    for (size_t c = 0; c < all.size(); c++)
    {
        bool drawn = std::find(best.begin(), best.end(), c) != best.end();
        (drawn ? in : out) += std::string((drawn ? in : out).empty() ? "" : ", ") + all[c].Name;
    }
    chart->Coverage = std::to_string(best.size()) + " of " + std::to_string(all.size()) + " " + noun + " in every period drawn (" + in + ")";
    if (!out.empty())
        chart->Coverage += "; not added up: " + out + " (they do not report the same periods)";
    if (left_out > 0)
        chart->Coverage += "; " + std::to_string(left_out) + (left_out == 1 ? " period" : " periods") +
                           " where the contributors differ " + (left_out == 1 ? "is" : "are") + " left out rather than drawn as a jump";
    chart->Coverage += ".";
}

ShareChartModel RegionShares(const Dataset& ds, const ViewQuery& q, int entity)
{
    ShareChartModel chart;
    chart.Shown = true;
    const int m = q.Metric;
    chart.Title = "Share of " + Possessive(ds.Entities[entity].Name) + " total by region";
    // Totals first out (a region containing another with figures: the parts are drawn, not the
    // sum of some of them), then whatever still overlaps a part kept before it.
    std::vector<int> candidates, totals, parts, skipped;
    for (int r = 0; r < (int)ds.Regions.size(); r++)
    {
        if (!q.Regions.empty() && std::find(q.Regions.begin(), q.Regions.end(), r) == q.Regions.end())
            continue;
        if (ds.Regions[r].World || SeriesRows(ds, m, entity, r).Empty())
            continue;
        candidates.push_back(r);
    }
    for (int r : candidates)
    {
        bool total = std::any_of(candidates.begin(), candidates.end(), [&](int o) { return RegionContains(ds.Regions[r], ds.Regions[o]); });
        if (total)
        {
            totals.push_back(r);
            continue;
        }
        bool overlaps = false;
        for (int p : parts)
            overlaps |= RegionsOverlap(ds.Regions[p], ds.Regions[r]);
        (overlaps ? skipped : parts).push_back(r);
    }
    for (int r : totals)
        chart.Note += (chart.Note.empty() ? "Left out as totals containing other regions with figures: " : ", ") + ds.Regions[r].Name;
    if (!totals.empty() && !skipped.empty())
        chart.Note += ". ";
    for (size_t i = 0; i < skipped.size(); i++)
        chart.Note += (i == 0 ? "Left out because they overlap other regions: " : ", ") + ds.Regions[skipped[i]].Name;
    std::vector<Contributor> all;
    for (size_t i = 0; i < parts.size(); i++)
    {
        Contributor c;
        c.Part = (int)i;
        c.Name = ds.Regions[parts[i]].Name;
        for (uint32_t row : SeriesRows(ds, m, entity, parts[i]))
            if (GetPeriodKind(ds.Observations.Periods[row]) == q.Granularity)
                c.Rows[ds.Observations.Periods[row].Key] = row;
        if (!c.Rows.empty())
        {
            chart.Parts.push_back(c.Name);
            c.Part = (int)chart.Parts.size() - 1;
            all.push_back(std::move(c));
        }
    }
    FillColumns(ds, all, chart.Parts.size(), "regions", &chart);
    return chart;
}

// Across owners' countries: the selected entities at one region, summed by hq_country.
ShareChartModel OriginShares(const Dataset& ds, const ViewQuery& q, int region)
{
    ShareChartModel chart;
    chart.Shown = true;
    const int m = q.Metric;
    chart.Title = "Share by owner's country at " + ds.Regions[region].Name;
    if (!ds.Metrics[m].SumAcrossEntities)
    {
        chart.Note = "Figures of \"" + ds.Metrics[m].Name + "\" for different platforms cannot be added up (one person uses several apps, "
                     "or the data does not say they may be: sum_across_entities), so there are no shares by owner's country.";
        return chart;
    }
    std::vector<int> entities = q.Entities;
    std::vector<Contributor> all;
    std::vector<std::string> origins;
    for (int e : entities)
    {
        if (ds.Entities[e].HqCountry.empty())
            continue;
        Contributor c;
        c.Name = ds.Entities[e].Name;
        for (uint32_t row : SeriesRows(ds, m, e, region))
            if (GetPeriodKind(ds.Observations.Periods[row]) == q.Granularity)
                c.Rows[ds.Observations.Periods[row].Key] = row;
        if (c.Rows.empty())
            continue;
        if (std::find(origins.begin(), origins.end(), ds.Entities[e].HqCountry) == origins.end())
            origins.push_back(ds.Entities[e].HqCountry);
        c.Part = e; // the entity for now; mapped to its country below
        all.push_back(std::move(c));
    }
    if (origins.size() < 2)
    {
        chart.Note = "Shares by owner's country need " + std::string(GranularityAdjective(q.Granularity)) +
                     " figures of this metric for selected platforms from at least two countries at " + ds.Regions[region].Name + "; the selection has " +
                     std::to_string(origins.size()) + ".";
        return chart;
    }
    std::sort(origins.begin(), origins.end());
    chart.Parts = origins;
    for (Contributor& c : all)
        c.Part = (int)(std::find(origins.begin(), origins.end(), ds.Entities[c.Part].HqCountry) - origins.begin());
    const std::string noun = std::string("selected platforms with ") + GranularityAdjective(q.Granularity) + " figures at " + ds.Regions[region].Name;
    FillColumns(ds, all, origins.size(), noun.c_str(), &chart);
    return chart;
}

} // namespace

ShareModel BuildShareModel(const Dataset& ds, const ViewQuery& q)
{
    ShareModel s;
    s.Metric = q.Metric;
    s.Granularity = q.Granularity;
    if (q.Metric < 0)
        return s;
    const Metric& m = ds.Metrics[q.Metric];
    if (!m.Summable)
    {
        s.Message = "\"" + m.Name + "\" cannot be shown as shares: its values do not add up across regions or platforms "
                    "(the data file marks it as a ratio, rank or share, aggregate \"none\"). Choose a metric such as users or revenue.";
        return s;
    }
    if (!q.Entities.empty())
        s.ByRegion = RegionShares(ds, q, q.Entities[0]);
    int region = q.Regions.empty() ? -1 : q.Regions[0];
    if (region < 0)
        for (int r : RegionsWithData(ds, q.Metric))
            if (ds.Regions[r].World && region < 0)
                region = r;
    if (region >= 0)
        s.ByOrigin = OriginShares(ds, q, region);
    return s;
}

ShownTable ShareTableOf(const Dataset& ds, const ShareModel& s)
{
    ShownTable t;
    if (s.Metric < 0)
        return t;
    const Metric& m = ds.Metrics[s.Metric];
    if (!s.Message.empty())
    {
        t.Summary = "Shares: " + m.Name + " does not add up across regions, so no shares are shown.";
        return t;
    }
    t.Columns = { "Chart", "Period", "Part", "Share (% of the parts' total)", m.Name + " (" + m.Unit + ")", "Includes estimates", "Includes bounds" };
    std::string summary;
    for (const ShareChartModel* c : { &s.ByRegion, &s.ByOrigin })
    {
        if (!c->Shown)
            continue;
        if (!c->Note.empty())
            t.Notes.push_back(c->Title + ": " + c->Note);
        if (!c->Coverage.empty())
            t.Notes.push_back(c->Title + ": " + c->Coverage);
        for (const ShareColumnModel& col : c->Columns)
            for (size_t i = 0; i < c->Parts.size(); i++)
            {
                if (col.Values[i] < 0)
                    continue;
                char pct[32];
                std::snprintf(pct, sizeof(pct), "%.1f", col.Total > 0 && col.Values[i] > 0 ? 100.0 * col.Values[i] / col.Total : 0.0);
                t.Rows.push_back({ c->Title, FormatPeriod(col.At), c->Parts[i], pct, FormatNumber(ds, s.Metric, col.Values[i]),
                                   col.Estimate[i] ? "yes" : "", col.Bounded[i] ? "yes" : "" });
            }
        summary += (summary.empty() ? "" : " ") + c->Title + ": " +
                   (c->Columns.empty() ? std::string("no period has figures for two or more parts.")
                                       : std::to_string(c->Columns.size()) + " " + GranularityPlural(s.Granularity) + ", " +
                                             std::to_string(c->Parts.size()) + " parts.");
    }
    t.Caption = "Shares of " + m.Name + " (" + GranularityAdjective(s.Granularity) + " figures)";
    t.Summary = summary.empty() ? "Shares: choose a platform." : summary;
    return t;
}

} // namespace ls
