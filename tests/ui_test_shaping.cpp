// Complex-script shaping (ui/shaping.h) without a browser: runs are found and cut as documented,
// a run is replaced by its stand-in only once the atlas can draw it, reports get the data's text
// back, and the app over the music-streaming file (Arabic, Hindi, CJK names) draws every view
// both unshaped (the native build: nobody rasterises) and with stand-ins from a fake rasteriser.
// The real shaping is the browser's: tests/browser/scripts.test.mjs compares its pixels.
#include "ui_test_harness.h"

#include "core/json_dom.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/shaping.h"

#include <string>
#include <vector>

namespace {

std::u32string Codepoints(const char* utf8)
{
    std::u32string out;
    ls::AppendCodepoints(utf8, &out);
    return out;
}

int CountStandIns(const char* shaped)
{
    int n = 0;
    for (char32_t cp : Codepoints(shaped))
        n += cp >= 0xE000 && cp <= 0xF8FF;
    return n;
}

// Every stand-in so far (asked for again), as the browser would take them.
std::vector<uint32_t> TakeStandIns()
{
    std::string items;
    ls::ShapingTakeRequests(&items, /*again*/ true);
    nlohmann::json j = ls::ParseJson("[" + items + "]");
    REQUIRE(j.is_array());
    std::vector<uint32_t> out;
    for (const auto& item : j)
        out.push_back(item["cp"].get<uint32_t>());
    return out;
}

void AllDrawable()
{
    std::u32string all;
    for (uint32_t cp : TakeStandIns())
        all.push_back((char32_t)cp);
    ls::ShapingSetDrawable(all);
}

} // namespace

TEST_CASE("shaping: runs of complex scripts become one stand-in each, once drawable")
{
    ls::ShapingReset(U"");
    const std::string arabic = "أنغامي", hindi = "जियोसावन", mixed = "Anghami · أنغامي (2024)";
    ls::ShapingAddText(arabic);
    ls::ShapingAddText(hindi);
    ls::ShapingAddText("Spotify 腾讯音乐 Ελληνικά");   // nothing to shape: Latin, CJK, Greek
    CHECK(ls::ShapingRunCount() == 2);

    // Not drawable yet: the text as it is.
    CHECK(std::string(ls::ShapedText(arabic)) == arabic);
    AllDrawable();
    CHECK(CountStandIns(ls::ShapedText(arabic)) == 1);
    CHECK(Codepoints(ls::ShapedText(arabic)).size() == 1);
    CHECK(Codepoints(ls::ShapedText(hindi)).size() == 1);
    CHECK(std::string(ls::ShapedText("Spotify 腾讯音乐")) == "Spotify 腾讯音乐");
    // A text of one script alone is one run, its digits and brackets included.
    ls::ShapingAddText("(2024) أنغامي");
    AllDrawable();
    CHECK(Codepoints(ls::ShapedText("(2024) أنغامي")).size() == 1);

    // Latin around a run stays; the run (digits and punctuation after it are not inside it) is
    // the same run as the name alone, so it is drawable already.
    std::string shaped = ls::ShapedText(mixed);
    CHECK(shaped.rfind("Anghami · ", 0) == 0);
    CHECK(shaped.size() > 4);
    CHECK(shaped.find(" (2024)") != std::string::npos);
    CHECK(CountStandIns(shaped.c_str()) == 1);
    CHECK(ls::UnshapedText(shaped) == mixed);
    CHECK(ls::UnshapedText("##id") == "##id");

    // A text composed of two names is a new run: asked for, drawn unshaped until it is drawable.
    std::string composed = arabic + " · " + "الشرق";
    CHECK(std::string(ls::ShapedText(composed)) == composed);
    CHECK(ls::ShapingHasRequests());
    AllDrawable();
    CHECK(CountStandIns(ls::ShapedText(composed)) == 1);
    CHECK(ls::UnshapedText(ls::ShapedText(composed)) == composed);
}

