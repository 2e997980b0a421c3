// The explorer's own controls (see controls.h).
//
// Index
//  [SECTION] Colours and shapes
//  [SECTION] Flow layout
//  [SECTION] Segmented tabs
//  [SECTION] Pills and menus
//  [SECTION] Buttons and toggles
//  [SECTION] Timeline
//  [SECTION] Text

#include "ui/controls.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace ls {

//-----------------------------------------------------------------------------
// [SECTION] Colours and shapes
//-----------------------------------------------------------------------------

static ImU32 Mix(ImU32 a, ImU32 b, float t)
{
    ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

// The theme's control colours (>= 3:1 borders, text >= 4.5:1 on every fill: tests/ui_test_theme.cpp).
static ImU32 ControlFill(const Theme& t, bool hovered, bool held) { return held ? t.ControlActive : hovered ? t.ControlHover : t.ControlBg; }
static ImU32 ControlBorder(const Theme& t) { return t.ControlBorder; }

// A control a press acts on, at the cursor: laid out, added and given ImGui's button behaviour,
// as ImGui::ButtonEx does. AddPressable() is false when there is nothing to draw (the window
// skips its items, or the control is clipped away).
struct Pressable
{
    ImGuiWindow* Window = nullptr;
    ImGuiID Id = 0;
    ImRect Box;
    bool Pressed = false, Hovered = false, Held = false;
};

static bool AddPressable(const char* id, ImVec2 size, float text_baseline_y, Pressable* c)
{
    c->Window = ImGui::GetCurrentWindow();
    if (c->Window->SkipItems)
        return false;
    c->Id = c->Window->GetID(id);
    const ImVec2 pos = c->Window->DC.CursorPos;
    c->Box = ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::ItemSize(c->Box, text_baseline_y);
    if (!ImGui::ItemAdd(c->Box, c->Id))
        return false;
    c->Pressed = ImGui::ButtonBehavior(c->Box, c->Id, &c->Hovered, &c->Held);
    return true;
}

static void DrawChevron(ImDrawList* dl, ImVec2 c, float s, ImU32 col)
{
    dl->PathLineTo(ImVec2(c.x - s, c.y - s * 0.5f));
    dl->PathLineTo(ImVec2(c.x, c.y + s * 0.5f));
    dl->PathLineTo(ImVec2(c.x + s, c.y - s * 0.5f));
    dl->PathStroke(col, 0, std::max(1.5f, s * 0.35f));
}

static void DrawIcon(ImDrawList* dl, Icon icon, ImVec2 c, float s, ImU32 col)
{
    // s: half the icon's size. Shapes, not glyphs: nothing depends on the font's coverage.
    switch (icon)
    {
    case Icon_Play:
        dl->AddTriangleFilled(ImVec2(c.x - s * 0.55f, c.y - s * 0.8f), ImVec2(c.x + s * 0.85f, c.y), ImVec2(c.x - s * 0.55f, c.y + s * 0.8f), col);
        break;
    case Icon_Pause:
        dl->AddRectFilled(ImVec2(c.x - s * 0.7f, c.y - s * 0.75f), ImVec2(c.x - s * 0.2f, c.y + s * 0.75f), col, 1.0f);
        dl->AddRectFilled(ImVec2(c.x + s * 0.2f, c.y - s * 0.75f), ImVec2(c.x + s * 0.7f, c.y + s * 0.75f), col, 1.0f);
        break;
    case Icon_Filters:   // three sliders
        for (int i = -1; i <= 1; i++)
        {
            float y = c.y + i * s * 0.6f, knob = c.x + (i == 0 ? s * 0.35f : -s * 0.35f);
            dl->AddLine(ImVec2(c.x - s * 0.85f, y), ImVec2(c.x + s * 0.85f, y), col, 1.5f);
            dl->AddCircleFilled(ImVec2(knob, y), s * 0.22f, col);
        }
        break;
    case Icon_Edit:   // a pencil
    {
        ImVec2 a(c.x - s * 0.7f, c.y + s * 0.7f), b(c.x + s * 0.5f, c.y - s * 0.5f);
        dl->AddLine(ImVec2(a.x + s * 0.2f, a.y - s * 0.2f), b, col, s * 0.42f);
        dl->AddTriangleFilled(a, ImVec2(a.x + s * 0.42f, a.y - s * 0.05f), ImVec2(a.x + s * 0.05f, a.y - s * 0.42f), col);
        dl->AddLine(ImVec2(c.x - s * 0.8f, c.y + s * 0.85f), ImVec2(c.x + s * 0.8f, c.y + s * 0.85f), col, 1.2f);
        break;
    }
    case Icon_Close:
        dl->AddLine(ImVec2(c.x - s * 0.6f, c.y - s * 0.6f), ImVec2(c.x + s * 0.6f, c.y + s * 0.6f), col, 1.8f);
        dl->AddLine(ImVec2(c.x - s * 0.6f, c.y + s * 0.6f), ImVec2(c.x + s * 0.6f, c.y - s * 0.6f), col, 1.8f);
        break;
    default: break;
    }
}

float ControlHeight() { return ImGui::GetFrameHeight(); }

// Inside an open popup every entry is reported as role menu: the popup covers what lies under it
// by design, and the layout rules compare menu entries only with each other.
static LayoutRole RoleHere(LayoutRole role)
{
    const ImGuiWindow* w = ImGui::GetCurrentWindowRead();
    return w && (w->RootWindow->Flags & ImGuiWindowFlags_Popup) ? LayoutRole_Menu : role;
}

//-----------------------------------------------------------------------------
// [SECTION] Flow layout
//-----------------------------------------------------------------------------

FlowLayout::FlowLayout()
{
    Left = ImGui::GetCursorScreenPos().x;
    Right = Left + ImGui::GetContentRegionAvail().x;
}

void FlowLayout::Next(float width)
{
    if (!First && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= Right + 0.5f)
        ImGui::SameLine();
    First = false;
}

float FlowLayout::Remaining() const
{
    return First ? Right - Left : Right - (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x);
}

//-----------------------------------------------------------------------------
// [SECTION] Segmented tabs
//-----------------------------------------------------------------------------

static float SegmentPadding(bool compact) { return ImGui::GetFontSize() * (compact ? 0.55f : 1.0f); }

// The labels' widths, measured once per label set, font and size (the switcher asks every frame,
// up to three times).
static const float* LabelWidths(const char* const* labels, int count)
{
    static const char* const* cached_labels = nullptr;
    static const ImFont* cached_font = nullptr;
    static float cached_size = 0.0f;
    static float widths[16];
    count = std::min(count, 16);
    if (labels != cached_labels || ImGui::GetFont() != cached_font || ImGui::GetFontSize() != cached_size)
    {
        for (int i = 0; i < count; i++)
            widths[i] = ImGui::CalcTextSize(labels[i]).x;
        cached_labels = labels;
        cached_font = ImGui::GetFont();
        cached_size = ImGui::GetFontSize();
    }
    return widths;
}

float SegmentedTabsWidth(const char* const* labels, int count, bool compact)
{
    count = std::min(count, 16);
    const float* widths = LabelWidths(labels, count);
    float w = 4.0f;   // the track's inset on both sides
    for (int i = 0; i < count; i++)
        w += widths[i] + 2.0f * SegmentPadding(compact);
    return w;
}

int SegmentedTabs(const Theme& theme, const char* id, const char* const* labels, int count, int selected, float width, bool compact)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems || count <= 0)
        return -1;
    const float natural = SegmentedTabsWidth(labels, count, compact);
    const float w = std::max(natural, width);
    const float h = ControlHeight() + 4.0f;
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect track(pos, ImVec2(pos.x + w, pos.y + h));
    ImGui::ItemSize(track, ImGui::GetStyle().FramePadding.y + 2.0f);
    ImDrawList* dl = window->DrawList;
    const float rounding = h * 0.5f;
    dl->AddRectFilled(track.Min, track.Max, theme.ControlBg, rounding);
    dl->AddRect(track.Min, track.Max, theme.ControlBorder, rounding);

    const float extra = (w - natural) / (float)count;   // stretched: the surplus shared equally
    int pressed_index = -1;
    float x = track.Min.x + 2.0f;
    const float* widths = LabelWidths(labels, std::min(count, 16));
    ImGui::PushID(id);
    for (int i = 0; i < std::min(count, 16); i++)
    {
        const ImVec2 text(widths[i], ImGui::GetFontSize());
        const float sw = text.x + 2.0f * SegmentPadding(compact) + extra;
        const ImRect seg(ImVec2(x, track.Min.y + 2.0f), ImVec2(x + sw, track.Max.y - 2.0f));
        x += sw;
        const ImGuiID sid = window->GetID(i);
        if (!ImGui::ItemAdd(seg, sid))
            continue;
        bool hovered, held;
        if (ImGui::ButtonBehavior(seg, sid, &hovered, &held))
            pressed_index = i;
        const bool on = i == selected;
        if (on)
        {
            dl->AddRectFilled(seg.Min, seg.Max, theme.Selected, seg.GetHeight() * 0.5f);
            dl->AddRect(seg.Min, seg.Max, theme.Accent, seg.GetHeight() * 0.5f, 0, 1.5f);
        }
        else if (hovered || held)
            dl->AddRectFilled(seg.Min, seg.Max, ControlFill(theme, hovered, held), seg.GetHeight() * 0.5f);
        ImGui::RenderNavHighlight(seg, sid);
        const ImVec2 tp(seg.Min.x + (seg.GetWidth() - text.x) * 0.5f, seg.Min.y + (seg.GetHeight() - text.y) * 0.5f);
        dl->AddText(tp, on ? theme.OnSelected : theme.Text, labels[i]);
        LayoutRecord(RoleHere(LayoutRole_Tab), labels[i], seg, on);
    }
    ImGui::PopID();
    return pressed_index;
}

