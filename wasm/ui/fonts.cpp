#include "ui/fonts.h"
#include "ui/assets.h"
#include <algorithm>
#include <cstdio>
#include <cstring>

namespace ls {

void AppendCodepoints(std::string_view s, std::u32string* out)
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
        out->push_back(cp);
        i += 1 + extra;
    }
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

// ImGui glyph ranges: the UI's own characters plus the data's (BMP only: ImWchar is 16-bit).
static void BuildRanges(const std::u32string& data_chars, std::vector<ImWchar>* ranges)
{
    ImFontGlyphRangesBuilder builder;
    static const ImWchar ui_ranges[] = { 0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x203A, 0x20A0, 0x20BF,
                                         0x2190, 0x2193, 0x2212, 0x2212, 0x25B2, 0x25BC, 0x25CF, 0x25CF, 0x2713, 0x2713, 0 };
    builder.AddRanges(ui_ranges);
    for (char32_t cp : data_chars)
        if (cp >= 0x20 && cp <= 0xFFFF)
            builder.AddChar((ImWchar)cp);
    ImVector<ImWchar> out;
    builder.BuildRanges(&out);
    ranges->assign(out.begin(), out.end());
}

static ImFont* AddFontStack(ImFontAtlas* atlas, float size, float density, const ImWchar* ranges)
{
    // Inter first, then the fallbacks: ImGui keeps the first font's glyph when two have one.
    ImFont* font = nullptr;
    const char* order[] = { "inter.otf", "fallback-cjk.otf", "fallback-arabic.ttf", "fallback-devanagari.ttf", "fallback-noto.ttf" };
    for (const char* name : order)
    {
        const Asset* a = FindAsset(name);
        if (!a)
            continue;
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;      // the bytes are static
        cfg.MergeMode = font != nullptr;
        cfg.RasterizerDensity = density;
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = false;
        std::snprintf(cfg.Name, sizeof(cfg.Name), "%s %.1fpx", name, size);
        ImFont* f = atlas->AddFontFromMemoryTTF((void*)a->Data, (int)a->Size, size, &cfg, ranges);
        if (!font)
            font = f;
    }
    if (!font)
    {
        ImFontConfig cfg;
        cfg.SizePixels = size;
        cfg.RasterizerDensity = density;
        font = atlas->AddFontDefault(&cfg);   // a build without assets still shows text
    }
    return font;
}

Fonts FontLibrary::Build(ImFontAtlas* atlas, float density, const std::u32string& data_chars)
{
    atlas->Clear();
    BuildRanges(data_chars, &Ranges);
    static const ImWchar small_ranges[] = { 0x0020, 0x00FF, 0x2010, 0x203A, 0x20A0, 0x20BF, 0x2212, 0x2212, 0x25B2, 0x25BC, 0 };
    Fonts fonts;
    fonts.Body = AddFontStack(atlas, BodySize, density, Ranges.data());
    fonts.Title = AddFontStack(atlas, TitleSize, density, Ranges.data());
    fonts.Small = AddFontStack(atlas, SmallSize, density, small_ranges);
    BodyFont = fonts.Body;

    // Rasterised glyphs go into custom rectangles of the body font; their pixels are copied in
    // after the build. Quads are in CSS pixels, so the sizes are divided by the bitmap density.
    std::vector<int> rect_ids;
    for (const RasterisedGlyph& g : Rasterised)
    {
        if (g.Codepoint > 0xFFFF)
        {
            rect_ids.push_back(-1);
            continue;
        }
        rect_ids.push_back(atlas->AddCustomRectFontGlyph(fonts.Body, (ImWchar)g.Codepoint, g.Width, g.Height, g.Advance / g.Density));
    }
    atlas->Build();
    if (!Rasterised.empty())
    {
        unsigned char* pixels = nullptr;
        int tex_w = 0, tex_h = 0;
        atlas->GetTexDataAsAlpha8(&pixels, &tex_w, &tex_h);
        for (size_t i = 0; i < Rasterised.size(); i++)
        {
            if (rect_ids[i] < 0)
                continue;
            const RasterisedGlyph& g = Rasterised[i];
            const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(rect_ids[i]);
            for (int y = 0; y < g.Height; y++)
                std::memcpy(pixels + (r->Y + y) * tex_w + r->X, g.Alpha.data() + y * g.Width, (size_t)g.Width);
            ImFontGlyph* glyph = (ImFontGlyph*)fonts.Body->FindGlyphNoFallback((ImWchar)g.Codepoint);
            if (glyph && glyph->X1 - glyph->X0 == (float)g.Width)
            {
                // The bitmap's baseline is at row BodyPixelSize (see the widget's rasteriser).
                float top = fonts.Body->Ascent - BodySize;
                glyph->X0 = -1.0f / g.Density;
                glyph->X1 = glyph->X0 + g.Width / g.Density;
                glyph->Y0 = top;
                glyph->Y1 = top + g.Height / g.Density;
            }
        }
        fonts.Body->BuildLookupTable();
    }
    return fonts;
}

std::u32string FontLibrary::Missing(const std::u32string& data_chars) const
{
    std::u32string missing;
    if (!BodyFont)
        return missing;
    for (char32_t cp : data_chars)
    {
        if (cp < 0x20 || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF)
            continue;   // controls and zero-width joiners draw nothing by design
        bool found = cp <= 0xFFFF && BodyFont->FindGlyphNoFallback((ImWchar)cp) != nullptr;
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
