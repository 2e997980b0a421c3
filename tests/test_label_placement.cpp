// Label placement along one axis (core/label_placement.h): no overlaps, inside the bounds, order
// kept, the least movement, and the labels that do not fit left out by priority.
#include "core/label_placement.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace ls;

// Every property a placement must have, whatever the input.
static void CheckValid(const std::vector<LabelSpan>& in, const LabelLayout& out, float lo, float hi, float gap)
{
    REQUIRE(out.Pos.size() == in.size());
    REQUIRE(out.Placed.size() == in.size());
    std::vector<int> placed;
    for (int i = 0; i < (int)in.size(); i++)
    {
        if (!out.Placed[i])
            continue;
        placed.push_back(i);
        CHECK(out.Pos[i] - in[i].Size / 2 >= lo - 1e-3f);
        CHECK(out.Pos[i] + in[i].Size / 2 <= hi + 1e-3f);
    }
    // Sorted by wanted position, placed labels keep that order and their spacing.
    std::stable_sort(placed.begin(), placed.end(), [&](int a, int b) { return in[a].Want < in[b].Want; });
    for (size_t k = 1; k < placed.size(); k++)
    {
        int a = placed[k - 1], b = placed[k];
        CHECK(out.Pos[a] <= out.Pos[b] + 1e-3f);
        CHECK(out.Pos[a] + in[a].Size / 2 + gap <= out.Pos[b] - in[b].Size / 2 + 1e-3f);
    }
    // ToLegend lists exactly the labels left out, in input order.
    std::vector<int> left;
    for (int i = 0; i < (int)in.size(); i++)
        if (!out.Placed[i])
            left.push_back(i);
    CHECK(out.ToLegend == left);
}

TEST_CASE("label placement: labels with room stay where they want to be")
{
    std::vector<LabelSpan> in = { { 50, 10, 0 }, { 10, 10, 0 }, { 90, 10, 0 } };
    LabelLayout out = PlaceLabels(in, 0, 100, 2);
    CheckValid(in, out, 0, 100, 2);
    CHECK(out.Pos[0] == doctest::Approx(50));
    CHECK(out.Pos[1] == doctest::Approx(10));
    CHECK(out.Pos[2] == doctest::Approx(90));
    CHECK(out.ToLegend.empty());
}

TEST_CASE("label placement: two overlapping labels move apart symmetrically, the least they can")
{
    std::vector<LabelSpan> in = { { 50, 10, 0 }, { 52, 10, 0 } };
    LabelLayout out = PlaceLabels(in, 0, 100, 0);
    CheckValid(in, out, 0, 100, 0);
    // Centred on their mean (51): 46 and 56, each moved 4 (any other split moves one more).
    CHECK(out.Pos[0] == doctest::Approx(46));
    CHECK(out.Pos[1] == doctest::Approx(56));
}

TEST_CASE("label placement: three labels at one point form a centred stack; a fourth far away stays put")
{
    std::vector<LabelSpan> in = { { 40, 10, 0 }, { 40, 10, 0 }, { 40, 10, 0 }, { 90, 10, 0 } };
    LabelLayout out = PlaceLabels(in, 0, 100, 2);
    CheckValid(in, out, 0, 100, 2);
    CHECK(out.Pos[0] == doctest::Approx(28));   // equal wants keep input order
    CHECK(out.Pos[1] == doctest::Approx(40));
    CHECK(out.Pos[2] == doctest::Approx(52));
    CHECK(out.Pos[3] == doctest::Approx(90));
}

TEST_CASE("label placement: a stack that would cross a bound is pushed back inside, and a pushed stack can merge with the next")
{
    std::vector<LabelSpan> in = { { 2, 10, 0 }, { 4, 10, 0 } };
    LabelLayout out = PlaceLabels(in, 0, 100, 0);
    CheckValid(in, out, 0, 100, 0);
    CHECK(out.Pos[0] == doctest::Approx(5));
    CHECK(out.Pos[1] == doctest::Approx(15));

    // At the top bound: 98 and 99 sit at 85 and 95; the label wanted at 86 is then pushed under them.
    std::vector<LabelSpan> top = { { 86, 10, 0 }, { 98, 10, 0 }, { 99, 10, 0 } };
    LabelLayout t = PlaceLabels(top, 0, 100, 0);
    CheckValid(top, t, 0, 100, 0);
    CHECK(t.Pos[2] == doctest::Approx(95));
    CHECK(t.Pos[1] == doctest::Approx(85));
    CHECK(t.Pos[0] == doctest::Approx(75));
}

