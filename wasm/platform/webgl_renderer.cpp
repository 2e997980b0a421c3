// See webgl_renderer.h for why this exists instead of imgui_impl_opengl3.
#include "platform/webgl_renderer.h"

#include <GLES3/gl3.h>

#include "imgui.h"
#include "ui/retained_draw.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

static_assert(sizeof(ImDrawIdx) == 4, "the widget builds ImGui with 32-bit indices (no base vertex in WebGL2)");

namespace ls {

namespace {

// A retained draw list's copy on the GPU (see ui/retained_draw.h): uploaded when its build
// (Serial) changes, then drawn from there every frame without being copied, hashed or uploaded.
struct RetainedBuffer
{
    const void* Owner = nullptr;   // the RetainedDraw it mirrors
    uint64_t Serial = 0;
    GLuint VertexArray = 0, VertexBuffer = 0, IndexBuffer = 0;
    GLsizei Count = 0;
    int LastUsed = 0;              // the drawn frame that last used it
};

struct Renderer
{
    GLuint Program = 0;
    GLint  ScaleLocation = -1, OffsetLocation = -1;
    GLuint VertexArray = 0, VertexBuffer = 0, IndexBuffer = 0;
    GLuint FontTexture = 0;
    // What the canvas holds: the hash of the last frame drawn and its size (see FrameHash).
    bool     Drawn = false;
    uint64_t DrawnHash = 0;
    int      DrawnWidth = 0, DrawnHeight = 0;
    std::vector<RetainedBuffer> Retained;
    int      DrawnFrames = 0;
};

Renderer g_Renderer;

const char* const VertexShader = R"(#version 300 es
uniform vec2 Scale;
uniform vec2 Offset;
layout(location = 0) in vec2 Position;
layout(location = 1) in vec2 UV;
layout(location = 2) in vec4 Color;
out vec2 FragUV;
out vec4 FragColor;
void main()
{
    FragUV = UV;
    FragColor = Color;
    gl_Position = vec4(Position * Scale + Offset, 0.0, 1.0);
}
)";

// The atlas is alpha only (R8): white glyphs, so colour comes from the vertex.
const char* const FragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D Atlas;
in vec2 FragUV;
in vec4 FragColor;
out vec4 OutColor;
void main()
{
    OutColor = vec4(FragColor.rgb, FragColor.a * texture(Atlas, FragUV).r);
}
)";

GLuint CompileShader(GLenum type, const char* source)
{
    GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    return shader;
}

// A 64-bit hash of bytes, 8 at a time (a multiply and a shift each), in four independent lanes
// of 32 bytes so that the multiplies overlap instead of each waiting for the last: a frame's draw
// data (~100 KB) hashed in one chain was a quarter of a small view's frame in the browser (CPU
// profile of measureFrames, compare view). Still a fraction of building the data, and far less
// than drawing it.
uint64_t HashBytes(uint64_t h, const void* data, size_t size)
{
    const unsigned char* p = (const unsigned char*)data;
    auto mix = [](uint64_t x, uint64_t w) {
        x = (x ^ w) * 0x9E3779B97F4A7C15ull;
        return x ^ (x >> 29);
    };
    size_t i = 0;
    if (size >= 32)
    {
        uint64_t lane[4] = { h, h ^ 0x243F6A8885A308D3ull, h ^ 0x13198A2E03707344ull, h ^ 0xA4093822299F31D0ull };
        for (; i + 32 <= size; i += 32)
        {
            uint64_t w[4];
            std::memcpy(w, p + i, 32);
            lane[0] = mix(lane[0], w[0]);
            lane[1] = mix(lane[1], w[1]);
            lane[2] = mix(lane[2], w[2]);
            lane[3] = mix(lane[3], w[3]);
        }
        h = mix(mix(mix(mix(h, lane[0]), lane[1]), lane[2]), lane[3]);
    }
    for (; i + 8 <= size; i += 8)
    {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = mix(h, w);
    }
    uint64_t tail = 0;
    if (size > i)
        std::memcpy(&tail, p + i, size - i);
    return mix(h, tail ^ ((uint64_t)size << 56));
}

