// Dear ImGui's item hooks (IMGUI_ENABLE_TEST_ENGINE) forwarded to whoever listens: the layout
// report (ui/layout_report.cpp) sets these while GImGui->TestEngineHookItems is on. They live in
// the imgui library itself so that every program linking it (the bench's bare ImGui page too)
// links, with nothing listening there.
#pragma once

#include "imgui.h"
#include "imgui_internal.h"

// ItemAdd: an item with an id got its rectangle (before it is drawn). ItemInfo: its label and
// status, usually after it was drawn (tab items say it before their ItemAdd).
extern void (*LsItemAddHook)(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item_data);
extern void (*LsItemInfoHook)(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags);