//-----------------------------------------------------------------------------
// [SECTION] Pills and menus
//-----------------------------------------------------------------------------

static float LabelGap() { return ImGui::GetFontSize() * 0.4f; }
static float ChevronRoom() { return ImGui::GetFontSize() * 1.1f; }

float PillWidth(std::string_view label, std::string_view value)
{
    float w = ImGui::GetFontSize() * 0.9f * 2.0f + ChevronRoom() + ImGui::CalcTextSize(ShapedText(value)).x;
    if (!label.empty())
        w += ImGui::CalcTextSize(label.data(), label.data() + label.size()).x + LabelGap();
    return w;
}

bool BeginPill(const Theme& theme, const char* id, std::string_view label, std::string_view value, float width, ImGuiComboFlags flags,
               float popup_width)
{
    const float h = ControlHeight();
    const float avail = std::max(ImGui::GetContentRegionAvail().x, h * 3.0f);
    const float w = std::min(width > 0.0f ? width : PillWidth(label, value), avail);
    Pressable c;
    if (!AddPressable(id, ImVec2(w, h), ImGui::GetStyle().FramePadding.y, &c))
        return false;
    const ImGuiID popup_id = ImHashStr("##ComboPopup", 0, c.Id);
    bool open = ImGui::IsPopupOpen(popup_id, ImGuiPopupFlags_None);
    if (c.Pressed && !open)
    {
        ImGui::OpenPopupEx(popup_id, ImGuiPopupFlags_None);
        open = true;
    }

    ImDrawList* dl = c.Window->DrawList;
    dl->AddRectFilled(c.Box.Min, c.Box.Max, ControlFill(theme, c.Hovered, c.Held), h * 0.5f);
    dl->AddRect(c.Box.Min, c.Box.Max, open ? theme.Accent : ControlBorder(theme), h * 0.5f, 0, open ? 1.5f : 1.0f);
    ImGui::RenderNavHighlight(c.Box, c.Id);
    const float pad = ImGui::GetFontSize() * 0.9f;
    const float text_y = c.Box.Min.y + (h - ImGui::GetFontSize()) * 0.5f;
    const float text_right = c.Box.Max.x - pad * 0.5f - ChevronRoom();
    float x = c.Box.Min.x + pad;
    ImGui::PushClipRect(c.Box.Min, ImVec2(text_right, c.Box.Max.y), true);
    if (!label.empty())
    {
        dl->AddText(ImVec2(x, text_y), theme.TextMuted, label.data(), label.data() + label.size());
        x += ImGui::CalcTextSize(label.data(), label.data() + label.size()).x + LabelGap();
    }
    const char* shaped = ShapedText(value);
    const ImVec2 value_size = ImGui::CalcTextSize(shaped);
    ImGui::PopClipRect();
    // A value too long for the pill ends in an ellipsis (the whole text is in the popup and the report).
    ImGui::PushStyleColor(ImGuiCol_Text, theme.Text);
    ImGui::RenderTextEllipsis(dl, ImVec2(x, text_y), ImVec2(text_right, c.Box.Max.y), text_right, text_right, shaped, nullptr, &value_size);
    ImGui::PopStyleColor();
    DrawChevron(dl, ImVec2(c.Box.Max.x - pad * 0.5f - ChevronRoom() * 0.5f, c.Box.Min.y + h * 0.5f), ImGui::GetFontSize() * 0.25f,
                theme.TextMuted);
    if (label.empty())
        LayoutRecord(RoleHere(LayoutRole_Combo), value, c.Box);
    else
    {
        std::string text(label);
        text += ": ";
        text += value;
        LayoutRecord(RoleHere(LayoutRole_Combo), text, c.Box);
    }
    if (!open)
        return false;

    // The popup: at least as wide as the pill, never wider than the canvas (a phone's width).
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float max_w = std::max(w, vp->Size.x - 2.0f * ImGui::GetStyle().WindowPadding.x);
    const float items = (flags & ImGuiComboFlags_HeightLarge) ? 20.0f : 10.0f;
    const float max_h = std::min(vp->Size.y * 0.8f, ImGui::GetFrameHeightWithSpacing() * items + ImGui::GetStyle().WindowPadding.y * 2.0f);
    ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(std::max(w, popup_width), max_w), 0.0f), ImVec2(max_w, max_h));
    return ImGui::BeginComboPopup(popup_id, c.Box, flags);
}

