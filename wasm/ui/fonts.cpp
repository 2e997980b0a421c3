#include "ui/fonts.h"
#include "ui/assets.h"
#include "imgui_internal.h"   // ImFontAtlasGetBuilderForStbTruetype()
#include <algorithm>
#include <cstdio>
#include <cstring>

namespace ls {

// Calls f(code point) for each well-formed UTF-8 sequence of s (invalid bytes are skipped).
template <typename F>
static void ForEachCodepoint(std::string_view s, F f)
{
    size_t i = 0;
    while (i < s.size())
    {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = 0;
        int extra = 0;
        if (c < 0x80) { cp = c; }
        else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; extra = 1; }
        else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; extra = 2; }
        else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; extra = 3; }
        else { i++; continue; }
        bool ok = i + (size_t)extra < s.size();
        for (int k = 1; ok && k <= extra; k++)
        {
            unsigned char cc = (unsigned char)s[i + k];
            if ((cc & 0xC0) != 0x80) ok = false;
            else cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok) { i++; continue; }
        f(cp);
        i += 1 + extra;
    }
}

void AppendCodepoints(std::string_view s, std::u32string* out)
{
    ForEachCodepoint(s, [out](uint32_t cp) { out->push_back(cp); });
}

void CodepointSet::AddUtf8(std::string_view utf8)
{
    ForEachCodepoint(utf8, [this](uint32_t cp) { if (cp < 0x110000) Bits[cp >> 6] |= (uint64_t)1 << (cp & 63); });
}

std::u32string CodepointSet::Sorted() const
{
    std::u32string out;
    for (size_t w = 0; w < Bits.size(); w++)
        for (uint64_t bits = Bits[w]; bits != 0; bits &= bits - 1)
            out.push_back((char32_t)(w * 64 + (size_t)__builtin_ctzll(bits)));
    return out;
}

