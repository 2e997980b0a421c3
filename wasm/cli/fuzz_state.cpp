// libFuzzer target for the state doors: arbitrary bytes as a URL hash and as view-state JSON,
// each resolved against the demo data (data/landscape.json), checking what view_state.h promises:
// nothing crashes; a refused input leaves the state untouched; the problem list is short and
// every entry says something; a resolved state names only ids the data has; and once resolved it
// goes through either door and back unchanged and without a problem.
//
//   cmake --preset fuzz && cmake --build --preset fuzz --target landscape_fuzz_state
//   build/fuzz/landscape_fuzz_state -dict=wasm/cli/fuzz_state.dict -max_total_time=60 CORPUS_DIR
#include "core/loader.h"
#include "core/queries.h"
#include "core/view_state.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

static const ls::Dataset& Data()
{
    static ls::Dataset ds;
    static bool loaded = [] {
        std::ifstream f(LANDSCAPE_SOURCE_DIR "/data/landscape.json", std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        return ls::LoadDataset(ss.str(), &ds).Ok;
    }();
    if (!loaded)
    {
        fprintf(stderr, "fuzz_state: cannot load %s/data/landscape.json\n", LANDSCAPE_SOURCE_DIR);
        abort();
    }
    return ds;
}

static void CheckProblems(const std::vector<ls::StateProblem>& problems)
{
    if (problems.size() > ls::kMaxStateProblems + 1)
        abort();
    for (const ls::StateProblem& p : problems)
        if (p.Message.empty() || p.Key.size() > ls::kMaxProblemValueBytes + 3 || p.Value.size() > ls::kMaxProblemValueBytes + 3 ||
            p.Message.size() > 2 * ls::kMaxProblemValueBytes + 200)
            abort();
}

static void CheckResolved(const ls::Dataset& ds, const ls::ViewState& s)
{
    int metric = ds.FindMetric(s.Metric);
    if (metric < 0)
        abort();
    for (const std::string& id : s.Entities)
        if (ds.FindEntity(id) < 0)
            abort();
    for (const std::string& id : s.Regions)
        if (ds.FindRegion(id) < 0)
            abort();
    if (!s.Period.empty())
    {
        ls::Period p;
        std::vector<ls::Period> periods = ls::MetricPeriods(ds, metric);
        if (!ls::ParsePeriod(s.Period, &p) || !std::binary_search(periods.begin(), periods.end(), p))
            abort();
    }
    // Once resolved: through each door and back, unchanged and without a word.
    std::vector<ls::StateProblem> problems;
    ls::ViewState again;
    if (!ls::DecodeHash(ls::EncodeHash(s), &again, &problems))
        abort();
    ls::ResolveViewState(ds, &again, &problems);
    if (!problems.empty() || again != s)
        abort();
    if (!ls::ViewStateFromJson(ls::ViewStateToJson(s), &again, &problems))
        abort();
    ls::ResolveViewState(ds, &again, &problems);
    if (!problems.empty() || again != s)
        abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const ls::Dataset& ds = Data();
    std::string_view text((const char*)data, size);
    for (int door = 0; door < 2; door++)
    {
        ls::ViewState sentinel;
        sentinel.View = ls::ViewKind_Sources;
        sentinel.Filter = "sentinel";
        ls::ViewState s = sentinel;
        std::vector<ls::StateProblem> problems;
        bool ok = door == 0 ? ls::DecodeHash(text, &s, &problems) : ls::ViewStateFromJson(text, &s, &problems);
        CheckProblems(problems);
        if (!ok)
        {
            if (s != sentinel)
                abort();
            continue;
        }
        ls::ResolveViewState(ds, &s, &problems);
        CheckProblems(problems);
        CheckResolved(ds, s);
    }
    return 0;
}
