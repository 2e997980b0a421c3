// libFuzzer target: arbitrary bytes into LoadDataset (and the view-state decoders), checking that
// nothing crashes, nothing throws, and the result keeps its promises; and the same bytes through
// StreamLoader in pieces of sizes drawn from the input, which must give the very same result.
//
//   CC=clang CXX=clang++ cmake -S . -B build/fuzz -DLANDSCAPE_FUZZ=ON && cmake --build build/fuzz --target landscape_fuzz_loader
//   build/fuzz/landscape_fuzz_loader -dict=wasm/cli/fuzz_loader.dict -max_total_time=60 CORPUS_DIR tests/data tests/data/bad
#include "core/loader.h"
#include "core/queries.h"
#include "core/view_models.h"
#include "core/view_state.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace
{

bool SameProblems(const ls::LoadResult& a, const ls::LoadResult& b)
{
    if (a.Ok != b.Ok || a.ErrorCount != b.ErrorCount || a.WarningCount != b.WarningCount || a.Problems.size() != b.Problems.size())
        return false;
    for (size_t i = 0; i < a.Problems.size(); i++)
    {
        const ls::Problem &x = a.Problems[i], &y = b.Problems[i];
        if (x.Pointer != y.Pointer || x.Line != y.Line || x.Column != y.Column || x.Message != y.Message || x.Severity != y.Severity || x.Kind != y.Kind)
            return false;
    }
    return true;
}

// The input in pieces: their sizes cycle through a list taken from the input's own bytes (1 to
// 16, or 1 to 4096 for every fourth), so every input is also split in its own way.
ls::LoadResult LoadInPieces(std::string_view text, ls::Dataset* ds)
{
    size_t sizes[8];
    for (size_t i = 0; i < 8; i++)
    {
        const unsigned char b = text.empty() ? 1 : (unsigned char)text[(i * 7919) % text.size()];
        sizes[i] = i % 4 == 3 ? 1 + (size_t)b * 16 : 1 + (b & 15);
    }
    ls::StreamLoader loader;
    for (size_t at = 0, i = 0; at < text.size(); i++)
    {
        const size_t n = std::min(sizes[i % 8], text.size() - at);
        loader.Feed(text.substr(at, n));
        at += n;
    }
    if (loader.BytesFed() != text.size())
        abort();
    return loader.Finish(ds);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text((const char*)data, size);
    ls::Dataset ds;
    ls::LoadResult r = ls::LoadDataset(text, &ds);

    // Ok exactly when there is no error; the list is capped at MaxProblems + 1 summary.
    if (r.Ok != (r.ErrorCount == 0))
        abort();
    if (r.Problems.size() > ls::LoadOptions().MaxProblems + 1)
        abort();
    for (const ls::Problem& p : r.Problems)
        if (p.Line < 0 || p.Column < 0 || (p.Line == 0) != (p.Column == 0))
            abort();
    if (!r.Ok && ds.ObservationCount() != 0)
        abort(); // all-or-nothing: a failed load leaves the (empty) dataset untouched

    // Pieces change nothing: the same problems, the same rows.
    ls::Dataset pieces;
    ls::LoadResult streamed = LoadInPieces(text, &pieces);
    if (!SameProblems(r, streamed) || pieces.ObservationCount() != ds.ObservationCount())
        abort();
    for (size_t row = 0; row < ds.ObservationCount(); row++)
        if (pieces.Observations.Values[row] != ds.Observations.Values[row] || pieces.Observations.Entities[row] != ds.Observations.Entities[row])
            abort();

    if (r.Ok)
    {
        // The index must cover every row once, and queries must stay in bounds.
        if (ds.Index.SortedRows.size() != ds.ObservationCount())
            abort();
        ls::ViewState state;
        ls::ResolvedView view = ls::ResolveViewState(ds, &state);
        if (view.Metric >= 0)
        {
            ls::FilterRows(ds, "a", view.Metric);
            ls::MetricPeriods(ds, view.Metric);
            ls::ViewQuery query = ls::ResolveViewQuery(ds, &state);
            for (int v = 0; v < ls::ViewKind_COUNT; v++) // every view model over whatever loaded
            {
                query.View = (ls::ViewKind)v;
                ls::BuildShownTable(ds, query);
            }
        }
    }

    // The same bytes as a URL hash and as view-state JSON.
    ls::ViewState state;
    if (ls::DecodeHash(text, &state))
    {
        ls::ViewState again;
        if (!ls::DecodeHash(ls::EncodeHash(state), &again) || !(again == state))
            abort();
    }
    ls::ViewStateFromJson(text, &state);
    return 0;
}
