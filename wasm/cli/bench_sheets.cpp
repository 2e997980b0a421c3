// landscape_bench_sheets: the researcher's commands against the loader, on the same data, in the
// same run. Goals (issue #13): import of N observation rows from CSV within 2x the loader's time
// for the same data as JSON; lint of that file within 3x the loader's time for it; diff of two
// editions within 3x the loader's time for both.
//
//   landscape_bench_sheets [N] [--json FILE]     N observations (default 1,000,000)
//
// Each figure is what the command does, minus reading files: import = CSV text -> sheets ->
// document -> LoadDataset; lint = LoadDataset + the records as sheets + every rule + locating each
// finding in the text; diff = both LoadDatasets + both files' records + DiffEditions. The baseline
// is LoadDataset of the document in its compact form (the smaller, faster one). Medians of 5,
// contenders alternating in one process. The data are series that move as series do (a few
// percent a quarter), split into regions that add up to the world, with a finding every ~1000 rows.
// Medians of 5 (the first runs of a process may wait for the system to find it huge pages).
#include "core/diff.h"
#include "core/json_locate.h"
#include "core/lint.h"
#include "core/loader.h"
#include "core/sheets_csv.h"
#include "core/sheets_model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <time.h>
#include <vector>

namespace
{

constexpr int kEntities = 50, kMetrics = 20, kParts = 4, kSources = 60;
const char* const kPartCountries[kParts] = { "\"US\",\"CA\"", "\"DE\",\"FR\",\"IT\",\"ES\",\"PL\"", "\"JP\",\"KR\",\"IN\",\"ID\"", "\"BR\",\"MX\",\"NG\",\"EG\"" };

// The document, compact form. edition 2 revises ~1% of the values, drops the first period of a
// tenth of the series and adds a period to another tenth.
std::string Generate(size_t n, int edition)
{
    std::string s;
    s.reserve(n * 90 + 100000);
    char buf[512];
    s += "{\n\"format\": \"landscape/1\",\n\"title\": \"Synthetic sheets benchmark\",\n\"edition\": \"" + std::to_string(edition) + "\",\n\"regions\": [\n";
    s += "{\"id\": \"world\", \"name\": \"World\", \"world\": true}";
    for (int r = 0; r < kParts; r++)
    {
        snprintf(buf, sizeof(buf), ",\n{\"id\": \"part-%d\", \"name\": \"Part %d\", \"countries\": [%s]}", r, r, kPartCountries[r]);
        s += buf;
    }
    s += "\n],\n\"entities\": [\n";
    for (int e = 0; e < kEntities; e++)
    {
        snprintf(buf, sizeof(buf), "%s{\"id\": \"entity-%d\", \"name\": \"Entity %d\", \"hq_country\": \"US\"}\n", e ? "," : "", e, e);
        s += buf;
    }
    s += "],\n\"metrics\": [\n";
    for (int m = 0; m < kMetrics; m++)
    {
        snprintf(buf, sizeof(buf), "%s{\"id\": \"metric-%d\", \"name\": \"Metric %d\", \"unit\": \"million\", \"aggregate\": \"sum\", \"period_kind\": \"%s\"}\n",
                 m ? "," : "", m, m, m % 2 ? "flow" : "level");
        s += buf;
    }
    s += "],\n\"sources\": [\n";
    for (int i = 0; i < kSources; i++)
    {
        snprintf(buf, sizeof(buf), "%s{\"id\": \"source-%d\", \"title\": \"Source %d\", \"kind\": \"company-reported\"}\n", i ? "," : "", i, i);
        s += buf;
    }
    s += "],\n\"events\": [{\"date\": \"2000-01-03\", \"title\": \"Something happened\"}],\n";
    s += "\"observations\": {\"columns\": [\"entity\", \"metric\", \"region\", \"period\", \"value\", \"source\", \"note\"], \"rows\": [\n";
    const size_t series = (size_t)kEntities * kMetrics;
    const size_t periods = std::max<size_t>(2, (n + series * (kParts + 1) - 1) / (series * (kParts + 1)));
    // Every draw is a hash of (series, period, region, what): both editions share every number but the ones they change.
    auto draw = [](uint64_t k, uint64_t p, uint64_t r, uint64_t what) {
        uint64_t z = k * 0x9E3779B97F4A7C15ull ^ (p * 0xBF58476D1CE4E5B9ull + r * 0x94D049BB133111EBull + what * 0x2545F4914F6CDD1Dull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    auto unit = [&](uint64_t k, uint64_t p, uint64_t r, uint64_t what) { return (double)(draw(k, p, r, what) % 1000000) / 1000000.0; };
    size_t written = 0;
    bool first = true;
    for (size_t k = 0; k < series && written < n; k++)
    {
        const int e = (int)(k / kMetrics), m = (int)(k % kMetrics);
        double parts[kParts];
        for (int r = 0; r < kParts; r++)
            parts[r] = 50 + unit(k, 0, (uint64_t)r, 0) * 500;
        const size_t begin = edition == 2 && k % 10 == 0 ? 1 : 0;
        const size_t end = periods + (edition == 2 && k % 10 == 1 ? 1 : 0);
        for (size_t p = 0; p < end && written < n; p++)
        {
            for (int r = 0; r < kParts; r++)
            {
                parts[r] *= 1.0 + (unit(k, p, (uint64_t)r, 1) - 0.45) * 0.08;
                if (draw(k, p, (uint64_t)r, 2) % 2000 == 0)
                    parts[r] *= 5; // a slip of unit: a jump lint finds
            }
            if (p < begin)
                continue;
            const int year = 1960 + (int)(p / 4), quarter = (int)(p % 4) + 1;
            const int source = (int)((year / 2) % kSources);
            double world = 0;
            for (int r = 0; r <= kParts && written < n; r++)
            {
                double v;
                if (r < kParts)
                    v = std::round(parts[r] * 100) / 100, world += v;
                else
                    v = std::round(world * 100) / 100;
                if (edition == 2 && draw(k, p, (uint64_t)r, 4) % 100 == 0)
                    v = std::round(v * 101) / 100; // revised
                const bool note = draw(k, p, (uint64_t)r, 3) % 1000 == 0;
                char region[16];
                snprintf(region, sizeof(region), r < kParts ? "part-%d" : "world", r);
                snprintf(buf, sizeof(buf), "%s[\"entity-%d\",\"metric-%d\",\"%s\",\"%d-Q%d\",%.2f,\"source-%d\",%s]", first ? "" : ",\n", e, m, region, year,
                         quarter, v, source, note ? "\"Stated as 'more than 100 million', rounded\"" : "null");
                s += buf;
                first = false;
                written++;
            }
        }
    }
    s += "\n]}\n}\n";
    return s;
}

double Ms(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Wall time by default; LANDSCAPE_BENCH_CPU=1: this thread's CPU time (less disturbed by other work on the machine).
double Now()
{
    static const bool cpu = getenv("LANDSCAPE_BENCH_CPU") != nullptr;
    if (cpu)
    {
        timespec ts;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
    }
    return Ms(std::chrono::steady_clock::now().time_since_epoch());
}

template <typename F>
double Time(F&& f)
{
    const double t0 = Now();
    f();
    return Now() - t0;
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

bool Fail(const char* what)
{
    fprintf(stderr, "bench: %s\n", what);
    return false;
}

bool Run(size_t n, Results* results)
{
    const std::string json = Generate(n, 1), json2 = Generate(n, 2);
    // The same data as CSV files, as `landscape-data export` writes them.
    std::vector<std::pair<std::string, std::string>> csv;
    {
        ls::Workbook wb;
        if (!ls::ExportDocument(json, &wb))
            return Fail("the generated file does not export");
        for (const ls::SheetTable& t : wb.Sheets)
            csv.emplace_back(t.Name, ls::WriteCsv(t));
    }
    std::vector<double> load, import, lint, load_both, diff;
    size_t rows = 0, findings = 0, revised = 0;
    const char* only = getenv("LANDSCAPE_BENCH_ONLY"); // "import", "lint" or "diff": that one 10 times (for a profiler)
    for (int run = 0; run < (only ? 10 : 5); run++)
    {
        if (only)
        {
            ls::Dataset a, b;
            ls::Workbook wb, ra, rb;
            if (strcmp(only, "phases") == 0)
            {
                std::vector<std::string> texts;
                for (const auto& f : csv)
                    texts.push_back(f.second);
                double read = Time([&] {
                    for (size_t i = 0; i < csv.size(); i++)
                        ls::ReadCsvSheet(std::move(texts[i]), "sheets/" + csv[i].first + ".csv", csv[i].first,
                                         ls::KnownColumnNames(*ls::FindSheetSpec(csv[i].first)), &wb);
                });
                ls::ImportResult r;
                double all = Time([&] { r = ls::ImportWorkbook(wb, &a); });
                double reload = Time([&] { ls::LoadDataset(r.Json, &b); });
                fprintf(stderr, "read csv %.1f ms, import %.1f ms (of which the loader ~%.1f ms), json %zu bytes\n", read, all, reload, r.Json.size());
                continue;
            }
            if (strcmp(only, "lintphases") == 0)
            {
                double load = Time([&] { ls::LoadDataset(json, &a); });
                std::vector<uint8_t> declared;
                double records = Time([&] { declared = ls::DeclaredPeriodKinds(json); });
                std::vector<ls::LintFinding> f;
                double rules = Time([&] { f = ls::LintDataset(a, declared); });
                std::vector<ls::RecordPlace> places;
                for (const ls::LintFinding& x : f)
                    places.push_back({ x.Array, x.Index, x.Field });
                double locate = Time([&] { ls::LocateInJson(json, places); });
                fprintf(stderr, "load %.1f, records %.1f, rules %.1f (%zu findings), locate %.1f ms\n", load, records, rules, f.size(), locate);
                continue;
            }
            if (strcmp(only, "import") == 0)
            {
                for (const auto& f : csv)
                    ls::ReadCsvSheet(f.second, "sheets/" + f.first + ".csv", f.first, ls::KnownColumnNames(*ls::FindSheetSpec(f.first)), &wb);
                ls::ImportWorkbook(wb, &a);
            }
            else if (strcmp(only, "lint") == 0)
            {
                ls::LoadDataset(json, &a);
                std::vector<ls::LintFinding> f = ls::LintDataset(a, ls::DeclaredPeriodKinds(json));
                std::vector<ls::RecordPlace> places;
                for (const ls::LintFinding& x : f)
                    places.push_back({ x.Array, x.Index, x.Field });
                ls::LocateInJson(json, places);
            }
            continue;
        }
        load.push_back(Time([&] {
            ls::Dataset ds;
            if (ls::LoadDataset(json, &ds).Ok)
                rows = ds.ObservationCount();
        }));
        // The files' texts as the CLI has them once read (reading a file is not timed for the loader either).
        std::vector<std::string> texts;
        for (const auto& f : csv)
            texts.push_back(f.second);
        import.push_back(Time([&] {
            ls::Workbook wb;
            wb.Path = "sheets";
            for (size_t i = 0; i < csv.size(); i++)
            {
                const ls::SheetSpec* spec = ls::FindSheetSpec(csv[i].first);
                ls::ReadCsvSheet(std::move(texts[i]), "sheets/" + csv[i].first + ".csv", csv[i].first, ls::KnownColumnNames(*spec), &wb);
            }
            ls::Dataset ds;
            ls::ImportResult r = ls::ImportWorkbook(wb, &ds);
            if (!r.Ok || ds.ObservationCount() != rows)
                rows = 0;
        }));
        lint.push_back(Time([&] {
            ls::Dataset ds;
            ls::LoadDataset(json, &ds);
            std::vector<ls::LintFinding> f = ls::LintDataset(ds, ls::DeclaredPeriodKinds(json));
            std::vector<ls::RecordPlace> places;
            for (const ls::LintFinding& x : f)
                places.push_back({ x.Array, x.Index, x.Field });
            findings = ls::LocateInJson(json, places).size();
        }));
        load_both.push_back(Time([&] {
            ls::Dataset a, b;
            ls::LoadDataset(json, &a);
            ls::LoadDataset(json2, &b);
        }));
        diff.push_back(Time([&] {
            ls::Dataset a, b;
            ls::LoadDataset(json, &a);
            ls::LoadDataset(json2, &b);
            ls::Workbook ra, rb;
            ls::ExportDocument(json, &ra, false);
            ls::ExportDocument(json2, &rb, false);
            revised = ls::DiffEditions(a, ra, b, rb).Revised.size();
        }));
    }
    if (only)
        return true;
    if (rows == 0)
        return Fail("the generated file does not load, or its CSV does not import to the same rows");
    results->Add("sheets_observations", (double)rows);
    for (const auto& f : csv)
        if (f.first == "observations")
            results->Add("sheets_observations_csv_bytes", (double)f.second.size());
    results->Add("sheets_json_bytes", (double)json.size());
    results->Add("sheets_load_ms", Median(load));
    results->Add("sheets_import_csv_ms", Median(import));
    results->Add("sheets_ratio_import_over_load", Median(import) / Median(load));
    results->Add("sheets_lint_findings", (double)findings);
    results->Add("sheets_lint_ms", Median(lint));
    results->Add("sheets_ratio_lint_over_load", Median(lint) / Median(load));
    results->Add("sheets_diff_revised", (double)revised);
    results->Add("sheets_load_both_ms", Median(load_both));
    results->Add("sheets_diff_ms", Median(diff));
    results->Add("sheets_ratio_diff_over_load_both", Median(diff) / Median(load_both));
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    size_t n = 1000000;
    const char* json_path = nullptr;
    for (int i = 1; i < argc; i++)
    {
        if (strcmp(argv[i], "--json") == 0 && i + 1 < argc)
            json_path = argv[++i];
        else if (argv[i][0] >= '0' && argv[i][0] <= '9')
            n = strtoull(argv[i], nullptr, 10);
        else
        {
            fprintf(stderr, "usage: landscape_bench_sheets [N] [--json FILE]\n");
            return 2;
        }
    }
    Results results;
    if (!Run(std::max<size_t>(n, 1000), &results))
        return 1;
    if (json_path)
    {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& kv : results.Values)
            j[kv.first] = kv.second;
        FILE* f = fopen(json_path, "wb");
        if (!f)
            return 1;
        std::string text = j.dump(2) + "\n";
        fwrite(text.data(), 1, text.size(), f);
        fclose(f);
    }
    return 0;
}
