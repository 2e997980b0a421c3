// Label placement along one axis (see label_placement.h).
//
// The placement minimises the sum of squared moves subject to order, spacing and bounds. With
// the order fixed, that is an isotonic regression on the labels' "start if alone" values, which
// pool-adjacent-violators solves in one pass: each label starts as a cluster of its own; while a
// cluster overlaps the one before it, the two merge into one whose start is the mean of its
// members' wanted starts (each member's wanted position minus its offset inside the cluster),
// clamped to the bounds. A dozen labels make this trivially cheap, so leaving labels out simply
// re-solves from scratch.
#include "core/label_placement.h"
#include "core/stable_sort.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ls
{

namespace
{

struct Cluster
{
    double Start = 0.0;     // of the first member's extent
    double Length = 0.0;    // members' sizes and the gaps between them
    double Sum = 0.0;       // of each member's wanted start (wanted centre - offset from the cluster's start)
    int Count = 0;
    int First = 0;          // into the sorted order
};

float Finite(float v) { return std::isfinite(v) ? v : 0.0f; }
float SizeOf(const LabelSpan& s) { return std::isfinite(s.Size) && s.Size > 0.0f ? s.Size : 0.0f; }

// Places the labels of `order` (indices sorted by wanted position); writes centres into *pos
// (by label index) and each sorted member's cluster's first sorted position into *cluster_first.
void Solve(const std::vector<LabelSpan>& labels, const std::vector<int>& order, double lo, double hi, double gap,
           std::vector<float>* pos, std::vector<int>* cluster_first)
{
    std::vector<Cluster> stack;
    auto clamp_start = [&](Cluster& c) { c.Start = std::max(lo, std::min(c.Sum / c.Count, hi - c.Length)); };
    for (int k = 0; k < (int)order.size(); k++)
    {
        const LabelSpan& s = labels[order[k]];
        Cluster c;
        c.Length = SizeOf(s);
        c.Sum = Finite(s.Want) - c.Length / 2.0;
        c.Count = 1;
        c.First = k;
        clamp_start(c);
        stack.push_back(c);
        while (stack.size() >= 2)
        {
            Cluster& a = stack[stack.size() - 2];
            const Cluster& b = stack.back();
            if (a.Start + a.Length + gap <= b.Start + 1e-6)
                break;
            // b's members sit a.Length + gap further from the merged start than from b's own.
            a.Sum += b.Sum - b.Count * (a.Length + gap);
            a.Length += gap + b.Length;
            a.Count += b.Count;
            clamp_start(a);
            stack.pop_back();
        }
    }
    cluster_first->assign(order.size(), 0);
    for (const Cluster& c : stack)
    {
        double at = c.Start;
        for (int k = c.First; k < c.First + c.Count; k++)
        {
            float size = SizeOf(labels[order[k]]);
            (*pos)[order[k]] = (float)(at + size / 2.0);
            (*cluster_first)[k] = c.First;
            at += size + gap;
        }
    }
}

} // namespace

LabelLayout PlaceLabels(const std::vector<LabelSpan>& labels, float lo, float hi, float gap, float max_shift)
{
    const int n = (int)labels.size();
    LabelLayout out;
    out.Pos.resize(n);
    out.Placed.assign(n, true);
    for (int i = 0; i < n; i++)
        out.Pos[i] = labels[i].Want;
    gap = std::isfinite(gap) ? std::max(0.0f, gap) : 0.0f;
    if (!(hi >= lo))   // no room at all (NaN bounds included)
        out.Placed.assign(n, false);

    // Sorted by wanted position; equal positions keep input order (a stable, repeatable layout).
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    // (The shared stable sort of stable_sort.h: a few dozen labels, and no std::stable_sort
    // instance of its own, ~2.8 KB of wasm.)
    StableSortBy(order, [&](int a, int b) { return Finite(labels[a].Want) < Finite(labels[b].Want); });

    // Lower priority first; among equals the later label.
    auto less_kept = [&](int a, int b) { return labels[a].Priority != labels[b].Priority ? labels[a].Priority < labels[b].Priority : a > b; };
    auto drop = [&](int i) { out.Placed[i] = false; order.erase(std::find(order.begin(), order.end(), i)); };

    // Room: every kept size and the gaps between them within [lo, hi].
    for (;;)
    {
        double need = 0.0;
        for (int i : order)
            if (out.Placed[i])
                need += SizeOf(labels[i]);
        int kept = 0;
        for (int i : order)
            kept += out.Placed[i] ? 1 : 0;
        if (kept == 0)
            break;
        need += gap * (kept - 1);
        if (need <= (double)hi - lo + 1e-4)
            break;
        int worst = -1;
        for (int i : order)
            if (out.Placed[i] && (worst < 0 || less_kept(i, worst)))
                worst = i;
        drop(worst);
    }
    order.erase(std::remove_if(order.begin(), order.end(), [&](int i) { return !out.Placed[i]; }), order.end());

    std::vector<int> cluster_first;
    for (;;)
    {
        Solve(labels, order, lo, hi, gap, &out.Pos, &cluster_first);
        if (max_shift < 0.0f || order.empty())
            break;
        // The label moved furthest; past the limit, its cluster gives up its least important member.
        int far = -1;
        float far_by = max_shift;
        for (int k = 0; k < (int)order.size(); k++)
        {
            // Measured from the nearest position inside the bounds: a label wanted outside cannot help moving.
            const LabelSpan& s = labels[order[k]];
            float inside = std::max(lo + SizeOf(s) / 2, std::min(Finite(s.Want), hi - SizeOf(s) / 2));
            float by = std::fabs(out.Pos[order[k]] - inside);
            if (by > far_by + 1e-4f)
                far = k, far_by = by;
        }
        if (far < 0)
            break;
        int worst = -1;
        for (int k = cluster_first[far]; k < (int)order.size() && cluster_first[k] == cluster_first[far]; k++)
            if (worst < 0 || less_kept(order[k], worst))
                worst = order[k];
        drop(worst);
    }
    for (int i = 0; i < n; i++)
        if (!out.Placed[i])
        {
            out.Pos[i] = labels[i].Want;
            out.ToLegend.push_back(i);
        }
    return out;
}

} // namespace ls
