// The views (Map, Trend, Compare, Share, Table, Sources) and what they share: the resolved
// selection, per-view interaction state, and the "shown table" each view derives from the data,
// which also feeds the accessible HTML mirror and the CSV export, so the three never disagree.
//
// Usage (from App): DrawViews(ctx) inside the frame's window; OnStateChanged(ctx) after every
// state change; ViewMirrorJson(ctx) / ExportViewCsv(ctx) at any time.
#pragma once

#include "core/dataset.h"
#include "core/queries.h"
#include "core/view_models.h"
#include "core/view_state.h"
#include "core/world_map.h"
#include "ui/fonts.h"
#include "ui/retained_draw.h"
#include "ui/theme.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ls {

class App;
struct AppEvent;
struct TrendDrawing;   // trend_view.cpp
struct MapDrawing;     // map_view.cpp

// What a view shows (ShownTable) and the numbers behind it (the view models) come from
// core/view_models.h: the views here only lay them out and draw them.

// A key for RetainedGeometry, built from the values the drawing depends on; it includes the
// frame's font atlas, pixel density (anti-aliased lines sample the atlas) and shaping generation.
struct GeometryKey
{
    uint64_t Hash = 1469598103934665603ull;
    GeometryKey();
    GeometryKey& Add(uint64_t v);
    GeometryKey& Add(double v);
    GeometryKey& Add(ImVec2 v) { return Add((double)v.x).Add((double)v.y); }
};

// Drawing that stays the same from frame to frame (a trend chart's lines, the share view's bars:
// thousands of primitives at a million observations) is built once into a draw list of its own
// and copied into the window's list every frame until its key changes. Copying vertices costs a
// fraction of building anti-aliased polylines again, so a frame costs about the same whatever
// the data's size. The key must cover everything the geometry depends on (see GeometryKey).
class RetainedGeometry
{
public:
    RetainedGeometry() = default;
    RetainedGeometry(const RetainedGeometry&) = delete;
    RetainedGeometry& operator=(const RetainedGeometry&) = delete;
    ~RetainedGeometry();
    ImDrawList* Rebuild(const GeometryKey& key);   // an empty list to draw into when the key changed, else nullptr
    // Adds the geometry under dst's current clip rectangle and texture: a marker command that the
    // renderer draws from a buffer of its own when it does so (ui/retained_draw.h), else a copy.
    void AppendTo(ImDrawList* dst) const;

private:
    ImDrawList* List = nullptr;
    uint64_t Key = 0;
    bool Valid = false;
    RetainedDraw Drawn;   // what a marker command points at: List and its build's serial
};

// The selection resolved against the loaded data (indices instead of ids).
struct Selection
{
    int Metric = -1;
    std::vector<int> Entities;
    std::vector<int> Regions;
    PeriodKind Granularity = PeriodKind_None;  // of every period shown
    std::vector<PeriodKind> Granularities;     // the metric's, coarsest first (a choice when more than one)
    Period At;                                 // the period shown by Map, Compare (resolved "latest")
    std::vector<Period> MetricPeriods;         // periods of the granularity with data for the metric, sorted
    int AtIndex = -1;                          // index of At in MetricPeriods
};

struct ViewContext
{
    App*              App_ = nullptr;
    const Dataset*    Data = nullptr;
    const Theme*      Theme_ = nullptr;
    Fonts             Fonts_;
    WorldMap          Map;
    std::string       MapError;
    bool              HasData = false;
    double            Time = 0.0;

    ViewState         Edit;                    // a copy the controls edit; CommitState() applies it
    Selection         Sel;
    ViewQuery         Query;                   // what the models are asked (the resolved state)
    ShownTable        Shown;                   // of the current view
    std::string       Announce;                // the last change, for the live region
    uint64_t          MirrorVersion = 1;       // changes with Shown or Announce (the widget re-reads the mirror then)
    mutable uint64_t  MirrorCacheVersion = 0;
    mutable std::string MirrorCache;           // ViewMirrorJson() of MirrorCacheVersion
    std::vector<ImRect> WheelRects;            // where the wheel belongs to the widget (this frame)
    std::vector<AppEvent> PendingEvents;