void EndPill() { ImGui::EndCombo(); }

// A popup row: full width, the pressed state and hover as a tinted band, nav focus as ImGui's.
static bool MenuRow(const Theme& theme, const char* shaped, ImGuiID id, float lead, ImRect* out_bb, bool* out_hovered)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImVec2 text = ImGui::CalcTextSize(shaped);
    const float h = ImGui::GetFontSize() + ImGui::GetStyle().FramePadding.y * 2.0f;
    const float w = std::max(ImGui::GetContentRegionAvail().x, lead + text.x + ImGui::GetStyle().FramePadding.x * 2.0f);
    const ImVec2 pos = window->DC.CursorPos;
    *out_bb = ImRect(pos, ImVec2(pos.x + w, pos.y + h));
    ImGui::ItemSize(*out_bb, ImGui::GetStyle().FramePadding.y);
    if (!ImGui::ItemAdd(*out_bb, id))
        return false;
    bool held;
    const bool pressed = ImGui::ButtonBehavior(*out_bb, id, out_hovered, &held);
    if (*out_hovered || held)
        window->DrawList->AddRectFilled(out_bb->Min, out_bb->Max, WithAlpha(theme.Accent, held ? 0.28f : 0.16f), 4.0f);
    ImGui::RenderNavHighlight(*out_bb, id, ImGuiNavHighlightFlags_TypeThin);
    return pressed;
}

