// Small helpers the map, compare, share, table and sources views share: chart text cut to a
// width with an ellipsis (the full text stays in the tooltip and in layout()), and estimate
// colours remembered between frames.
#pragma once

#include "imgui.h"
#include "imgui_internal.h"

#include "ui/shaping.h"
#include "ui/theme.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace ls {

// Width of a line of text in the current font (for FlowLayout::Next, ui/controls.h).
inline float TextWidth(const char* text) { return ImGui::CalcTextSize(text).x; }

// The longest prefix of (shaped) text that fits in max_w with "…" after it; the text itself when
// it fits. Cuts at code point boundaries only (a shaped run is one stand-in code point). Both
// measures stop at the width, so a long note in a narrow cell costs what is shown, not its length.
inline std::string Ellipsize(ImFont* font, float size, const char* text, float max_w)
{
    // Short text fits without measuring: no glyph is wider than an em per byte of UTF-8, except a
    // shaped run's stand-in (a private-use code point, lead byte 0xEE or 0xEF) drawing a word.
    size_t len = 0;
    bool stand_in = false;
    for (const char* p = text; *p; p++, len++)
        stand_in |= (unsigned char)*p >= 0xEE;
    if (!stand_in && (float)len * size <= max_w)
        return text;
    const char* rest = nullptr;
    font->CalcTextSizeA(size, max_w + 0.5f, 0.0f, text, nullptr, &rest);
    if (!rest || *rest == '\0')
        return text;
    if (HasStandIns(text))
        return EllipsizeShaped(font, size, text, max_w);   // a shaped run cannot be cut inside: cut the data's text
    static const char* const dots = "\xE2\x80\xA6";
    float room = max_w - font->CalcTextSizeA(size, FLT_MAX, 0.0f, dots).x;
    const char* end = text;
    if (room > 0.0f)
        font->CalcTextSizeA(size, room, 0.0f, text, nullptr, &end);
    return std::string(text, end) + dots;
}

// A tooltip placed by ImGui's own rule (edges, flipping) from a point other than the pointer:
// while it lives, ImGui sees the pointer at `at`. ImGui places a tooltip from the pointer, so each
// move over a mark changed the picture and drew a frame (and the page's composite with it) for a
// tooltip moved by a pixel; a view anchors a mark's tooltip at the mark, or where the pointer
// entered it, instead. Nothing inside a tooltip reads the pointer.
struct TooltipAnchor
{
    ImVec2 Saved;
    explicit TooltipAnchor(ImVec2 at) : Saved(ImGui::GetIO().MousePos) { ImGui::GetIO().MousePos = at; }
    ~TooltipAnchor() { ImGui::GetIO().MousePos = Saved; }
    TooltipAnchor(const TooltipAnchor&) = delete;
    TooltipAnchor& operator=(const TooltipAnchor&) = delete;
};

// EstimateColor() of a colour, remembered: it searches OKLab for the lightest tint that keeps 3:1,
// too slow to repeat for every bar of every frame.
inline ImU32 CachedEstimateColor(ImU32 base, const Theme& theme)
{
    static std::unordered_map<uint64_t, ImU32> cache;
    uint64_t key = ((uint64_t)base << 32) | theme.Background;
    auto it = cache.find(key);
    if (it != cache.end())
        return it->second;
    if (cache.size() > 4096)
        cache.clear();
    return cache[key] = EstimateColor(base, theme);
}

} // namespace ls
