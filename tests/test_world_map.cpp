// Tests for core/world_map: the LSMAP2 loader, hit-testing and ear-clipping. Small hand-made maps
// always run; the real map (build/map/world.lsmap, made by web/tools/build-map.mjs before the
// tests run) is checked the way a person would look at it when it is there.
#include <doctest/doctest.h>

#include "core/world_map.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::vector<uint8_t> ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

const std::string RealMapPath = std::string(LANDSCAPE_MAP_DIR) + "/world.lsmap";
const std::string RealTestPointsPath = std::string(LANDSCAPE_MAP_DIR) + "/world.testpoints.json";

// Writes LSMAP2 files by hand, field by field, so tests can make valid and broken ones. Rings are
// one literal run unless a test writes copies itself (CopyRun).
struct MapWriter {
    std::vector<uint8_t> Bytes;

    void U8(uint32_t v) { Bytes.push_back((uint8_t)v); }
    void U16(uint32_t v) { U8(v & 0xff); U8(v >> 8); }
    void Varint(uint64_t v) {
        while (v >= 0x80) { U8((uint32_t)(v & 0x7f) | 0x80); v >>= 7; }
        U8((uint32_t)v);
    }
    void ZigZag(int32_t v) { Varint(v >= 0 ? (uint64_t)v * 2 : (uint64_t)(-(int64_t)v) * 2 - 1); }
    void Header(uint32_t width, uint32_t height, uint32_t scale, uint32_t countries) {
        const char magic[8] = {'L', 'S', 'M', 'A', 'P', '2', 0, 0};
        Bytes.insert(Bytes.end(), magic, magic + 8);
        U16(width); U16(height); U16(scale); U16(countries);
    }
    void Ring(const std::vector<std::pair<int, int>>& points) {
        Varint(points.size());
        Varint(points.size() * 2);   // one literal run
        int x = 0, y = 0;
        for (const auto& p : points) { ZigZag(p.first - x); ZigZag(p.second - y); x = p.first; y = p.second; }
    }
    void Country(const char* code, const std::string& name) {
        U8(code[0]); U8(code[0] ? code[1] : 0);
        U8((uint32_t)name.size());
        Bytes.insert(Bytes.end(), name.begin(), name.end());
    }
};

// A 100 x 50 px map (scale 4) with a square country "AA" holding a square hole, a concave "BB"
// shaped like a U, and an uncoded island. Coordinates in quantisation units (1/4 px).
std::vector<uint8_t> TinyMap() {
    MapWriter w;
    w.Header(100, 50, 4, 3);
    w.Ring({{0, 0}, {400, 0}, {400, 200}, {0, 200}});
    w.Country("AA", "Squareland");
    w.Varint(2);
    w.Ring({{40, 40}, {160, 40}, {160, 160}, {40, 160}});       // exterior: clockwise on screen
    w.Ring({{80, 80}, {80, 120}, {120, 120}, {120, 80}});       // hole: the other way
    w.Country("BB", "U-land");
    w.Varint(1);
    w.Ring({{200, 40}, {240, 40}, {240, 120}, {280, 120}, {280, 40}, {320, 40}, {320, 160}, {200, 160}});
    w.Country("\0", "Nameless Isle");
    w.Varint(1);
    w.Ring({{340, 20}, {380, 20}, {360, 60}});
    return w.Bytes;
}

double TrianglesArea(const std::vector<ls::Vec2f>& points, const std::vector<uint32_t>& triangles) {
    double area = 0.0;
    for (size_t i = 0; i + 2 < triangles.size(); i += 3) {
        const ls::Vec2f tri[3] = {points[triangles[i]], points[triangles[i + 1]], points[triangles[i + 2]]};
        area += std::fabs(ls::RingSignedArea(tri, 3));
    }
    return area;
}

} // namespace

