// What the last frame drew that a person reads or operates: the widget handle's layout(), a
// testing aid (docs/embedding.md). Browser tests use it to check, at every width, that nothing
// lies outside the canvas and no two texts overlap, without reading pixels.
//
// Coordinates are ImGui's, which are CSS pixels relative to the canvas (the density only scales
// the framebuffer). An item inside something that scrolls (a scrolled child, a table scrolling
// sideways) is clipped to what is visible and not reported at all when scrolled out. Other clips
// (the widget's edge, a plot, a table column, a tab bar) do not shorten the report: an item cut
// there is reported whole, so a test sees that it overflows. Text is the text as written in the
// data (never the shaped stand-in of ui/shaping.h).
//
// Usage: ImGui's own items with a visible label (buttons, checkboxes, radio buttons, tabs, inputs,
// selectables, menu items; in a popup as "menu") are reported by themselves, through ImGui's item
// hooks, with the label's visible part ("Name##id" -> "Name") and the control's whole rectangle.
// ImGui says nothing about combos (BeginCombo) or an item's text other than its label (a slider's
// value, a field's contents): code showing those records them with LayoutRecordLastItem() (which
// replaces the hook's record of the same item). Everything else that shows text is reported where
// it is drawn: LayoutRecordLastItem() after ImGui::Text*, LayoutRecord() / DrawReportedText() for
// text a view draws into a draw list (axis labels, direct labels, legend entries).
#pragma once

#include "imgui.h"
#include "imgui_internal.h"

#include <string>
#include <string_view>

namespace ls {

enum LayoutRole
{
    LayoutRole_Title,      // the data's title and its publisher line
    LayoutRole_Tab,        // a view switcher entry
    LayoutRole_Button,
    LayoutRole_Combo,      // a picker (the closed control, label included)
    LayoutRole_Checkbox,   // also toggles
    LayoutRole_Slider,     // also the period timeline
    LayoutRole_Input,      // a text field
    LayoutRole_Menu,       // an entry of an open popup or menu
    LayoutRole_Label,      // other text: notes, definitions, status, footer, table cells
    LayoutRole_Legend,     // a legend entry (its swatch included)
    LayoutRole_Axis,       // an axis label or tick label
    LayoutRole_DataLabel,  // a direct label on a line, bar or region
    LayoutRole_Plot,       // a chart's plot area (text ""): what the views give a chart, for the phone layout's tests
    LayoutRole_Unreported, // LayoutJson() only: glyphs drawn inside no reported item (text somebody forgot to report)
    LayoutRole_COUNT
};

const char* LayoutRoleName(LayoutRole role);   // "title", "tab", "button", ... as layout() reports them

void LayoutBeginFrame();                       // App::DrawFrame calls it first: the report is of one frame
// Whether the next frames record their report (on by default). The widget turns it off and draws
// one recording frame when layout() is asked (wasm/platform/web_api.cpp's ls_layout), so frames
// nobody inspects pay nothing for the report. Off, LayoutJson() reports nothing.
void LayoutSetRecording(bool on);
bool LayoutIsRecording();
// rect in screen (= CSS) pixels; clipped to the current window draw list's clip rectangle.
void LayoutRecord(LayoutRole role, std::string_view text, const ImRect& rect, bool highlighted = false);
void LayoutRecordLastItem(LayoutRole role, std::string_view text, bool highlighted = false);   // ImGui's last item's rectangle
// Draws text into dl with the current font (shaped, see ui/shaping.h) and reports it; returns its size.
ImVec2 DrawReportedText(ImDrawList* dl, ImVec2 pos, ImU32 color, std::string_view text, LayoutRole role, bool highlighted = false);
ImVec2 DrawReportedText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text, LayoutRole role,
                        bool highlighted = false);
// The room ImGui's TableHeader keeps beside a sortable column's name for its sort arrow
// (imgui_tables.cpp, ARROW_SCALE): a name is cut with an ellipsis before it.
inline float TableHeaderArrowWidth()
{
    return IM_TRUNC(ImGui::GetFontSize() * 0.65f + ImGui::GetStyle().FramePadding.x);
}
// [{role, text, x, y, w, h[, highlighted]}] of the last frame, after it was rendered: the records,
// then one "unreported" item (text "") per run of glyphs the frame drew outside every record.
std::string LayoutJson();

} // namespace ls