    // Playback of the period slider
    bool              Playing = false;
    float             PlaySpeed = 1.0f;        // periods per second
    double            PlayLast = 0.0;

    // Map interaction
    float             MapZoom = 1.0f;
    ImVec2            MapPan = ImVec2(0, 0);   // in map pixels
    std::vector<int>  CountryRegion;           // per map country: the region painted there, or -1
    MapModel          MapM;                    // of the selection (see MapDirty)
    std::vector<int>  RegionCell;              // per region: index into MapM.Cells, or -1
    bool              MapDirty = true;
    ImRect            MapRect;
    std::shared_ptr<MapDrawing> MapDrawn;     // map_view.cpp: fill colours and retained geometry of MapM

    // Trend
    bool              TrendShowEvents = true;
    TrendModel        Trend;                   // of the selection (see TrendDirty)
    bool              TrendDirty = true;
    uint64_t          TrendGeneration = 0;        // counts recomputations of TrendLines
    std::shared_ptr<TrendDrawing> TrendDrawn;     // trend_view.cpp: each line's retained geometry and points on screen
    // Share: both charts of the selection (see ShareDirty)
    ShareModel        Share;
    bool              ShareDirty = true;
    uint64_t          ShareGeneration = 0;
    RetainedGeometry  ShareGeometry[2];            // by region, by origin
    RetainedGeometry  ShareOutline[2];             // the hovered part's outline, per chart (its draw list belongs to this context)
    // Compare
    CompareModel      Compare;
    bool              CompareDirty = true;
    // Sources: observations citing each source (a pass over every row: once per data load)
    SourcesModel      SourcesM;
    bool              CitationsDirty = true;

    // Table view
    char              FilterText[128] = "";
    TableModel        Table;
    bool              TableDirty = true;
    bool              TableSortPending = true;   // rows were recomputed: apply the table's sort again

    // Controls
    int               LastDrawnView = -1;
    bool              DefinitionOpen = false;  // the metric's definition shown whole on a phone ("More")
    std::vector<uint8_t> EntityHasData;        // per entity: has observations of the selected metric
    std::vector<uint8_t> RegionHasData;        // per region: likewise
    bool EntityHasMetric(int e) const { return e < (int)EntityHasData.size() && EntityHasData[e]; }
    bool RegionHasMetric(int r) const { return r < (int)RegionHasData.size() && RegionHasData[r]; }
    char              EntitySearch[96] = "";
    char              PeriodText[32] = "";

    // A short canvas (a phone): the frame scrolls as one column when the chart would get less than
    // MinPlotHeight() (frame.cpp, [SECTION] One scrolling column). Decided from the frame before.
    std::vector<ImRect> PlotRects;             // this frame's plot areas (ReportPlot)
    bool              ColumnOn[ViewKind_COUNT] = {};     // per view: the next frames scroll as one column
    float             ColumnBody[ViewKind_COUNT] = {};   // per view: the body height that gives its plots their minimum
    bool              ColumnActive = false;    // this frame is drawn inside the column

    bool              InFrame = false;         // between the frame's Begin and End
    bool              PendingCommit = false;   // a view changed Edit during the frame

    void CommitState();                        // applies Edit through the App (emits statechange); deferred to the frame's end inside a frame
};

void LoadWorldMap(ViewContext* ctx);
void OnDataChanged(ViewContext* ctx);
void OnStateChanged(ViewContext* ctx);
void DrawViews(ViewContext* ctx);
void AdvancePlayback(ViewContext* ctx);
void PinchViews(ViewContext* ctx, float x, float y, float scale);
bool HandleViewShortcut(ViewContext* ctx, ImGuiKey key, bool ctrl, bool shift);
std::string ExportViewCsv(const ViewContext* ctx);
std::string ViewMirrorJson(const ViewContext* ctx);
std::string ViewSourcesLine(const ViewContext* ctx);

