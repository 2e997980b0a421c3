#include "ui/fonts.h"
#include "ui/assets.h"
#include "imgui_internal.h"   // ImFontAtlasGetBuilderForStbTruetype()
#include <algorithm>
#include <cmath>
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

// The fonts in the order ImGui merges them (the first font's glyph wins), where compiled in. Only
// Inter is (web/tools/build-fonts.mjs): the browser rasterises every other character when a text
// needs it, at Inter's em, so no download carries CJK or other scripts' outlines.
static const char* const FontStack[] = { "inter.otf" };

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

static uint32_t ReadU16(const unsigned char* p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t ReadU32(const unsigned char* p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

// (hhea ascender - descender) / unitsPerEm: ImGui (stb_truetype's ScaleForPixelHeight) sizes a
// font so that this height is the size asked for, so the em is size / this. 1.2 when unreadable.
static float HeightPerEm(const unsigned char* font, size_t size)
{
    size_t head = 0, hhea = 0, tables = size >= 12 ? ReadU16(font + 4) : 0;
    for (size_t i = 0; i < tables && 12 + 16 * (i + 1) <= size; i++)
    {
        const unsigned char* rec = font + 12 + 16 * i;
        if (std::memcmp(rec, "head", 4) == 0) head = ReadU32(rec + 8);
        if (std::memcmp(rec, "hhea", 4) == 0) hhea = ReadU32(rec + 8);
    }
    if (!head || !hhea || head + 20 > size || hhea + 8 > size)
        return 1.2f;
    float upm = (float)ReadU16(font + head + 18);
    float height = (float)(int16_t)ReadU16(font + hhea + 4) - (float)(int16_t)ReadU16(font + hhea + 6);
    return upm > 0.0f && height > 0.0f ? height / upm : 1.2f;
}

// ImGui rounds font sizes down to whole pixels (ImFontAtlasBuildInit): the size it really uses.
static float UsedSize(float size) { return std::floor(size); }

float FontLibrary::EmSize(int font) const
{
    const float size = UsedSize(font == 1 ? TitleSize : font == 2 ? SmallSize : BodySize);
    const Asset* inter = FindAsset(FontStack[0]);
    return inter ? size / HeightPerEm(inter->Data, inter->Size) : size / 1.2f;
}

static ImFont* AddFontStack(ImFontAtlas* atlas, float size, float density, const ImWchar* ranges)
{
    // Inter first, then the fallbacks: ImGui keeps the first font's glyph when two have one.
    // Each fallback is sized to Inter's em (not to Inter's ascent - descent, which would draw a
    // CJK glyph a fifth smaller than the Latin beside it and than the browser's glyphs).
    size = UsedSize(size);
    float em = size;
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
        float per_em = HeightPerEm(a->Data, a->Size);
        if (!font)
            em = size / per_em;
        // Whole pixels (ImGui rounds down): rounding to the nearest keeps the em within 3 %.
        float pixels = font ? std::max(1.0f, std::round(em * per_em)) : size;
        ImFont* f = atlas->AddFontFromMemoryTTF((void*)a->Data, (int)a->Size, pixels, &cfg, ranges);
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
    ImFont* const by_index[FontCount] = { fonts.Body, fonts.Title, fonts.Small };

    // Rasterised glyphs go into custom rectangles of their font; their pixels are copied in after
    // the build. Quads are in CSS pixels, so the sizes are divided by the bitmap density.
    struct Placed { ImFont* Font; const RasterisedGlyph* Glyph; int RectId; };
    std::vector<Placed> placed;
    int widest = 0;
    size_t area = 0;
    for (const RasterisedGlyph& g : Rasterised)
        if (g.Codepoint <= 0xFFFF && g.Font >= 0 && g.Font < FontCount)
        {
            placed.push_back({ by_index[g.Font], &g, atlas->AddCustomRectFontGlyph(by_index[g.Font], (ImWchar)g.Codepoint, g.Width, g.Height, g.Advance / g.Density) });
            widest = std::max(widest, g.Width);
            area += (size_t)(g.Width + 1) * (size_t)(g.Height + 1);
        }
    // ImGui picks the texture's width from the compiled glyphs only: a wide run (or many) needs
    // a wider one, or it would not be packed at all.
    int width = 512;
    while (width < 4096 && (width < widest + 2 || (size_t)width * (size_t)width < area * 2))
        width *= 2;
    atlas->TexDesiredWidth = placed.empty() ? 0 : width;
    // The builder directly, not ImFontAtlas::Build() (nor GetTexDataAs*(), which call it): Build()
    // falls back to ImGui's embedded ProggyClean font, and referencing it adds 12 KB to the wasm.
    ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(atlas);
    Complete.clear();
    if (placed.empty())
        return fonts;
    unsigned char* pixels = atlas->TexPixelsAlpha8;
    const int tex_w = atlas->TexWidth;
    std::vector<int> fonts_of;   // per placed glyph: how many fonts it ended up in
    for (const Placed& p : placed)
    {
        const RasterisedGlyph& g = *p.Glyph;
        const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(p.RectId);
        if (!r->IsPacked())
            continue;
        for (int y = 0; y < g.Height; y++)
            std::memcpy(pixels + (r->Y + y) * tex_w + r->X, g.Alpha.data() + y * g.Width, (size_t)g.Width);
        ImFontGlyph* glyph = (ImFontGlyph*)p.Font->FindGlyphNoFallback((ImWchar)g.Codepoint);
        if (glyph && glyph->X1 - glyph->X0 == (float)g.Width)
        {
            // The bitmap's pen origin and baseline, on the font's own baseline.
            glyph->X0 = -g.OriginX / g.Density;
            glyph->X1 = glyph->X0 + g.Width / g.Density;
            glyph->Y0 = p.Font->Ascent - g.Baseline / g.Density;
            glyph->Y1 = glyph->Y0 + g.Height / g.Density;
        }
    }
    for (ImFont* font : by_index)
        font->BuildLookupTable();
    // What every font can draw from the rasterised glyphs (a shaped run is used only then).
    for (const RasterisedGlyph& g : Rasterised)
    {
        if (g.Font != 0 || g.Codepoint > 0xFFFF)
            continue;
        bool everywhere = true;
        for (ImFont* font : by_index)
            everywhere = everywhere && font->FindGlyphNoFallback((ImWchar)g.Codepoint) != nullptr;
        if (everywhere)
            Complete.push_back((char32_t)g.Codepoint);
    }
    return fonts;
}

//-----------------------------------------------------------------------------
// Which characters a font can draw: its 'cmap' table (formats 4 and 12, as stb_truetype reads
// it). Answering from the table needs no atlas: rasterising one just to ask cost ~100 ms.
//-----------------------------------------------------------------------------

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

std::u32string FontLibrary::NotCompiledIn(const std::u32string& data_chars) const
{
    std::u32string missing;
    for (char32_t cp : data_chars)
    {
        if (cp < 0x20 || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF)
            continue;   // controls and zero-width joiners draw nothing by design
        bool found = false;
        if (cp <= 0xFFFF)   // ImWchar is 16-bit: the atlas holds the BMP only
            for (const char* name : FontStack)
                if (const Asset* a = FindAsset(name))
                    if ((found = FontMapsCodepoint(a->Data, a->Size, cp)))
                        break;
        if (!found && missing.find(cp) == std::u32string::npos)
            missing.push_back(cp);
    }
    return missing;
}

std::u32string FontLibrary::Missing(const std::u32string& data_chars) const
{
    std::u32string missing;
    for (char32_t cp : NotCompiledIn(data_chars))
    {
        bool found = false;
        for (size_t i = 0; !found && i < Rasterised.size(); i++)
            found = Rasterised[i].Codepoint == cp;
        if (!found)
            missing.push_back(cp);
    }
    return missing;
}

// Rasterised pixels kept at most (each glyph in three fonts): past it runs stay unshaped rather
// than grow the atlas texture beyond what a phone's GPU takes.
constexpr size_t MaxRasterisedBytes = (size_t)12 << 20;

bool FontLibrary::AddRasterised(uint32_t codepoint, int font, int width, int height, float advance, float origin_x, float baseline,
                                float density, const unsigned char* alpha)
{
    if (width <= 0 || height <= 0 || width > 2048 || height > 512 || font < 0 || font >= FontCount || codepoint > 0xFFFF)
        return false;
    size_t bytes = (size_t)width * (size_t)height;
    auto old = std::find_if(Rasterised.begin(), Rasterised.end(),
                            [&](const RasterisedGlyph& g) { return g.Codepoint == codepoint && g.Font == font; });
    size_t freed = old != Rasterised.end() ? old->Alpha.size() : 0;
    if (RasterisedBytes - freed + bytes > MaxRasterisedBytes)
        return false;
    RasterisedGlyph g;
    g.Codepoint = codepoint;
    g.Font = font;
    g.Width = width;
    g.Height = height;
    g.Advance = advance;
    g.OriginX = origin_x;
    g.Baseline = baseline;
    g.Density = density > 0.0f ? density : 1.0f;
    g.Alpha.assign(alpha, alpha + bytes);
    RasterisedBytes = RasterisedBytes - freed + bytes;
    if (old != Rasterised.end())
        *old = std::move(g);
    else
        Rasterised.push_back(std::move(g));
    return true;
}

std::u32string FontLibrary::RasterisedCodepoints() const
{
    std::u32string out;
    for (const RasterisedGlyph& g : Rasterised)
        out.push_back((char32_t)g.Codepoint);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void FontLibrary::ForgetRasterised(uint32_t first, uint32_t last)
{
    auto gone = std::remove_if(Rasterised.begin(), Rasterised.end(), [&](const RasterisedGlyph& g) { return g.Codepoint >= first && g.Codepoint <= last; });
    for (auto it = gone; it != Rasterised.end(); ++it)
        RasterisedBytes -= it->Alpha.size();
    Rasterised.erase(gone, Rasterised.end());
}

} // namespace ls
