// The bench's baseline: a bare Dear ImGui page (core + OpenGL3 backend + nlohmann parse), built
// with the same toolchain and flags as the widget, so `./landscape bench` can state the widget's
// download size and start-up time as ratios against it. Not shipped in dist/.
#include <emscripten/emscripten.h>
#include <GLES3/gl3.h>

#include "imgui.h"
#include "backends/imgui_impl_opengl3.h"

#include <nlohmann/json.hpp>

#include <string>

EM_JS(int, BareJsCreateContext, (), {
    var canvas = Module["canvas"];
    var attrs = { majorVersion: 2, minorVersion: 0, alpha: false, depth: false, stencil: false, antialias: false };
    var ctx = canvas.getContext("webgl2", attrs);
    if (!ctx) return 0;
    var handle = GL.registerContext(ctx, attrs);
    GL.makeContextCurrent(handle);
    return handle;
});

static std::string g_Title = "bare";

extern "C" {

EMSCRIPTEN_KEEPALIVE int bare_init(float w, float h)
{
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().DisplaySize = ImVec2(w, h);
    if (!BareJsCreateContext())
        return 0;
    return ImGui_ImplOpenGL3_Init("#version 300 es") ? 1 : 0;
}

// Parses a JSON text (the same work a data-driven page must do) and keeps its "title".
EMSCRIPTEN_KEEPALIVE int bare_set_data(const char* text, int length)
{
    nlohmann::json j = nlohmann::json::parse(text, text + length, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return 0;
    g_Title = j.value("title", std::string("untitled"));
    return 1;
}

EMSCRIPTEN_KEEPALIVE void bare_frame(float w, float h)
{
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ImGui::Begin("bare");
    ImGui::TextUnformatted(g_Title.c_str());
    ImGui::End();
    ImGui::Render();
    glViewport(0, 0, (int)w, (int)h);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

} // extern "C"
