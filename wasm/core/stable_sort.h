// Stable sorting with one copy of the sorting code for every caller.
//
//   StableSortBy(bars, [](const Bar& a, const Bar& b) { return a.Value > b.Value; });
//
// Why: each std::stable_sort with its own lambda is a separate template instance, ~3.5 KB of
// wasm apiece, and the widget sorts in a dozen places (lists of a few hundred items at most).
// Here the comparison is reached through a function pointer and only the index sort is compiled.
// Hot sorts over observations (the table view, the loader's index) keep std::stable_sort/std::sort.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace ls
{

using IndexLess = bool (*)(const void* context, uint32_t a, uint32_t b);

// Sorts the indices in [first, last) stably by less(context, a, b).
void StableSortIndices(uint32_t* first, uint32_t* last, IndexLess less, const void* context);

// Sorts v stably by less(a, b) (a strict weak order, as for std::stable_sort).
template <typename T, typename Less>
void StableSortBy(std::vector<T>& v, const Less& less)
{
    struct Context { const std::vector<T>* Items; const Less* Compare; };
    const Context context{ &v, &less };
    std::vector<uint32_t> order(v.size());
    for (uint32_t i = 0; i < (uint32_t)order.size(); i++)
        order[i] = i;
    StableSortIndices(order.data(), order.data() + order.size(), [](const void* c, uint32_t a, uint32_t b) {
        const Context& ctx = *static_cast<const Context*>(c);
        return (*ctx.Compare)((*ctx.Items)[a], (*ctx.Items)[b]);
    }, &context);
    std::vector<T> sorted;
    sorted.reserve(v.size());
    for (uint32_t i : order)
        sorted.push_back(std::move(v[i]));
    v.swap(sorted);
}

} // namespace ls
