// Glyphs made when a frame first needs them (issue #14 "lean loading"): the browser used to
// rasterise every character of the data the compiled-in fonts lack (and every complex-script
// run) before the first frame, though the demo's map draws none of them. Now a frame that draws
// text without its glyphs says so (App::FrameLacksGlyphs(), not shown by the platform), asks for
// exactly what it drew, and is drawn again once they are made (web/widget/frames.js).
//
// What must hold, with a fake browser rasteriser (boxes of the right size):
//  - the demo's first map frame asks for nothing;
//  - a view with CJK names asks for their characters, in one batch, in its first frame;
//  - once the asks are answered, no view draws a character from the font's fallback glyph
//    where rasterising everything up front (the old way) drew the real one.
#include "ui_test_harness.h"

#include "core/json_dom.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/shaping.h"

#include <set>
#include <string>
#include <vector>

namespace {

std::u32string Codepoints(const std::string& utf8)
{
    std::u32string out;
    ls::AppendCodepoints(utf8, &out);
    return out;
}

bool NotCompiledIn(char32_t cp)
{
    static ls::FontLibrary lib;
    return !lib.NotCompiledIn(std::u32string(1, cp)).empty();
}

// An App drawn as the widget draws it, with a stand-in for the browser's rasteriser, and each
// font's fallback glyph (ImGui draws it for a character the atlas lacks) replaced by a copy
// with texture coordinates no real glyph has, so the draw data tells when it was drawn.
struct LazyHarness : ui_test::AppHarness
{
    ImFontGlyph Sentinels[ls::FontLibrary::FontCount];
    int Rounds = 0;   // frames not shown for want of glyphs, since the last Settle()

    explicit LazyHarness(const ui_test::AppOptions& o) : ui_test::AppHarness(o) {}

    void FontsRebuilt() override
    {
        ImGuiIO& io = ImGui::GetIO();
        for (int i = 0; i < io.Fonts->Fonts.Size && i < ls::FontLibrary::FontCount; i++)
        {
            ImFont* font = io.Fonts->Fonts[i];
            Sentinels[i] = *font->FallbackGlyph;
            Sentinels[i].Visible = 1;
            Sentinels[i].U0 = Sentinels[i].U1 = Sentinels[i].V0 = Sentinels[i].V1 = -1.0f;
            font->FallbackGlyph = &Sentinels[i];
        }
    }

    // What frames.js does: a frame that lacks glyphs is drawn again once they are made.
    nlohmann::json Settle()
    {
        nlohmann::json asked = nlohmann::json::array();
        Rounds = 0;
        Frame();
        while (App.FrameLacksGlyphs() && Rounds < 5)
        {
            Rounds++;
            for (auto& g : Rasterise())
                asked.push_back(g);
            Frame();
        }
        return asked;
    }

    // The browser's part: a box per glyph and font, as glyphs.js hands them over.
    nlohmann::json Rasterise()
    {
        nlohmann::json j = ls::ParseJson(App.GlyphRequestsJson());
        REQUIRE(j.is_object());
        for (const auto& g : j["glyphs"])
            for (int font = 0; font < 3; font++)
            {
                float em = j["em"][font].get<float>() * j["density"].get<float>();
                int w = (int)(em * 0.6f * (float)Codepoints(g["text"].get<std::string>()).size()) + 4, h = (int)(em * 1.4f);
                std::vector<unsigned char> alpha((size_t)w * (size_t)h, 200);
                App.AddRasterisedGlyph(g["cp"].get<unsigned>(), font, w, h, (float)w - 4.0f, 2.0f, em, alpha.data());
            }
        return j["glyphs"];
    }