TEST_CASE("shaping: a long right-to-left run is cut at spaces and its pieces placed right to left")
{
    ls::ShapingReset(U"");
    std::string note;
    const char* words[] = { "الشرق", "الأوسط", "وشمال", "أفريقيا" };
    for (int i = 0; i < 12; i++)
        note += (i ? " " : "") + std::string(words[i % 4]);   // 12 words of 5-7 characters
    ls::ShapingAddText(note);
    CHECK(ls::ShapingRunCount() >= 3);
    AllDrawable();
    std::string shaped = ls::ShapedText(note);
    std::u32string cps = Codepoints(shaped.c_str());
    int pieces = CountStandIns(shaped.c_str());
    CHECK(pieces == ls::ShapingRunCount());
    CHECK(cps.size() == (size_t)(2 * pieces - 1));   // stand-ins with single spaces between
    CHECK(ls::UnshapedText(shaped) == note);         // back in logical order
    // Every piece is within the limit (counted on the data's own text).
    std::string items;
    ls::ShapingTakeRequests(&items, true);
    nlohmann::json j = ls::ParseJson("[" + items + "]");
    for (const auto& item : j)
    {
        CHECK(item["rtl"].get<bool>());
        CHECK(Codepoints(item["text"].get<std::string>().c_str()).size() <= (size_t)ls::MaxRunCodepoints);
    }
}

TEST_CASE("shaping: stand-ins never take a private-use character the data itself uses")
{
    ls::ShapingReset(U"\uE000\uE001\uE002x");
    ls::ShapedText("שלום");   // a frame draws it: asked for
    std::string items;
    ls::ShapingTakeRequests(&items);
    nlohmann::json j = ls::ParseJson("[" + items + "]");
    REQUIRE(j.size() == 1);
    CHECK(j[0]["cp"].get<uint32_t>() == 0xE003);
    CHECK(j[0]["rtl"].get<bool>());
    CHECK(j[0]["text"].get<std::string>() == "שלום");
    // A data text with a private-use character of its own comes back unchanged.
    ls::ShapingSetDrawable(U"\uE003");
    CHECK(ls::UnshapedText("\xEE\x80\x80 x") == "\xEE\x80\x80 x");
    CHECK(ls::UnshapedText(ls::ShapedText("שלום")) == "שלום");
}

namespace {

struct AppHarness
{
    ls::App App;
    double Time = 0.0;
    explicit AppHarness(float density)
    {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1000, 700);
        io.DisplayFramebufferScale = ImVec2(density, density);
        App.Init(density, false);
    }
    ~AppHarness()
    {
        App.Shutdown();
        ImGui::DestroyContext();
    }
    void Frames(int n)
    {
        for (int i = 0; i < n; i++)
        {
            ImGuiIO& io = ImGui::GetIO();
            io.DeltaTime = 1.0f / 60.0f;
            Time += io.DeltaTime;
            if (App.FontsNeedRebuild())
                App.RebuildFonts();
            ImGui::NewFrame();
            App.DrawFrame(Time);
            ImGui::Render();
            REQUIRE(ImGui::GetDrawData() != nullptr);
        }
    }
    void EveryView()
    {
        for (const char* view : { "map", "trend", "compare", "share", "table", "sources" })
        {
            REQUIRE(App.SetStateJson(std::string("{\"view\":\"") + view + "\"}"));
            Frames(3);
        }
    }
    // What the widget's glyphs.js does, with boxes for glyphs: every request, every font.
    int Rasterise()
    {
        nlohmann::json j = ls::ParseJson(App.GlyphRequestsJson());
        REQUIRE(j.is_object());
        REQUIRE(j["em"].size() == 3);
        int added = 0;
        for (const auto& g : j["glyphs"])
            for (int font = 0; font < 3; font++)
            {
                float em = j["em"][font].get<float>() * j["density"].get<float>();
                int w = (int)(em * 0.6f * (float)Codepoints(g["text"].get<std::string>().c_str()).size()) + 4, h = (int)(em * 1.4f);
                std::vector<unsigned char> alpha((size_t)w * (size_t)h, 200);
                added += App.AddRasterisedGlyph(g["cp"].get<unsigned>(), font, w, h, (float)w - 4.0f, 2.0f, em, alpha.data());
            }
        return added;
    }
};

} // namespace

