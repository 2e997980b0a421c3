// Draws ImGui's draw data with WebGL2 (through Emscripten's GLES3 bindings).
//
// Why not imgui_impl_opengl3: that backend is written for a shared desktop GL context, so every
// frame it saves and restores ~20 pieces of GL state with glGet* calls, each a synchronous trip
// into the browser's WebGL implementation (measured: ~3 ms a frame in headless Chromium, as much
// as drawing). This widget owns its context, so state is set once; a frame is only buffer uploads,
// scissors and draw calls. The font atlas goes up as one 8-bit channel (R8), a quarter of RGBA.
#pragma once

struct ImDrawData;
struct ImVec4;

namespace ls {

bool WebGlRendererInit();                        // program, buffers, state; false if shaders fail
void WebGlRendererShutdown();                    // deletes every GL object (context still alive)
void WebGlRendererForgetObjects();               // the context was lost: the objects are gone
void WebGlRendererUploadFonts();                 // (re)uploads ImGui's font atlas
void WebGlRendererDraw(ImDrawData* draw_data, int framebuffer_width, int framebuffer_height, const ImVec4& background);   // clears, then draws

} // namespace ls