TEST_CASE("A hand-made world map loads with its countries, holes and triangles") {
    const std::vector<uint8_t> bytes = TinyMap();
    ls::WorldMap map;
    std::string error;
    REQUIRE_MESSAGE(ls::ParseWorldMap(bytes.data(), bytes.size(), &map, &error), error);
    CHECK(map.Width == 100.0f);
    CHECK(map.Height == 50.0f);
    CHECK(map.Outline.size() == 4);
    REQUIRE(map.Countries.size() == 3);

    const ls::CountryShape& square = map.Countries[0];
    CHECK(std::string(square.Code) == "AA");
    CHECK(square.Name == "Squareland");
    CHECK(square.RingCount() == 2);
    CHECK(square.RingIsHole[0] == 0);
    CHECK(square.RingIsHole[1] == 1);
    CHECK(square.Bounds.Min.x == 10.0f);
    CHECK(square.Bounds.Max.y == 40.0f);
    // 30 x 30 px with a 10 x 10 hole: 8 triangles (4 + 4 + 2 bridge vertices - 2) over 800 px^2.
    CHECK(square.Triangles.size() == 8 * 3);
    CHECK(TrianglesArea(square.Points, square.Triangles) == doctest::Approx(800.0));

    CHECK(std::string(map.Countries[1].Code) == "BB");
    CHECK(map.Countries[1].Triangles.size() == 6 * 3);
    CHECK(TrianglesArea(map.Countries[1].Points, map.Countries[1].Triangles) == doctest::Approx(30.0 * 30.0 - 10.0 * 20.0));
    CHECK(std::string(map.Countries[2].Code).empty());
    CHECK(map.Countries[2].Name == "Nameless Isle");
}

TEST_CASE("Hit-testing a world map finds the country under a point, leaving holes and gaps empty") {
    const std::vector<uint8_t> bytes = TinyMap();
    ls::WorldMap map;
    std::string error;
    REQUIRE_MESSAGE(ls::ParseWorldMap(bytes.data(), bytes.size(), &map, &error), error);
    CHECK(ls::HitTestCountry(map, {12.0f, 12.0f}) == 0);
    CHECK(ls::HitTestCountry(map, {25.0f, 25.0f}) == -1);   // in the hole
    CHECK(ls::HitTestCountry(map, {52.0f, 35.0f}) == 1);    // the U's bottom
    CHECK(ls::HitTestCountry(map, {65.0f, 20.0f}) == -1);   // inside the U's notch
    CHECK(ls::HitTestCountry(map, {77.0f, 20.0f}) == 1);    // the U's right arm
    CHECK(ls::HitTestCountry(map, {90.0f, 8.0f}) == 2);
    CHECK(ls::HitTestCountry(map, {1.0f, 45.0f}) == -1);
    CHECK(ls::HitTestCountry(map, {-5.0f, -5.0f}) == -1);

    CHECK(ls::FindCountry(map, "BB") == 1);
    CHECK(ls::FindCountry(map, "bb") == 1);
    CHECK(ls::FindCountry(map, "CC") == -1);
    CHECK(ls::FindCountry(map, "") == -1);
    CHECK(ls::FindCountry(map, "BBB") == -1);
    CHECK(ls::FindCountry(map, nullptr) == -1);
}

TEST_CASE("Ear-clipping a map ring gives count - 2 triangles covering it, in either winding") {
    // A comb: concave, with collinear runs along its base.
    std::vector<ls::Vec2f> comb = {{0, 0}, {1, 0}, {1, 3}, {2, 3}, {2, 0}, {3, 0}, {3, 3}, {4, 3}, {4, 0}, {5, 0}, {5, 4}, {2.5f, 4}, {0, 4}};
    SUBCASE("as given") {}
    SUBCASE("reversed") { std::reverse(comb.begin(), comb.end()); }
    const std::vector<uint32_t> triangles = ls::TriangulateRing(comb.data(), comb.size());
    CHECK(triangles.size() == (comb.size() - 2) * 3);
    CHECK(TrianglesArea(comb, triangles) == doctest::Approx(std::fabs(ls::RingSignedArea(comb.data(), comb.size()))));
    for (uint32_t i : triangles) CHECK(i < comb.size());
}