bool MenuItem(const Theme& theme, std::string_view text, bool selected)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems)
        return false;
    const char* shaped = ShapedText(text);
    const ImGuiID id = window->GetID(shaped);
    const float lead = ImGui::GetFontSize() * 1.3f;   // room for the check mark
    ImRect bb;
    bool hovered = false;
    const bool pressed = MenuRow(theme, shaped, id, lead, &bb, &hovered);
    if (!ImGui::IsItemVisible())
        return pressed;
    ImDrawList* dl = window->DrawList;
    const float fs = ImGui::GetFontSize();
    const ImVec2 tp(bb.Min.x + ImGui::GetStyle().FramePadding.x + lead, bb.Min.y + ImGui::GetStyle().FramePadding.y);
    if (selected)
    {
        ImVec2 c(bb.Min.x + ImGui::GetStyle().FramePadding.x + fs * 0.5f, bb.Min.y + bb.GetHeight() * 0.5f);
        dl->PathLineTo(ImVec2(c.x - fs * 0.3f, c.y));
        dl->PathLineTo(ImVec2(c.x - fs * 0.08f, c.y + fs * 0.22f));
        dl->PathLineTo(ImVec2(c.x + fs * 0.32f, c.y - fs * 0.25f));
        dl->PathStroke(theme.Accent, 0, 2.0f);
    }
    dl->AddText(tp, theme.Text, shaped);
    LayoutRecord(LayoutRole_Menu, text, ImRect(tp, ImVec2(tp.x + ImGui::CalcTextSize(shaped).x, tp.y + fs)), selected);
    if (selected && ImGui::IsWindowAppearing())
        ImGui::SetItemDefaultFocus();
    if (pressed)
        ImGui::CloseCurrentPopup();
    return pressed;
}