// Everything the picture depends on: the draw data (vertices, indices, commands with their clip
// rectangles and textures), its placement and the background. The font texture's pixels are not
// in it: uploading them invalidates instead (WebGlRendererUploadFonts).
uint64_t FrameHash(const ImDrawData* draw_data, const ImVec4& background)
{
    const float head[] = { draw_data->DisplayPos.x, draw_data->DisplayPos.y, draw_data->DisplaySize.x, draw_data->DisplaySize.y,
                           draw_data->FramebufferScale.x, draw_data->FramebufferScale.y, background.x, background.y, background.z,
                           (float)draw_data->CmdListsCount };
    uint64_t h = HashBytes(0x243F6A8885A308D3ull, head, sizeof(head));
    for (int n = 0; n < draw_data->CmdListsCount; n++)
    {
        const ImDrawList* list = draw_data->CmdLists[n];
        // ImDrawCmd is zeroed by its constructor, padding included: its bytes are its value. A
        // retained list's command holds where its RetainedDraw lives; its build is the serial.
        h = HashBytes(h, list->CmdBuffer.Data, (size_t)list->CmdBuffer.Size * sizeof(ImDrawCmd));
        for (const ImDrawCmd& cmd : list->CmdBuffer)
            if (cmd.UserCallback == ls::RetainedDrawMarker)
                h = HashBytes(h, &((const ls::RetainedDraw*)cmd.UserCallbackData)->Serial, sizeof(uint64_t));
        h = HashBytes(h, list->IdxBuffer.Data, (size_t)list->IdxBuffer.Size * sizeof(ImDrawIdx));
        h = HashBytes(h, list->VtxBuffer.Data, (size_t)list->VtxBuffer.Size * sizeof(ImDrawVert));
    }
    return h;
}

// The number of indices at the start of `list` that only repaint the clear: ImGui's host window
// fills the whole canvas with the theme's background, the colour glClear has just written. With
// software WebGL (SwiftShader) that quad is the most expensive thing in the frame: a textured,
// blended pass over every pixel (~10 ms of CPU per frame at 1200x700), for a picture the clear
// already made. Skipped only when it is exactly that: two triangles of one opaque colour equal to
// the background, at the white texel, covering the whole display, so the result is the same.
int SkippedBackgroundIndices(const ImDrawData* draw_data, const ImDrawList* list, const ImVec4& background)
{
    if (draw_data->CmdListsCount == 0 || list != draw_data->CmdLists[0] || list->CmdBuffer.Size == 0 || list->IdxBuffer.Size < 6)
        return 0;
    const ImDrawCmd& cmd = list->CmdBuffer[0];
    if (cmd.UserCallback || cmd.ElemCount < 6 || cmd.IdxOffset != 0 || cmd.VtxOffset != 0)
        return 0;
    const ImU32 colour = ImGui::ColorConvertFloat4ToU32(ImVec4(background.x, background.y, background.z, 1.0f));
    const ImVec2 lo = draw_data->DisplayPos, hi = ImVec2(lo.x + draw_data->DisplaySize.x, lo.y + draw_data->DisplaySize.y);
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const ImDrawIdx* idx = list->IdxBuffer.Data;
    // ImGui's PrimRect: corners a, b, c, d clockwise from top-left, indices a-b-c, a-c-d.
    if (idx[3] != idx[0] || idx[4] != idx[2])
        return 0;
    const ImDrawIdx corners[4] = { idx[0], idx[1], idx[2], idx[5] };
    for (ImDrawIdx i : corners)
    {
        if ((int)i >= list->VtxBuffer.Size)
            return 0;
        const ImDrawVert& v = list->VtxBuffer[(int)i];
        if (v.col != colour || v.uv.x != white.x || v.uv.y != white.y)
            return 0;
    }
    const ImVec2 a = list->VtxBuffer[(int)idx[0]].pos, b = list->VtxBuffer[(int)idx[1]].pos;
    const ImVec2 c = list->VtxBuffer[(int)idx[2]].pos, d = list->VtxBuffer[(int)idx[5]].pos;
    const bool rect = b.x == c.x && b.y == a.y && d.x == a.x && d.y == c.y;
    return rect && a.x <= lo.x && a.y <= lo.y && c.x >= hi.x && c.y >= hi.y ? 6 : 0;
}