// Shared helpers (views/common.cpp)
// What a provisional figure is (an estimate, a forecast, or an earlier period's figure standing in
// for the period shown), in every key that explains the lighter, hatched drawing: one wording.
inline constexpr const char* ProvisionalKey = "estimate, forecast or earlier period";
extern const char* const ViewLabels[ViewKind_COUNT];                           // "Map", "Trend", ...
std::string FormatValue(const Dataset& ds, int metric, double value);         // "1,411", "60.57": the metric's decimals, thousands separated
std::string FormatValueWithUnit(const Dataset& ds, int metric, double value);
ImU32 EntityColorFor(const ViewContext& ctx, int entity);
void DrawHatch(ImDrawList* dl, ImRect r, ImU32 color, float spacing = 6.0f);   // diagonal lines for estimates
void DrawDashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash = 6.0f, float gap = 4.0f);
void ObservationTooltip(const ViewContext& ctx, const Figure& f);             // value (bound), unit, period, age, confidence, certainty, source, quality, attribution, note
// The same with one line more at its end (shaped text; muted or not): the tooltip is sized from
// its lines before it begins (common.cpp), so nothing may be appended to it afterwards.
void ObservationTooltip(const ViewContext& ctx, const Figure& f, std::string_view more, bool more_muted);
void ObservationTooltip(const ViewContext& ctx, uint32_t row);                 // a figure of its own period
// A tooltip of these lines (shaped text), sized from them before it begins, so that it is shown
// at its size in the frame it appears (ImGui hides a new tooltip for a frame and fits a changed
// one a frame late), and kept on the screen: a tooltip taller than the screen is widened to the
// screen, then its longest lines lose whole rows, the last one kept ending in "…". A line with
// a mark has `mark` (mark_w wide, a line high) drawn before its text, given the line's Mark.
enum TooltipLook { TooltipLook_Plain, TooltipLook_Muted, TooltipLook_Highlight, TooltipLook_Title };
struct TooltipLine
{
    std::string Text;
    TooltipLook Look = TooltipLook_Plain;
    int Mark = -1;   // >= 0: the line begins with a mark
};
using TooltipMarkFn = void (*)(ImDrawList* dl, ImRect rect, int mark, const void* user);
void DrawTooltip(const ViewContext& ctx, const std::vector<TooltipLine>& lines, float mark_w = 0.0f,
                 TooltipMarkFn mark = nullptr, const void* user = nullptr);
void DrawNotes(const ViewContext& ctx, const std::vector<std::string>& notes); // a model's notes, muted and wrapped
void Emit(ViewContext& ctx, const char* type, std::string json);
std::string SelectEventJson(const ViewContext& ctx, uint32_t row);

// The views
void DrawMapView(ViewContext& ctx);
void DrawTrendView(ViewContext& ctx);
void DrawCompareView(ViewContext& ctx);
void DrawShareView(ViewContext& ctx);
void DrawTableView(ViewContext& ctx);
void DrawSourcesView(ViewContext& ctx);
void BuildShownTable(ViewContext& ctx);                                        // for the current view (dispatches below)
// Each view's model, recomputed only after a state change (views/*.cpp)
void UpdateMapModel(ViewContext& ctx);
void UpdateTrendModel(ViewContext& ctx);
void UpdateCompareModel(ViewContext& ctx);
void UpdateShareModel(ViewContext& ctx);
void UpdateTableModel(ViewContext& ctx);
void UpdateSourcesModel(ViewContext& ctx);

std::string SourceTitle(const Dataset& ds, uint32_t row);
void DrawControls(ViewContext& ctx);
// The frame as one scrolling column (frame.cpp): App::DrawFrame draws the header and the views
// between these. BeginViewColumn returns whether it began one (pass that to EndViewColumn).
bool BeginViewColumn(ViewContext* ctx);
void EndViewColumn(ViewContext* ctx, bool began);
float MinPlotHeight();                                                         // CSS px a chart's plot gets at least (a phone scrolls to show it)
void ReportPlot(ViewContext& ctx, const ImRect& plot);                          // a chart's plot area: the column's measure and layout()'s "plot"
void ZoomMapAt(ViewContext& ctx, ImVec2 screen_pos, float factor);               // map zoom around a point (wheel, pinch)

} // namespace ls
