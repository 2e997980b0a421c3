// world_map.cpp: LSMAP2 loading, hit-testing and ear-clipping (format and API in world_map.h).
//
// Index
//   [SECTION] Byte reader
//   [SECTION] Parsing
//   [SECTION] Queries
//   [SECTION] Ear-clipping
//   [SECTION] Holes

#include "core/world_map.h"
#include "core/stable_sort.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace ls {

namespace {

// Limits that keep malformed input from costing unbounded time: the real 110m map has about 600
// points in its largest ring, and ear-clipping is quadratic or worse in a ring's size.
constexpr uint32_t MaxRingPoints = 20000;
constexpr char Magic[8] = {'L', 'S', 'M', 'A', 'P', '2', '\0', '\0'};

// [SECTION] Byte reader

// Reads little-endian fields; every read checks the bytes left, and the first failure is kept
// with its offset.
struct ByteReader {
    const uint8_t* Bytes;
    size_t Size;
    size_t Offset = 0;
    std::string Error;

    ByteReader(const uint8_t* bytes, size_t size) : Bytes(bytes), Size(size) {}

    size_t Remaining() const { return Size - Offset; }
    bool Fail(const std::string& what, size_t at) {
        if (Error.empty()) Error = "world map: byte " + std::to_string(at) + ": " + what;
        return false;
    }
    bool Fail(const std::string& what) { return Fail(what, Offset); }
    bool ReadBytes(void* dst, size_t n, const char* what) {
        if (Remaining() < n) return Fail(std::string("file ends inside ") + what);
        if (n) std::memcpy(dst, Bytes + Offset, n);
        Offset += n;
        return true;
    }
    bool ReadU8(uint8_t* v, const char* what) { return ReadBytes(v, 1, what); }
    bool ReadU16(uint16_t* v, const char* what) {
        uint8_t b[2];
        if (!ReadBytes(b, 2, what)) return false;
        *v = (uint16_t)(b[0] | (b[1] << 8));
        return true;
    }
    bool ReadVarint(uint32_t* v, const char* what) {
        size_t start = Offset;
        uint64_t value = 0;
        for (int i = 0; i < 5; i++) {
            uint8_t b = 0;
            if (!ReadU8(&b, what)) return false;
            value |= (uint64_t)(b & 0x7f) << (7 * i);
            if (!(b & 0x80)) {
                if (value > 0xffffffffu) return Fail(std::string(what) + " does not fit 32 bits", start);
                *v = (uint32_t)value;
                return true;
            }
        }
        return Fail(std::string(what) + " is a varint longer than 5 bytes", start);
    }
    bool ReadZigZag(int32_t* v, const char* what) {
        uint32_t u;
        if (!ReadVarint(&u, what)) return false;
        *v = (int32_t)(u >> 1) ^ -(int32_t)(u & 1);
        return true;
    }
};

// [SECTION] Parsing

struct Quantisation {
    int64_t MaxX, MaxY;   // inclusive, in quantisation units
    float InvScale;
};

// The quantised points of every ring read so far (outline first), which later rings copy from.
using QuantisedPoints = std::vector<std::pair<int32_t, int32_t>>;

// Reads one ring, as literal and copied runs, and appends its points (px). `where` names the
// ring in messages.
bool ReadRing(ByteReader& r, const Quantisation& q, const std::string& where, QuantisedPoints* seen, std::vector<Vec2f>* points) {
    size_t at = r.Offset;
    uint32_t count;
    if (!r.ReadVarint(&count, "a ring's point count")) return false;
    if (count < 3) return r.Fail(where + ": " + std::to_string(count) + " points, a ring needs at least 3", at);
    if (count > MaxRingPoints) return r.Fail(where + ": " + std::to_string(count) + " points, more than the limit of " + std::to_string(MaxRingPoints), at);
    // A run takes at least 2 bytes and gives at most a whole earlier ring: a count no file this
    // size can hold is refused before anything is reserved.
    if (count > (r.Remaining() / 2) * (seen->size() + 1)) return r.Fail(where + ": " + std::to_string(count) + " points cannot fit in the " + std::to_string(r.Remaining()) + " bytes left", at);
    const size_t first = seen->size();
    int64_t x = 0, y = 0;
    for (uint32_t i = 0; i < count;) {
        size_t run_at = r.Offset;
        uint32_t header;
        if (!r.ReadVarint(&header, "a run header")) return false;
        const bool copy = header & 1;
        const uint32_t n = copy ? header >> 2 : header >> 1;
        if (n == 0 || n > count - i)
            return r.Fail(where + ": a run of " + std::to_string(n) + " points at point " + std::to_string(i) + " of " + std::to_string(count), run_at);
        if (copy) {
            uint32_t back;
            if (!r.ReadVarint(&back, "a copy's start")) return false;
            const int64_t start = (int64_t)first - back, step = header & 2 ? -1 : 1, end = start + step * (int64_t)(n - 1);
            if (back == 0 || back > first || end < 0 || end >= (int64_t)first)
                return r.Fail(where + ": a copy of " + std::to_string(n) + " points from " + std::to_string(back) + " back reaches outside the " + std::to_string(first) + " points before it", run_at);
            for (uint32_t k = 0; k < n; k++) {
                const auto p = (*seen)[(size_t)(start + step * k)];
                x = p.first;
                y = p.second;
                seen->push_back(p);
                points->push_back({(float)x * q.InvScale, (float)y * q.InvScale});
            }
        } else {
            for (uint32_t k = 0; k < n; k++) {
                size_t point_at = r.Offset;
                int32_t dx, dy;
                if (!r.ReadZigZag(&dx, "a point") || !r.ReadZigZag(&dy, "a point")) return false;
                x += dx;
                y += dy;
                if (x < 0 || y < 0 || x > q.MaxX || y > q.MaxY)
                    return r.Fail(where + ": point " + std::to_string(i + k) + " (" + std::to_string(x) + ", " + std::to_string(y) + ") lies outside the map's box", point_at);
                seen->push_back({(int32_t)x, (int32_t)y});
                points->push_back({(float)x * q.InvScale, (float)y * q.InvScale});
            }
        }
        i += n;
    }
    return true;
}

bool ReadCountry(ByteReader& r, const Quantisation& q, int index, QuantisedPoints* seen, CountryShape* c) {
    size_t at = r.Offset;
    char code[2];
    if (!r.ReadBytes(code, 2, "a country code")) return false;
    bool no_code = code[0] == 0 && code[1] == 0;
    bool letters = code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
    if (!no_code && !letters) return r.Fail("country " + std::to_string(index) + ": code is neither two capital letters nor empty", at);
    c->Code[0] = code[0];
    c->Code[1] = code[1];
    c->Code[2] = 0;

    uint8_t name_length;
    if (!r.ReadU8(&name_length, "a country name")) return false;
    c->Name.resize(name_length);
    if (!r.ReadBytes(&c->Name[0], name_length, "a country name")) return false;

    std::string where = "country " + std::to_string(index) + " (" + (no_code ? c->Name : std::string(c->Code)) + ")";
    at = r.Offset;
    uint32_t ring_count;
    if (!r.ReadVarint(&ring_count, "a ring count")) return false;
    if (ring_count == 0) return r.Fail(where + " has no ring", at);
    if (ring_count > r.Remaining() / 3) // a ring takes at least 3 bytes: its count and one copied run
        return r.Fail(where + ": " + std::to_string(ring_count) + " rings cannot fit in the " + std::to_string(r.Remaining()) + " bytes left", at);
    c->RingStarts.reserve(ring_count);
    for (uint32_t i = 0; i < ring_count; i++) {
        c->RingStarts.push_back((uint32_t)c->Points.size());
        if (!ReadRing(r, q, where + " ring " + std::to_string(i), seen, &c->Points)) return false;
    }

    c->Bounds.Min = c->Bounds.Max = c->Points[0];
    for (const Vec2f& p : c->Points) {
        c->Bounds.Min.x = std::min(c->Bounds.Min.x, p.x);
        c->Bounds.Min.y = std::min(c->Bounds.Min.y, p.y);
        c->Bounds.Max.x = std::max(c->Bounds.Max.x, p.x);
        c->Bounds.Max.y = std::max(c->Bounds.Max.y, p.y);
    }
    c->RingIsHole.resize(ring_count);
    for (uint32_t i = 0; i < ring_count; i++) {
        uint32_t start = c->RingStarts[i];
        c->RingIsHole[i] = RingSignedArea(&c->Points[start], c->RingEnd((int)i) - start) < 0.0 ? 1 : 0;
    }
    return true;
}

} // namespace