// A vertex array over a new vertex and index buffer, reading ImDrawVert (position, uv, colour);
// left bound, with both buffers (the index buffer is part of the vertex array's state).
static void MakeVertexArray(GLuint* vertex_array, GLuint* vertex_buffer, GLuint* index_buffer)
{
    glGenVertexArrays(1, vertex_array);
    glGenBuffers(1, vertex_buffer);
    glGenBuffers(1, index_buffer);
    glBindVertexArray(*vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, *vertex_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, *index_buffer);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), (void*)offsetof(ImDrawVert, pos));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), (void*)offsetof(ImDrawVert, uv));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), (void*)offsetof(ImDrawVert, col));
}

// Binds retained's buffer (uploading its list if this build is not there yet) and draws all of it
// under the current scissor and texture, as the copy into the frame's list would. Leaves the
// buffer's vertex array bound: the caller binds the frame's again.
void DrawRetained(Renderer& r, const ls::RetainedDraw& retained)
{
    const ImDrawList* list = retained.List;
    if (!list || list->IdxBuffer.Size == 0)
        return;
    RetainedBuffer* buffer = nullptr;
    for (RetainedBuffer& b : r.Retained)
        if (b.Owner == &retained)
            buffer = &b;
    if (!buffer)
    {
        r.Retained.push_back(RetainedBuffer());
        buffer = &r.Retained.back();
        buffer->Owner = &retained;
        MakeVertexArray(&buffer->VertexArray, &buffer->VertexBuffer, &buffer->IndexBuffer);
    }
    glBindVertexArray(buffer->VertexArray);
    if (buffer->Serial != retained.Serial)
    {
        // The list's indices count from its own first vertex (one list, VtxOffset 0): as uploaded.
        glBindBuffer(GL_ARRAY_BUFFER, buffer->VertexBuffer);
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)list->VtxBuffer.Size * (GLsizeiptr)sizeof(ImDrawVert), list->VtxBuffer.Data, GL_STATIC_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)list->IdxBuffer.Size * (GLsizeiptr)sizeof(ImDrawIdx), list->IdxBuffer.Data, GL_STATIC_DRAW);
        buffer->Serial = retained.Serial;
        buffer->Count = (GLsizei)list->IdxBuffer.Size;
    }
    buffer->LastUsed = r.DrawnFrames;
    glDrawElements(GL_TRIANGLES, buffer->Count, GL_UNSIGNED_INT, (void*)0);
}

// Buffers of retained lists no drawn frame has used for a while (a view left, a chart gone):
// their owners may be destroyed, and the memory is the page's. Drawn again, a list is uploaded again.
void ForgetUnusedRetained(Renderer& r)
{
    const int keep = 600;
    for (size_t i = 0; i < r.Retained.size();)
        if (r.DrawnFrames - r.Retained[i].LastUsed > keep)
        {
            glDeleteVertexArrays(1, &r.Retained[i].VertexArray);
            glDeleteBuffers(1, &r.Retained[i].VertexBuffer);
            glDeleteBuffers(1, &r.Retained[i].IndexBuffer);
            r.Retained[i] = r.Retained.back();
            r.Retained.pop_back();
        }
        else
            i++;
}

// Without a GPU, the browser's software renderer makes the machine code for a draw's state
// (program, vertex layout, blending, target, texture format) when it first runs such a draw: in
// the compositor's read-back of the first frame, which holds the page's main thread (issue #14's
// longest task). This draws one invisible triangle with the frames' own state into the canvas,
// cleared to the theme's background (what the canvas shows should a frame be composited before
// the first one), and submits it: the fence makes the browser hand the work to the renderer now,
// which builds that code while the data is still loading. Measured on the bench's map page (12
// loads each, alternating, one session): the first frame's read-back 85 -> 51 ms, the longest
// task after the first frame 104 -> 69 ms (medians), the first frame no later. The same draw into
// an offscreen target, or flushed without the fence, changed nothing measurable.
void WarmUpPipeline(Renderer& r, const ImVec4& background)
{
    GLuint texture = 0;   // the atlas's format and sampling, one texel
    glGenTextures(1, &texture);
    const unsigned char texel = 255;
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, 1, 1, 0, GL_RED, GL_UNSIGNED_BYTE, &texel);
    glDisable(GL_SCISSOR_TEST);   // the whole canvas, whatever its size
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_SCISSOR_TEST);
    const ImU32 clear = IM_COL32(255, 255, 255, 0);   // alpha 0: blending leaves the background
    const ImDrawVert vertices[3] = { { ImVec2(0, 0), ImVec2(0, 0), clear }, { ImVec2(1, 0), ImVec2(0, 0), clear }, { ImVec2(0, 1), ImVec2(0, 0), clear } };
    const ImDrawIdx indices[3] = { 0, 1, 2 };
    glUniform2f(r.ScaleLocation, 0.01f, -0.01f);
    glUniform2f(r.OffsetLocation, -1.0f, 1.0f);
    glBindVertexArray(r.VertexArray);
    glBufferData(GL_ARRAY_BUFFER, sizeof(vertices), vertices, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, sizeof(indices), indices, GL_STREAM_DRAW);
    glDrawElements(GL_TRIANGLES, 3, GL_UNSIGNED_INT, nullptr);
    glBindTexture(GL_TEXTURE_2D, 0);
    glDeleteTextures(1, &texture);
    GLsync fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    glFlush();
    glDeleteSync(fence);
}

} // namespace