bool CheckItem(const Theme& theme, std::string_view text, bool* checked, ImU32 swatch)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems)
        return false;
    const char* shaped = ShapedText(text);
    const ImGuiID id = window->GetID(shaped);
    const float fs = ImGui::GetFontSize();
    const float lead = fs * 1.5f;
    ImRect bb;
    bool hovered = false;
    const bool pressed = MenuRow(theme, shaped, id, lead, &bb, &hovered);
    if (pressed)
        *checked = !*checked;
    if (!ImGui::IsItemVisible())
        return pressed;
    ImDrawList* dl = window->DrawList;
    // A rounded box in the series' colour (or the accent): filled with a check mark when chosen.
    const ImU32 col = (swatch & IM_COL32_A_MASK) ? swatch : theme.Accent;
    const float box = fs * 0.9f;
    const ImVec2 b0(bb.Min.x + ImGui::GetStyle().FramePadding.x, bb.Min.y + (bb.GetHeight() - box) * 0.5f);
    const ImVec2 b1(b0.x + box, b0.y + box);
    if (*checked)
    {
        dl->AddRectFilled(b0, b1, col, 3.0f);
        ImVec2 c((b0.x + b1.x) * 0.5f, (b0.y + b1.y) * 0.5f);
        dl->PathLineTo(ImVec2(c.x - box * 0.28f, c.y));
        dl->PathLineTo(ImVec2(c.x - box * 0.06f, c.y + box * 0.22f));
        dl->PathLineTo(ImVec2(c.x + box * 0.3f, c.y - box * 0.22f));
        dl->PathStroke(IM_COL32(255, 255, 255, 255), 0, 2.0f);
    }
    else
        dl->AddRect(b0, b1, col, 3.0f, 0, 1.5f);
    const ImVec2 tp(bb.Min.x + ImGui::GetStyle().FramePadding.x + lead, bb.Min.y + ImGui::GetStyle().FramePadding.y);
    dl->AddText(tp, theme.Text, shaped);
    LayoutRecord(LayoutRole_Menu, text, ImRect(b0.x < tp.x ? ImVec2(b0.x, tp.y) : tp, ImVec2(tp.x + ImGui::CalcTextSize(shaped).x, tp.y + fs)),
                 *checked);
    return pressed;
}

//-----------------------------------------------------------------------------
// [SECTION] Buttons and toggles
//-----------------------------------------------------------------------------

float TextButtonWidth(std::string_view label)
{
    return ImGui::CalcTextSize(label.data(), label.data() + label.size()).x + ImGui::GetFontSize() * 1.8f;
}

bool TextButton(const Theme& theme, const char* id, std::string_view label, bool primary)
{
    const float h = ControlHeight();
    Pressable c;
    if (!AddPressable(id, ImVec2(TextButtonWidth(label), h), ImGui::GetStyle().FramePadding.y, &c))
        return false;
    ImDrawList* dl = c.Window->DrawList;
    if (primary)
        dl->AddRectFilled(c.Box.Min, c.Box.Max, c.Held ? Mix(theme.Accent, theme.Text, 0.2f) : c.Hovered ? Mix(theme.Accent, theme.Text, 0.1f) : theme.Accent,
                          h * 0.5f);
    else
    {
        dl->AddRectFilled(c.Box.Min, c.Box.Max, ControlFill(theme, c.Hovered, c.Held), h * 0.5f);
        dl->AddRect(c.Box.Min, c.Box.Max, ControlBorder(theme), h * 0.5f);
    }
    ImGui::RenderNavHighlight(c.Box, c.Id);
    const ImVec2 ts = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    dl->AddText(ImVec2(c.Box.Min.x + (c.Box.GetWidth() - ts.x) * 0.5f, c.Box.Min.y + (h - ts.y) * 0.5f), primary ? theme.Background : theme.Text,
                label.data(), label.data() + label.size());
    LayoutRecord(RoleHere(LayoutRole_Button), label, c.Box);
    return c.Pressed;
}