TEST_CASE("shaping: the music-streaming file draws every view unshaped (no browser) and shaped")
{
    const std::string text = ui_test::ReadSourceFile("tests/data/other-field/music-streaming.json");
    REQUIRE(!text.empty());
    const std::string arabic = "أنغامي", hindi = "जियोसावन";
    for (float density : { 1.0f, 2.0f })
    {
        AppHarness h(density);
        REQUIRE(h.App.LoadData(text));
        // Nobody rasterises: everything draws, the names unshaped.
        h.Frames(2);
        h.EveryView();
        CHECK(std::string(ls::ShapedText(arabic)) == arabic);
        CHECK(ls::ShapingRunCount() >= 4);   // two names, two region names at least

        // A browser answers: the names become one glyph each, in every font, and the views draw.
        CHECK(h.Rasterise() > 0);
        h.Frames(1);
        for (const std::string& name : { arabic, hindi, std::string("الشرق الأوسط وشمال أفريقيا") })
        {
            const char* shaped = ls::ShapedText(name);
            CHECK(Codepoints(shaped).size() == 1);
            for (ImFont* font : { ImGui::GetIO().Fonts->Fonts[0], ImGui::GetIO().Fonts->Fonts[1], ImGui::GetIO().Fonts->Fonts[2] })
            {
                const ImFontGlyph* g = font->FindGlyphNoFallback((ImWchar)Codepoints(shaped)[0]);
                REQUIRE(g != nullptr);
                CHECK(g->AdvanceX > 0.0f);
                CHECK(g->Y1 > font->Ascent - 1.0f);   // the bitmap's baseline row sits on the font's baseline
            }
        }
        h.EveryView();
        // A new density asks for every glyph again; the old ones draw meanwhile.
        h.App.SetDensity(density + 1.0f);
        h.Frames(1);
        CHECK(Codepoints(ls::ShapedText(arabic)).size() == 1);
        CHECK(h.Rasterise() > 0);
        h.Frames(2);
        CHECK(Codepoints(ls::ShapedText(arabic)).size() == 1);
    }
}

TEST_CASE("fonts: every font of the stack and the browser's glyphs share Inter's em")
{
    ls::FontLibrary lib;
    // Inter: (2728 + 680) / 2816 = 1.21 em per pixel of ImGui size; 15 px -> 12.39 px em.
    CHECK(lib.EmSize(0) == doctest::Approx(15.0f * 2816.0f / 3408.0f).epsilon(0.01));
    CHECK(lib.EmSize(2) == doctest::Approx(12.0f * 2816.0f / 3408.0f).epsilon(0.01));   // 12.5 used as 12
    ImGui::CreateContext();
    ImFontAtlas atlas;
    ls::Fonts fonts = lib.Build(&atlas, 1.0f, Codepoints("A抖音"));
    // No CJK outlines are bundled (build-fonts.mjs): 音 comes from the browser, drawn at the em
    // EmSize() gives, and keeps that advance in the atlas: about an em wide, as beside Inter.
    CHECK(fonts.Body->FindGlyphNoFallback((ImWchar)0x97F3) == nullptr);
    std::vector<unsigned char> alpha(12 * 14, 255);
    REQUIRE(lib.AddRasterised(0x97F3, 0, 12, 14, lib.EmSize(0), 0.5f, 11.0f, 1.0f, alpha.data()));
    fonts = lib.Build(&atlas, 1.0f, Codepoints("A抖音"));
    const ImFontGlyph* yin = fonts.Body->FindGlyphNoFallback((ImWchar)0x97F3);
    REQUIRE(yin != nullptr);
    CHECK(yin->AdvanceX == doctest::Approx(lib.EmSize(0)).epsilon(0.04));
    ImGui::DestroyContext();
}

