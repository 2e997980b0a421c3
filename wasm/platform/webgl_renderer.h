// Draws ImGui's draw data with WebGL2 (through Emscripten's GLES3 bindings).
//
// Why not imgui_impl_opengl3: that backend is written for a shared desktop GL context, so every
// frame it saves and restores ~20 pieces of GL state with glGet* calls, each a synchronous trip
// into the browser's WebGL implementation (measured: ~3 ms a frame in headless Chromium, as much
// as drawing). This widget owns its context, so state is set once; a frame is only buffer uploads,
// scissors and draw calls. The font atlas goes up as one 8-bit channel (R8), a quarter of RGBA.
//
// A frame whose draw data equals the one already on the canvas is not drawn again. Drawing into
// the canvas is what costs the page: the browser composites every drawn WebGL frame, and without
// GPU compositing (software rendering) it reads the frame back with a synchronous glReadPixels on
// the page's main thread, which waits for the whole frame to be rasterised (40-160 ms a frame in
// headless Chromium with SwiftShader, against about 1 ms of ImGui on the CPU). ImGui may run as
// many frames as it likes to settle; only a changed picture reaches the canvas.
#pragma once

struct ImDrawData;
struct ImVec4;

namespace ls {

// Program, buffers, state; the canvas cleared to `background` (its first draw, see
// WarmUpPipeline()). False if the shaders fail.
bool WebGlRendererInit(const ImVec4& background);
void WebGlRendererShutdown();                    // deletes every GL object (context still alive)
void WebGlRendererForgetObjects();               // the context was lost: the objects are gone
void WebGlRendererUploadFonts();                 // (re)uploads ImGui's font atlas (the next frame is drawn)
// Clears and draws the frame; returns false without touching the canvas when the frame is the
// one drawn last (same draw data, same framebuffer size). A new size (the canvas's pixels are
// reset with it), new font pixels and a restored context always draw.
bool WebGlRendererDraw(ImDrawData* draw_data, int framebuffer_width, int framebuffer_height, const ImVec4& background);

} // namespace ls
