// landscape-data view FILE --state JSON: prints the view model the widget would draw for that
// state, as JSON, so researchers (and tests) can see what a state shows without a browser.
//
//   landscape-data view data/landscape.json --state '{"view":"compare","metric":"revenue","period":"2025-Q3"}'
//
// Output: {state (as resolved), problems, view, metric, granularity, period, table: {caption,
// summary, notes, columns, rows}, model: the view's own figures (series, bars, columns, cells,
// sources) with value, period, bound, as-of age, confidence, certainty, source and quality}.
// Exit status: 0 shown, 1 the file does not load, 2 usage error or a state that is not a JSON object.
#include "core/loader.h"
#include "core/view_models.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace
{

using Json = nlohmann::json;

Json FigureJson(const ls::Dataset& ds, const ls::Figure& f)
{
    Json j;
    j["entity"] = ds.Entities[f.Entity].Id;
    j["region"] = ds.Regions[f.Region].Id;
    j["period"] = ls::FormatPeriod(f.When);
    j["value"] = f.Value;
    j["bound"] = f.Limit == ls::Bound_None ? Json(nullptr) : Json(ls::BoundName(f.Limit));
    j["age"] = f.Age;
    j["confidence"] = ls::ConfidenceName(f.Conf);
    j["certainty"] = f.Grade == ls::Certainty_None ? Json(nullptr) : Json(ls::CertaintyName(f.Grade));
    j["source"] = f.Source >= 0 ? Json(ds.Sources[f.Source].Id) : Json(nullptr);
    j["quality"] = f.Source >= 0 ? Json(ls::SourceQualityName(f.Quality)) : Json(nullptr);
    j["attribution"] = f.Source >= 0 && !ds.Sources[f.Source].Attribution.empty() ? Json(ds.Sources[f.Source].Attribution) : Json(nullptr);
    return j;
}

Json ShareChartJson(const ls::ShareChartModel& c)
{
    Json j;
    j["shown"] = c.Shown;
    j["title"] = c.Title;
    j["parts"] = c.Parts;
    j["note"] = c.Note;
    j["coverage"] = c.Coverage;
    j["periods_left_out"] = c.PeriodsLeftOut;
    Json cols = Json::array();
    for (const ls::ShareColumnModel& col : c.Columns)
    {
        Json values = Json::array();
        for (double v : col.Values)
            values.push_back(v < 0 ? Json(nullptr) : Json(v));
        cols.push_back({ { "period", ls::FormatPeriod(col.At) }, { "total", col.Total }, { "contributors", col.Contributors }, { "values", values } });
    }
    j["columns"] = cols;
    return j;
}

Json ModelJson(const ls::Dataset& ds, const ls::ViewQuery& q)
{
    Json j = Json::object();
    switch (q.View)
    {
    case ls::ViewKind_Trend:
    {
        ls::TrendModel m = ls::BuildTrendModel(ds, q);
        j["joins_granularities"] = m.JoinsGranularities;
        j["left_out"] = m.LeftOut;
        j["bounds"] = m.Bounds;
        Json series = Json::array();
        for (const ls::TrendSeries& s : m.Series)
        {
            Json points = Json::array();
            for (uint32_t row : s.Rows)
                points.push_back(FigureJson(ds, ls::DescribeRow(ds, row)));
            series.push_back({ { "label", s.Label }, { "points", points } });
        }
        j["series"] = series;
        break;
    }
    case ls::ViewKind_Compare:
    {
        ls::CompareModel m = ls::BuildCompareModel(ds, q);
        j["by"] = m.By == ls::CompareKind_Region ? "region" : "entity";
        j["region"] = m.Region >= 0 ? Json(ds.Regions[m.Region].Id) : Json(nullptr);
        j["fell_back"] = m.FellBack;
        j["candidates"] = m.Candidates;
        j["no_recent_figure"] = m.NoRecent;
        Json bars = Json::array();
        for (const ls::CompareBar& b : m.Bars)
        {
            Json bar = FigureJson(ds, b.F);
            bar["label"] = b.Label;
            bars.push_back(bar);
        }
        j["bars"] = bars;
        break;
    }
    case ls::ViewKind_Share:
    {
        ls::ShareModel m = ls::BuildShareModel(ds, q);
        j["message"] = m.Message;
        j["by_region"] = ShareChartJson(m.ByRegion);
        j["by_origin"] = ShareChartJson(m.ByOrigin);
        break;
    }
    case ls::ViewKind_Map:
    {
        ls::MapModel m = ls::BuildMapModel(ds, q);
        j["entity"] = m.Entity >= 0 ? Json(ds.Entities[m.Entity].Id) : Json(nullptr);
        j["scale"] = { { "low", m.Lo }, { "high", m.Hi }, { "lowest_positive", m.LoPositive } };
        j["no_recent_figure"] = m.NoRecent;
        Json cells = Json::array();
        for (const ls::MapCell& c : m.Cells)
        {
            Json cell = FigureJson(ds, c.F);
            cell["painted"] = c.Painted;
            cells.push_back(cell);
        }
        j["cells"] = cells;
        break;
    }
    case ls::ViewKind_Table:
        j["rows"] = ls::BuildTableModel(ds, q).Rows.size();
        break;
    case ls::ViewKind_Sources:
    {
        ls::SourcesModel m = ls::BuildSourcesModel(ds);
        Json by_quality = Json::object();
        for (int i = 0; i < ls::SourceQuality_COUNT; i++)
            by_quality[ls::SourceQualityName((ls::SourceQuality)i)] = m.ByQuality[i];
        j["observations_by_quality"] = by_quality;
        j["observations_without_source"] = m.WithoutSource;
        break;
    }
    default: break;
    }
    return j;
}

} // namespace