TEST_CASE("shaping: a shaped name too long for its room is cut in the data's text and shaped again")
{
    AppHarness h(1.0f);
    REQUIRE(h.App.LoadData(ui_test::ReadSourceFile("tests/data/other-field/music-streaming.json")));
    const std::string region = "الشرق الأوسط وشمال أفريقيا";
    h.Frames(1);
    ls::ShapedText(region);   // drawn (glyphs are made for what frames draw)
    h.Rasterise();
    h.Frames(1);
    std::string shaped = ls::ShapedText(region);
    REQUIRE(ls::HasStandIns(shaped));
    CHECK_FALSE(ls::HasStandIns("Gaana"));
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    float full = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, shaped.c_str()).x;
    CHECK(ls::EllipsizeShaped(font, font->FontSize, shaped, full + 1.0f) == shaped);   // fits: unchanged
    std::string cut = ls::EllipsizeShaped(font, font->FontSize, shaped, full - 0.5f);
    // Cut at a space in the data's text, with the ellipsis, and asked for as a run of its own,
    // which is one glyph once the browser has made it.
    std::string plain = ls::UnshapedText(cut);
    REQUIRE(plain.size() > 3);
    CHECK(plain.compare(plain.size() - 3, 3, "\xE2\x80\xA6") == 0);
    CHECK(region.compare(0, plain.size() - 3, plain, 0, plain.size() - 3) == 0);
    CHECK(region[plain.size() - 3] == ' ');
    CHECK(ls::ShapingHasRequests());
    h.Rasterise();
    h.Frames(1);
    CHECK(Codepoints(ls::ShapedText(plain)).size() == 1);
}

TEST_CASE("shaping: a new file's shaped title is measured anew, though its stand-in is the last file's code point")
{
    // Each file's runs take stand-ins from the start of the private-use area again: an Arabic
    // title and then a Hebrew one are the same shaped bytes. A size remembered by those bytes
    // kept the Arabic title's width for the Hebrew one (scripts.test.mjs then cropped the title
    // at the reported width: a fifth of it).
    nlohmann::json doc = ls::ParseJson(ui_test::ReadSourceFile("tests/data/scripts/scripts.json"));
    REQUIRE(doc.is_object());
    AppHarness h(1.0f);
    REQUIRE(ls::LayoutIsRecording());   // native frames record (the web build only on demand)
    auto title_width = [&](const std::string& title) {
        doc["title"] = title;
        REQUIRE(h.App.LoadData(doc.dump()));
        h.Frames(1);
        CHECK(h.Rasterise() > 0);
        h.Frames(2);
        const std::u32string shaped = Codepoints(ls::ShapedText(title));
        REQUIRE(shaped.size() == 1);
        const ImFontGlyph* g = ImGui::GetIO().Fonts->Fonts[1]->FindGlyphNoFallback((ImWchar)shaped[0]);
        REQUIRE(g != nullptr);
        float reported = -1.0f;
        for (const auto& it : nlohmann::json::parse(ls::LayoutJson()))
            if (it["role"] == "title" && it["text"] == title)
                reported = it["w"].get<float>();
        return std::make_pair(shaped[0], std::make_pair(reported, g->AdvanceX));
    };
    const auto arabic = title_width("أنغامي"), hebrew = title_width("שירים ישראליים");
    CHECK(arabic.first == hebrew.first);   // the condition: one code point for both
    CHECK(arabic.second.first == doctest::Approx(arabic.second.second).epsilon(0.05));
    CHECK(hebrew.second.first == doctest::Approx(hebrew.second.second).epsilon(0.05));
    CHECK(hebrew.second.first > arabic.second.first * 1.5f);   // 14 characters against 6
}
