// landscape_bench_core: is loading a landscape file (parse + validate + index) at least as fast as
// nlohmann::json::parse of the same text into a DOM, which validates and indexes nothing? And how
// many resident bytes does an observation cost at a million of them?
//
//   landscape_bench_core [N] [--resident N] [--json FILE]
//     N            observations in the timed files (default 200000), object form and compact form
//     --resident N observations for the memory measurement (default 1000000; 0 skips it)
//     --json FILE  also write the results as one JSON object
//
// Output: one "name<TAB>value" line per result. Times are the median of 5 runs, alternating the
// two contenders in the same process so both see the same machine state.
#include "core/loader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace
{

constexpr int kEntities = 60, kMetrics = 20, kRegions = 25, kSources = 50;

struct Lcg
{
    uint64_t State = 0x9E3779B97F4A7C15ull;
    uint32_t Next()
    {
        State = State * 6364136223846793005ull + 1442695040888963407ull;
        return (uint32_t)(State >> 33);
    }
};

// A valid landscape/1 file with n observations, listed the way an exporter would: entity by
// entity, then metric, region and quarter.
std::string GenerateFile(size_t n, bool compact)
{
    std::string s;
    s.reserve(n * (compact ? 80 : 150) + 100000);
    char buf[512];
    s += "{\n\"format\": \"landscape/1\",\n\"title\": \"Synthetic benchmark landscape\",\n\"regions\": [\n";
    for (int r = 0; r < kRegions; r++)
    {
        snprintf(buf, sizeof(buf), "%s{\"id\": \"region-%d\", \"name\": \"Region %d\", \"countries\": [\"US\", \"CA\"]}\n", r ? "," : "", r, r);
        s += buf;
    }
    s += "],\n\"entities\": [\n";
    for (int e = 0; e < kEntities; e++)
    {
        snprintf(buf, sizeof(buf), "%s{\"id\": \"entity-%d\", \"name\": \"Entity %d\", \"hq_country\": \"%s\", \"color\": \"#%06x\"}\n", e ? "," : "", e, e,
                 e % 3 ? "US" : "CN", e * 2654435u & 0xFFFFFF);
        s += buf;
    }
    s += "],\n\"metrics\": [\n";
    for (int m = 0; m < kMetrics; m++)
    {
        snprintf(buf, sizeof(buf), "%s{\"id\": \"metric-%d\", \"name\": \"Metric %d\", \"unit\": \"million\", \"aggregate\": \"%s\"}\n", m ? "," : "", m, m,
                 m % 2 ? "sum" : "none");
        s += buf;
    }
    s += "],\n\"sources\": [\n";
    for (int i = 0; i < kSources; i++)
    {
        snprintf(buf, sizeof(buf), "%s{\"id\": \"source-%d\", \"title\": \"Source %d\", \"kind\": \"analyst-estimate\", \"date\": \"2024-01-15\"}\n", i ? "," : "",
                 i, i);
        s += buf;
    }
    s += "],\n";
    s += compact ? "\"observations\": {\"columns\": [\"entity\", \"metric\", \"region\", \"period\", \"value\", \"source\", \"confidence\", \"note\"], \"rows\": [\n"
                 : "\"observations\": [\n";
    const size_t series = (size_t)kEntities * kMetrics * kRegions;
    const size_t periods = (n + series - 1) / series;
    static const char* const confidences[] = { "reported", "estimate", "forecast" };
    Lcg rng;
    size_t written = 0;
    for (int e = 0; e < kEntities && written < n; e++)
        for (int m = 0; m < kMetrics && written < n; m++)
            for (int r = 0; r < kRegions && written < n; r++)
                for (size_t p = 0; p < periods && written < n; p++)
                {
                    int year = 2000 + (int)(p / 4), quarter = (int)(p % 4) + 1;
                    double value = (rng.Next() % 1000000) / 100.0;
                    const char* confidence = confidences[rng.Next() % 3];
                    int source = (int)(rng.Next() % kSources);
                    bool note = rng.Next() % 100 == 0;
                    if (compact)
                        snprintf(buf, sizeof(buf), "%s[\"entity-%d\",\"metric-%d\",\"region-%d\",\"%d-Q%d\",%.2f,\"source-%d\",\"%s\",%s]\n", written ? "," : "",
                                 e, m, r, year, quarter, value, source, confidence, note ? "\"seasonally adjusted\"" : "null");
                    else
                        snprintf(buf, sizeof(buf),
                                 "%s{\"entity\":\"entity-%d\",\"metric\":\"metric-%d\",\"region\":\"region-%d\",\"period\":\"%d-Q%d\",\"value\":%.2f,\"source\":\"source-%d\",\"confidence\":\"%s\"%s}\n",
                                 written ? "," : "", e, m, r, year, quarter, value, source, confidence, note ? ",\"note\":\"seasonally adjusted\"" : "");
                    s += buf;
                    written++;
                }
    s += compact ? "]}\n}\n" : "]\n}\n";
    return s;
}

double Milliseconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Results
{
    std::vector<std::pair<std::string, double>> Values;
    void Add(const std::string& name, double value)
    {
        Values.emplace_back(name, value);
        printf("%s\t%.6g\n", name.c_str(), value);
        fflush(stdout);
    }
};

bool TimeForm(size_t n, bool compact, Results* results)
{
    const char* form = compact ? "compact" : "object";
    std::string text = GenerateFile(n, compact);
    std::vector<double> dom_ms, load_ms;
    size_t loaded = 0;
    for (int run = 0; run < 5; run++)
    {
        auto t0 = std::chrono::steady_clock::now();
        {
            nlohmann::json dom = nlohmann::json::parse(text, nullptr, false);
            if (dom.is_discarded())
            {
                fprintf(stderr, "bench: the generated %s file is not valid JSON\n", form);
                return false;
            }
        } // the DOM's destruction is part of its cost, as the dataset's would be
        auto t1 = std::chrono::steady_clock::now();
        {
            ls::Dataset ds;
            ls::LoadResult r = ls::LoadDataset(text, &ds);
            if (!r.Ok)
            {
                fprintf(stderr, "bench: the generated %s file does not load:\n", form);
                for (const ls::Problem& p : r.Problems)
                    fprintf(stderr, "  %s\n", ls::FormatProblem("generated", p).c_str());
                return false;
            }
            loaded = ds.ObservationCount();
        }
        auto t2 = std::chrono::steady_clock::now();
        dom_ms.push_back(Milliseconds(t1 - t0));
        load_ms.push_back(Milliseconds(t2 - t1));
    }
    std::string prefix = std::string(form) + "_";
    results->Add(prefix + "observations", (double)loaded);
    results->Add(prefix + "text_bytes", (double)text.size());
    results->Add(prefix + "dom_parse_ms", Median(dom_ms));
    results->Add(prefix + "load_ms", Median(load_ms));
    results->Add(prefix + "ratio_load_over_dom", Median(load_ms) / Median(dom_ms));
    return true;
}

bool MeasureResident(size_t n, Results* results)
{
    std::string text = GenerateFile(n, true);
    ls::Dataset ds;
    auto t0 = std::chrono::steady_clock::now();
    ls::LoadResult r = ls::LoadDataset(text, &ds);
    auto t1 = std::chrono::steady_clock::now();
    if (!r.Ok)
    {
        fprintf(stderr, "bench: the generated resident-size file does not load\n");
        return false;
    }
    results->Add("resident_observations", (double)ds.ObservationCount());
    results->Add("resident_load_ms", Milliseconds(t1 - t0));
    results->Add("resident_bytes", (double)ds.ResidentBytes());
    results->Add("resident_bytes_per_observation", (double)ds.ResidentBytes() / (double)ds.ObservationCount());
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    size_t n = 200000, resident_n = 1000000;
    const char* json_path = nullptr;
    for (int i = 1; i < argc; i++)
    {
        if (strcmp(argv[i], "--json") == 0 && i + 1 < argc)
            json_path = argv[++i];
        else if (strcmp(argv[i], "--resident") == 0 && i + 1 < argc)
            resident_n = strtoull(argv[++i], nullptr, 10);
        else if (argv[i][0] >= '0' && argv[i][0] <= '9')
            n = strtoull(argv[i], nullptr, 10);
        else
        {
            fprintf(stderr, "usage: landscape_bench_core [N] [--resident N] [--json FILE]\n");
            return 2;
        }
    }
    if (n == 0)
        n = 1;
    Results results;
    if (!TimeForm(n, false, &results) || !TimeForm(n, true, &results))
        return 1;
    if (resident_n > 0 && !MeasureResident(resident_n, &results))
        return 1;
    if (json_path)
    {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& kv : results.Values)
            j[kv.first] = kv.second;
        FILE* f = fopen(json_path, "wb");
        if (!f)
        {
            fprintf(stderr, "bench: cannot write %s: %s\n", json_path, strerror(errno));
            return 1;
        }
        std::string text = j.dump(2) + "\n";
        fwrite(text.data(), 1, text.size(), f);
        fclose(f);
    }
    return 0;
}
