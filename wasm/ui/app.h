// The explorer: one App per widget instance. It owns the loaded dataset, the view state, fonts
// and theme, and draws one ImGui frame of the header, the controls and the current view.
// The platform layer (wasm/platform/web_api.cpp) or a test feeds it input through ImGui's IO and
// calls DrawFrame(); everything it tells the outside world goes through TakeEvents() and the
// *Json() functions.
#pragma once

#include "core/dataset.h"
#include "core/loader.h"
#include "core/view_state.h"
#include "core/world_map.h"
#include "ui/fonts.h"
#include "ui/theme.h"

#include <string>
#include <string_view>
#include <vector>

namespace ls {

struct AppEvent
{
    std::string Type;   // "statechange", "select", "load", "error"
    std::string Json;   // payload
};

// What the host told us about a fetch in progress or failed (drawn as a bar or an error panel).
struct LoadStatus
{
    enum State { Idle, Loading, Failed } Kind = Idle;
    double Loaded = 0, Total = 0;
    std::string Message;
    std::vector<std::string> Problems;   // "pointer (line:col): message"
    bool CanRetry = false;
};

class App
{
public:
    void Init(float density, bool dark);
    void Shutdown();

    // Data
    bool LoadData(std::string_view text);             // all or nothing: on failure the old data stays
    bool FinishLoad(StreamLoader* loader);            // the same, for a text fed in pieces (ls_load_*): Finish()es it
    std::string LastResultJson() const;               // {ok, message, problems[], title, observations}
    void SetStatusJson(const std::string& json);      // {state: loading|error|ok, loaded, total, message, problems, retry}
    bool HasData() const { return Loaded; }
    const Dataset& Data() const { return Dataset_; }

    // View state
    std::string StateJson() const;
    bool SetStateJson(const std::string& json);       // partial: only the keys given change
    std::string StateHash() const;
    bool SetStateHash(const std::string& hash);
    std::string StateProblemsJson() const;            // [{key, value, message}] of the last SetStateJson/SetStateHash (+ its resolve, also when the data came later)
    const ViewState& State() const { return State_; }

    // Frame
    void DrawFrame(double time_s);
    bool WantsAnimationFrames() const;                // playing, or a transition running
    // Whether the wheel over (x, y), turned (dx, dy) notches (ImGui's sign: + up, + left), is the
    // widget's (last frame): over a panel that can still scroll that way, or over the map while
    // it can still zoom that way (+ in, - out). At a panel's end or the map's zoom limit the page
    // takes the wheel, as the page takes a finger's drag there (TouchKindAt).
    bool WantsWheelAt(float x, float y, float dx, float dy) const;
    void Pinch(float x, float y, float scale);
    // What a finger put down at (x, y) does (last frame): 0 the page scrolls under it, 1 it
    // scrolls a panel (table, lists), 2 it pans the map and two fingers zoom it. With 1, the
    // panel's room to scroll: +4 up, +8 down, +16 left, +32 right.
    int  TouchKindAt(float x, float y) const;
    bool HandleShortcut(ImGuiKey key, bool ctrl, bool shift); // app-level keys (period stepping ...)
    ImVec4 BackgroundColor() const { return ImGui::ColorConvertU32ToFloat4(Theme_.Background); }
    void SetDarkTheme(bool dark);

    // Fonts
    void SetDensity(float density);
    bool FontsNeedRebuild() const { return FontsDirty; }
    void RebuildFonts();
    // {"density", "em": [body, title, small], "glyphs": [{"cp", "text", "rtl"}]}: what the browser is
    // to rasterise (characters no font has, shaped runs; ui/shaping.h) because a frame drew them;
    // asked once each.
    std::string GlyphRequestsJson();
    // The last DrawFrame() drew text whose glyphs the atlas lacks and has not asked for yet: it is
    // not to be shown; GlyphRequestsJson() lists them, and the frame is to be drawn again.
    bool FrameLacksGlyphs() const;
    bool AddRasterisedGlyph(unsigned codepoint, int font, int width, int height, float advance, float origin_x, float baseline,
                            const unsigned char* alpha);

    // Outputs
    std::string ExportCsv() const;
    std::string MirrorJson() const;                   // the accessible HTML mirror of the current view
    double MirrorVersion() const;                     // changes whenever MirrorJson() would
    std::string ExportFooterJson() const;
    // What only the platform knows (frames drawn into the canvas, their CPU time, the allocator's
    // bytes in use) beside what the app knows, as stats()' JSON.
    struct PlatformStats {
        int FramesRendered = 0;
        double FrameCpuMs = 0.0;
        size_t HeapUsedBytes = 0;
    };
    std::string StatsJson(const PlatformStats& platform) const;
    std::vector<AppEvent> TakeEvents();

    // Shared with the views (wasm/ui/views/*.cpp)
    struct ViewContext* Ctx = nullptr;

private:
    void Emit(const char* type, std::string json);
    bool TakeResult(LoadResult result);               // LoadData/FinishLoad: status line, fonts, state for the new data
    void DrawHeader();
    void DrawStatus();
    void CollectDataChars();
    void StateChanged();
    void Resolve(ViewState* state, std::vector<StateProblem>* problems = nullptr) const;
    void ApplyState(ViewState next);

    Dataset     Dataset_;
    bool        Loaded = false;
    LoadResult  LastResult;
    ViewState   State_;
    std::vector<StateProblem> StateProblems; // of the last SetStateJson/SetStateHash
    bool        StateProblemsAwaitData = false; // that call came before the data: LoadData() resolves and adds
    LoadStatus  Status;
    Theme       Theme_;
    FontLibrary FontLib;
    Fonts       Fonts_;
    float       Density = 1.0f;
    bool        FontsDirty = true;
    std::u32string DataChars;      // every character of the data's text
    std::u32string TitleChars;     // those the title font draws (title, units)
    std::u32string SmallChars;     // those the small font draws (units, entity and region names)
    enum GlyphAsk { GlyphAsk_None, GlyphAsk_Again } GlyphsAsk = GlyphAsk_None;   // Again: a new density, every glyph made so far
    bool        GlyphsAnnounced = false;  // "glyphs" emitted, GlyphRequestsJson() not called since
    std::vector<AppEvent> Events;
};

} // namespace ls
