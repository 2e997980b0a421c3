// Labels along one axis without overlap: a chart's direct labels at the ends of its lines
// (placed by y), period labels under columns (by x). Pure arithmetic, no drawing: the views
// measure the text, ask here where each label goes, and draw it there.
//
// Each label wants its centre at `Want` and takes `Size` along the axis. Placed labels keep the
// order of their wanted positions, never overlap (at least `gap` apart), stay inside [lo, hi],
// and move as little as they can: overlapping neighbours form a cluster that is centred on its
// members' wanted positions (least squares), clusters that then touch merge, and a cluster past
// a bound is pushed back inside. When the labels cannot all fit (their sizes and gaps exceed the
// room), or one would have to move further than `max_shift` from where it belongs, the labels of
// lowest priority are left out ("to the legend") until the rest fit.
//
//   std::vector<LabelSpan> spans = { {y_end_a, 14, 3}, {y_end_b, 14, 1}, ... };
//   LabelLayout out = PlaceLabels(spans, plot_top, plot_bottom, 2.0f);
//   for (size_t i = 0; i < spans.size(); i++)
//       if (out.Placed[i]) draw label i centred at out.Pos[i]; else add it to the legend
#pragma once

#include <vector>

namespace ls
{

struct LabelSpan
{
    float Want = 0.0f;      // wanted centre on the axis
    float Size = 0.0f;      // extent along the axis (>= 0)
    int Priority = 0;       // larger = kept longer when not all fit
};

struct LabelLayout
{
    std::vector<float> Pos;          // per label (input order): placed centre (Want when left out)
    std::vector<bool> Placed;        // per label: false = left out, to the legend
    std::vector<int> ToLegend;       // the left-out labels' indices, in input order
};

// Places `labels` inside [lo, hi] at least `gap` apart. max_shift < 0: no limit on how far a
// label may move from its wanted position. Equal priorities: the later label (input order) goes
// first. Never fails: at worst every label goes to the legend (e.g. hi < lo).
LabelLayout PlaceLabels(const std::vector<LabelSpan>& labels, float lo, float hi, float gap = 0.0f, float max_shift = -1.0f);

} // namespace ls