bool IconButton(const Theme& theme, const char* id, Icon icon, std::string_view name)
{
    const float h = ControlHeight();
    Pressable c;
    if (!AddPressable(id, ImVec2(h, h), ImGui::GetStyle().FramePadding.y, &c))
        return false;
    ImDrawList* dl = c.Window->DrawList;
    const bool disabled = (ImGui::GetItemFlags() & ImGuiItemFlags_Disabled) != 0;
    dl->AddCircleFilled(c.Box.GetCenter(), h * 0.5f, ControlFill(theme, c.Hovered, c.Held));
    dl->AddCircle(c.Box.GetCenter(), h * 0.5f - 0.5f, ControlBorder(theme), 0, 1.0f);
    ImGui::RenderNavHighlight(c.Box, c.Id);
    DrawIcon(dl, icon, c.Box.GetCenter(), h * 0.28f, disabled ? theme.Axis : theme.Text);
    if (c.Hovered && !c.Held && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("%.*s", (int)name.size(), name.data());
    LayoutRecord(RoleHere(LayoutRole_Button), "", c.Box);   // no words drawn (docs/embedding.md, layout()); `name` is its tooltip
    return c.Pressed;
}

float LinkButtonWidth(std::string_view label) { return ImGui::CalcTextSize(label.data(), label.data() + label.size()).x; }

bool LinkButton(const Theme& theme, const char* id, std::string_view label)
{
    Pressable c;
    if (!AddPressable(id, ImGui::CalcTextSize(label.data(), label.data() + label.size()), 0.0f, &c))
        return false;
    ImDrawList* dl = c.Window->DrawList;
    dl->AddText(c.Box.Min, theme.Accent, label.data(), label.data() + label.size());
    if (c.Hovered || c.Held)
        dl->AddLine(ImVec2(c.Box.Min.x, c.Box.Max.y - 1.0f), ImVec2(c.Box.Max.x, c.Box.Max.y - 1.0f), theme.Accent, 1.0f);
    ImGui::RenderNavHighlight(c.Box, c.Id, ImGuiNavHighlightFlags_TypeThin);
    LayoutRecord(RoleHere(LayoutRole_Button), label, c.Box);
    return c.Pressed;
}

static float ToggleTrackWidth() { return ImGui::GetFontSize() * 1.9f; }

float ToggleWidth(std::string_view label)
{
    return ToggleTrackWidth() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label.data(), label.data() + label.size()).x;
}

bool Toggle(const Theme& theme, const char* id, std::string_view label, bool* v)
{
    const float h = ControlHeight();
    Pressable c;
    if (!AddPressable(id, ImVec2(ToggleWidth(label), h), ImGui::GetStyle().FramePadding.y, &c))
        return false;
    if (c.Pressed)
        *v = !*v;
    ImDrawList* dl = c.Window->DrawList;
    const float th = ImGui::GetFontSize() * 1.05f, tw = ToggleTrackWidth();
    const ImRect track(ImVec2(c.Box.Min.x, c.Box.Min.y + (h - th) * 0.5f), ImVec2(c.Box.Min.x + tw, c.Box.Min.y + (h + th) * 0.5f));
    ImU32 fill = *v ? theme.Accent : theme.ControlBorder;   // off: still a 3:1 shape
    if (c.Hovered)
        fill = Mix(fill, theme.Text, 0.12f);
    dl->AddRectFilled(track.Min, track.Max, fill, th * 0.5f);
    const float r = th * 0.5f - 2.0f;
    const float kx = *v ? track.Max.x - th * 0.5f : track.Min.x + th * 0.5f;
    dl->AddCircleFilled(ImVec2(kx, track.GetCenter().y), r, theme.Background);
    ImGui::RenderNavHighlight(c.Box, c.Id);
    const ImVec2 ts = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    dl->AddText(ImVec2(track.Max.x + ImGui::GetStyle().ItemInnerSpacing.x, c.Box.Min.y + (h - ts.y) * 0.5f), theme.Text, label.data(),
                label.data() + label.size());
    LayoutRecord(RoleHere(LayoutRole_Checkbox), label, c.Box, *v);
    return c.Pressed;
}

