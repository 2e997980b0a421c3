// The fonts compiled into the widget: which characters they can draw, read from their cmap
// tables, must be exactly what ImGui's atlas ends up with (the widget asks the browser to
// rasterise the rest, so a disagreement means blank boxes or wasted work).
#include <doctest/doctest.h>

#include "imgui.h"
#include "ui/assets.h"
#include "ui/fonts.h"

#include <ios>
#include <string>

TEST_CASE("fonts: the cmap tables agree with the atlas ImGui builds")
{
    ImGui::CreateContext();
    std::u32string chars;
    for (char32_t cp = 0x20; cp < 0x3000; cp++)
        chars.push_back(cp);
    for (char32_t cp : std::u32string(U"小红书抖音微信快手微博哔哩카카오톡라인グラム"))
        chars.push_back(cp);

    ls::FontLibrary lib;
    ImFontAtlas atlas;
    ls::Fonts fonts = lib.Build(&atlas, 1.0f, chars);
    REQUIRE(fonts.Body != nullptr);
    std::u32string missing = lib.Missing(chars);

    int drawable = 0, disagreements = 0;
    for (char32_t cp : chars)
    {
        bool in_atlas = fonts.Body->FindGlyphNoFallback((ImWchar)cp) != nullptr;
        bool said_missing = missing.find(cp) != std::u32string::npos;
        drawable += in_atlas;
        if (in_atlas == said_missing && cp != 0x200B && cp != 0x200C && cp != 0x200D)
        {
            if (++disagreements <= 5)
                MESSAGE("U+" << std::hex << (unsigned)cp << (in_atlas ? " is in the atlas but said missing" : " is not in the atlas but said drawable"));
        }
    }
    CHECK(disagreements == 0);
    CHECK(drawable > 180);                                  // ASCII, Latin-1, the UI's punctuation
    CHECK(missing.find(U'A') == std::u32string::npos);
    CHECK(missing.find(U'\u00E9') == std::u32string::npos); // é: Latin-1 is bundled
    CHECK(missing.find(U'\u2014') == std::u32string::npos); // the UI's em dash
    // Everything else comes from the browser when a text needs it (build-fonts.mjs): none of
    // these is in the download.
    CHECK(missing.find(U'\u0141') != std::u32string::npos); // Ł: Latin Extended-A
    CHECK(missing.find(U'\u20B9') != std::u32string::npos); // the rupee sign
    CHECK(missing.find(U'小') != std::u32string::npos);     // no CJK subset
    CHECK(missing.find(U'\u0915') != std::u32string::npos); // Devanagari KA
    ImGui::DestroyContext();
}

TEST_CASE("fonts: a cut or garbled font answers 'not mapped' and reads nothing out of bounds")
{
    const ls::Asset* inter = ls::FindAsset("inter.otf");
    REQUIRE(inter != nullptr);
    CHECK(ls::FontMapsCodepoint(inter->Data, inter->Size, U'A'));
    CHECK_FALSE(ls::FontMapsCodepoint(inter->Data, inter->Size, 0x0627));   // Arabic ALEF
    for (size_t cut : { (size_t)0, (size_t)5, (size_t)12, (size_t)100, (size_t)400, inter->Size / 2 })
        ls::FontMapsCodepoint(inter->Data, cut, U'A');                      // ASan checks the bounds
    std::string garbled(reinterpret_cast<const char*>(inter->Data), inter->Size);
    for (size_t i = 4; i < 600 && i < garbled.size(); i += 7)
        garbled[i] = (char)0xFF;
    ls::FontMapsCodepoint(reinterpret_cast<const unsigned char*>(garbled.data()), garbled.size(), U'A');
}
