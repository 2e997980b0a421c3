// Fonts: an Inter subset compiled in at build time (ASCII, Latin-1, the UI's punctuation and the
// shipped data's Latin letters), and glyphs the browser rasterised for everything else when a
// text needs it (characters Inter's subset lacks: CJK, Latin Extended, ...; and whole shaped runs:
// ui/shaping.h). Every font of the stack
// and every rasterised glyph is drawn at Inter's em, on Inter's baseline: one name never mixes
// glyph sizes, whichever source each of its characters comes from.
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
    // from them so only what is shown is rasterised: the atlas is most of the first frame's
    // time). The title and small fonts get numbers, punctuation and their own characters only.
    Fonts Build(ImFontAtlas* atlas, float density, const std::u32string& data_chars,
                const std::u32string& title_chars = std::u32string(), const std::u32string& small_chars = std::u32string());

    // Characters of data_chars that no compiled-in font (nor a rasterised glyph) can draw; needs
    // no atlas. NotCompiledIn: those no compiled-in font has, rasterised or not.
    std::u32string Missing(const std::u32string& data_chars) const;
    std::u32string NotCompiledIn(const std::u32string& data_chars) const;

    // A glyph (a character or a shaped run's stand-in, see shaping.h) the browser rasterised for
    // one font (0 body, 1 title, 2 small) at `density`: alpha w*h, the pen's origin at column
    // origin_x and the baseline at row baseline, advance in the bitmap's pixels. Used from the
    // next Build() on (a glyph given again replaces the old one). False when refused (sizes, or
    // the atlas would grow past its budget).
    bool AddRasterised(uint32_t codepoint, int font, int width, int height, float advance, float origin_x, float baseline,
                       float density, const unsigned char* alpha);
    void ForgetRasterised(uint32_t first, uint32_t last);   // e.g. the stand-ins of the previous data
    int  RasterisedCount() const { return (int)Rasterised.size(); }
    std::u32string RasterisedCodepoints() const;   // distinct, sorted
    // Code points with a rasterised glyph in every font (after the last Build()).
    const std::u32string& InEveryFont() const { return Complete; }
    // The em of a font in CSS pixels: what the browser's `font-size` must be for its glyphs to
    // match the compiled-in ones (ImGui sizes a font by ascent - descent, not by the em).
    float EmSize(int font) const;

    static constexpr float BodySize = 15.0f;
    static constexpr float TitleSize = 19.0f;
    static constexpr float SmallSize = 12.5f;
    static constexpr int FontCount = 3;

private:
    struct RasterisedGlyph
    {
        uint32_t Codepoint; int Font; int Width, Height; float Advance, OriginX, Baseline, Density;
        std::vector<unsigned char> Alpha;
    };
    std::vector<RasterisedGlyph> Rasterised;
    size_t RasterisedBytes = 0;
    std::u32string Complete;
    std::vector<ImWchar> Ranges;           // must outlive the atlas build
    std::vector<ImWchar> TitleRanges;
    std::vector<ImWchar> SmallRanges;
};

// Whether an OpenType/TrueType font's cmap maps cp to a glyph (bounds-checked: any bytes are safe).
bool FontMapsCodepoint(const unsigned char* font, size_t size, uint32_t cp);

// The distinct characters of some UTF-8 texts: a bitmap over all of Unicode (136 KiB), so
// collecting every character of a large data file is one linear pass, no sort.
class CodepointSet
{
public:
    void AddUtf8(std::string_view utf8);   // invalid bytes are skipped
    std::u32string Sorted() const;
private:
    std::vector<uint64_t> Bits = std::vector<uint64_t>(0x110000 / 64);
};

// Appends every code point of a UTF-8 string to out (invalid bytes are skipped).
void AppendCodepoints(std::string_view utf8, std::u32string* out);
std::string EncodeUtf8(const std::u32string& text);

} // namespace ls
