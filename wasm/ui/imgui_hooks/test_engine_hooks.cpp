// The four functions ImGui calls when built with IMGUI_ENABLE_TEST_ENGINE (see the header).
#include "test_engine_hooks.h"

void (*LsItemAddHook)(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*) = nullptr;
void (*LsItemInfoHook)(ImGuiContext*, ImGuiID, const char*, ImGuiItemStatusFlags) = nullptr;

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item_data)
{
    if (LsItemAddHook)
        LsItemAddHook(ctx, id, bb, item_data);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags)
{
    if (LsItemInfoHook)
        LsItemInfoHook(ctx, id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}   // ImGui's debug log: not reported

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