int RunViewCommand(int argc, char** argv)
{
    std::string file, state_text = "{}";
    bool have_state = false;
    for (int i = 0; i < argc; i++)
    {
        std::string arg = argv[i];
        if (arg == "--state" && i + 1 < argc)
            state_text = argv[++i], have_state = true;
        else if (arg.size() > 1 && arg[0] == '-')
            return fprintf(stderr, "landscape-data view: unknown option \"%s\"\nusage: landscape-data view FILE --state JSON\n", arg.c_str()), 2;
        else if (file.empty())
            file = arg;
        else
            return fprintf(stderr, "landscape-data view: one FILE only\nusage: landscape-data view FILE --state JSON\n"), 2;
    }
    if (file.empty() || !have_state)
        return fprintf(stderr, "usage: landscape-data view FILE --state JSON\n"), 2;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fprintf(stderr, "%s: cannot read the file\n", file.c_str()), 1;
    std::stringstream text;
    text << in.rdbuf();
    ls::Dataset ds;
    ls::LoadResult loaded = ls::LoadDataset(text.str(), &ds);
    if (!loaded.Ok)
    {
        for (const ls::Problem& p : loaded.Problems)
            if (p.Severity == ls::ProblemSeverity_Error)
                fprintf(stderr, "%s\n", ls::FormatProblem(file, p).c_str());
        return 1;
    }
    ls::ViewState state;
    std::vector<ls::StateProblem> problems;
    if (!ls::ViewStateFromJson(state_text, &state, &problems))
        return fprintf(stderr, "landscape-data view: --state: %s\n", problems.empty() ? "not a JSON object" : problems[0].Message.c_str()), 2;
    ls::ViewQuery q = ls::ResolveViewQuery(ds, &state, &problems);
    ls::ShownTable t = ls::BuildShownTable(ds, q);
    Json out;
    out["state"] = Json::parse(ls::ViewStateToJson(state), nullptr, false);
    out["problems"] = Json::parse(ls::StateProblemsToJson(problems), nullptr, false);
    out["view"] = ls::ViewKindName(q.View);
    out["metric"] = q.Metric >= 0 ? Json(ds.Metrics[q.Metric].Id) : Json(nullptr);
    out["granularity"] = ls::GranularityName(q.Granularity);
    out["period"] = ls::FormatPeriod(q.When);
    out["table"] = { { "caption", t.Caption }, { "summary", t.Summary }, { "notes", t.Notes }, { "columns", t.Columns }, { "rows", t.Rows } };
    out["model"] = ModelJson(ds, q);
    printf("%s\n", out.dump(2, ' ', false, Json::error_handler_t::replace).c_str());
    return 0;
}