bool WebGlRendererInit(const ImVec4& background)
{
    Renderer& r = g_Renderer;
    GLuint vs = CompileShader(GL_VERTEX_SHADER, VertexShader);
    GLuint fs = CompileShader(GL_FRAGMENT_SHADER, FragmentShader);
    r.Program = glCreateProgram();
    glAttachShader(r.Program, vs);
    glAttachShader(r.Program, fs);
    glLinkProgram(r.Program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint linked = 0;
    glGetProgramiv(r.Program, GL_LINK_STATUS, &linked);   // the one round trip: compile and link together
    if (!linked)
    {
        glDeleteProgram(r.Program);
        r.Program = 0;
        return false;
    }
    r.ScaleLocation = glGetUniformLocation(r.Program, "Scale");
    r.OffsetLocation = glGetUniformLocation(r.Program, "Offset");

    MakeVertexArray(&r.VertexArray, &r.VertexBuffer, &r.IndexBuffer);

    // The context is this widget's alone: the state ImGui needs is set once, here.
    glUseProgram(r.Program);
    glUniform1i(glGetUniformLocation(r.Program, "Atlas"), 0);
    glActiveTexture(GL_TEXTURE0);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);

    WarmUpPipeline(r, background);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "landscape-webgl2";
    ls::SetRetainedDrawByRenderer(true);   // retained geometry comes as marker commands (DrawRetained)
    return true;
}

