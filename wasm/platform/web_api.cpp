// The one door between the wasm module and JavaScript (web/widget/core.js wraps every export once).
// Every exported function and every EM_JS call lives in this file; nothing else in the project
// includes Emscripten headers.
//
// Index
//  [SECTION] Calls into JavaScript (EM_JS)
//  [SECTION] Instance state
//  [SECTION] Keyboard mapping
//  [SECTION] Exported API: life cycle, frames
//  [SECTION] Exported API: input
//  [SECTION] Exported API: data, state, exports, stats
//
// Conventions: coordinates arrive in CSS pixels relative to the canvas; the backing store is
// CSS size x devicePixelRatio (ImGui's DisplayFramebufferScale), fonts are rasterised at that
// density. Strings returned to JS point into a buffer that stays valid until the next call.

#include <emscripten/emmalloc.h>
#include <emscripten/emscripten.h>

#include "imgui.h"
#include "platform/webgl_renderer.h"
#include "ui/app.h"
#include "ui/layout_report.h"

#include <cmath>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

//-----------------------------------------------------------------------------
// [SECTION] Calls into JavaScript (EM_JS)
//-----------------------------------------------------------------------------

// Creates a WebGL2 context on the canvas the widget gave this instance (Module.canvas) and makes
// it current. Returns 0 when WebGL2 is not available.
EM_JS(int, LsJsCreateContext, (), {
    var canvas = Module["canvas"];
    var attrs = { majorVersion: 2, minorVersion: 0, alpha: false, depth: false, stencil: false,
                  antialias: false, premultipliedAlpha: true,
                  // Keeps the last frame in the canvas: the widget draws only when the picture
                  // changes (see webgl_renderer.h), and the page's readers (toDataURL, drawImage,
                  // a screenshot) must find it there; without it they read a cleared buffer. It
                  // costs no read-back: software compositing reads every drawn frame either way.
                  preserveDrawingBuffer: true,
                  powerPreference: "low-power",
                  enableExtensionsByDefault: 0 };   // ImGui needs no extension; enabling them all costs ~60 ms
    var ctx = canvas.getContext("webgl2", attrs);
    if (!ctx) return 0;
    var handle = GL.registerContext(ctx, attrs);
    GL.makeContextCurrent(handle);
    return handle;
});

// Hands an event (type, JSON payload) to the widget; the widget delivers it after the frame.
EM_JS(void, LsJsEmit, (const char* type, const char* json), {
    if (Module["landscapeEmit"]) Module["landscapeEmit"](UTF8ToString(type), UTF8ToString(json));
});

// Copies text to the clipboard through the widget (navigator.clipboard, inside a user gesture).
EM_JS(void, LsJsSetClipboard, (const char* text), {
    if (Module["landscapeClipboard"]) Module["landscapeClipboard"](UTF8ToString(text));
});

//-----------------------------------------------------------------------------
// [SECTION] Instance state
//-----------------------------------------------------------------------------

