// world_map.h: the world map the map view colours by region: country outlines in Equal Earth
// projection, already in pixels of a fixed box, with hit-testing and triangles for filled drawing.
// Pure C++17: no ImGui, no Emscripten, no GL. Nothing here throws.
//
// The file comes from web/tools/build-map.mjs (Natural Earth 1:110m via the world-atlas package):
//
//   node web/tools/build-map.mjs build/map/world.lsmap
//
// Usage sketch (the UI scales the map's box to its canvas and draws each country's triangles):
//
//   ls::WorldMap map;
//   std::string error;
//   if (!ls::ParseWorldMap(bytes, size, &map, &error)) { /* show error */ }
//   int hovered = ls::HitTestCountry(map, {mouse_x / zoom, mouse_y / zoom});   // -1: ocean
//   int germany = ls::FindCountry(map, "DE");
//   for (const ls::CountryShape& c : map.Countries)
//       for (size_t i = 0; i + 2 < c.Triangles.size(); i += 3)
//           draw_triangle(c.Points[c.Triangles[i]], c.Points[c.Triangles[i + 1]], c.Points[c.Triangles[i + 2]]);
//
// Write the triangles into one mesh (ImGui: PrimReserve/PrimVtx) and stroke the rings on top:
// anti-aliased fills per triangle would show seams along the long, thin inner triangles.
//
// [SECTION] Format "LSMAP2" (little-endian; varints are unsigned LEB128, at most 5 bytes)
//   offset  size  field
//   0       8     magic "LSMAP2\0\0"
//   8       2     width  (uint16, px of the projected box; 1000)
//   10      2     height (uint16, px; Equal Earth at 1000 wide gives 487)
//   12      2     scale  (uint16, quantisation units per px; 4, so 1 unit = 0.25 px)
//   14      2     country count (uint16)
//   16      ...   outline ring: the sphere's outer boundary (the ocean), encoded as a ring below
//   then, per country:
//           2     ISO 3166-1 alpha-2 code, ASCII upper case; "\0\0" when the feature has none
//           1     name length N (uint8), then N bytes of UTF-8: the English name from Natural Earth
//           var   ring count
//           ...   rings
//   ring:   var   point count (>= 3), then runs (var header h) until that many points are read:
//                 h even: h/2 literal points, each two zig-zag varints (dx, dy): the quantised
//                 point minus the previous point of the same ring (the first point of a ring is
//                 relative to (0, 0)); h odd: a copy of h/4 points of the earlier rings (all
//                 points read before this ring, outline first), then var back: the copy starts
//                 `back` points before the end of those and walks backwards when h & 2 (a border
//                 shared with a neighbour is written once). Points lie in [0, width*scale] x
//                 [0, height*scale], y down. Rings close implicitly. Exterior rings wind clockwise
//                 on screen (positive shoelace area with y down); holes (e.g. Lesotho cut out of
//                 South Africa) wind the other way.
//   The file ends after the last country: trailing bytes are an error.
//
// Codes: Natural Earth features without an ISO id are Kosovo (written as "XK", the user-assigned
// code data providers use) and Northern Cyprus and Somaliland (no code: they draw neutral).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ls {

struct Vec2f {
    float x = 0.0f, y = 0.0f;
};

struct Box {
    Vec2f Min, Max;
    bool Contains(Vec2f p) const { return p.x >= Min.x && p.x <= Max.x && p.y >= Min.y && p.y <= Max.y; }
};

// One country (or territory) of the map: its rings in pixels of the map's box.
struct CountryShape {
    char Code[3] = {0, 0, 0};           // ISO 3166-1 alpha-2, NUL-terminated; "" when it has none
    std::string Name;                   // English name from Natural Earth, e.g. "United States of America"
    std::vector<uint32_t> RingStarts;   // index in Points of each ring's first point
    std::vector<uint8_t> RingIsHole;    // per ring: 1 for a hole, 0 for an exterior ring
    std::vector<Vec2f> Points;          // all rings' points, ring after ring (px, y down)
    std::vector<uint32_t> Triangles;    // fill: indices into Points, 3 per triangle, holes cut out
    Box Bounds;                         // of all points

    int RingCount() const { return (int)RingStarts.size(); }
    uint32_t RingEnd(int ring) const { return ring + 1 < RingCount() ? RingStarts[ring + 1] : (uint32_t)Points.size(); }
};

struct WorldMap {
    float Width = 0.0f, Height = 0.0f;  // the projected box, px (1000 x 487)
    std::vector<CountryShape> Countries;
    std::vector<Vec2f> Outline;         // the sphere's boundary: fill it for the ocean (strictly convex)
};

// [SECTION] Loading and queries

// Parses an LSMAP2 file and triangulates every country. Returns false with a message naming the
// byte offset on malformed input; never reads outside [bytes, bytes + size).
bool ParseWorldMap(const uint8_t* bytes, size_t size, WorldMap* out, std::string* error);

int HitTestCountry(const WorldMap& map, Vec2f point);       // index of the country under point (px), or -1
int FindCountry(const WorldMap& map, const char* alpha2);    // index of the country with that code, or -1

// [SECTION] Geometry

// Shoelace area of a closed ring; positive for the exterior orientation above (clockwise on screen).
double RingSignedArea(const Vec2f* points, size_t count);

// Even-odd test of one ring.
bool RingContainsPoint(const Vec2f* points, size_t count, Vec2f p);

// Ear-clipping of one simple ring (either orientation): count - 2 triangles as indices into
// points, each wound like the ring. A ring that is not simple (or degenerate) never loops: after
// failed passes it falls back to a fan of what remains.
std::vector<uint32_t> TriangulateRing(const Vec2f* points, size_t count);

// Triangulates a country: each exterior ring, with the holes inside it joined in through bridge
// edges so the fill leaves them open. Indices into shape.Points; what ParseWorldMap stores.
std::vector<uint32_t> TriangulateCountry(const CountryShape& shape);

} // namespace ls