//-----------------------------------------------------------------------------
// [SECTION] Timeline
//-----------------------------------------------------------------------------

static float TickFontSize() { return ImGui::GetFontSize() * (Type::Small / Type::Body); }

static float KnobRadius() { return ImGui::GetFontSize() * 0.45f; }

float TimelineHeight() { return ControlHeight() * 0.5f + KnobRadius() + 1.0f + TickFontSize() + 2.0f; }

bool Timeline(const Theme& theme, const char* id, int count, int* index, const TimelineTick* ticks, int tick_count, std::string_view value,
              float width)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems || count <= 0)
        return false;
    ImGuiContext& g = *GImGui;
    const ImGuiID iid = window->GetID(id);
    const float h = TimelineHeight();
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + std::max(width, h * 2.0f), pos.y + h));
    ImGui::ItemSize(bb, 0.0f);
    if (!ImGui::ItemAdd(bb, iid))
        return false;
    const float knob = KnobRadius();
    const float x0 = bb.Min.x + knob + 1.0f, x1 = bb.Max.x - knob - 1.0f;
    const float ty = bb.Min.y + ControlHeight() * 0.5f;   // level with the centres of the controls beside it
    auto step_x = [&](int i) { return count > 1 ? x0 + (x1 - x0) * (float)i / (float)(count - 1) : (x0 + x1) * 0.5f; };

    bool hovered, held;
    ImGui::ButtonBehavior(bb, iid, &hovered, &held, ImGuiButtonFlags_PressedOnClick);
    int next = *index;
    if (held && g.ActiveIdSource == ImGuiInputSource_Mouse && count > 1)
    {
        float t = (g.IO.MousePos.x - x0) / std::max(1.0f, x1 - x0);
        next = (int)std::lround(std::clamp(t, 0.0f, 1.0f) * (float)(count - 1));
    }
    // Focused from the keyboard: Left/Right step (the keys are the timeline's, not navigation's,
    // while it has the focus; Up/Down and Tab still move on).
    if (g.NavId == iid && g.NavWindow == window && !g.NavDisableHighlight)
    {
        ImGui::SetKeyOwner(ImGuiKey_LeftArrow, iid);
        ImGui::SetKeyOwner(ImGuiKey_RightArrow, iid);
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow, iid, ImGuiInputFlags_Repeat))
            next = std::max(0, next - 1);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow, iid, ImGuiInputFlags_Repeat))
            next = std::min(count - 1, next + 1);
    }
    const bool changed = next != *index;
    *index = next;

    ImDrawList* dl = window->DrawList;
    const float kx = step_x(std::clamp(*index, 0, count - 1));
    dl->AddLine(ImVec2(x0, ty), ImVec2(x1, ty), Mix(theme.Axis, theme.Background, 0.2f), 3.0f);
    dl->AddLine(ImVec2(x0, ty), ImVec2(kx, ty), theme.Accent, 3.0f);

    // Tick labels: every n-th, the smallest n at which no two drawn labels come closer than a gap.
    ImFont* font = ImGui::GetFont();
    const float fs = TickFontSize();
    const float gap = fs * 1.5f;   // labels closer than this read as one
    const float label_y = ty + knob + 1.0f;
    static std::vector<float> widths;   // measured once a frame, tried at several spacings
    widths.resize((size_t)std::max(0, tick_count));
    for (int k = 0; k < tick_count; k++)
        widths[k] = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, ticks[k].Text).x;
    auto label_span = [&](int k, float* left, float* right) {
        float w = widths[k];
        float l = std::clamp(step_x(ticks[k].Index) - w * 0.5f, bb.Min.x, bb.Max.x - w);
        *left = l;
        *right = l + w;
    };
    int every = 1;
    static const int steps[] = { 1, 2, 3, 4, 5, 10, 20, 25, 50, 100, 200, 500, 1000 };
    for (int s : steps)
    {
        every = s;
        bool fits = true;
        float last_right = -1e30f;
        for (int k = 0; k < tick_count && fits; k += s)
        {
            float l, r;
            label_span(k, &l, &r);
            fits = l >= last_right + gap;
            last_right = r;
        }
        if (fits)
            break;
    }
    for (int k = 0; k < tick_count; k++)
    {
        const float x = step_x(ticks[k].Index);
        const bool labelled = k % every == 0;
        dl->AddLine(ImVec2(x, ty + 3.0f), ImVec2(x, ty + (labelled ? 6.0f : 4.5f)), theme.Axis, 1.0f);
        if (!labelled || value == ticks[k].Text)
            continue;
        float l, r;
        label_span(k, &l, &r);
        DrawReportedText(dl, font, fs, ImVec2(l, label_y), theme.TextMuted, ticks[k].Text, LayoutRole_Axis);
    }

    const bool active = held || hovered || g.NavId == iid;
    dl->AddCircleFilled(ImVec2(kx, ty), knob + (active ? 1.5f : 0.0f), theme.Accent);
    dl->AddCircleFilled(ImVec2(kx, ty), knob * 0.45f, theme.Background);
    ImGui::RenderNavHighlight(bb, iid, ImGuiNavHighlightFlags_TypeThin);
    return changed;
}

