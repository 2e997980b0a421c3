// The layout report (see layout_report.h). First version: explicit records only.
#include "ui/layout_report.h"
#include "ui/shaping.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace ls {

namespace {
struct LayoutItem { LayoutRole Role; std::string Text; ImRect Rect; bool Highlighted; };
std::vector<LayoutItem> Items;
}

static const char* const RoleNames[] = { "title", "tab", "button", "combo", "checkbox", "slider", "input", "menu",
                                         "label", "legend", "axis", "datalabel" };
static_assert(IM_ARRAYSIZE(RoleNames) == LayoutRole_COUNT, "one name per LayoutRole");

const char* LayoutRoleName(LayoutRole role) { return role >= 0 && role < LayoutRole_COUNT ? RoleNames[role] : "label"; }

void LayoutBeginFrame() { Items.clear(); }

void LayoutRecord(LayoutRole role, std::string_view text, const ImRect& rect, bool highlighted)
{
    ImRect r = rect;
    if (ImGuiWindow* window = ImGui::GetCurrentWindowRead())
        r.ClipWithFull(ImRect(window->DrawList->GetClipRectMin(), window->DrawList->GetClipRectMax()));
    if (r.GetWidth() <= 0.0f || r.GetHeight() <= 0.0f)
        return;
    Items.push_back({ role, UnshapedText(text), r, highlighted });
}

void LayoutRecordLastItem(LayoutRole role, std::string_view text, bool highlighted)
{
    LayoutRecord(role, text, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()), highlighted);
}

ImVec2 DrawReportedText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text, LayoutRole role,
                        bool highlighted)
{
    const char* shaped = ShapedText(text);
    ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, shaped);
    dl->AddText(font, size, pos, color, shaped);
    LayoutRecord(role, text, ImRect(pos, ImVec2(pos.x + extent.x, pos.y + extent.y)), highlighted);
    return extent;
}

ImVec2 DrawReportedText(ImDrawList* dl, ImVec2 pos, ImU32 color, std::string_view text, LayoutRole role, bool highlighted)
{
    return DrawReportedText(dl, ImGui::GetFont(), ImGui::GetFontSize(), pos, color, text, role, highlighted);
}

std::string LayoutJson()
{
    nlohmann::json out = nlohmann::json::array();
    for (const LayoutItem& it : Items)
    {
        nlohmann::json j = { { "role", LayoutRoleName(it.Role) }, { "text", it.Text },
                             { "x", it.Rect.Min.x }, { "y", it.Rect.Min.y }, { "w", it.Rect.GetWidth() }, { "h", it.Rect.GetHeight() } };
        if (it.Highlighted)
            j["highlighted"] = true;
        out.push_back(std::move(j));
    }
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace ls
