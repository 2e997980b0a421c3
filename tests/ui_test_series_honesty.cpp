// How series are told apart must not say something false (issue #12's review): a dash means an
// estimate or forecast (the footer's key), so no reported stretch of any trend line is dashed,
// whichever region of whichever platform it is; and a platform has one colour (the data's, else
// the palette's by its place in the dataset, moved to the next free slot where two shown together
// would share one) in every view of a selection.
#include "ui_test_harness.h"

#include "imgui.h"
#include "ui/app.h"
#include "ui/theme.h"
#include "ui/views/trend_lines.h"
#include "ui/views/views.h"

#include <set>
#include <string>

namespace {

using ui_test::ReadDemo;
using ui_test::ReadSourceFile;

struct Harness : ui_test::AppHarness
{
    Harness() : AppHarness({ 1280, 800, 1.0f, false, false }) {}
    ls::ViewContext& Ctx() { return *App.Ctx; }
};

// Every vertex colour of the last frame: what was drawn, whatever the view drew it with.
std::set<ImU32> DrawnColours()
{
    std::set<ImU32> out;
    ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; l < dd->CmdListsCount; l++)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            out.insert(v.col);
    return out;
}

// The trend's lines of the current selection: no reported stretch dashed, estimate stretches
// dashed, and the regions of one entity still told apart (marker or shade). Returns how many of
// the lines have an estimate.
int CheckDashesMeanEstimates(Harness& h)
{
    const ls::ViewContext& ctx = h.Ctx();
    const ls::Dataset& ds = *ctx.Data;
    const auto& series = ctx.Trend.Series;
    REQUIRE(series.size() >= 2);
    std::vector<ls::SeriesStyle> styles = ls::chart::TrendStyles(ctx, series, false);
    REQUIRE(styles.size() == series.size());
    int with_estimates = 0;
    for (size_t i = 0; i < series.size(); i++)
    {
        CAPTURE(series[i].Label);
        CHECK(ls::chart::StretchDash(styles[i], false) == ls::SeriesDash_Solid);
        CHECK(ls::chart::StretchDash(styles[i], true) == ls::SeriesDash_Dashed);
        bool estimate = false;
        for (uint32_t row : series[i].Rows)
            estimate |= ds.Observations.Confidences[row] != ls::Confidence_Reported;
        with_estimates += estimate;
        for (size_t j = i + 1; j < series.size(); j++)
            if (series[j].Entity == series[i].Entity)
            {
                CAPTURE(series[j].Label);
                CHECK((styles[i].Color != styles[j].Color || styles[i].Marker != styles[j].Marker));
                CHECK(ls::ContrastRatio(styles[j].Color, ctx.Theme_->Background) >= ls::GraphicContrast);
            }
    }
    return with_estimates;
}

} // namespace

TEST_CASE("trend: a dash means an estimate, never a region (Meta's reported Asia-Pacific and Rest of World were dashed)")
{
    Harness h;
    REQUIRE(h.App.LoadData(ReadDemo()));
    // The default selection, then the chart the reviewer saw: Meta's five regions and three others.
    REQUIRE(h.App.SetStateJson("{\"view\":\"trend\"}"));
    h.Frames(2);
    int estimate_lines = CheckDashesMeanEstimates(h);
    REQUIRE(h.App.SetStateJson("{\"view\":\"trend\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\",\"pinterest\",\"reddit\",\"snapchat\"],\"regions\":[]}"));
    h.Frames(2);
    int meta_lines = 0;
    for (const auto& s : h.Ctx().Trend.Series)
        meta_lines += s.Label.rfind("Meta", 0) == 0;
    REQUIRE(meta_lines >= 4);   // more regions than marker shapes: the old second channel was the dash
    estimate_lines += CheckDashesMeanEstimates(h);
    // Revenue: ByteDance's estimates beside Meta's and Snap's reported figures.
    REQUIRE(h.App.SetStateJson("{\"view\":\"trend\",\"metric\":\"revenue\",\"entities\":[\"bytedance\",\"meta\",\"snapchat\"],\"regions\":[]}"));
    h.Frames(2);
    estimate_lines += CheckDashesMeanEstimates(h);
    CHECK(estimate_lines >= 1);   // an estimate line was there to be dashed
}