    // The old way: every character of the data no compiled-in font has, made before any frame.
    void RasteriseEverythingMissing(const std::string& text)
    {
        nlohmann::json doc = ls::ParseJson(text);
        ls::CodepointSet set;
        std::vector<const nlohmann::json*> stack = { &doc };
        while (!stack.empty())
        {
            const nlohmann::json* v = stack.back();
            stack.pop_back();
            if (v->is_string()) set.AddUtf8(v->get<std::string>());
            for (auto it = v->begin(); (v->is_object() || v->is_array()) && it != v->end(); ++it)
                stack.push_back(&*it);
        }
        const float density = ImGui::GetIO().DisplayFramebufferScale.x;
        for (char32_t cp : set.Sorted())
            if (cp <= 0xFFFF && NotCompiledIn(cp))
                for (int font = 0; font < 3; font++)
                {
                    std::vector<unsigned char> alpha(16 * 20, 200);
                    App.AddRasterisedGlyph((unsigned)cp, font, 16, 20, 14.0f * density, 1.0f, 15.0f * density, alpha.data());
                }
    }

    // Quads the last frame drew from a fallback glyph.
    int FallbackQuads() const
    {
        int vertices = 0;
        const ImDrawData* dd = ImGui::GetDrawData();
        for (int l = 0; l < dd->CmdListsCount; l++)
            for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
                vertices += v.uv.x == -1.0f && v.uv.y == -1.0f;
        return vertices / 4;
    }
};

const char* const Views[] = { "map", "trend", "compare", "share", "table", "sources" };
const char* const CjkEntities = "[\"douyin\",\"xiaohongshu\",\"wechat\",\"kuaishou\",\"weibo\",\"bilibili\",\"kakaotalk\"]";

std::set<char32_t> Chars(const nlohmann::json& asked)
{
    std::set<char32_t> out;
    for (const auto& g : asked)
    {
        std::u32string cps = Codepoints(g["text"].get<std::string>());
        if (cps.size() == 1 && g["cp"].get<uint32_t>() == (uint32_t)cps[0])
            out.insert(cps[0]);
    }
    return out;
}

} // namespace

TEST_CASE("lazy glyphs: the demo's first map frame asks for none; a view with CJK names asks for their characters, once")
{
    LazyHarness h({});
    REQUIRE(h.App.LoadData(ui_test::ReadDemo()));
    // Before any frame nothing is asked for (the widget used to rasterise 29 characters here).
    CHECK(ls::ParseJson(h.App.GlyphRequestsJson())["glyphs"].empty());
    nlohmann::json first = h.Settle();
    CHECK(first.empty());
    CHECK(h.Rounds == 0);
    CHECK(h.FallbackQuads() == 0);

    // Every view with the Chinese and Korean platforms chosen: what its first frame asks for
    // comes in one batch (one round of the frame loop), is drawn the frame after, and is exactly
    // the characters Inter lacks in the texts the frame shows (the layout report's texts).
    std::set<char32_t> all;
    bool some_cjk = false;
    for (const char* view : { "table", "compare", "trend", "share", "sources", "map" })   // the table shows names without their native ones
    {
        CAPTURE(view);
        REQUIRE(h.App.SetStateJson(std::string("{\"view\":\"") + view + "\",\"entities\":" + CjkEntities + "}"));
        nlohmann::json asked = h.Settle();
        CHECK(h.Rounds <= 1);
        CHECK(h.FallbackQuads() == 0);
        std::set<char32_t> chars = Chars(asked);
        CHECK(chars.size() == asked.size());   // the demo has no complex-script runs
        for (char32_t cp : chars)
        {
            CHECK(NotCompiledIn(cp));            // nothing Inter has
            CHECK(all.count(cp) == 0);           // each once
            all.insert(cp);
            some_cjk = some_cjk || (cp >= 0x4E00 && cp <= 0x9FFF);
        }
        std::set<char32_t> shown;
        for (const auto& item : h.Layout())
            for (char32_t cp : Codepoints(item["text"].get<std::string>()))
                if (cp > 0x7F && cp <= 0xFFFF && NotCompiledIn(cp))
                    shown.insert(cp);
        for (char32_t cp : shown)
            CHECK((all.count(cp) == 1));         // everything shown was asked for (in this view or before)
        for (char32_t cp : chars)
            CHECK((shown.count(cp) == 1));       // and nothing the view does not show
        h.Frame();
        h.Frame();
        CHECK_FALSE(h.App.FrameLacksGlyphs());
    }
    CHECK(some_cjk);
    CHECK(all.size() == 15);   // of the 29 characters the demo's data has that Inter lacks
    // Back to every view: nothing more to make.
    for (const char* view : Views)
    {
        REQUIRE(h.App.SetStateJson(std::string("{\"view\":\"") + view + "\"}"));
        CHECK(h.Settle().empty());
        CHECK(h.FallbackQuads() == 0);
    }
    // Everything asked for was made: nothing is left missing.
    CHECK(nlohmann::json::parse(h.App.StatsJson({}))["missingGlyphs"] == 0);
}