TEST_CASE("label placement: labels of different sizes keep their own extents")
{
    std::vector<LabelSpan> in = { { 50, 20, 0 }, { 50, 4, 0 } };
    LabelLayout out = PlaceLabels(in, 0, 100, 0);
    CheckValid(in, out, 0, 100, 0);
    // Offsets 10 and 22 from the stack's start; the start minimising the squared moves is 34.
    CHECK(out.Pos[0] == doctest::Approx(44));
    CHECK(out.Pos[1] == doctest::Approx(56));
}

TEST_CASE("label placement: when not all fit, the lowest priorities go to the legend")
{
    // Room for 3 of 5 labels of 10 (with gaps of 2: 34 > 30, so two go).
    std::vector<LabelSpan> in = { { 5, 10, 3 }, { 10, 10, 1 }, { 15, 10, 5 }, { 20, 10, 0 }, { 25, 10, 4 } };
    LabelLayout out = PlaceLabels(in, 0, 34, 2);
    CheckValid(in, out, 0, 34, 2);
    CHECK(out.ToLegend == std::vector<int>{ 1, 3 });

    // Equal priorities: the later labels go first.
    std::vector<LabelSpan> same = { { 5, 10, 0 }, { 6, 10, 0 }, { 7, 10, 0 } };
    LabelLayout s = PlaceLabels(same, 0, 21, 0);
    CheckValid(same, s, 0, 21, 0);
    CHECK(s.ToLegend == std::vector<int>{ 2 });
}

TEST_CASE("label placement: a label that would move past max_shift gives way, the least important of its stack first")
{
    std::vector<LabelSpan> in = { { 50, 10, 2 }, { 50, 10, 1 }, { 50, 10, 3 }, { 90, 10, 0 } };
    LabelLayout out = PlaceLabels(in, 0, 100, 0, 6.0f);
    CheckValid(in, out, 0, 100, 0);
    // Three at 50 move 10 at the ends; two move 5 each. The lowest priority of the stack goes,
    // not the far label of priority 0, which is where it wants to be.
    CHECK(out.ToLegend == std::vector<int>{ 1 });
    CHECK(out.Pos[0] == doctest::Approx(45));
    CHECK(out.Pos[2] == doctest::Approx(55));
    CHECK(out.Pos[3] == doctest::Approx(90));
}

TEST_CASE("label placement: no room at all leaves everything to the legend; bad numbers do not break it")
{
    std::vector<LabelSpan> in = { { 5, 10, 0 }, { 6, 10, 0 } };
    CHECK(PlaceLabels(in, 0, 5, 0).ToLegend == std::vector<int>{ 0, 1 });
    CHECK(PlaceLabels(in, 10, 0, 0).ToLegend == std::vector<int>{ 0, 1 });
    CHECK(PlaceLabels({}, 0, 10, 0).ToLegend.empty());

    std::vector<LabelSpan> odd = { { NAN, 10, 0 }, { 20, -3, 0 }, { INFINITY, 10, 0 } };
    LabelLayout out = PlaceLabels(odd, 0, 100, 1);
    for (float p : out.Pos)
        CHECK(std::isfinite(p));
    CHECK(out.ToLegend.empty());
}

TEST_CASE("label placement: random inputs always give a valid placement")
{
    std::mt19937 rng(12);
    std::uniform_real_distribution<float> pos(-20, 220), size(2, 30);
    std::uniform_int_distribution<int> count(0, 14), prio(0, 5);
    for (int round = 0; round < 2000; round++)
    {
        std::vector<LabelSpan> in(count(rng));
        for (LabelSpan& s : in)
            s = { pos(rng), size(rng), prio(rng) };
        float gap = (float)(round % 3);
        float shift = round % 2 ? 25.0f : -1.0f;
        LabelLayout out = PlaceLabels(in, 0, 200, gap, shift);
        CheckValid(in, out, 0, 200, gap);
        if (shift > 0)   // measured from the nearest position inside the bounds
            for (size_t i = 0; i < in.size(); i++)
                if (out.Placed[i])
                    CHECK(std::fabs(out.Pos[i] - std::clamp(in[i].Want, in[i].Size / 2, 200 - in[i].Size / 2)) <= shift + 1e-3f);
        double need = 0;
        int kept = 0;
        for (size_t i = 0; i < in.size(); i++)
            if (out.Placed[i])
                need += in[i].Size, kept++;
        CHECK(need + gap * std::max(0, kept - 1) <= 200 + 1e-3);
    }
}