bool ParseWorldMap(const uint8_t* bytes, size_t size, WorldMap* out, std::string* error) {
    ByteReader r(bytes, bytes ? size : 0);
    WorldMap map;
    auto fail = [&]() {
        if (error) *error = r.Error;
        return false;
    };

    char magic[8];
    if (!r.ReadBytes(magic, 8, "the magic")) return fail();
    if (std::memcmp(magic, Magic, 8) != 0) {
        r.Fail("not a world map (the magic is not \"LSMAP2\")", 0);
        return fail();
    }
    uint16_t width, height, scale, country_count;
    if (!r.ReadU16(&width, "the header") || !r.ReadU16(&height, "the header") ||
        !r.ReadU16(&scale, "the header") || !r.ReadU16(&country_count, "the header"))
        return fail();
    if (width == 0 || height == 0 || scale == 0) {
        r.Fail("width, height and scale must be positive", 8);
        return fail();
    }
    map.Width = width;
    map.Height = height;
    Quantisation q = {(int64_t)width * scale, (int64_t)height * scale, 1.0f / (float)scale};

    QuantisedPoints seen;
    if (!ReadRing(r, q, "the outline", &seen, &map.Outline)) return fail();

    // A country takes at least 7 bytes: code, name length, ring count and one 3-byte ring.
    if (country_count > r.Remaining() / 7) {
        r.Fail(std::to_string(country_count) + " countries cannot fit in the " + std::to_string(r.Remaining()) + " bytes left", 14);
        return fail();
    }
    map.Countries.resize(country_count);
    for (int i = 0; i < (int)country_count; i++)
        if (!ReadCountry(r, q, i, &seen, &map.Countries[i])) return fail();
    if (r.Remaining() != 0) {
        r.Fail(std::to_string(r.Remaining()) + " bytes after the last country");
        return fail();
    }

    for (CountryShape& c : map.Countries)
        c.Triangles = TriangulateCountry(c);
    if (out) *out = std::move(map);
    return true;
}