TEST_CASE("Ear-clipping degenerate map rings ends with a fan instead of looping") {
    SUBCASE("all points on a line") {
        const std::vector<ls::Vec2f> line = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {1.5f, 1.5f}};
        CHECK(ls::TriangulateRing(line.data(), line.size()).size() == 3 * 3);
    }
    SUBCASE("one point repeated") {
        const std::vector<ls::Vec2f> same(6, ls::Vec2f{7, 7});
        CHECK(ls::TriangulateRing(same.data(), same.size()).size() == 4 * 3);
    }
    SUBCASE("a bow tie that crosses itself") {
        const std::vector<ls::Vec2f> bow = {{0, 0}, {2, 2}, {2, 0}, {0, 2}, {-1, 1}};
        CHECK(ls::TriangulateRing(bow.data(), bow.size()).size() == 3 * 3);
    }
    SUBCASE("too few points") {
        const std::vector<ls::Vec2f> two = {{0, 0}, {1, 1}};
        CHECK(ls::TriangulateRing(two.data(), two.size()).empty());
        CHECK(ls::TriangulateRing(nullptr, 5).empty());
    }
}

TEST_CASE("Malformed hand-made world maps fail with a located message") {
    std::vector<uint8_t> bytes = TinyMap();
    std::string expected;
    SUBCASE("empty") { bytes.clear(); expected = "byte 0: file ends inside the magic"; }
    SUBCASE("wrong magic") { bytes[5] = '1'; expected = "magic"; }
    SUBCASE("zero scale") { bytes[12] = 0; bytes[13] = 0; expected = "scale must be positive"; }
    SUBCASE("country count past the data") { bytes[14] = 0xff; bytes[15] = 0xff; expected = "65535 countries cannot fit"; }
    SUBCASE("trailing byte") { bytes.push_back(0); expected = "1 bytes after the last country"; }
    SUBCASE("lower-case code") { bytes[std::search(bytes.begin(), bytes.end(), "AA", "AA" + 2) - bytes.begin()] = 'a'; expected = "country 0: code is neither"; }
    SUBCASE("huge and overlong counts") {
        MapWriter w;
        w.Header(100, 50, 4, 1);
        SUBCASE("outline point count") { w.Varint(0xffffffffu); expected = "the outline: 4294967295 points"; }
        SUBCASE("varint wider than 32 bits") { w.Varint(0x1ffffffffull); expected = "does not fit 32 bits"; }
        SUBCASE("varint longer than 5 bytes") { for (int i = 0; i < 6; i++) w.U8(0x80); w.U8(0); expected = "longer than 5 bytes"; }
        SUBCASE("ring count") {
            w.Ring({{0, 0}, {4, 0}, {4, 4}});
            w.Country("AA", "A");
            w.Varint(1000000);
            for (int i = 0; i < 20; i++) w.U8(0);
            expected = "country 0 (AA): 1000000 rings cannot fit";
        }
        SUBCASE("point outside the box") { w.Ring({{0, 0}, {401, 0}, {4, 4}}); expected = "the outline: point 1 (401, 0) lies outside"; }
        SUBCASE("negative point") { w.Ring({{0, 0}, {-1, 0}, {4, 4}}); expected = "lies outside"; }
        SUBCASE("ring of two points") { w.Ring({{0, 0}, {4, 4}}); expected = "2 points, a ring needs at least 3"; }
        bytes = w.Bytes;
    }
    ls::WorldMap map;
    std::string error;
    CHECK_FALSE(ls::ParseWorldMap(bytes.data(), bytes.size(), &map, &error));
    INFO(error);
    CHECK(error.find(expected) != std::string::npos);
    CHECK(error.rfind("world map: byte ", 0) == 0);
}