namespace {

struct WebInstance
{
    ls::App     App;
    int         GlContext = 0;
    bool        GlReady = false;
    float       CssWidth = 0.0f, CssHeight = 0.0f, Dpr = 1.0f;
    double      LastFrameMs = 0.0;
    double      LastInputMs = -1e9;
    double      FrameCpuMs = 0.0;
    int         FramesRendered = 0;   // frames drawn into the canvas (an unchanged one is not)
    bool        LayoutPass = true;    // run the next frame once unseen first (see ls_frame)
    int         SettleFrames = 0;     // after a wholesale change: frames until one changes nothing (at most this many)
    std::string Reply;            // last string handed to JS
    // A data file being fed in pieces (ls_load_*): the bytes go through FeedBuffer, which JS
    // fills; the text is never whole in wasm memory, and the shown data stays until it is done.
    std::unique_ptr<ls::StreamLoader> Stream;
    // Not a std::vector: resizing one writes zeros over the whole MiB first, ~15 ms of the
    // page's start-up in the wasm's first-tier code; JS overwrites what it feeds anyway.
    std::unique_ptr<unsigned char[]> FeedBuffer;
    size_t FeedBufferSize = 0;
    std::string ClipboardText;    // what ImGui asked to copy, or what a paste delivered
};

WebInstance* g_Web = nullptr;

// How long ImGui keeps getting frames after the last input: long enough for hover tooltips
// (their delay is 0.4 s) and for widgets to settle, short enough that idling costs nothing.
// Frames that change nothing are not drawn (see webgl_renderer.h), so these cost ImGui's CPU time.
constexpr double SettleAfterInputMs = 700.0;
// A wholesale change (data, state, size, theme) needs no time, only frames: ImGui lays tab bars
// out a frame late. Frames run until one draws nothing new, or this many have run.
constexpr int MaxSettleFrames = 8;

const char* GetClipboardText(void*) { return g_Web ? g_Web->ClipboardText.c_str() : ""; }
void SetClipboardText(void*, const char* text)
{
    if (!g_Web)
        return;
    g_Web->ClipboardText = text ? text : "";
    LsJsSetClipboard(g_Web->ClipboardText.c_str());
}

void EmitEvents()
{
    for (const ls::AppEvent& e : g_Web->App.TakeEvents())
        LsJsEmit(e.Type.c_str(), e.Json.c_str());
}

const char* Reply(std::string text)
{
    g_Web->Reply = std::move(text);
    return g_Web->Reply.c_str();
}

void NoteInput(double now_ms) { g_Web->LastInputMs = now_ms; }

// The layout changes wholesale (new data, state from the API, size, theme, fonts).
void NoteNewLayout(double now_ms)
{
    (void)now_ms;
    g_Web->LayoutPass = true;
    g_Web->SettleFrames = MaxSettleFrames;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Keyboard mapping
//-----------------------------------------------------------------------------

// DOM KeyboardEvent.code (layout-independent) to ImGuiKey. Only keys the widget uses or that
// text editing needs; everything else is left to the browser.
static ImGuiKey KeyFromDomCode(const char* code)
{
    struct Entry { const char* Code; ImGuiKey Key; };
    static const Entry table[] = {
        { "ArrowLeft", ImGuiKey_LeftArrow }, { "ArrowRight", ImGuiKey_RightArrow },
        { "ArrowUp", ImGuiKey_UpArrow }, { "ArrowDown", ImGuiKey_DownArrow },
        { "PageUp", ImGuiKey_PageUp }, { "PageDown", ImGuiKey_PageDown },
        { "Home", ImGuiKey_Home }, { "End", ImGuiKey_End },
        { "Insert", ImGuiKey_Insert }, { "Delete", ImGuiKey_Delete },
        { "Backspace", ImGuiKey_Backspace }, { "Space", ImGuiKey_Space },
        { "Enter", ImGuiKey_Enter }, { "NumpadEnter", ImGuiKey_KeypadEnter },
        { "Escape", ImGuiKey_Escape }, { "Tab", ImGuiKey_Tab },
        { "ControlLeft", ImGuiKey_LeftCtrl }, { "ControlRight", ImGuiKey_RightCtrl },
        { "ShiftLeft", ImGuiKey_LeftShift }, { "ShiftRight", ImGuiKey_RightShift },
        { "AltLeft", ImGuiKey_LeftAlt }, { "AltRight", ImGuiKey_RightAlt },
        { "MetaLeft", ImGuiKey_LeftSuper }, { "MetaRight", ImGuiKey_RightSuper },
        { "Minus", ImGuiKey_Minus }, { "Equal", ImGuiKey_Equal },
        { "NumpadAdd", ImGuiKey_KeypadAdd }, { "NumpadSubtract", ImGuiKey_KeypadSubtract },
        { "F1", ImGuiKey_F1 },
    };
    if (std::strncmp(code, "Key", 3) == 0 && code[3] >= 'A' && code[3] <= 'Z' && code[4] == 0)
        return (ImGuiKey)(ImGuiKey_A + (code[3] - 'A'));
    if (std::strncmp(code, "Digit", 5) == 0 && code[5] >= '0' && code[5] <= '9' && code[6] == 0)
        return (ImGuiKey)(ImGuiKey_0 + (code[5] - '0'));
    for (const Entry& e : table)
        if (std::strcmp(e.Code, code) == 0)
            return e.Key;
    return ImGuiKey_None;
}

//-----------------------------------------------------------------------------
// [SECTION] Exported API: life cycle, frames
//-----------------------------------------------------------------------------

extern "C" {

// Creates the ImGui context and the GL context. Returns 1 on success, 0 without WebGL2.
EMSCRIPTEN_KEEPALIVE int ls_init(float css_width, float css_height, float dpr, int dark_theme)
{
    if (g_Web)
        return 1;
    g_Web = new WebInstance();
    g_Web->CssWidth = css_width;
    g_Web->CssHeight = css_height;
    g_Web->Dpr = dpr > 0.0f ? dpr : 1.0f;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;                      // no filesystem; view state lives in getState()
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;         // a blinking cursor would keep rendering
    io.BackendPlatformName = "landscape-web";
    io.GetClipboardTextFn = GetClipboardText;
    io.SetClipboardTextFn = SetClipboardText;
    g_Web->App.Init(g_Web->Dpr, dark_theme != 0);
    ls::LayoutSetRecording(false);                 // layout() records a frame of its own (ls_layout)

    g_Web->GlContext = LsJsCreateContext();
    if (!g_Web->GlContext)
        return 0;
    g_Web->GlReady = ls::WebGlRendererInit(g_Web->App.BackgroundColor());
    return g_Web->GlReady ? 1 : 0;
}

// Tears everything down; the JS side then drops the module instance.
EMSCRIPTEN_KEEPALIVE void ls_destroy()
{
    if (!g_Web)
        return;
    if (g_Web->GlReady)
        ls::WebGlRendererShutdown();
    g_Web->App.Shutdown();
    ImGui::DestroyContext();
    delete g_Web;
    g_Web = nullptr;
}

// The widget became visible again (scrolled into view, tab shown): ImGui gets a few frames to
// settle its layout (tab bars, for one, are laid out a frame late).
EMSCRIPTEN_KEEPALIVE void ls_wake(double now_ms)
{
    if (g_Web)
        NoteNewLayout(now_ms);
}

// The canvas's CSS size or devicePixelRatio changed. Rebuilds the font atlas when the ratio did.
EMSCRIPTEN_KEEPALIVE void ls_resize(float css_width, float css_height, float dpr)
{
    if (!g_Web)
        return;
    NoteNewLayout(emscripten_get_now());   // the new layout needs a few frames to settle
    g_Web->CssWidth = css_width;
    g_Web->CssHeight = css_height;
    if (dpr > 0.0f && std::fabs(dpr - g_Web->Dpr) > 0.001f)
    {
        g_Web->Dpr = dpr;
        g_Web->App.SetDensity(dpr);
    }
}

// Renders one frame. Returns 1 while more frames are wanted (input settling, animation,
// playback), 0 when the widget can sleep until the next input.
// A frame that drew text whose glyphs the atlas lacks (ui/shaping.h: glyphs are made when a frame
// first needs them) is not drawn into the canvas: it emits "glyphs", and the widget makes them
// and calls ls_frame again in the same animation frame (web/widget/frames.js), so no picture with
// a name half drawn, or drawn from other glyphs, reaches the screen.
EMSCRIPTEN_KEEPALIVE int ls_frame(double now_ms)
{
    if (!g_Web || !g_Web->GlReady)
        return 0;
    double start = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();
    double dt = g_Web->LastFrameMs > 0.0 ? (now_ms - g_Web->LastFrameMs) / 1000.0 : 1.0 / 60.0;
    io.DeltaTime = (float)(dt < 0.0001 ? 0.0001 : dt > 0.25 ? 0.25 : dt);   // ImGui asserts > 0
    g_Web->LastFrameMs = now_ms;
    io.DisplaySize = ImVec2(g_Web->CssWidth, g_Web->CssHeight);
    io.DisplayFramebufferScale = ImVec2(g_Web->Dpr, g_Web->Dpr);

    // ImGui lays out tab bars, tables and auto-fitting windows from what the previous frame
    // measured. After a wholesale change the first frame would show them half-built, so it runs
    // once unseen: the first frame a person (or a screenshot) sees is complete.
    const bool layout_pass = g_Web->LayoutPass || g_Web->App.FontsNeedRebuild();
    g_Web->LayoutPass = false;
    bool lacks_glyphs = false;
    for (int pass = layout_pass ? 0 : 1; pass < 2 && !lacks_glyphs; pass++)
    {
        if (g_Web->App.FontsNeedRebuild())
        {
            g_Web->App.RebuildFonts();
            ls::WebGlRendererUploadFonts();
        }
        ImGui::NewFrame();
        g_Web->App.DrawFrame(now_ms / 1000.0);
        lacks_glyphs = g_Web->App.FrameLacksGlyphs();
        if (pass == 0 || lacks_glyphs)
        {
            ImGui::EndFrame();          // the unseen frame: laid out, not drawn
            io.DeltaTime = 0.0001f;
        }
    }
    if (lacks_glyphs)
    {
        // Laid out with stand-in glyphs' widths: the frame drawn with the new ones runs unseen first.
        g_Web->LayoutPass = true;
        g_Web->FrameCpuMs = emscripten_get_now() - start;
        EmitEvents();
        return 1;
    }
    ImGui::Render();

    int fb_w = (int)std::lround(g_Web->CssWidth * g_Web->Dpr);
    int fb_h = (int)std::lround(g_Web->CssHeight * g_Web->Dpr);
    const bool drew = ls::WebGlRendererDraw(ImGui::GetDrawData(), fb_w, fb_h, g_Web->App.BackgroundColor());

    if (drew)
        g_Web->FramesRendered++;
    g_Web->SettleFrames = drew && g_Web->SettleFrames > 0 ? g_Web->SettleFrames - 1 : 0;   // still: settled
    g_Web->FrameCpuMs = emscripten_get_now() - start;
    EmitEvents();
    bool settling = now_ms - g_Web->LastInputMs < SettleAfterInputMs || g_Web->SettleFrames > 0;
    return (settling || g_Web->App.WantsAnimationFrames()) ? 1 : 0;
}

// WebGL context loss: drop GL objects now, recreate them when the context comes back.
EMSCRIPTEN_KEEPALIVE void ls_context_lost()
{
    if (!g_Web || !g_Web->GlReady)
        return;
    g_Web->GlReady = false;   // GL objects are gone with the context; nothing to delete
    ls::WebGlRendererForgetObjects();
}

EMSCRIPTEN_KEEPALIVE int ls_context_restored()
{
    if (!g_Web)
        return 0;
    g_Web->GlReady = ls::WebGlRendererInit(g_Web->App.BackgroundColor());
    g_Web->App.SetDensity(g_Web->Dpr);   // the atlas's pixels went with the texture: rebuild them
    NoteNewLayout(emscripten_get_now());
    return g_Web->GlReady ? 1 : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Exported API: input
//-----------------------------------------------------------------------------

// Pointer position in CSS pixels; source 0 mouse, 1 touch, 2 pen. Position comes before the
// button so that a tap clicks where it lands.
EMSCRIPTEN_KEEPALIVE void ls_pointer_move(float x, float y, int source, double now_ms)
{
    if (!g_Web)
        return;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(source == 1 ? ImGuiMouseSource_TouchScreen : source == 2 ? ImGuiMouseSource_Pen : ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(x, y);
    NoteInput(now_ms);
}

EMSCRIPTEN_KEEPALIVE void ls_pointer_button(int button, int down, double now_ms)
{
    if (!g_Web || button < 0 || button >= ImGuiMouseButton_COUNT)
        return;
    ImGui::GetIO().AddMouseButtonEvent(button, down != 0);
    NoteInput(now_ms);
}

// The pointer left the canvas (or a finger lifted): clear hover so nothing stays highlighted.
EMSCRIPTEN_KEEPALIVE void ls_pointer_leave(double now_ms)
{
    if (!g_Web)
        return;
    ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    NoteInput(now_ms);
}

// Wheel in "notches" (already normalised by the widget: +1 = one step up/left).
EMSCRIPTEN_KEEPALIVE void ls_wheel(float dx, float dy, double now_ms)
{
    if (!g_Web)
        return;
    ImGui::GetIO().AddMouseWheelEvent(dx, dy);
    NoteInput(now_ms);
}

// Whether the wheel over (x, y), turned (dx, dy) notches as ls_wheel gets them, should go to the
// widget (a panel that can still scroll that way, the map while it can still zoom that way)
// rather than scroll the host page. Answered from the last frame.
EMSCRIPTEN_KEEPALIVE int ls_wants_wheel(float x, float y, float dx, float dy)
{
    return g_Web && g_Web->App.WantsWheelAt(x, y, dx, dy) ? 1 : 0;
}

// What a finger put down at (x, y) does: 0 page scroll, 1 scrolls a panel (+4 room up, +8 down,
// +16 left, +32 right), 2 pans/zooms the map.
EMSCRIPTEN_KEEPALIVE int ls_touch_kind(float x, float y)
{
    return g_Web ? g_Web->App.TouchKindAt(x, y) : 0;
}

// Pinch zoom from a two-finger gesture: scale factor around (x, y).
EMSCRIPTEN_KEEPALIVE void ls_pinch(float x, float y, float scale, double now_ms)
{
    if (!g_Web)
        return;
    g_Web->App.Pinch(x, y, scale);
    NoteInput(now_ms);
}

// A key went down or up. Returns 1 when the widget used it (the JS side then cancels the
// browser's default action), 0 to let it through (browser shortcuts, Tab out of the widget).
EMSCRIPTEN_KEEPALIVE int ls_key(const char* code, int down, int ctrl, int shift, int alt, int meta, double now_ms)
{
    if (!g_Web)
        return 0;
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl != 0);
    io.AddKeyEvent(ImGuiMod_Shift, shift != 0);
    io.AddKeyEvent(ImGuiMod_Alt, alt != 0);
    io.AddKeyEvent(ImGuiMod_Super, meta != 0);
    ImGuiKey key = KeyFromDomCode(code);
    NoteInput(now_ms);
    if (key == ImGuiKey_None)
        return 0;
    if (key == ImGuiKey_Tab)
        return 0;   // Tab always moves focus through the page: the widget never traps it
    if (down && g_Web->App.HandleShortcut(key, ctrl != 0 || meta != 0, shift != 0))
        return 1;
    io.AddKeyEvent(key, down != 0);
    if (ctrl || meta)
        return (key == ImGuiKey_C || key == ImGuiKey_V || key == ImGuiKey_X || key == ImGuiKey_A) && io.WantTextInput ? 1 : 0;
    return 1;
}

// Text typed or composed (IME, mobile keyboards, paste), as UTF-8.
EMSCRIPTEN_KEEPALIVE void ls_text(const char* utf8, double now_ms)
{
    if (!g_Web)
        return;
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    NoteInput(now_ms);
}

// Paste: the widget read the clipboard in the paste event; ImGui's Ctrl+V then reads this.
EMSCRIPTEN_KEEPALIVE void ls_set_clipboard(const char* utf8)
{
    if (g_Web)
        g_Web->ClipboardText = utf8 ? utf8 : "";
}

EMSCRIPTEN_KEEPALIVE void ls_focus(int focused, double now_ms)
{
    if (!g_Web)
        return;
    ImGui::GetIO().AddFocusEvent(focused != 0);
    NoteInput(now_ms);
}

// Whether ImGui is editing text (the widget then focuses its hidden input for IME/mobile).
EMSCRIPTEN_KEEPALIVE int ls_wants_text_input()
{
    return g_Web && ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput ? 1 : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Exported API: data, state, exports, stats
//-----------------------------------------------------------------------------

// Loads a data file fed in pieces as they arrive (a download's chunks, slices of a string):
// ls_load_begin, then ls_load_buffer + ls_load_feed for each piece, then ls_load_end (or
// ls_load_abort). A piece may end anywhere, inside a string or a UTF-8 sequence.

// Starts a load; one that was not ended is dropped. Returns 1.
EMSCRIPTEN_KEEPALIVE int ls_load_begin(double now_ms)
{
    (void)now_ms;
    if (!g_Web)
        return 0;
    g_Web->Stream.reset();   // the old loader's memory goes before the new one takes any
    g_Web->Stream = std::make_unique<ls::StreamLoader>();
    return 1;
}

// Where JS writes the next piece: at least `bytes` bytes, kept between pieces and loads (JS
// asks for one size, so it is allocated once). Null when memory is exhausted.
EMSCRIPTEN_KEEPALIVE unsigned char* ls_load_buffer(int bytes)
{
    if (!g_Web || bytes < 0)
        return nullptr;
    if (g_Web->FeedBufferSize < (size_t)bytes)
    {
        g_Web->FeedBuffer.reset();   // the old buffer goes before the new one takes its place
        g_Web->FeedBufferSize = 0;
        g_Web->FeedBuffer.reset(new (std::nothrow) unsigned char[(size_t)bytes]);
        if (!g_Web->FeedBuffer)
            return nullptr;
        g_Web->FeedBufferSize = (size_t)bytes;
    }
    return g_Web->FeedBuffer.get();
}

// Feeds the first `length` bytes of the buffer. Returns 1 to go on, 0 once the loader has
// failed (or there is no load): JS stops reading and calls ls_load_end for the problems.
EMSCRIPTEN_KEEPALIVE int ls_load_feed(int length, double now_ms)
{
    (void)now_ms;
    if (!g_Web || !g_Web->Stream || length < 0 || (size_t)length > g_Web->FeedBufferSize)
        return 0;
    g_Web->Stream->Feed(std::string_view((const char*)g_Web->FeedBuffer.get(), (size_t)length));
    return g_Web->Stream->Failed() ? 0 : 1;
}

// The end of the text: checks, indexes and shows it. Returns 1 on success; 0 on failure, leaving
// the previous data on screen. Either way ls_last_result() then returns
// {ok, message, problems[...], title, observations}.
EMSCRIPTEN_KEEPALIVE int ls_load_end(double now_ms)
{
    if (!g_Web || !g_Web->Stream)
        return 0;
    bool ok = g_Web->App.FinishLoad(g_Web->Stream.get());
    g_Web->Stream.reset();
    NoteNewLayout(now_ms);
    EmitEvents();
    return ok ? 1 : 0;
}

// Drops an unfinished load (a newer one replaced it, the download failed, the widget goes away);
// the data on screen stays.
EMSCRIPTEN_KEEPALIVE void ls_load_abort()
{
    if (g_Web)
        g_Web->Stream.reset();
}

EMSCRIPTEN_KEEPALIVE const char* ls_last_result() { return g_Web ? Reply(g_Web->App.LastResultJson()) : ""; }

// Tells the widget how a fetch is going, for the progress bar and the error panel.
EMSCRIPTEN_KEEPALIVE void ls_set_status(const char* json, double now_ms)
{
    if (!g_Web)
        return;
    g_Web->App.SetStatusJson(json ? json : "");
    NoteInput(now_ms);
}

EMSCRIPTEN_KEEPALIVE const char* ls_get_state() { return g_Web ? Reply(g_Web->App.StateJson()) : "{}"; }

// Applies a partial view state (JSON object): what is valid applies, the rest goes to
// ls_state_problems(). Returns 1 if it parsed as an object.
EMSCRIPTEN_KEEPALIVE int ls_set_state(const char* json, double now_ms)
{
    if (!g_Web)
        return 0;
    bool ok = g_Web->App.SetStateJson(json ? json : "");
    NoteNewLayout(now_ms);
    EmitEvents();
    return ok ? 1 : 0;
}

// What the last ls_set_state / ls_set_hash could not use, as [{"key","value","message"}] ("[]" when
// everything applied): unknown keys and values, wrong types, malformed escapes, limits, and ids or
// periods the data does not have. A call made before the data arrived gets the data's verdict
// added when a load (ls_load_end) succeeds.
EMSCRIPTEN_KEEPALIVE const char* ls_state_problems() { return g_Web ? Reply(g_Web->App.StateProblemsJson()) : "[]"; }

EMSCRIPTEN_KEEPALIVE const char* ls_get_hash() { return g_Web ? Reply(g_Web->App.StateHash()) : ""; }
EMSCRIPTEN_KEEPALIVE int ls_set_hash(const char* hash, double now_ms)
{
    if (!g_Web)
        return 0;
    bool ok = g_Web->App.SetStateHash(hash ? hash : "");
    NoteNewLayout(now_ms);
    EmitEvents();
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void ls_set_theme(int dark, double now_ms)
{
    if (!g_Web)
        return;
    g_Web->App.SetDarkTheme(dark != 0);
    NoteNewLayout(now_ms);
}

EMSCRIPTEN_KEEPALIVE const char* ls_export_csv() { return g_Web ? Reply(g_Web->App.ExportCsv()) : ""; }

// The accessible mirror of the current view: {summary, caption, columns[], rows[][], announce}.
EMSCRIPTEN_KEEPALIVE const char* ls_mirror() { return g_Web ? Reply(g_Web->App.MirrorJson()) : "{}"; }

// A number that changes whenever ls_mirror() would: the widget reads the mirror only then.
EMSCRIPTEN_KEEPALIVE double ls_mirror_version() { return g_Web ? g_Web->App.MirrorVersion() : 0.0; }

// Footer lines for an exported picture: {title, sources, license}.
EMSCRIPTEN_KEEPALIVE const char* ls_export_footer() { return g_Web ? Reply(g_Web->App.ExportFooterJson()) : "{}"; }

// What the browser is to rasterise for the atlas (characters no font has, complex-script runs to
// shape whole): {"density", "em": [body, title, small] CSS px, "glyphs": [{"cp", "text", "rtl"}]}.
// Those frames drew since the last call, each listed once; the widget asks when the wasm emits
// "glyphs" (see ls_frame).
EMSCRIPTEN_KEEPALIVE const char* ls_glyph_requests() { return g_Web ? Reply(g_Web->App.GlyphRequestsJson()) : "{}"; }

// Adds a glyph the browser rasterised for one font (0 body, 1 title, 2 small): alpha bitmap
// (w*h bytes) at the font's density, the pen at column origin_x, the baseline at row baseline,
// advance in the bitmap's pixels. Returns 0 when refused (sizes, the atlas's budget).
EMSCRIPTEN_KEEPALIVE int ls_add_glyph(unsigned codepoint, int font, int width, int height, float advance, float origin_x, float baseline,
                                      const unsigned char* alpha)
{
    return g_Web && g_Web->App.AddRasterisedGlyph(codepoint, font, width, height, advance, origin_x, baseline, alpha) ? 1 : 0;
}

// The app's counters, and how much of the wasm memory malloc has handed out (emmalloc's heap less
// its free regions; cheaper in code than mallinfo, which walks every region). The rest of WebAssembly.Memory is the
// stack, static data and free space the allocator keeps: wasm memory never shrinks, so the
// difference after a load is the peak of that load, or fragmentation left by earlier ones.
EMSCRIPTEN_KEEPALIVE const char* ls_stats()
{
    if (!g_Web)
        return "{}";
    ls::App::PlatformStats platform;
    platform.FramesRendered = g_Web->FramesRendered;
    platform.FrameCpuMs = g_Web->FrameCpuMs;
    platform.HeapUsedBytes = emmalloc_dynamic_heap_size() - emmalloc_free_dynamic_memory();
    return Reply(g_Web->App.StatsJson(platform));
}

// What the last frame drew that a person reads or operates, for handle.layout() (a testing aid):
// [{role, text, x, y, w, h[, highlighted]}] in CSS pixels relative to the canvas.
// Frames record no report (ImGui's item hooks and every record cost each frame; issue #12's
// frame-time rule): asked, the widget lays the same state out once more, recording, with no time
// passing and nothing drawn into the canvas (a frame after it that differs draws as always).
EMSCRIPTEN_KEEPALIVE const char* ls_layout()
{
    if (!g_Web)
        return "[]";
    if (g_Web->GlReady && !g_Web->App.FontsNeedRebuild() && g_Web->LastFrameMs > 0.0)
    {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 0.0001f;   // ImGui asserts > 0
        io.DisplaySize = ImVec2(g_Web->CssWidth, g_Web->CssHeight);
        io.DisplayFramebufferScale = ImVec2(g_Web->Dpr, g_Web->Dpr);
        ls::LayoutSetRecording(true);
        ImGui::NewFrame();
        g_Web->App.DrawFrame(g_Web->LastFrameMs / 1000.0);
        ImGui::Render();
        ls::LayoutSetRecording(false);
        EmitEvents();
    }
    return Reply(ls::LayoutJson());
}

} // extern "C"
