// The map view's drawing kept from frame to frame (map_view.cpp). A header of its own so that
// tests can read what the map paints (tests/ui_test_map.cpp).
#pragma once

#include "ui/views/views.h"

#include <cstdint>
#include <vector>

namespace ls {

// A figure the map marks as less certain than a reported one of the period shown: an estimate,
// a forecast, or the latest earlier figure standing in for the period (Figure::Age > 0). The map
// fills such regions with MapProvisionalFill (lighter, still 3:1 against background and ocean,
// in the scale's order) and hatches them, so the difference does not rest on colour alone; the
// legend and the list say the same.
inline bool MapProvisional(const Figure& f) { return f.Conf != Confidence_Reported || f.Age > 0; }

ImU32 MapProvisionalFill(ImU32 base, const Theme& th);

// Hatching's spacing on the map (CSS px between diagonal lines) and their width.
constexpr float MapHatchSpacing = 6.0f;
constexpr float MapHatchWidth = 1.5f;

// The point of the map's box (WorldMap pixels, for HitTestCountry) under a screen position, as
// the last frame drew the map.
Vec2f MapPointAt(const ViewContext& ctx, ImVec2 screen);

struct MapDrawing
{
    uint64_t Generation = 0;        // counts recomputations of ViewContext::MapM
    // Each cell's fill (ViewContext::MapM.Cells order), worked out once per model, theme and
    // scale: EstimateColor's contrast search is too slow to run per country every frame.
    uint64_t LooksKey = 0;
    std::vector<ImU32> CellFill;
    bool AnyProvisional = false;    // the legend then explains the hatching
    bool EntityHasData = true;      // with no cell: whether the entity has any figure of the metric
    // Ocean, country fills, hatching and borders for one model, theme, scale, box, zoom and pan.
    RetainedGeometry Geometry;
};

} // namespace ls