TEST_CASE("A ring copies runs of earlier rings' points, forwards and backwards; a copy past them fails") {
    // Outline, then "AA" (a square) and "BB" sharing AA's right edge, written as copies of it.
    MapWriter w;
    w.Header(100, 50, 4, 2);
    w.Ring({{0, 0}, {400, 0}, {400, 200}, {0, 200}});                 // points 0..3
    w.Country("AA", "A");
    w.Varint(1);
    w.Ring({{40, 40}, {160, 40}, {160, 160}, {40, 160}});             // points 4..7
    w.Country("BB", "B");
    w.Varint(1);
    w.Varint(4);                        // BB: 160,40 -> 240,40 -> 240,160 -> 160,160 (clockwise)
    std::vector<uint8_t> head = w.Bytes;
    SUBCASE("backwards copy then literals") {
        // AA's right edge walked backwards: (160,160) is point 6, (160,40) point 5: start at 6.
        w.Varint(2 * 4 + 2 + 1); w.Varint(8 - 6);   // 2 points, backwards, from 2 before the end
        w.Varint(2 * 2); w.ZigZag(240 - 160); w.ZigZag(40 - 40); w.ZigZag(0); w.ZigZag(120);
        ls::WorldMap map;
        std::string error;
        REQUIRE_MESSAGE(ls::ParseWorldMap(w.Bytes.data(), w.Bytes.size(), &map, &error), error);
        const std::vector<ls::Vec2f>& p = map.Countries[1].Points;
        REQUIRE(p.size() == 4);
        CHECK(p[0].x == 40.0f); CHECK(p[0].y == 40.0f);   // 160,160 quantised = 40,40 px
        CHECK(p[1].x == 40.0f); CHECK(p[1].y == 10.0f);
        CHECK(p[2].x == 60.0f); CHECK(p[2].y == 10.0f);   // deltas continue from the copy's last point
        CHECK(p[3].x == 60.0f); CHECK(p[3].y == 40.0f);
    }
    SUBCASE("forwards copy") {
        w.Bytes = head;
        w.Varint(4 * 4 + 1); w.Varint(4);            // AA's 4 points again, forwards
        ls::WorldMap map;
        std::string error;
        REQUIRE_MESSAGE(ls::ParseWorldMap(w.Bytes.data(), w.Bytes.size(), &map, &error), error);
        CHECK(map.Countries[1].Points.size() == 4);
        CHECK(map.Countries[1].Points[2].x == 40.0f);
    }
    SUBCASE("copies that reach outside the earlier points, or overrun the ring") {
        std::string expected;
        w.Bytes = head;
        SUBCASE("back past the start") { w.Varint(2 * 4 + 1); w.Varint(9); expected = "reaches outside the 8 points before it"; }
        SUBCASE("forwards past the end") { w.Varint(3 * 4 + 1); w.Varint(2); expected = "reaches outside"; }
        SUBCASE("backwards past the start") { w.Varint(3 * 4 + 2 + 1); w.Varint(8); expected = "reaches outside"; }
        SUBCASE("back of zero") { w.Varint(2 * 4 + 1); w.Varint(0); expected = "reaches outside"; }
        SUBCASE("a run longer than the ring") { w.Varint(5 * 4 + 1); w.Varint(8); expected = "a run of 5 points at point 0 of 4"; }
        SUBCASE("an empty run") { w.Varint(0); expected = "a run of 0 points"; }
        for (int i = 0; i < 4; i++) w.U8(0);   // bytes enough that the ring's size checks pass
        ls::WorldMap map;
        std::string error;
        CHECK_FALSE(ls::ParseWorldMap(w.Bytes.data(), w.Bytes.size(), &map, &error));
        INFO(error);
        CHECK(error.find("country 1 (BB) ring 0") != std::string::npos);
        CHECK(error.find(expected) != std::string::npos);
    }
}

// [SECTION] The real map, when build-map.mjs has made it.

