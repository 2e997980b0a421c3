// Fonts: Inter for UI text plus fallback subsets (CJK, Arabic, Devanagari) compiled in at build
// time for the shipped data, and glyphs the browser rasterised for data loaded at run time.
// The atlas is rasterised at the display's density (ImFontConfig::RasterizerDensity), so text is
// crisp at any devicePixelRatio while sizes stay in CSS pixels.
#pragma once
#include "imgui.h"
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ls {

struct Fonts
{
    ImFont* Body = nullptr;      // 15 px: everything
    ImFont* Title = nullptr;     // 19 px: the data's title
    ImFont* Small = nullptr;     // 12.5 px: axis labels, footnotes
};

class FontLibrary
{
public:
    // Rebuilds the atlas for this density and the characters of the data (builds glyph ranges
    // from them so only what is shown is rasterised).
    Fonts Build(ImFontAtlas* atlas, float density, const std::u32string& data_chars);

    // Characters of data_chars that no font (nor a rasterised glyph) can draw.
    std::u32string Missing(const std::u32string& data_chars) const;

    // A glyph the browser rasterised (alpha, w*h, at BodyPixelSize(density), baseline at row
    // BodyPixelSize); used from the next Build() on, at any density.
    void AddRasterised(uint32_t codepoint, int width, int height, float advance, float density, const unsigned char* alpha);
    int  RasterisedCount() const { return (int)Rasterised.size(); }
    float BodyPixelSize(float density) const { return BodySize * density; }

    static constexpr float BodySize = 15.0f;
    static constexpr float TitleSize = 19.0f;
    static constexpr float SmallSize = 12.5f;

private:
    struct RasterisedGlyph { uint32_t Codepoint; int Width, Height; float Advance; float Density; std::vector<unsigned char> Alpha; };
    std::vector<RasterisedGlyph> Rasterised;
    std::vector<ImWchar> Ranges;           // must outlive the atlas build
    std::vector<ImWchar> SmallRanges;
    ImFont* BodyFont = nullptr;
};

// Appends every code point of a UTF-8 string to out (invalid bytes are skipped).
void AppendCodepoints(std::string_view utf8, std::u32string* out);
std::string EncodeUtf8(const std::u32string& text);

} // namespace ls