// [SECTION] Queries

bool RingContainsPoint(const Vec2f* points, size_t count, Vec2f p) {
    bool inside = false;
    for (size_t i = 0, j = count - 1; i < count; j = i++) {
        const Vec2f& a = points[i];
        const Vec2f& b = points[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

int HitTestCountry(const WorldMap& map, Vec2f point) {
    for (int i = 0; i < (int)map.Countries.size(); i++) {
        const CountryShape& c = map.Countries[i];
        if (!c.Bounds.Contains(point)) continue;
        bool inside = false;
        for (int ring = 0; ring < c.RingCount(); ring++) {
            uint32_t start = c.RingStarts[ring];
            if (RingContainsPoint(&c.Points[start], c.RingEnd(ring) - start, point)) inside = !inside;
        }
        if (inside) return i;
    }
    return -1;
}

int FindCountry(const WorldMap& map, const char* alpha2) {
    if (!alpha2 || !alpha2[0] || !alpha2[1] || alpha2[2]) return -1;
    char upper[2];
    for (int k = 0; k < 2; k++) upper[k] = (alpha2[k] >= 'a' && alpha2[k] <= 'z') ? (char)(alpha2[k] - 'a' + 'A') : alpha2[k];
    for (int i = 0; i < (int)map.Countries.size(); i++)
        if (map.Countries[i].Code[0] == upper[0] && map.Countries[i].Code[1] == upper[1]) return i;
    return -1;
}

// [SECTION] Ear-clipping

double RingSignedArea(const Vec2f* points, size_t count) {
    double area = 0.0;
    for (size_t i = 0, j = count ? count - 1 : 0; i < count; j = i++)
        area += (double)points[j].x * points[i].y - (double)points[i].x * points[j].y;
    return area * 0.5;
}

namespace {

// Twice the signed area of (a, b, c): positive for a left turn in the shoelace sense. Points are
// multiples of 1/scale, so doubles hold these products exactly.
double Cross(Vec2f a, Vec2f b, Vec2f c) {
    return ((double)b.x - a.x) * ((double)c.y - a.y) - ((double)b.y - a.y) * ((double)c.x - a.x);
}

bool SamePoint(Vec2f a, Vec2f b) { return a.x == b.x && a.y == b.y; }

// Ear-clips a polygon given as indices into points. Indices may repeat (bridges to holes, rings
// that touch themselves): vertices that coincide with a candidate ear's corners never block it.
// Passes get laxer when no ear is found: strict ears, then ears that are flat or touch another
// vertex, then a fan of whatever remains. Always emits polygon.size() - 2 triangles.
void EarClip(const Vec2f* points, const std::vector<uint32_t>& polygon, std::vector<uint32_t>* out) {
    const int n = (int)polygon.size();
    if (n < 3) return;
    double area = 0.0;
    for (int i = 0, j = n - 1; i < n; j = i++)
        area += (double)points[polygon[j]].x * points[polygon[i]].y - (double)points[polygon[i]].x * points[polygon[j]].y;
    const double sign = area < 0.0 ? -1.0 : 1.0;

    std::vector<int> prev(n), next(n);
    for (int i = 0; i < n; i++) {
        prev[i] = (i + n - 1) % n;
        next[i] = (i + 1) % n;
    }
    auto at = [&](int v) { return points[polygon[v]]; };
    auto is_ear = [&](int v, int laxness) {
        const Vec2f a = at(prev[v]), b = at(v), c = at(next[v]);
        const double turn = sign * Cross(a, b, c);
        if (laxness == 0 ? turn <= 0.0 : turn < 0.0) return false;
        // A point outside the triangle's bounding box (edges included) can neither be in it nor
        // on it: most are, and this test is a few comparisons where the one below is three
        // cross products. (The map's start-up runs this as the engine's first, unoptimised code.)
        const float min_x = std::min(a.x, std::min(b.x, c.x)), max_x = std::max(a.x, std::max(b.x, c.x));
        const float min_y = std::min(a.y, std::min(b.y, c.y)), max_y = std::max(a.y, std::max(b.y, c.y));
        for (int k = next[next[v]]; k != prev[v]; k = next[k]) {
            const Vec2f p = at(k);
            if (p.x < min_x || p.x > max_x || p.y < min_y || p.y > max_y) continue;
            if (SamePoint(p, a) || SamePoint(p, b) || SamePoint(p, c)) continue;
            const double d0 = sign * Cross(a, b, p), d1 = sign * Cross(b, c, p), d2 = sign * Cross(c, a, p);
            const bool blocks = laxness == 0 ? (d0 >= 0.0 && d1 >= 0.0 && d2 >= 0.0) : (d0 > 0.0 && d1 > 0.0 && d2 > 0.0);
            if (blocks) return false;
        }
        return true;
    };
    auto emit = [&](int a, int b, int c) {
        out->push_back(polygon[a]);
        out->push_back(polygon[b]);
        out->push_back(polygon[c]);
    };

    int remaining = n, v = 0, misses = 0, laxness = 0;
    while (remaining > 3 && laxness < 2) {
        if (is_ear(v, laxness)) {
            emit(prev[v], v, next[v]);
            next[prev[v]] = next[v];
            prev[next[v]] = prev[v];
            v = prev[v]; // the neighbour may have just become an ear
            remaining--;
            misses = 0;
            laxness = 0;
        } else {
            v = next[v];
            if (++misses >= remaining) {
                misses = 0;
                laxness++;
            }
        }
    }
    // Fan fallback (not simple, or degenerate): still covers the ring with the right count.
    for (; remaining > 3; remaining--) {
        emit(v, next[v], next[next[v]]);
        const int gone = next[v];
        next[v] = next[gone];
        prev[next[gone]] = v;
    }
    emit(prev[v], v, next[v]);
}

} // namespace

std::vector<uint32_t> TriangulateRing(const Vec2f* points, size_t count) {
    std::vector<uint32_t> triangles;
    if (!points || count < 3) return triangles;
    std::vector<uint32_t> polygon(count);
    for (size_t i = 0; i < count; i++) polygon[i] = (uint32_t)i;
    triangles.reserve((count - 2) * 3);
    EarClip(points, polygon, &triangles);
    return triangles;
}

// [SECTION] Holes

namespace {

// True when segments p1-p2 and q1-q2 cross or touch anywhere but at shared endpoints.
bool SegmentsMeet(Vec2f p1, Vec2f p2, Vec2f q1, Vec2f q2) {
    if (SamePoint(p1, q1) || SamePoint(p1, q2) || SamePoint(p2, q1) || SamePoint(p2, q2)) return false;
    const double d1 = Cross(q1, q2, p1), d2 = Cross(q1, q2, p2);
    const double d3 = Cross(p1, p2, q1), d4 = Cross(p1, p2, q2);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    auto on_segment = [](Vec2f a, Vec2f b, Vec2f p) {
        return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y && p.y <= std::max(a.y, b.y);
    };
    return (d1 == 0 && on_segment(q1, q2, p1)) || (d2 == 0 && on_segment(q1, q2, p2)) ||
           (d3 == 0 && on_segment(p1, p2, q1)) || (d4 == 0 && on_segment(p1, p2, q2));
}

bool ClosedPathMeets(const Vec2f* points, const std::vector<uint32_t>& path, Vec2f a, Vec2f b) {
    for (size_t i = 0, j = path.size() - 1; i < path.size(); j = i++)
        if (SegmentsMeet(a, b, points[path[j]], points[path[i]])) return true;
    return false;
}

// Joins a hole into the polygon through a bridge from the hole's rightmost vertex to the nearest
// polygon vertex it can see: polygon ... V, hole from M all the way round, M, V ... The bridge
// must cross no edge of the polygon, of this hole or of holes still to come, and must run inside
// the polygon (not through the hole). Returns false when no such vertex exists.
bool BridgeHole(const Vec2f* points, std::vector<uint32_t>* polygon, std::vector<uint32_t> hole,
                const std::vector<std::vector<uint32_t>>& pending, const Vec2f* outer, size_t outer_count) {
    const Vec2f* p = points;
    size_t m = 0;
    for (size_t i = 1; i < hole.size(); i++)
        if (p[hole[i]].x > p[hole[m]].x || (p[hole[i]].x == p[hole[m]].x && p[hole[i]].y < p[hole[m]].y)) m = i;
    const Vec2f mp = p[hole[m]];

    std::vector<size_t> order(polygon->size());
    for (size_t i = 0; i < order.size(); i++) order[i] = i;
    auto distance_sq = [&](size_t i) {
        const Vec2f v = p[(*polygon)[i]];
        return ((double)v.x - mp.x) * ((double)v.x - mp.x) + ((double)v.y - mp.y) * ((double)v.y - mp.y);
    };
    StableSortBy(order, [&](size_t a, size_t b) { return distance_sq(a) < distance_sq(b); });

    std::vector<Vec2f> hole_points(hole.size());
    for (size_t i = 0; i < hole.size(); i++) hole_points[i] = p[hole[i]];
    for (size_t candidate : order) {
        const Vec2f vp = p[(*polygon)[candidate]];
        if (SamePoint(vp, mp)) continue;
        const Vec2f mid = {(vp.x + mp.x) * 0.5f, (vp.y + mp.y) * 0.5f};
        if (RingContainsPoint(hole_points.data(), hole_points.size(), mid) || !RingContainsPoint(outer, outer_count, mid)) continue;
        if (ClosedPathMeets(p, *polygon, mp, vp) || ClosedPathMeets(p, hole, mp, vp)) continue;
        bool blocked = false;
        for (const std::vector<uint32_t>& other : pending)
            if (ClosedPathMeets(p, other, mp, vp)) { blocked = true; break; }
        if (blocked) continue;

        std::vector<uint32_t> joined;
        joined.reserve(polygon->size() + hole.size() + 2);
        joined.insert(joined.end(), polygon->begin(), polygon->begin() + candidate + 1);
        for (size_t k = 0; k <= hole.size(); k++) joined.push_back(hole[(m + k) % hole.size()]);
        joined.push_back((*polygon)[candidate]);
        joined.insert(joined.end(), polygon->begin() + candidate + 1, polygon->end());
        *polygon = std::move(joined);
        return true;
    }
    return false;
}

} // namespace

std::vector<uint32_t> TriangulateCountry(const CountryShape& shape) {
    std::vector<uint32_t> triangles;
    const int ring_count = shape.RingCount();
    if (ring_count == 0 || (int)shape.RingIsHole.size() != ring_count) return triangles;
    const Vec2f* points = shape.Points.data();
    auto ring_size = [&](int r) { return (size_t)(shape.RingEnd(r) - shape.RingStarts[r]); };

    // Each hole belongs to the smallest exterior ring that holds its first point.
    std::vector<int> owner(ring_count, -1);
    for (int h = 0; h < ring_count; h++) {
        if (!shape.RingIsHole[h]) continue;
        double best_area = 0.0;
        for (int e = 0; e < ring_count; e++) {
            if (shape.RingIsHole[e] || !RingContainsPoint(points + shape.RingStarts[e], ring_size(e), points[shape.RingStarts[h]])) continue;
            const double area = std::fabs(RingSignedArea(points + shape.RingStarts[e], ring_size(e)));
            if (owner[h] < 0 || area < best_area) { owner[h] = e; best_area = area; }
        }
    }

    for (int e = 0; e < ring_count; e++) {
        if (shape.RingIsHole[e]) continue;
        const uint32_t start = shape.RingStarts[e];
        std::vector<uint32_t> polygon(ring_size(e));
        for (size_t i = 0; i < polygon.size(); i++) polygon[i] = start + (uint32_t)i;
        const bool outer_positive = RingSignedArea(points + start, polygon.size()) >= 0.0;

        // Holes run against the exterior, rightmost first, as the bridge search expects.
        std::vector<std::vector<uint32_t>> holes;
        for (int h = 0; h < ring_count; h++) {
            if (owner[h] != e) continue;
            std::vector<uint32_t> hole(ring_size(h));
            for (size_t i = 0; i < hole.size(); i++) hole[i] = shape.RingStarts[h] + (uint32_t)i;
            if ((RingSignedArea(points + shape.RingStarts[h], hole.size()) >= 0.0) == outer_positive) std::reverse(hole.begin(), hole.end());
            holes.push_back(std::move(hole));
        }
        auto max_x = [&](const std::vector<uint32_t>& ring) {
            float x = points[ring[0]].x;
            for (uint32_t i : ring) x = std::max(x, points[i].x);
            return x;
        };
        StableSortBy(holes, [&](const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) { return max_x(a) > max_x(b); });
        for (size_t h = 0; h < holes.size(); h++) {
            std::vector<std::vector<uint32_t>> pending(holes.begin() + h + 1, holes.end());
            BridgeHole(points, &polygon, holes[h], pending, points + start, ring_size(e)); // no bridge: the fill covers the hole
        }
        EarClip(points, polygon, &triangles);
    }
    return triangles;
}

} // namespace ls