TEST_CASE("The Natural Earth world map has every country a person would look for") {
    const std::vector<uint8_t> bytes = ReadFile(RealMapPath);
    if (bytes.empty()) {
        MESSAGE("skipped: " << RealMapPath << " is missing (node web/tools/build-map.mjs build/map/world.lsmap)");
        return;
    }
    ls::WorldMap map;
    std::string error;
    REQUIRE_MESSAGE(ls::ParseWorldMap(bytes.data(), bytes.size(), &map, &error), error);
    CHECK(map.Width == 1000.0f);
    CHECK(map.Height == doctest::Approx(487.0f).epsilon(0.01));
    REQUIRE(map.Outline.size() >= 20);
    // The ocean is one convex shape, so a convex fill can draw it.
    for (size_t i = 0; i < map.Outline.size(); i++) {
        const ls::Vec2f turn[3] = {map.Outline[i], map.Outline[(i + 1) % map.Outline.size()], map.Outline[(i + 2) % map.Outline.size()]};
        CHECK(ls::RingSignedArea(turn, 3) > 0.0);
    }
    CHECK(map.Countries.size() >= 170);
    for (const char* code : {"US", "CN", "IN", "BR", "RU", "DE", "JP", "KR", "TW", "EG", "ZA", "AU", "XK", "LS", "FJ", "AQ"}) {
        INFO("code " << code);
        const int i = ls::FindCountry(map, code);
        REQUIRE(i >= 0);
        CHECK(!map.Countries[i].Name.empty());
        CHECK(!map.Countries[i].Triangles.empty());
    }
    CHECK(map.Countries[ls::FindCountry(map, "DE")].Name == "Germany");
    CHECK(map.Countries[ls::FindCountry(map, "CI")].Name == "C\xc3\xb4te d'Ivoire");
    // Every country lies inside the box, and the box is the ocean's.
    for (const ls::CountryShape& c : map.Countries) {
        INFO(c.Name);
        CHECK(c.Bounds.Min.x >= 0.0f);
        CHECK(c.Bounds.Max.x <= map.Width);
        CHECK(c.Bounds.Max.y <= map.Height);
    }
    // The United States reach from Alaska to Maine, the west half of the map (no flipped axes).
    const ls::CountryShape& us = map.Countries[ls::FindCountry(map, "US")];
    CHECK(us.Bounds.Max.x < map.Width * 0.5f);
    CHECK(us.Bounds.Max.x - us.Bounds.Min.x > map.Width * 0.2f);
    CHECK(map.Countries[ls::FindCountry(map, "AU")].Bounds.Min.y > map.Height * 0.5f);
}

TEST_CASE("Known places on the Natural Earth world map hit-test to their countries") {
    const std::vector<uint8_t> bytes = ReadFile(RealMapPath);
    const std::vector<uint8_t> json_bytes = ReadFile(RealTestPointsPath);
    if (bytes.empty() || json_bytes.empty()) {
        MESSAGE("skipped: " << RealMapPath << " or its testpoints.json is missing");
        return;
    }
    ls::WorldMap map;
    std::string error;
    REQUIRE_MESSAGE(ls::ParseWorldMap(bytes.data(), bytes.size(), &map, &error), error);
    const nlohmann::json places = nlohmann::json::parse(json_bytes.begin(), json_bytes.end(), nullptr, false);
    REQUIRE(!places.is_discarded());
    REQUIRE(places.contains("points"));
    REQUIRE(places["points"].size() >= 10);
    for (const nlohmann::json& place : places["points"]) {
        const std::string name = place.value("name", "");
        const std::string code = place.value("code", "");
        const ls::Vec2f point = {place.value("x", -1.0f), place.value("y", -1.0f)};
        const int hit = ls::HitTestCountry(map, point);
        INFO(name << " at (" << point.x << ", " << point.y << ") should be " << (code.empty() ? "the sea" : code)
                  << ", is " << (hit < 0 ? "the sea" : map.Countries[hit].Name));
        CHECK(hit == (code.empty() ? -1 : ls::FindCountry(map, code.c_str())));
    }
}

