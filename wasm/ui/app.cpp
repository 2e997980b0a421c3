// App: data loading, state, fonts, the frame's outer layout. The views live in views/*.cpp.
//
// Index
//  [SECTION] Life cycle
//  [SECTION] Data
//  [SECTION] State
//  [SECTION] Fonts
//  [SECTION] Frame
//  [SECTION] Outputs

#include "ui/app.h"
#include "ui/controls.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"
#include "ui/views/views.h"

#include "core/json_dom.h"   // ParseJson, DumpJson: the one nlohmann parse instantiation of the wasm

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ls {

using Json = nlohmann::json;

// A message as a sentence: trailing spaces dropped, a full stop added unless it ends in one (or
// in ! ? or a closing quote after one), so joined messages read "... truncated. The previous ...".
static std::string Sentence(std::string s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n'))
        s.pop_back();
    if (s.empty())
        return s;
    size_t end = s.size();
    while (end > 0 && (s[end - 1] == '"' || s[end - 1] == '\'' || s[end - 1] == ')'))
        end--;
    char last = end > 0 ? s[end - 1] : '\0';
    if (last != '.' && last != '!' && last != '?')
        s += '.';
    if (s[0] >= 'a' && s[0] <= 'z')   // "the data file was refused: ..." (load()'s rejection) as a sentence
        s[0] = (char)(s[0] - 'a' + 'A');
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Life cycle
//-----------------------------------------------------------------------------

void App::Init(float density, bool dark)
{
    Density = density > 0.0f ? density : 1.0f;
    Theme_ = MakeTheme(dark);
    Ctx = new ViewContext();
    Ctx->App_ = this;
    LoadWorldMap(Ctx);
    FontsDirty = true;
}

void App::Shutdown()
{
    delete Ctx;
    Ctx = nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Data
//-----------------------------------------------------------------------------

bool App::LoadData(std::string_view text) { return TakeResult(LoadDataset(text, &Dataset_)); }

// The web widget feeds the text in pieces as it arrives; Finish() replaces Dataset_ only on success.
bool App::FinishLoad(StreamLoader* loader) { return TakeResult(loader->Finish(&Dataset_)); }

bool App::TakeResult(LoadResult result)
{
    LastResult = std::move(result);
    if (!LastResult.Ok)
    {
        // The previous data stays on screen; the error panel says what happened.
        Status.Kind = LoadStatus::Failed;
        Status.CanRetry = false;
        Status.Problems.clear();
        for (const Problem& p : LastResult.Problems)
            if (p.Severity == ProblemSeverity_Error && Status.Problems.size() < 12)
                Status.Problems.push_back(FormatProblem("data", p));
        Status.Message = "The data file was refused: " + std::to_string(LastResult.ErrorCount) +
                         (LastResult.ErrorCount == 1 ? " problem" : " problems") + (Loaded ? ". The previous data is still shown." : ".");
        return false;
    }
    Loaded = true;
    Status = LoadStatus();
    Resolve(&State_, StateProblemsAwaitData ? &StateProblems : nullptr);
    StateProblemsAwaitData = false;
    CollectDataChars();
    FontsDirty = true;
    OnDataChanged(Ctx);
    StateChanged();
    return true;
}

std::string App::LastResultJson() const
{
    Json j;
    j["ok"] = LastResult.Ok;
    Json problems = Json::array();
    for (const Problem& p : LastResult.Problems)
        problems.push_back({ { "pointer", p.Pointer }, { "line", p.Line }, { "column", p.Column },
                             { "message", p.Message }, { "severity", ProblemSeverityName(p.Severity) } });
    j["problems"] = problems;
    if (LastResult.Ok)
    {
        j["title"] = Dataset_.Title;
        j["observations"] = Dataset_.ObservationCount();
        j["message"] = "";
    }
    else
    {
        const Problem* first = nullptr;
        for (const Problem& p : LastResult.Problems)
            if (p.Severity == ProblemSeverity_Error) { first = &p; break; }
        j["message"] = first ? "the data file was refused: " + FormatProblem("data", *first) : std::string("the data file was refused");
    }
    return DumpJson(j);
}

void App::SetStatusJson(const std::string& text)
{
    Json j = ParseJson(text);
    if (j.is_discarded() || !j.is_object())
        return;
    std::string state = j.value("state", "");
    if (state == "loading")
    {
        Status.Kind = LoadStatus::Loading;
        Status.Loaded = j.value("loaded", 0.0);
        Status.Total = j.value("total", 0.0);
    }
    else if (state == "error")
    {
        Status.Kind = LoadStatus::Failed;
        Status.Message = Sentence(j.value("message", "The data could not be loaded."));
        Status.CanRetry = j.value("retry", false);
        Status.Problems.clear();
        // A refusal's message names its first problem as a compiler would ("the data file was
        // refused: data:1:58: error: ..."), which the list below repeats: the panel's headline
        // counts the problems instead, as after setData().
        // "errors": how many of all the problems (the list is cut to 20) are errors.
        const bool listed = j.contains("problems") && j["problems"].is_array() && !j["problems"].empty();
        const int errors = j.value("errors", 0);
        if (listed && errors > 0 && Status.Message.rfind("The data file was refused", 0) == 0)
            Status.Message = "The data file was refused: " + std::to_string(errors) + (errors == 1 ? " problem." : " problems.");
        if (j.contains("problems") && j["problems"].is_array())
            for (const Json& p : j["problems"])
                if (p.is_object())
                {
                    std::string line = p.value("pointer", "");
                    if (p.value("line", 0) > 0)
                        line += (line.empty() ? "(" : " (") + std::to_string(p.value("line", 0)) + ":" + std::to_string(p.value("column", 0)) + ")";
                    line += ": " + p.value("message", "");
                    Status.Problems.push_back(line);
                }
        if (Loaded)
            Status.Message = Sentence(Status.Message) + " The previous data is still shown.";
    }
    else if (state == "ok" && Status.Kind == LoadStatus::Loading)
        Status = LoadStatus();
}

void App::CollectDataChars()
{
    CodepointSet chars;
    auto add = [&](const std::string& s) { chars.AddUtf8(s); };
    add(Dataset_.Title); add(Dataset_.Edition); add(Dataset_.Publisher); add(Dataset_.License); add(Dataset_.Description);
    for (const std::string& c : Dataset_.Caveats) add(c);
    for (const Region& r : Dataset_.Regions) { add(r.Name); add(r.Note); }
    for (const Entity& e : Dataset_.Entities) { add(e.Name); add(e.NativeName); add(e.Owner); add(e.Category); add(e.Note); }
    for (const Metric& m : Dataset_.Metrics) { add(m.Name); add(m.Unit); add(m.Definition); }
    for (const Source& s : Dataset_.Sources) { add(s.Title); add(s.Publisher); add(s.Url); add(s.RelayOf); add(s.Attribution); }
    for (const Event& e : Dataset_.Events) { add(e.Title); add(e.Detail); }
    for (uint32_t i = 1; i < Dataset_.NotePool.Size(); i++) chars.AddUtf8(Dataset_.NotePool.Get(i));
    add("\xE2\x89\xA5\xE2\x89\xA4\xC2\xB7");   // the views' own signs: bounds (at least, at most) and the separator
    DataChars = chars.Sorted();

    // The smaller fonts draw a few things only: the title font the data's title and values with
    // their units, the small font axis labels and the names at the ends of trend lines.
    CodepointSet title_chars, small_chars;
    title_chars.AddUtf8(Dataset_.Title);
    for (const Metric& m : Dataset_.Metrics) { title_chars.AddUtf8(m.Unit); small_chars.AddUtf8(m.Unit); }
    for (const Entity& e : Dataset_.Entities) small_chars.AddUtf8(e.Name);
    for (const Region& r : Dataset_.Regions) small_chars.AddUtf8(r.Name);
    small_chars.AddUtf8("\xE2\x89\xA5\xE2\x89\xA4");
    TitleChars = title_chars.Sorted();
    SmallChars = small_chars.Sorted();

    // Nothing is rasterised for the new data yet: a frame asks for the characters and runs of
    // complex scripts it draws (ui/shaping.h), so the map's first frame asks for none of the
    // CJK or Arabic names the other views show. The previous data's stand-ins are gone: their
    // code points now stand for other runs.
    FontLib.ForgetRasterised(0xE000, 0xF8FF);
    ShapingReset(DataChars);
    ShapingSetMissing(FontLib.Missing(DataChars));
}

//-----------------------------------------------------------------------------
// [SECTION] State
//-----------------------------------------------------------------------------

std::string App::StateJson() const { return ViewStateToJson(State_); }

// Partial: the keys given replace the current ones, the rest stay (setState({view:"trend"})).
// What cannot be used is skipped and listed in StateProblemsJson() (parse and resolve together).
bool App::SetStateJson(const std::string& json)
{
    StateProblems.clear();
    ViewState next = State_;
    if (!ApplyViewStateJson(json, &next, &StateProblems))
        return false;
    ApplyState(std::move(next));
    return true;
}

// Every state change ends here: defaults filled in, views told, statechange emitted. Without
// data the ids cannot be checked yet: LoadData() resolves them and adds what it drops.
void App::ApplyState(ViewState next)
{
    if (Loaded)
        Resolve(&next, &StateProblems);
    StateProblemsAwaitData = !Loaded;
    State_ = std::move(next);
    StateChanged();
}

// Defaults for what the state leaves open, except regions: no region means "every region with
// data" (the map paints them all), which the core's resolver would narrow to the busiest one.
void App::Resolve(ViewState* state, std::vector<StateProblem>* problems) const
{
    bool all_regions = state->Regions.empty();
    ResolveViewState(Dataset_, state, problems);
    if (all_regions)
        state->Regions.clear();
}

std::string App::StateHash() const
{
    std::string hash = EncodeHash(State_);
    return !hash.empty() && hash[0] == '#' ? hash.substr(1) : hash;   // the widget adds the '#'
}

bool App::SetStateHash(const std::string& hash)
{
    StateProblems.clear();
    ViewState next = State_;
    if (!DecodeHash(hash, &next, &StateProblems))
        return false;
    ApplyState(std::move(next));
    return true;
}

std::string App::StateProblemsJson() const { return StateProblemsToJson(StateProblems); }

void App::StateChanged()
{
    OnStateChanged(Ctx);
    Emit("statechange", StateJson());
}

// Views change the state through this (a click, a key), so that every change is announced.
// Inside a frame the change waits for the frame's end: the views are iterating over the current
// selection, which applying the state would replace under their feet.
void ViewContext::CommitState()
{
    if (InFrame)
        PendingCommit = true;
    else
        App_->SetStateJson(ViewStateToJson(Edit));
}

//-----------------------------------------------------------------------------
// [SECTION] Fonts
//-----------------------------------------------------------------------------

void App::SetDensity(float density)
{
    float next = density > 0.0f ? density : 1.0f;
    // The browser's glyphs were rasterised for the old density: asked for again (the old ones
    // are drawn, scaled, until the new ones come).
    if (next != Density && FontLib.RasterisedCount() > 0)
        GlyphsAsk = GlyphAsk_Again;
    Density = next;
    FontsDirty = true;
}

void App::RebuildFonts()
{
    Fonts_ = FontLib.Build(ImGui::GetIO().Fonts, Density, DataChars, TitleChars, SmallChars);
    ShapingSetDrawable(FontLib.InEveryFont());
    ShapingSetMissing(FontLib.Missing(DataChars));
    Ctx->Fonts_ = Fonts_;
    FontsDirty = false;
}

// What the browser is to rasterise: characters no compiled-in font has (each on its own) and
// shaped runs (whole, under their stand-in) that frames drew, each for every font at its em, in
// device pixels. A new density asks again for every character made so far, whichever data it was
// made for (they stay in the atlas), and every run.
std::string App::GlyphRequestsJson()
{
    std::string items;
    if (GlyphsAsk == GlyphAsk_Again)
        for (char32_t cp : FontLib.RasterisedCodepoints())
            if (!ShapingIsStandIn(cp))
                AppendGlyphRequest(&items, cp, EncodeUtf8(std::u32string(1, cp)), false);
    std::string needed;
    ShapingTakeRequests(&needed, GlyphsAsk == GlyphAsk_Again);
    if (!needed.empty())
        items += (items.empty() ? "" : ",") + needed;
    GlyphsAsk = GlyphAsk_None;
    GlyphsAnnounced = false;
    char head[160];
    std::snprintf(head, sizeof(head), "{\"density\":%g,\"em\":[%g,%g,%g],\"glyphs\":[", Density, FontLib.EmSize(0), FontLib.EmSize(1),
                  FontLib.EmSize(2));
    return head + items + "]}";
}

bool App::FrameLacksGlyphs() const { return ShapingHasRequests(); }

bool App::AddRasterisedGlyph(unsigned codepoint, int font, int width, int height, float advance, float origin_x, float baseline,
                             const unsigned char* alpha)
{
    bool ok = FontLib.AddRasterised(codepoint, font, width, height, advance, origin_x, baseline, Density, alpha);
    FontsDirty = FontsDirty || ok;
    return ok;
}

void App::SetDarkTheme(bool dark)
{
    Theme_ = MakeTheme(dark);
    if (Ctx)
        Ctx->ShareDirty = true;   // its charts hold palette colours of the theme
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

void App::DrawFrame(double time_s)
{
    LayoutBeginFrame();
    ShapingBeginFrame();
    Ctx->Time = time_s;
    Ctx->Theme_ = &Theme_;
    Ctx->Data = &Dataset_;
    Ctx->HasData = Loaded;
    Ctx->Edit = State_;
    Ctx->WheelRects.clear();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Landscape", nullptr, flags);
    Ctx->InFrame = true;
    // On a short canvas the header scrolls with the view (views/frame.cpp: one scrolling column).
    const bool column = BeginViewColumn(Ctx);
    DrawHeader();
    DrawStatus();
    if (Loaded)
        DrawViews(Ctx);
    else if (Status.Kind != LoadStatus::Failed)
    {
        ImGui::TextDisabled("Loading data...");
        LayoutRecordLastItem(LayoutRole_Label, "Loading data...");
    }
    EndViewColumn(Ctx, column);
    Ctx->InFrame = false;
    ImGui::End();
    if (Ctx->PendingCommit)
    {
        Ctx->PendingCommit = false;
        Ctx->CommitState();
    }

    AdvancePlayback(Ctx);
    // Text this frame drew without its glyphs (ui/shaping.h), or a new density: the widget hears
    // "glyphs" (it never reaches the page's listeners) and asks GlyphRequestsJson().
    if (!GlyphsAnnounced && (GlyphsAsk != GlyphAsk_None || ShapingHasRequests()))
    {
        GlyphsAnnounced = true;
        Emit("glyphs", "{}");
    }
}

// The title and the publisher line wrap at the canvas's width (a phone's 320 px too): never cut.
void App::DrawHeader()
{
    ImGui::PushFont(Fonts_.Title);
    WrappedText(Loaded ? std::string_view(Dataset_.Title) : std::string_view("Landscape"), Theme_.Text, LayoutRole_Title);
    ImGui::PopFont();
    if (Loaded && (!Dataset_.Edition.empty() || !Dataset_.Publisher.empty()))
    {
        std::string line = Dataset_.Publisher;
        if (!Dataset_.Edition.empty())
            line += (line.empty() ? "" : " · ") + Dataset_.Edition;
        WrappedText(line, Theme_.TextMuted, LayoutRole_Title);
    }
}

void App::DrawStatus()
{
    if (Status.Kind == LoadStatus::Loading)
    {
        float fraction = Status.Total > 0 ? (float)(Status.Loaded / Status.Total) : -1.0f * (float)ImGui::GetTime();
        char label[64];
        if (Status.Total > 0)
            std::snprintf(label, sizeof(label), "Loading %.1f of %.1f MB", Status.Loaded / 1e6, Status.Total / 1e6);
        else
            std::snprintf(label, sizeof(label), "Loading %.1f MB", Status.Loaded / 1e6);
        ImGui::ProgressBar(fraction, ImVec2(-1.0f, 0.0f), label);
        LayoutRecordLastItem(LayoutRole_Label, label);
    }
    else if (Status.Kind == LoadStatus::Failed)
    {
        // As tall as its wrapped text (a phone's narrow panel takes more lines, not a cut), up to
        // a third of the canvas; past that it scrolls, and the view keeps the rest.
        ImGui::PushStyleColor(ImGuiCol_ChildBg, Theme_.ErrorBg);
        ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), ImVec2(FLT_MAX, std::max(ImGui::GetFrameHeight() * 3.0f, ImGui::GetMainViewport()->Size.y / 3.0f)));
        ImGui::BeginChild("error-panel", ImVec2(-1.0f, 0.0f), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY);
        WrappedText(Status.Message, Theme_.ErrorText, LayoutRole_Label);
        for (size_t i = 0; i < Status.Problems.size() && i < 6; i++)
        {
            ImGui::PushStyleColor(ImGuiCol_Text, Theme_.ErrorText);
            ImGui::Bullet();
            ImGui::PopStyleColor();
            ImGui::SameLine();
            WrappedText(Status.Problems[i], Theme_.ErrorText, LayoutRole_Label);
        }
        if (Status.CanRetry)
        {
            if (TextButton(Theme_, "##retry", "Retry", true))
                Emit("retry", "{}");
            ImGui::SameLine();
        }
        if (TextButton(Theme_, "##dismiss", "Dismiss"))
            Status = LoadStatus();
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
}

bool App::WantsAnimationFrames() const { return Ctx && Ctx->Playing; }

// The wheel and a finger, answered from the last frame. One place says where the wheel goes and
// how far that has left to scroll (ScrollRoomAt), for both: a finger's drag on a panel is sent
// as wheel steps, so it scrolls what the wheel scrolls.

// Whether (x, y) is where the widget takes the wheel at all (views/*.cpp: ctx.WheelRects).
static bool OverWheelRect(const ViewContext& ctx, ImVec2 p)
{
    for (const ImRect& r : ctx.WheelRects)
        if (r.Contains(p))
            return true;
    return false;
}

// The front-most window at p (g.Windows is in display order after a frame), as ImGui finds the
// hovered window: tooltips (no mouse inputs) are passed through.
static ImGuiWindow* WindowAt(ImVec2 p)
{
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = g.Windows.Size - 1; i >= 0; i--)
    {
        ImGuiWindow* w = g.Windows[i];
        if (w->Active && !w->Hidden && !(w->Flags & ImGuiWindowFlags_NoMouseInputs) && w->OuterRectClipped.Contains(p))
            return w;
    }
    return nullptr;
}

// The map takes the wheel where it is drawn: inside its rectangle and in sight in the child it is
// drawn in (the view's body, or the narrow layout's column, where its rectangle can reach above
// the column's top, over the controls, once the column is scrolled).
static bool MapAt(const ViewContext& ctx, ImVec2 p)
{
    if (ctx.Edit.View != ViewKind_Map || !ctx.MapRect.Contains(p))
        return false;
    ImGuiWindow* w = WindowAt(p);
    return w && (w->Flags & ImGuiWindowFlags_ChildWindow);
}

// Whether a notch over the map at p would change it: zoom it in (in) or out, or bring it back to
// the middle at its widest. Asked of the map's own ZoomMapAt (its limits live there), on the
// live context and undone at once.
static bool MapCanZoom(ViewContext& ctx, ImVec2 p, bool in)
{
    const float zoom = ctx.MapZoom;
    const ImVec2 pan = ctx.MapPan;
    ZoomMapAt(ctx, p, in ? 1.25f : 1.0f / 1.25f);
    const bool changed = std::fabs(ctx.MapZoom - zoom) > zoom * 1e-5f || std::fabs(ctx.MapPan.x - pan.x) > 0.5f || std::fabs(ctx.MapPan.y - pan.y) > 0.5f;
    ctx.MapZoom = zoom;
    ctx.MapPan = pan;
    return changed;
}

// The room the wheel at p has left to scroll: +4 up, +8 down, +16 left, +32 right. Per axis, the
// window it scrolls is found as ImGui's FindBestWheelingWindow() finds it: the front-most window
// at p, or the first of its parents that scrolls on that axis (a child that does not, or takes
// no wheel, passes it up).
static int ScrollRoomAt(ImVec2 p)
{
    ImGuiWindow* hovered = WindowAt(p);
    int room = 0;
    for (int axis = 0; axis < 2 && hovered; axis++)
    {
        ImGuiWindow* w = hovered;
        auto passes = [](const ImGuiWindow* w, int axis) {
            return w->ScrollMax[axis] == 0.0f || ((w->Flags & ImGuiWindowFlags_NoScrollWithMouse) && !(w->Flags & ImGuiWindowFlags_NoMouseInputs));
        };
        while ((w->Flags & ImGuiWindowFlags_ChildWindow) && passes(w, axis) && w->ParentWindow)
            w = w->ParentWindow;
        if (passes(w, axis))
            continue;
        const int back = axis == ImGuiAxis_Y ? 4 : 16, on = axis == ImGuiAxis_Y ? 8 : 32;
        room |= (w->Scroll[axis] > 0.5f ? back : 0) | (w->Scroll[axis] < w->ScrollMax[axis] - 0.5f ? on : 0);
    }
    return room;
}

// The wheel's main axis decides (a trackpad's stroke down is never quite straight): at the
// table's end a stroke down with a little sideways in it goes to the page, as a straight one.
// The map zooms with the wheel up and down: at its closest or widest a notch further that way
// goes to the page, as at a panel's end (otherwise a reader scrolling the page with the pointer
// over the map, which starts at its widest, is stuck with nothing moving).
bool App::WantsWheelAt(float x, float y, float dx, float dy) const
{
    const ImVec2 p(x, y);
    if (!Ctx || (dx == 0.0f && dy == 0.0f) || !OverWheelRect(*Ctx, p))
        return false;
    const bool vertical = std::fabs(dy) >= std::fabs(dx);
    if (vertical && MapAt(*Ctx, p))
        return MapCanZoom(*Ctx, p, dy > 0.0f);
    const int room = ScrollRoomAt(p);
    return vertical ? (room & (dy > 0.0f ? 4 : 8)) != 0 : (room & (dx > 0.0f ? 16 : 32)) != 0;
}

int App::TouchKindAt(float x, float y) const
{
    const ImVec2 p(x, y);
    if (!Ctx || !OverWheelRect(*Ctx, p))
        return 0;
    if (MapAt(*Ctx, p))
        return 2;
    // A drag past the panel's end scrolls the page.
    return 1 | ScrollRoomAt(p);
}

void App::Pinch(float x, float y, float scale)
{
    if (Ctx)
        PinchViews(Ctx, x, y, scale);
}

bool App::HandleShortcut(ImGuiKey key, bool ctrl, bool shift)
{
    if (!Loaded || !Ctx)
        return false;
    return HandleViewShortcut(Ctx, key, ctrl, shift);
}

//-----------------------------------------------------------------------------
// [SECTION] Outputs
//-----------------------------------------------------------------------------

void App::Emit(const char* type, std::string json) { Events.push_back({ type, std::move(json) }); }

std::vector<AppEvent> App::TakeEvents()
{
    if (Ctx)
        for (AppEvent& e : Ctx->PendingEvents)
            Events.push_back(std::move(e));
    if (Ctx)
        Ctx->PendingEvents.clear();
    std::vector<AppEvent> out;
    out.swap(Events);
    return out;
}

std::string App::ExportCsv() const { return Ctx ? ExportViewCsv(Ctx) : std::string(); }
std::string App::MirrorJson() const { return Ctx ? ViewMirrorJson(Ctx) : std::string("{}"); }
double App::MirrorVersion() const { return Ctx ? (double)Ctx->MirrorVersion : 0.0; }

std::string App::ExportFooterJson() const
{
    Json j;
    j["title"] = Dataset_.Title;
    j["sources"] = Ctx ? ViewSourcesLine(Ctx) : std::string();
    j["license"] = Dataset_.License.empty() ? std::string() : "Licence: " + Dataset_.License;
    return DumpJson(j);
}

std::string App::StatsJson(const PlatformStats& platform) const
{
    Json j;
    j["framesRendered"] = platform.FramesRendered;
    j["frameCpuMs"] = platform.FrameCpuMs;
    j["heapUsedBytes"] = platform.HeapUsedBytes;
    j["observations"] = Dataset_.ObservationCount();
    // Characters a frame drew that no font, the browser's included, could make (those no frame
    // drew are not asked for, so not known to be missing).
    j["missingGlyphs"] = FontLib.Missing(ShapingAskedChars()).size();
    j["rasterisedGlyphs"] = FontLib.RasterisedCount();
    j["residentBytes"] = Dataset_.ResidentBytes();
    return DumpJson(j);
}

} // namespace ls