TEST_CASE("an entity has one colour in trend and compare for one selection, and the entities shown never share one")
{
    struct Case { const char* File; const char* Entity; };
    for (Case c : { Case{ "data/landscape.json", "meta" }, Case{ "tests/data/other-field/music-streaming.json", "jiosaavn" },
                    Case{ "tests/data/other-field/music-streaming.json", "anghami" } })
    {
        CAPTURE(c.File);
        CAPTURE(c.Entity);
        Harness h;
        REQUIRE(h.App.LoadData(ReadSourceFile(c.File)));
        h.Frames(1);   // the theme is the first frame's
        const ls::Dataset& ds = *h.Ctx().Data;
        int e = -1;
        for (size_t i = 0; i < ds.Entities.size(); i++)
            if (ds.Entities[i].Id == c.Entity)
                e = (int)i;
        REQUIRE(e >= 0);
        const std::string one = std::string("\"entities\":[\"") + c.Entity + "\"],";
        // The entity alone (its regions once took the palette from its first colour) and the
        // file's default selection (where trend took the palette by its place in the selection).
        for (std::string selection : { one, std::string() })
        {
            CAPTURE(selection);
            REQUIRE(h.App.SetStateJson("{\"view\":\"trend\"," + selection + "\"regions\":[]}"));
            h.Frames(2);
            const ImU32 colour = ls::EntityColorFor(h.Ctx(), e);
            bool shown = false;
            std::vector<ls::SeriesStyle> styles = ls::chart::TrendStyles(h.Ctx(), h.Ctx().Trend.Series, false);
            for (size_t i = 0; i < styles.size(); i++)
                if (h.Ctx().Trend.Series[i].Entity == e && !shown)
                {
                    shown = true;
                    CHECK(styles[i].Color == colour);   // its first line: the entity's colour itself
                }
            CHECK(shown);
            CHECK(DrawnColours().count(colour) == 1);
            // Compare by platform, and (the entity alone) by region: once the theme's accent.
            std::vector<std::string> compares = { "{\"view\":\"compare\",\"compare_by\":\"entity\"," + selection + "\"regions\":[]}" };
            if (!selection.empty())
                compares.push_back("{\"view\":\"compare\",\"compare_by\":\"region\"," + selection + "\"regions\":[]}");
            for (const std::string& state : compares)
            {
                CAPTURE(state);
                REQUIRE(h.App.SetStateJson(state));
                h.Frames(2);
                CHECK(ls::EntityColorFor(h.Ctx(), e) == colour);
                CHECK(DrawnColours().count(colour) == 1);
            }
        }
    }
}

TEST_CASE("the entities a chart shows never share a colour while the palette has room (Meta and Reddit, eight places apart, once did)")
{
    Harness h;
    REQUIRE(h.App.LoadData(ReadDemo()));
    REQUIRE(h.App.SetStateJson("{\"view\":\"trend\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\",\"pinterest\",\"reddit\",\"snapchat\"],\"regions\":[]}"));
    h.Frames(2);
    const ls::ViewContext& ctx = h.Ctx();
    REQUIRE(ctx.Sel.Entities.size() == 4);
    std::set<ImU32> colours;
    for (int e : ctx.Sel.Entities)
        colours.insert(ls::EntityColorFor(ctx, e));
    CHECK(colours.size() == ctx.Sel.Entities.size());
    // Every selection of up to a palette's worth of the demo's entities: no two alike.
    const int n = (int)ctx.Data->Entities.size(), size = ls::PaletteSize();
    for (int start = 0; start < n; start++)
    {
        std::string ids;
        for (int k = 0; k < size && start + k * 4 < n; k++)
            ids += (ids.empty() ? "\"" : ",\"") + ctx.Data->Entities[start + k * 4].Id + "\"";
        REQUIRE(h.App.SetStateJson("{\"view\":\"trend\",\"entities\":[" + ids + "]}"));
        h.Frames(1);
        std::set<ImU32> seen;
        int without_own = 0;
        for (int e : ctx.Sel.Entities)
            if (!ctx.Data->Entities[e].HasColor)
                seen.insert(ls::EntityColorFor(ctx, e)), without_own++;
        CAPTURE(ids);
        CHECK((int)seen.size() == without_own);
    }
}