TEST_CASE("lazy glyphs: the probe sees a fallback glyph drawn (negative control)")
{
    // A frame drawn before its glyphs are made (which the platform does not show) draws the
    // font's fallback glyph for each character: the probe the next test relies on counts them.
    LazyHarness h({});
    REQUIRE(h.App.LoadData(ui_test::ReadDemo()));
    h.Settle();
    CHECK(h.FallbackQuads() == 0);
    REQUIRE(h.App.SetStateJson(std::string("{\"view\":\"compare\",\"entities\":") + CjkEntities + "}"));
    h.Frame();
    CHECK(h.App.FrameLacksGlyphs());
    CHECK(h.FallbackQuads() >= 15);
    h.Settle();
    CHECK(h.FallbackQuads() == 0);
}

TEST_CASE("lazy glyphs: no view draws a fallback glyph where making everything up front drew the real one")
{
    for (const char* file : { "data/landscape.json", "tests/data/other-field/music-streaming.json" })
        for (const ui_test::AppOptions& o : { ui_test::AppOptions{}, ui_test::AppOptions{ 375.0f, 700.0f, 2.0f } })
        {
            CAPTURE(file);
            CAPTURE(o.Width);
            const std::string text = ui_test::ReadSourceFile(file);
            std::vector<int> lazy, eager;
            for (int up_front = 0; up_front < 2; up_front++)
            {
                LazyHarness h(o);
                REQUIRE(h.App.LoadData(text));
                if (up_front)
                    h.RasteriseEverythingMissing(text);
                const bool demo = std::string(file) == "data/landscape.json";
                for (int chosen = 0; chosen < (demo ? 2 : 1); chosen++)
                    for (const char* view : Views)
                    {
                        REQUIRE(h.App.SetStateJson(std::string("{\"view\":\"") + view + "\"" +
                                                   (chosen ? std::string(",\"entities\":") + CjkEntities : std::string()) + "}"));
                        h.Settle();
                        h.Frame();
                        h.Settle();
                        (up_front ? eager : lazy).push_back(h.FallbackQuads());
                    }
            }
            CHECK(lazy == eager);
            for (int quads : lazy)
                CHECK(quads == 0);
        }
}

TEST_CASE("lazy glyphs: a complex-script name is asked for as a run when drawn, and drawn shaped the frame after")
{
    LazyHarness h({});
    REQUIRE(h.App.LoadData(ui_test::ReadSourceFile("tests/data/other-field/music-streaming.json")));
    h.Settle();
    REQUIRE(h.App.SetStateJson("{\"view\":\"table\"}"));
    nlohmann::json asked = h.Settle();
    CHECK(h.Rounds >= 1);
    bool run = false;
    for (const auto& g : asked)
        run = run || (g["cp"].get<uint32_t>() >= 0xE000 && g["cp"].get<uint32_t>() <= 0xF8FF);
    CHECK(run);
    // The letters of a run asked for are not asked for one by one (the run draws them).
    for (char32_t cp : Chars(asked))
        CHECK_FALSE(ls::NeedsShaping(cp));
    CHECK(h.FallbackQuads() == 0);
    // A new density asks for everything made so far again, in one batch, and draws meanwhile.
    h.App.SetDensity(2.0f);
    h.Frame();
    CHECK_FALSE(h.App.FrameLacksGlyphs());
    CHECK(ls::ParseJson(h.App.GlyphRequestsJson())["glyphs"].size() >= asked.size());
}
