// Retained geometry drawn from the renderer's own buffers (see RetainedGeometry in views.h).
//
// Why: copying a retained draw list into the frame's list every frame costs the copy, the
// renderer's hash of those vertices (to skip unchanged frames) and their upload again: at a
// million observations (share's ~10k bar vertices, the map's 70k indices) that was about a third
// of a frame in a Chromium CPU profile. A renderer that keeps each retained list in a buffer of
// its own, uploaded when the list is rebuilt, takes a marker command instead: the frame carries
// only which list (and which build of it) to draw where. Without such a renderer (native tests,
// the layout report's frame, which reads every drawn vertex) the vertices are copied as before.
#pragma once

#include "imgui.h"

#include <cstdint>

namespace ls {

// What a marker command's UserCallbackData points at: the list and its build. Serial is unique
// per build over the process (a list rebuilt, or another at a freed one's address, gets a new
// one), so a renderer may keep a list's buffer for as long as its serial stays the same.
struct RetainedDraw
{
    const ImDrawList* List = nullptr;
    uint64_t Serial = 0;
};

// The marker: a command whose UserCallback is this draws RetainedDraw's whole list (every index,
// as the copy would) under the command's clip rectangle and texture. Never called.
void RetainedDrawMarker(const ImDrawList* parent, const ImDrawCmd* cmd);

// Set by a renderer that draws marker commands itself (the WebGL renderer from its Init to its
// Shutdown); off by default, so every other reader of the draw data sees plain vertices.
void SetRetainedDrawByRenderer(bool on);
bool RetainedDrawByRenderer();

} // namespace ls
