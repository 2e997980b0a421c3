// The explorer's own controls, drawn in the theme's colours (light and dark) instead of Dear
// ImGui's defaults: segmented tabs, pill pickers, toggles, icon buttons, small menus, the period
// timeline, and a flow layout that wraps a row of controls at narrow widths.
//
// Each control is one ImGui item (ItemAdd + ButtonBehavior), so keyboard navigation and focus
// work as for ImGui's own widgets: Tab/arrows reach it, Enter or Space press it, its focus ring is
// ImGui's nav highlight. Each records itself in the layout report (ui/layout_report.h) once, its
// visible label included, with the role a reader would give it.
//
// Text arguments named `label` are the UI's own words; those named `value` or `text` may come from
// the data and are shaped here (ui/shaping.h): pass them unshaped.
//
// Usage:
//     int v = SegmentedTabs(theme, "views", labels, 6, current);           // -1, or the index clicked
//     if (BeginPill(theme, "##metric", "Metric", metricName)) { ... MenuItem(...) ...; EndPill(); }
//     if (Toggle(theme, "Show events", &show)) ...;
//     if (IconButton(theme, "##play", playing ? Icon_Pause : Icon_Play, playing ? "Pause" : "Play")) ...;
//     FlowLayout row; row.Next(PillWidth("Metric", name)); BeginPill(...); row.Next(...); ...
#pragma once

#include "ui/theme.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <string_view>

namespace ls {

// The height of a one-line control (a pill, a segment, an icon button): the frame height.
float ControlHeight();

//-----------------------------------------------------------------------------
// Wrapping a row of controls
//-----------------------------------------------------------------------------

// Places the controls of one row side by side while they fit the available width and starts a
// new line when the next one would not. Create it where the row starts; call Next(width) before
// each control with the width that control will take (its *Width() function).
struct FlowLayout
{
    float Left = 0.0f, Right = 0.0f;   // screen x of the row's start and of its available end
    bool  First = true;
    FlowLayout();
    void  Next(float width);           // SameLine() when it fits after the last item, else a new line
    float Remaining() const;           // width left on the current line after the last item (all when first)
};

//-----------------------------------------------------------------------------
// Segmented tabs (the view switcher)
//-----------------------------------------------------------------------------

// The width the segments take at their natural size (each label plus padding).
float SegmentedTabsWidth(const char* const* labels, int count, bool compact = false);
// One segment per label, `selected` filled with the accent colour. Returns the index pressed this
// frame (mouse, Enter or Space on the focused segment), or -1. `width` > 0 stretches the segments
// to fill it. Reported: each segment as role tab, highlighted when selected.
int SegmentedTabs(const Theme& theme, const char* id, const char* const* labels, int count, int selected, float width = 0.0f,
                  bool compact = false);

//-----------------------------------------------------------------------------
// Pill pickers and small menus
//-----------------------------------------------------------------------------

// A rounded button showing "label  value ▾" that opens a popup below it. Between BeginPill and
// EndPill (only when it returned true) draw the popup's contents (MenuItem, CheckItem, anything).
// `width` 0 = natural width, capped at the available width; a value too long for the width ends
// in an ellipsis. Reported as role combo with text "label: value" (or the value alone). The popup
// is at least `popup_width` wide (and the pill's width), at most the canvas's.
float PillWidth(std::string_view label, std::string_view value);
bool  BeginPill(const Theme& theme, const char* id, std::string_view label, std::string_view value, float width = 0.0f,
                ImGuiComboFlags flags = 0, float popup_width = 0.0f);
void  EndPill();

// A small menu: a pill without a label (the speed "1×", a "View: Map" switcher at narrow widths).
inline bool BeginSmallMenu(const Theme& theme, const char* id, std::string_view value, float width = 0.0f)
{
    return BeginPill(theme, id, std::string_view(), value, width);
}
inline void EndSmallMenu() { EndPill(); }

// Entries of a pill's popup (role menu). MenuItem closes the popup when pressed; CheckItem (a
// multiple choice: a check mark, and a colour swatch when `swatch` has alpha) keeps it open.
bool MenuItem(const Theme& theme, std::string_view text, bool selected);
bool CheckItem(const Theme& theme, std::string_view text, bool* checked, ImU32 swatch = 0);

//-----------------------------------------------------------------------------
// Buttons and toggles
//-----------------------------------------------------------------------------

// A rounded text button in the pill's style (role button).
float TextButtonWidth(std::string_view label);
bool  TextButton(const Theme& theme, const char* id, std::string_view label, bool primary = false);

// Text in the accent colour that acts as a button ("More", "Less"), one text line high (role button).
float LinkButtonWidth(std::string_view label);
bool  LinkButton(const Theme& theme, const char* id, std::string_view label);

enum Icon { Icon_Play, Icon_Pause, Icon_Filters, Icon_Edit, Icon_Close, Icon_COUNT };
// A round button with an icon drawn as shapes (no glyph needed). `name` says what it does (its
// tooltip); the layout report has it as a button without words (text "").
bool IconButton(const Theme& theme, const char* id, Icon icon, std::string_view name);

// A switch followed by its label; returns true when it changed *v. Role checkbox.
float ToggleWidth(std::string_view label);
bool  Toggle(const Theme& theme, const char* id, std::string_view label, bool* v);

//-----------------------------------------------------------------------------
// The period timeline
//-----------------------------------------------------------------------------

struct TimelineTick
{
    int         Index;   // the step it marks
    const char* Text;    // its label ("2021"); kept alive by the caller
};

// A track of `count` steps with a knob at *index; drag or click to choose, or focus it and press
// Enter/Space, then Left/Right (as ImGui's sliders). Tick labels come from `ticks` (in index
// order): only every n-th is drawn, n chosen so that no two labels overlap; a label that reads
// the same as `value` is left out (the chosen period is shown once, by the caller).
// Returns true when *index changed. Its height is TimelineHeight(); tick labels role axis.
float TimelineHeight();
bool  Timeline(const Theme& theme, const char* id, int count, int* index, const TimelineTick* ticks, int tick_count,
               std::string_view value, float width);

//-----------------------------------------------------------------------------
// Text
//-----------------------------------------------------------------------------

// Wrapped text at the cursor (shaped, wrapped at the available width), reported with `role`.
void WrappedText(std::string_view text, ImU32 color, int role /* LayoutRole */);

} // namespace ls