void WebGlRendererUploadFonts()
{
    Renderer& r = g_Renderer;
    ImGuiIO& io = ImGui::GetIO();
    // Straight from the atlas FontLibrary::Build() made (GetTexDataAsAlpha8() would link ImGui's
    // default font in, see there).
    const unsigned char* pixels = io.Fonts->TexPixelsAlpha8;
    const int width = io.Fonts->TexWidth, height = io.Fonts->TexHeight;
    if (!pixels)
        return;
    if (!r.FontTexture)
        glGenTextures(1, &r.FontTexture);
    glBindTexture(GL_TEXTURE_2D, r.FontTexture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID((ImTextureID)(intptr_t)r.FontTexture);
    io.Fonts->ClearTexData();   // the pixels live on in the texture; the CPU copy is ~1 MB at 2x
    r.Drawn = false;            // glyphs may have moved in the atlas under the same coordinates
}

bool WebGlRendererDraw(ImDrawData* draw_data, int framebuffer_width, int framebuffer_height, const ImVec4& background)
{
    Renderer& r = g_Renderer;
    if (!r.Program || !draw_data || framebuffer_width <= 0 || framebuffer_height <= 0)
        return false;
    // The same picture at the same size is on the canvas already (preserveDrawingBuffer keeps it
    // there, for the page's compositor and for readers such as toDataURL).
    const uint64_t hash = FrameHash(draw_data, background);
    if (r.Drawn && hash == r.DrawnHash && framebuffer_width == r.DrawnWidth && framebuffer_height == r.DrawnHeight)
        return false;
    r.Drawn = true;
    r.DrawnHash = hash;
    r.DrawnWidth = framebuffer_width;
    r.DrawnHeight = framebuffer_height;
    r.DrawnFrames++;
    glViewport(0, 0, framebuffer_width, framebuffer_height);
    glScissor(0, 0, framebuffer_width, framebuffer_height);   // glClear obeys the scissor
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    // Display coordinates (CSS pixels from DisplayPos) to clip space, y down.
    const ImVec2 pos = draw_data->DisplayPos, size = draw_data->DisplaySize;
    glUniform2f(r.ScaleLocation, 2.0f / size.x, -2.0f / size.y);
    glUniform2f(r.OffsetLocation, -1.0f - pos.x * 2.0f / size.x, 1.0f + pos.y * 2.0f / size.y);
    glBindVertexArray(r.VertexArray);

    const ImVec2 scale = draw_data->FramebufferScale;
    GLuint bound_texture = 0;
    // A command's clip rectangle as the scissor (in framebuffer pixels; GL's origin is bottom-left)
    // and its texture bound; false when nothing of it is visible.
    auto clip_and_bind = [&](const ImDrawCmd& cmd) {
        float x0 = (cmd.ClipRect.x - pos.x) * scale.x, y0 = (cmd.ClipRect.y - pos.y) * scale.y;
        float x1 = (cmd.ClipRect.z - pos.x) * scale.x, y1 = (cmd.ClipRect.w - pos.y) * scale.y;
        if (x1 <= x0 || y1 <= y0)
            return false;
        glScissor((GLint)x0, (GLint)((float)framebuffer_height - y1), (GLsizei)(x1 - x0), (GLsizei)(y1 - y0));
        GLuint texture = (GLuint)(intptr_t)cmd.GetTexID();
        if (texture != bound_texture)
        {
            glBindTexture(GL_TEXTURE_2D, texture);
            bound_texture = texture;
        }
        return true;
    };
    for (int n = 0; n < draw_data->CmdListsCount; n++)
    {
        const ImDrawList* list = draw_data->CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)list->VtxBuffer.Size * (GLsizeiptr)sizeof(ImDrawVert), list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)list->IdxBuffer.Size * (GLsizeiptr)sizeof(ImDrawIdx), list->IdxBuffer.Data, GL_STREAM_DRAW);
        const int skip = SkippedBackgroundIndices(draw_data, list, background);
        for (const ImDrawCmd& cmd : list->CmdBuffer)
        {
            if (cmd.UserCallback == ls::RetainedDrawMarker)
            {
                if (!clip_and_bind(cmd))
                    continue;
                DrawRetained(r, *(const ls::RetainedDraw*)cmd.UserCallbackData);
                // Back to the frame's buffers: its vertex array (and with it the index buffer).
                glBindVertexArray(r.VertexArray);
                glBindBuffer(GL_ARRAY_BUFFER, r.VertexBuffer);
                continue;
            }
            if (cmd.UserCallback)
            {
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState)   // state never changes: nothing to reset
                    cmd.UserCallback(list, &cmd);
                continue;
            }
            if (cmd.ElemCount == 0 || !clip_and_bind(cmd))
                continue;
            const unsigned int first = &cmd == list->CmdBuffer.Data ? cmd.IdxOffset + (unsigned int)skip : cmd.IdxOffset;
            const unsigned int count = cmd.ElemCount - (first - cmd.IdxOffset);
            if (count > 0)
                glDrawElements(GL_TRIANGLES, (GLsizei)count, GL_UNSIGNED_INT, (void*)(intptr_t)(first * sizeof(ImDrawIdx)));
        }
    }
    ForgetUnusedRetained(r);
    return true;
}

void WebGlRendererForgetObjects() { g_Renderer = Renderer(); }

void WebGlRendererShutdown()
{
    Renderer& r = g_Renderer;
    if (r.FontTexture) glDeleteTextures(1, &r.FontTexture);
    if (r.VertexBuffer) glDeleteBuffers(1, &r.VertexBuffer);
    if (r.IndexBuffer) glDeleteBuffers(1, &r.IndexBuffer);
    if (r.VertexArray) glDeleteVertexArrays(1, &r.VertexArray);
    if (r.Program) glDeleteProgram(r.Program);
    for (RetainedBuffer& b : r.Retained)
    {
        glDeleteVertexArrays(1, &b.VertexArray);
        glDeleteBuffers(1, &b.VertexBuffer);
        glDeleteBuffers(1, &b.IndexBuffer);
    }
    ls::SetRetainedDrawByRenderer(false);
    ImGui::GetIO().Fonts->SetTexID(0);
    WebGlRendererForgetObjects();
}

} // namespace ls
