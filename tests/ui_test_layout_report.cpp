// The layout report's hooks (ui/layout_report.cpp) over bare ImGui items: what handle.layout()
// says about ImGui's own controls, without the app around them. Each case draws one small window
// filling a 400x300 display and reads LayoutJson() back.
#include <doctest/doctest.h>

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/layout_report.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace {

struct Bare
{
    Bare()
    {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(400, 300);
        unsigned char* pixels;
        int w, h;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~Bare() { ImGui::DestroyContext(); }

    // Two frames (tab bars and popups settle a frame late); the report is of the second.
    nlohmann::json Frames(const std::function<void()>& draw, int frames = 2)
    {
        for (int i = 0; i < frames; i++)
        {
            ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
            ImGui::NewFrame();
            ls::LayoutBeginFrame();
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
            ImGui::Begin("root", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
            draw();
            ImGui::End();
            ImGui::Render();
        }
        return nlohmann::json::parse(ls::LayoutJson());
    }
};

int Count(const nlohmann::json& items, const std::string& role, const std::string& text)
{
    int n = 0;
    for (const auto& it : items)
        n += it["role"] == role && it["text"] == text;
    return n;
}

const nlohmann::json* Find(const nlohmann::json& items, const std::string& text)
{
    for (const auto& it : items)
        if (it["text"] == text)
            return &it;
    return nullptr;
}

} // namespace

TEST_CASE("layout report: ImGui's labelled items report themselves once, with their visible label and whole rectangle")
{
    Bare b;
    bool on = true;
    ImRect button, check;
    auto items = b.Frames([&] {
        ImGui::Button("Reset##state");
        button = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::Checkbox("Log scale", &on);
        check = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::InvisibleButton("map", ImVec2(100, 40));   // a hit area: draws nothing, so its id is no label
        ImGui::Button("##icon");                           // no visible label
        static char typed[32] = "";
        ImGui::InputTextWithHint("##filter", "Filter rows", typed, sizeof(typed));   // a field: reported, its words its own
        ImGui::Text("Showing");
        ls::LayoutRecordLastItem(ls::LayoutRole_Label, "Showing");
    });
    CHECK(items.size() == 4);   // nothing "unreported" either: the hint's glyphs lie in the field
    CHECK(Count(items, "input", "") == 1);
    CHECK(Count(items, "button", "Reset") == 1);
    CHECK(Count(items, "checkbox", "Log scale") == 1);
    CHECK(Count(items, "label", "Showing") == 1);
    CHECK(Find(items, "map") == nullptr);
    const auto& c = *Find(items, "Log scale");
    CHECK(c["x"].get<float>() == doctest::Approx(check.Min.x));
    CHECK(c["w"].get<float>() == doctest::Approx(check.GetWidth()));   // the box and its words: one item
    CHECK(c["w"].get<float>() > ImGui::CalcTextSize("Log scale").x);
    const auto& r = *Find(items, "Reset");
    CHECK(r["y"].get<float>() == doctest::Approx(button.Min.y));
    CHECK(r["h"].get<float>() == doctest::Approx(button.GetHeight()));
}

TEST_CASE("layout report: a view that records an ImGui item itself replaces the hook's record")
{
    Bare b;
    auto items = b.Frames([&] {
        ImGui::Button("Play");
        ls::LayoutRecordLastItem(ls::LayoutRole_Button, "Play");
    });
    CHECK(Count(items, "button", "Play") == 1);
    CHECK(items.size() == 1);
}

TEST_CASE("layout report: tabs by their visible label, popup entries as menu")
{
    Bare b;
    auto items = b.Frames([&] {
        if (ImGui::BeginTabBar("views"))
        {
            for (const char* label : { "Map", "Trend###trend", "Compare##c" })
                if (ImGui::BeginTabItem(label))
                    ImGui::EndTabItem();
            ImGui::EndTabBar();
        }
        if (!ImGui::IsPopupOpen("pick"))
            ImGui::OpenPopup("pick");
        ImGui::SetNextWindowPos(ImVec2(150, 100));
        ImGui::SetNextWindowSize(ImVec2(240, 0));
        if (ImGui::BeginPopup("pick"))
        {
            ImGui::Selectable("Worldwide");
            bool c = false;
            ImGui::Checkbox("Europe", &c);
            ImGui::EndPopup();
        }
    }, 3);
    CHECK(Count(items, "tab", "Map") == 1);
    CHECK(Count(items, "tab", "Trend") == 1);
    CHECK(Count(items, "tab", "Compare") == 1);
    CHECK(Count(items, "menu", "Worldwide") == 1);
    CHECK(Count(items, "menu", "Europe") == 1);
    // A selectable spanning its popup is reported as its words, not the popup's width.
    const auto& w = *Find(items, "Worldwide");
    CHECK(w["w"].get<float>() == doctest::Approx(ImGui::CalcTextSize("Worldwide").x).epsilon(0.01));
}

TEST_CASE("layout report: what scrolls is clipped to what is visible; what overflows the frame is reported whole")
{
    Bare b;
    float scroll = 0.0f;
    auto draw = [&] {
        ImGui::BeginChild("list", ImVec2(200, 100), false);
        ImGui::SetScrollY(scroll);
        for (int i = 0; i < 40; i++)
            ImGui::Selectable(("Row " + std::to_string(i)).c_str());
        ImGui::EndChild();
        ImGui::SetCursorPosX(360.0f);
        ImGui::Button("A button past the right edge");
    };
    auto items = b.Frames(draw);
    CHECK(Find(items, "Row 0") != nullptr);
    CHECK(Find(items, "Row 30") == nullptr);   // below the child's visible part
    float bottom = 0.0f;
    for (const auto& it : items)
        if (it["text"].get<std::string>().rfind("Row ", 0) == 0)
            bottom = std::max(bottom, it["y"].get<float>() + it["h"].get<float>());
    CHECK(bottom <= 110.0f);
    const auto& past = *Find(items, "A button past the right edge");
    CHECK(past["x"].get<float>() + past["w"].get<float>() > 400.0f);   // not cut at the window's edge

    scroll = 500.0f;
    items = b.Frames(draw);
    CHECK(Find(items, "Row 0") == nullptr);    // scrolled out above
    CHECK(Find(items, "Row 30") != nullptr);
}

TEST_CASE("layout report: a table's header cells are reported by their words")
{
    Bare b;
    auto items = b.Frames([&] {
        if (ImGui::BeginTable("t", 2, ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingFixedFit))
        {
            ImGui::TableSetupColumn("Platform##p");
            ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_NoSort);
            ImGui::TableHeadersRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted("Snapchat");
            ls::LayoutRecordLastItem(ls::LayoutRole_Label, "Snapchat");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted("12");
            ls::LayoutRecordLastItem(ls::LayoutRole_Label, "12");
            ImGui::EndTable();
        }
    });
    CHECK(Count(items, "button", "Platform") == 1);   // sortable: a control
    CHECK(Count(items, "label", "Value") == 1);
    CHECK(items.size() == 4);   // the headers and the two cells: nothing unreported
    const auto& p = *Find(items, "Platform");
    CHECK(p["w"].get<float>() <= ImGui::CalcTextSize("Platform").x + 0.01f);
}

TEST_CASE("layout report: text drawn but reported by nothing comes back as unreported boxes")
{
    Bare b;
    ImRect forgotten;
    auto items = b.Frames([&] {
        ImGui::Text("Reported");
        ls::LayoutRecordLastItem(ls::LayoutRole_Label, "Reported");
        ImGui::Text("Forgotten note");
        forgotten = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::GetWindowDrawList()->AddText(ImVec2(200, 200), IM_COL32_WHITE, "chart label");
        ls::DrawReportedText(ImGui::GetWindowDrawList(), ImVec2(200, 250), IM_COL32_WHITE, "axis 2024", ls::LayoutRole_Axis);
        ImGui::SetTooltip("a tooltip is not layout");
    });
    std::vector<ImRect> boxes;
    for (const auto& it : items)
        if (it["role"] == "unreported")
        {
            CHECK(it["text"] == "");
            boxes.emplace_back(it["x"].get<float>(), it["y"].get<float>(), it["x"].get<float>() + it["w"].get<float>(),
                               it["y"].get<float>() + it["h"].get<float>());
        }
    REQUIRE(boxes.size() == 2);   // one box per forgotten run of text, none for the reported ones or the tooltip
    CHECK(forgotten.Contains(boxes[0].GetCenter()));
    CHECK(boxes[0].GetWidth() > ImGui::CalcTextSize("Forgotten note").x * 0.8f);
    CHECK(boxes[1].Min.x >= 199.0f);
    CHECK(boxes[1].Max.y < 230.0f);
    CHECK(Count(items, "axis", "axis 2024") == 1);
}