std::string EncodeUtf8(const std::u32string& text)
{
    std::string out;
    for (char32_t cp : text)
    {
        if (cp < 0x80) out += (char)cp;
        else if (cp < 0x800) { out += (char)(0xC0 | (cp >> 6)); out += (char)(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) { out += (char)(0xE0 | (cp >> 12)); out += (char)(0x80 | ((cp >> 6) & 0x3F)); out += (char)(0x80 | (cp & 0x3F)); }
        else { out += (char)(0xF0 | (cp >> 18)); out += (char)(0x80 | ((cp >> 12) & 0x3F)); out += (char)(0x80 | ((cp >> 6) & 0x3F)); out += (char)(0x80 | (cp & 0x3F)); }
    }
    return out;
}

// The fonts in the order ImGui merges them (the first font's glyph wins), where compiled in.
static const char* const FontStack[] = { "inter.otf", "fallback-cjk.otf", "fallback-arabic.ttf", "fallback-devanagari.ttf", "fallback-noto.ttf" };

// ImGui glyph ranges: a font's basic characters plus the data's (BMP only: ImWchar is 16-bit).
// Latin Extended and the rest come from the data's own text when it uses them.
static void BuildRanges(const ImWchar* base, const std::u32string& data_chars, std::vector<ImWchar>* ranges)
{
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(base);
    for (char32_t cp : data_chars)
        if (cp >= 0x20 && cp <= 0xFFFF)
            builder.AddChar((ImWchar)cp);
    ImVector<ImWchar> out;
    builder.BuildRanges(&out);
    ranges->assign(out.begin(), out.end());
}

// The UI's own characters: ASCII and the few others its text uses (middle dot, dashes, quotes,
// ellipsis, multiplication sign, common currency and unit signs). Everything else, Latin-1
// letters included, comes from the data's text when it uses it: at start-up the atlas is built
// by unoptimised wasm (the engine compiles lazily), so every glyph not needed costs time.
static const ImWchar BodyBaseRanges[] = { 0x0020, 0x007E, 0x00A0, 0x00A0, 0x00A3, 0x00A3, 0x00A5, 0x00A5, 0x00A9, 0x00A9,
                                          0x00B0, 0x00B1, 0x00B7, 0x00B7, 0x00D7, 0x00D7, 0x2013, 0x2014, 0x2018, 0x2019,
                                          0x201C, 0x201D, 0x2022, 0x2022, 0x2026, 0x2026, 0x20AC, 0x20AC, 0x2212, 0x2212, 0 };
static const ImWchar NumbersBaseRanges[] = { 0x0020, 0x007E, 0x00A0, 0x00A0, 0x00B7, 0x00B7, 0x00D7, 0x00D7, 0x2013, 0x2014,
                                             0x2026, 0x2026, 0x2212, 0x2212, 0 };

static ImFont* AddFontStack(ImFontAtlas* atlas, float size, float density, const ImWchar* ranges)
{
    // Inter first, then the fallbacks: ImGui keeps the first font's glyph when two have one.
    ImFont* font = nullptr;
    for (const char* name : FontStack)
    {
        const Asset* a = FindAsset(name);
        if (!a)
            continue;
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;      // the bytes are static
        cfg.MergeMode = font != nullptr;
        cfg.RasterizerDensity = density;
        cfg.OversampleH = density >= 1.5f ? 1 : 2;   // sub-pixel placement matters at 1x only
        cfg.OversampleV = 1;
        cfg.PixelSnapH = false;
        std::snprintf(cfg.Name, sizeof(cfg.Name), "%s %.1fpx", name, size);
        ImFont* f = atlas->AddFontFromMemoryTTF((void*)a->Data, (int)a->Size, size, &cfg, ranges);
        if (!font)
            font = f;
    }
    // No AddFontDefault() fallback: the fonts are compiled in (assets.h), and referencing ImGui's
    // ProggyClean would add its 12 KB to every download (see Build()).
    IM_ASSERT(font != nullptr && "the fonts are compiled into landscape_ui: see embed_assets.cmake");
    return font;
}

Fonts FontLibrary::Build(ImFontAtlas* atlas, float density, const std::u32string& data_chars, const std::u32string& title_chars,
                         const std::u32string& small_chars)
{
    atlas->Clear();
    BuildRanges(BodyBaseRanges, data_chars, &Ranges);
    BuildRanges(NumbersBaseRanges, title_chars, &TitleRanges);
    BuildRanges(NumbersBaseRanges, small_chars, &SmallRanges);
    Fonts fonts;
    fonts.Body = AddFontStack(atlas, BodySize, density, Ranges.data());
    fonts.Title = AddFontStack(atlas, TitleSize, density, TitleRanges.data());
    fonts.Small = AddFontStack(atlas, SmallSize, density, SmallRanges.data());

    // Rasterised glyphs go into custom rectangles (in every font, at the body size: a name in
    // a trend label or a title then shows, if not at its exact size); their pixels are copied in
    // after the build. Quads are in CSS pixels, so the sizes are divided by the bitmap density.
    struct Placed { ImFont* Font; const RasterisedGlyph* Glyph; int RectId; };
    std::vector<Placed> placed;
    for (ImFont* font : { fonts.Body, fonts.Title, fonts.Small })
        for (const RasterisedGlyph& g : Rasterised)
            if (g.Codepoint <= 0xFFFF)
                placed.push_back({ font, &g, atlas->AddCustomRectFontGlyph(font, (ImWchar)g.Codepoint, g.Width, g.Height, g.Advance / g.Density) });
    // The builder directly, not ImFontAtlas::Build() (nor GetTexDataAs*(), which call it): Build()
    // falls back to ImGui's embedded ProggyClean font, and referencing it adds 12 KB to the wasm.
    ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(atlas);
    if (placed.empty())
        return fonts;
    unsigned char* pixels = atlas->TexPixelsAlpha8;
    const int tex_w = atlas->TexWidth;
    for (const Placed& p : placed)
    {
        const RasterisedGlyph& g = *p.Glyph;
        const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(p.RectId);
        for (int y = 0; y < g.Height; y++)
            std::memcpy(pixels + (r->Y + y) * tex_w + r->X, g.Alpha.data() + y * g.Width, (size_t)g.Width);
        ImFontGlyph* glyph = (ImFontGlyph*)p.Font->FindGlyphNoFallback((ImWchar)g.Codepoint);
        if (glyph && glyph->X1 - glyph->X0 == (float)g.Width)
        {
            // The bitmap's baseline is at row BodyPixelSize (see the widget's rasteriser).
            float top = p.Font->Ascent - BodySize;
            glyph->X0 = -1.0f / g.Density;
            glyph->X1 = glyph->X0 + g.Width / g.Density;
            glyph->Y0 = top;
            glyph->Y1 = top + g.Height / g.Density;
        }
    }
    for (ImFont* font : { fonts.Body, fonts.Title, fonts.Small })
        font->BuildLookupTable();
    return fonts;
}

//-----------------------------------------------------------------------------
// Which characters a font can draw: its 'cmap' table (formats 4 and 12, as stb_truetype reads
// it). Answering from the table needs no atlas: rasterising one just to ask cost ~100 ms.
//-----------------------------------------------------------------------------

static uint32_t ReadU16(const unsigned char* p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t ReadU32(const unsigned char* p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

static bool CmapFormat12Maps(const unsigned char* font, size_t size, size_t table, uint32_t cp)
{
    if (table + 16 > size)
        return false;
    uint32_t groups = ReadU32(font + table + 12);
    for (uint32_t g = 0; g < groups; g++)
    {
        size_t at = table + 16 + (size_t)12 * g;
        if (at + 12 > size)
            return false;
        uint32_t first = ReadU32(font + at), last = ReadU32(font + at + 4), glyph = ReadU32(font + at + 8);
        if (cp >= first && cp <= last)
            return glyph + (cp - first) != 0;
    }
    return false;
}

static bool CmapFormat4Maps(const unsigned char* font, size_t size, size_t table, uint32_t cp)
{
    if (cp > 0xFFFF || table + 14 > size)
        return false;
    size_t segments = ReadU16(font + table + 6) / 2;
    size_t ends = table + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, offsets = deltas + 2 * segments;
    if (offsets + 2 * segments > size)
        return false;
    for (size_t s = 0; s < segments; s++)
    {
        if (cp > ReadU16(font + ends + 2 * s))
            continue;
        uint32_t first = ReadU16(font + starts + 2 * s);
        if (cp < first)
            return false;
        uint32_t delta = ReadU16(font + deltas + 2 * s), range_offset = ReadU16(font + offsets + 2 * s);
        if (range_offset == 0)
            return ((cp + delta) & 0xFFFF) != 0;
        size_t at = offsets + 2 * s + range_offset + 2 * (size_t)(cp - first);
        if (at + 2 > size)
            return false;
        uint32_t glyph = ReadU16(font + at);
        return glyph != 0 && ((glyph + delta) & 0xFFFF) != 0;
    }
    return false;
}

bool FontMapsCodepoint(const unsigned char* font, size_t size, uint32_t cp)
{
    if (size < 12)
        return false;
    size_t tables = ReadU16(font + 4), cmap = 0;
    for (size_t i = 0; i < tables && 12 + 16 * (i + 1) <= size; i++)
        if (std::memcmp(font + 12 + 16 * i, "cmap", 4) == 0)
            cmap = ReadU32(font + 12 + 16 * i + 8);
    if (cmap == 0 || cmap + 4 > size)
        return false;
    size_t subtables = ReadU16(font + cmap + 2), format4 = 0, format12 = 0;
    for (size_t i = 0; i < subtables && cmap + 4 + 8 * (i + 1) <= size; i++)
    {
        const unsigned char* rec = font + cmap + 4 + 8 * i;
        uint32_t platform = ReadU16(rec), encoding = ReadU16(rec + 2);
        size_t table = cmap + ReadU32(rec + 4);
        bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if (!unicode || table + 2 > size)
            continue;
        uint32_t format = ReadU16(font + table);
        if (format == 12 && !format12) format12 = table;
        if (format == 4 && !format4) format4 = table;
    }
    if (format12)
        return CmapFormat12Maps(font, size, format12, cp);
    return format4 && CmapFormat4Maps(font, size, format4, cp);
}

std::u32string FontLibrary::Missing(const std::u32string& data_chars) const
{
    std::u32string missing;
    for (char32_t cp : data_chars)
    {
        if (cp < 0x20 || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF)
            continue;   // controls and zero-width joiners draw nothing by design
        bool found = false;
        if (cp <= 0xFFFF)   // ImWchar is 16-bit: the atlas holds the BMP only
        {
            for (const char* name : FontStack)
                if (const Asset* a = FindAsset(name))
                    if ((found = FontMapsCodepoint(a->Data, a->Size, cp)))
                        break;
            for (size_t i = 0; !found && i < Rasterised.size(); i++)
                found = Rasterised[i].Codepoint == cp;
        }
        if (!found && missing.find(cp) == std::u32string::npos)
            missing.push_back(cp);
    }
    return missing;
}

void FontLibrary::AddRasterised(uint32_t codepoint, int width, int height, float advance, float density, const unsigned char* alpha)
{
    if (width <= 0 || height <= 0 || width > 512 || height > 512)
        return;
    for (const RasterisedGlyph& g : Rasterised)
        if (g.Codepoint == codepoint)
            return;
    RasterisedGlyph g;
    g.Codepoint = codepoint;
    g.Width = width;
    g.Height = height;
    g.Advance = advance;
    g.Density = density > 0.0f ? density : 1.0f;
    g.Alpha.assign(alpha, alpha + (size_t)width * height);
    Rasterised.push_back(std::move(g));
}

} // namespace ls
