// libFuzzer target: arbitrary bytes into LoadDataset (and the view-state decoders), checking that
// nothing crashes, nothing throws, and the result keeps its promises.
//
//   CC=clang CXX=clang++ cmake -S . -B build/fuzz -DLANDSCAPE_FUZZ=ON && cmake --build build/fuzz --target landscape_fuzz_loader
//   build/fuzz/landscape_fuzz_loader -dict=wasm/cli/fuzz_loader.dict -max_total_time=60 CORPUS_DIR tests/data tests/data/bad
#include "core/loader.h"
#include "core/queries.h"
#include "core/view_models.h"
#include "core/view_state.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

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