//-----------------------------------------------------------------------------
// [SECTION] Text
//-----------------------------------------------------------------------------

// A wrapped text's size for a width and font, remembered: measuring the title, the publisher line,
// the definition and the notes every frame (a word-wrapping pass over each, then another to draw
// them) was a fifth of a small view's frame. Keyed by a hash of the text with its width and font,
// and by the shaping generation: a new file's runs take the stand-ins from U+E000 again, so the
// same shaped bytes (one stand-in) stand for another text of another width (an Arabic title, then
// a Hebrew one, kept the Arabic one's 41 px and the title's report cut the Hebrew one).
static ImVec2 WrappedTextSize(const char* text, const char* end, float wrap_width)
{
    static std::unordered_map<uint64_t, ImVec2> sizes;
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    for (const char* p = text; p < end; p++)
        mix((unsigned char)*p);
    ImFont* font = ImGui::GetFont();
    float fs = ImGui::GetFontSize();
    uint32_t bits[2];
    std::memcpy(&bits[0], &wrap_width, 4);
    std::memcpy(&bits[1], &fs, 4);
    mix((uint64_t)(end - text));
    mix(bits[0]);
    mix(bits[1]);
    mix((uint64_t)(uintptr_t)font);
    mix((uint64_t)font->Glyphs.Size);   // a rebuilt atlas (glyphs added) may keep the font's address
    mix((uint64_t)(uintptr_t)font->ContainerAtlas->TexID);
    mix((uint64_t)ShapingGeneration());
    auto it = sizes.find(h);
    if (it != sizes.end())
        return it->second;
    if (sizes.size() > 512)
        sizes.clear();
    return sizes[h] = ImGui::CalcTextSize(text, end, false, wrap_width);
}

void WrappedText(std::string_view text, ImU32 color, int role)
{
    // ImGui::TextWrapped's item (ImGui::TextEx: the same rectangle and drawing) with the size remembered.
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (!window->SkipItems)
    {
        const char* shaped = ShapedText(text);
        const char* end = shaped + std::strlen(shaped);
        const float wrap_width = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, 0.0f);
        const ImVec2 size = WrappedTextSize(shaped, end, wrap_width);
        const ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
        const ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
        ImGui::ItemSize(size, 0.0f);
        if (ImGui::ItemAdd(bb, 0))
        {
            ImGui::PushStyleColor(ImGuiCol_Text, color);
            ImGui::RenderTextWrapped(bb.Min, shaped, end, wrap_width);
            ImGui::PopStyleColor();
        }
    }
    LayoutRecordLastItem(RoleHere((LayoutRole)role), text);
}

} // namespace ls