TEST_CASE("Every ring of the Natural Earth world map triangulates into count - 2 triangles covering its area") {
    const std::vector<uint8_t> bytes = ReadFile(RealMapPath);
    if (bytes.empty()) {
        MESSAGE("skipped: " << RealMapPath << " is missing");
        return;
    }
    ls::WorldMap map;
    std::string error;
    REQUIRE_MESSAGE(ls::ParseWorldMap(bytes.data(), bytes.size(), &map, &error), error);

    int rings = 0, holes = 0;
    auto check_ring = [&](const std::string& what, const ls::Vec2f* points, size_t count) {
        INFO(what << ", " << count << " points");
        const std::vector<uint32_t> triangles = ls::TriangulateRing(points, count);
        CHECK(triangles.size() == (count - 2) * 3);
        std::vector<ls::Vec2f> copy(points, points + count);
        const double area = std::fabs(ls::RingSignedArea(points, count));
        CHECK(TrianglesArea(copy, triangles) == doctest::Approx(area).epsilon(0.01));
    };
    check_ring("outline", map.Outline.data(), map.Outline.size());
    for (const ls::CountryShape& c : map.Countries) {
        double expected = 0.0;
        size_t expected_triangles = 0;
        for (int r = 0; r < c.RingCount(); r++) {
            const size_t count = c.RingEnd(r) - c.RingStarts[r];
            check_ring(c.Name + " ring " + std::to_string(r), &c.Points[c.RingStarts[r]], count);
            const double area = std::fabs(ls::RingSignedArea(&c.Points[c.RingStarts[r]], count));
            expected += c.RingIsHole[r] ? -area : area;
            expected_triangles += c.RingIsHole[r] ? count + 2 : count - 2;   // a bridged hole adds its points and 2
            rings++;
            holes += c.RingIsHole[r];
        }
        INFO(c.Name << " as loaded, holes cut out");
        CHECK(c.Triangles.size() == expected_triangles * 3);
        CHECK(TrianglesArea(c.Points, c.Triangles) == doctest::Approx(expected).epsilon(0.01));
    }
    MESSAGE(rings << " rings (" << holes << " holes) in " << map.Countries.size() << " countries");
    // South Africa's fill leaves Lesotho open.
    const ls::CountryShape& za = map.Countries[ls::FindCountry(map, "ZA")];
    CHECK(std::count(za.RingIsHole.begin(), za.RingIsHole.end(), 1) == 1);
}

TEST_CASE("A damaged Natural Earth world map fails cleanly, wherever it is cut or flipped") {
    const std::vector<uint8_t> original = ReadFile(RealMapPath);
    if (original.empty()) {
        MESSAGE("skipped: " << RealMapPath << " is missing");
        return;
    }
    ls::WorldMap map;
    std::string error;
    // Cut at every byte of the first 2 KB, then every 61st byte to the end.
    for (size_t size = 0; size < original.size(); size += size < 2048 ? 1 : 61) {
        std::vector<uint8_t> cut(original.begin(), original.begin() + size); // own buffer: ASan sees overreads
        error.clear();
        const bool ok = ls::ParseWorldMap(cut.data(), cut.size(), &map, &error);
        if (ok || error.empty()) {
            FAIL_CHECK("a map cut at byte " << size << " loaded");
            break;
        }
    }
    // Flipped bytes may still make a valid map; either way the loader returns without crashing.
    uint32_t seed = 12345;
    int failed = 0;
    for (int round = 0; round < 300; round++) {
        std::vector<uint8_t> flipped = original;
        for (int k = 0; k < 4; k++) {
            seed = seed * 1664525u + 1013904223u;
            const size_t at = (seed >> 8) % flipped.size();
            seed = seed * 1664525u + 1013904223u;
            flipped[at] ^= (uint8_t)(1u << ((seed >> 24) % 8));
        }
        error.clear();
        if (!ls::ParseWorldMap(flipped.data(), flipped.size(), &map, &error)) {
            failed++;
            CHECK(!error.empty());
        }
    }
    MESSAGE(failed << " of 300 damaged maps were rejected");
}
