// landscape-data: checks and summarises landscape/1 data files with the same loader the widget
// uses, so "valid here" means "loads in the widget".
//
//   landscape-data validate [--json] FILE...   exit 0 all valid, 1 any invalid/unreadable, 2 usage error
//   landscape-data stats [--json] FILE...      counts by entity, metric, region, confidence; period range
//   landscape-data import | export | lint | diff ...   the researcher's side: research_commands.h
//   landscape-data --version | --help
//
// Problems print compiler-style (FILE:LINE:COL: error: /pointer: message) so editors and CI can
// jump to them. Columns count Unicode code points from the start of the line.
#include "core/loader.h"
#include "core/queries.h"
#include "research_commands.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#ifndef LANDSCAPE_VERSION
#define LANDSCAPE_VERSION "dev"
#endif

namespace
{

const char* const kUsage =
    "usage: landscape-data <command> [--json] FILE...\n"
    "\n"
    "Checks landscape/1 data files (see docs/format.md) with the widget's own loader.\n"
    "\n"
    "commands:\n"
    "  validate FILE...  one summary line per valid file; problems as FILE:LINE:COL: error: /pointer: message\n"
    "  stats FILE...     counts by entity, metric, region and confidence, and the period range\n"
    "  view FILE --state JSON  the view model the widget draws for that state, as JSON\n"
    "%s"
    "\n"
    "options:\n"
    "  --json            machine output: a JSON array with one object per file\n"
    "                    {file, ok, errors, warnings, problems: [{pointer, line, column, message, severity}], counts}\n"
    "  --version         print the version\n"
    "  --help            print this help\n"
    "\n"
    "exit status: 0 every file is valid, 1 a file is invalid or unreadable, 2 usage error; lint: 3 when it has findings.\n"
    "Lines and columns are 1-based; columns count Unicode code points.\n";

struct FileReport
{
    std::string Name;
    bool Readable = false;
    std::string ReadError;
    ls::LoadResult Result;
    ls::Dataset Data;
};

bool ReadFile(const std::string& path, std::string* out, std::string* error)
{
    FILE* f = fopen(path.c_str(), "rb");
    if (!f)
    {
        *error = strerror(errno);
        return false;
    }
    // Read at most one byte past the loader's limit: enough for it to say "too large".
    const size_t limit = ls::LoadOptions().MaxFileBytes + 1;
    char buf[1 << 16];
    size_t n;
    while (out->size() < limit && (n = fread(buf, 1, std::min(sizeof(buf), limit - out->size()), f)) > 0)
        out->append(buf, n);
    bool failed = ferror(f) != 0;
    int saved = errno;
    fclose(f);
    if (failed)
    {
        *error = strerror(saved ? saved : EIO);
        return false;
    }
    return true;
}

void Load(FileReport* report)
{
    std::string text;
    report->Readable = ReadFile(report->Name, &text, &report->ReadError);
    if (report->Readable)
        report->Result = ls::LoadDataset(text, &report->Data);
}

std::string Plural(size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string CountsLine(const ls::Dataset& ds)
{
    return Plural(ds.ObservationCount(), "observation", "observations") + ", " + Plural(ds.Entities.size(), "entity", "entities") + ", " +
           Plural(ds.Metrics.size(), "metric", "metrics") + ", " + Plural(ds.Regions.size(), "region", "regions") + ", " +
           Plural(ds.Sources.size(), "source", "sources") + ", " + Plural(ds.Events.size(), "event", "events");
}

void PrintProblems(const FileReport& r)
{
    if (!r.Readable)
    {
        printf("%s: error: cannot read: %s\n", r.Name.c_str(), r.ReadError.c_str());
        return;
    }
    for (const ls::Problem& p : r.Result.Problems)
        printf("%s\n", ls::FormatProblem(r.Name, p).c_str());
    if (r.Result.Ok)
    {
        std::string warnings = r.Result.WarningCount ? " (" + Plural(r.Result.WarningCount, "warning", "warnings") + ")" : std::string();
        printf("%s: ok: %s%s\n", r.Name.c_str(), CountsLine(r.Data).c_str(), warnings.c_str());
    }
    else
        printf("%s: invalid: %s, %s\n", r.Name.c_str(), Plural(r.Result.ErrorCount, "error", "errors").c_str(),
               Plural(r.Result.WarningCount, "warning", "warnings").c_str());
}

void PrintTable(const char* title, const std::vector<std::pair<std::string, uint32_t>>& rows)
{
    printf("  by %s:\n", title);
    size_t width = 0;
    for (const auto& row : rows)
        width = std::max(width, row.first.size());
    for (const auto& row : rows)
        printf("    %-*s  %u\n", (int)width, row.first.c_str(), row.second);
}

template <typename T>
std::vector<std::pair<std::string, uint32_t>> NamedCounts(const std::vector<T>& records, const std::vector<uint32_t>& counts)
{
    std::vector<std::pair<std::string, uint32_t>> rows;
    for (size_t i = 0; i < records.size() && i < counts.size(); i++)
        rows.emplace_back(records[i].Id, counts[i]);
    return rows;
}

std::vector<std::pair<std::string, uint32_t>> ConfidenceCounts(const ls::Dataset& ds)
{
    std::vector<uint32_t> counts = ls::CountRowsPerConfidence(ds);
    std::vector<std::pair<std::string, uint32_t>> rows;
    for (int c = 0; c < ls::Confidence_COUNT; c++)
        rows.emplace_back(ls::ConfidenceName((ls::Confidence)c), counts[c]);
    return rows;
}

void PrintStats(const FileReport& r)
{
    const ls::Dataset& ds = r.Data;
    printf("%s: %s\n", r.Name.c_str(), CountsLine(ds).c_str());
    ls::Period first, last;
    if (ls::PeriodRange(ds, &first, &last))
        printf("  periods: %s .. %s\n", ls::FormatPeriod(first).c_str(), ls::FormatPeriod(last).c_str());
    else
        printf("  periods: none\n");
    PrintTable("confidence", ConfidenceCounts(ds));
    PrintTable("metric", NamedCounts(ds.Metrics, ls::CountRowsPerMetric(ds)));
    PrintTable("entity", NamedCounts(ds.Entities, ls::CountRowsPerEntity(ds)));
    PrintTable("region", NamedCounts(ds.Regions, ls::CountRowsPerRegion(ds)));
}

nlohmann::json CountsJson(const std::vector<std::pair<std::string, uint32_t>>& rows)
{
    nlohmann::json j = nlohmann::json::object();
    for (const auto& row : rows)
        j[row.first] = row.second;
    return j;
}

nlohmann::json ReportJson(const FileReport& r, bool with_stats)
{
    nlohmann::json j = nlohmann::json::object();
    j["file"] = r.Name;
    j["ok"] = r.Readable && r.Result.Ok;
    nlohmann::json problems = nlohmann::json::array();
    if (!r.Readable)
        problems.push_back({ { "pointer", "" }, { "line", 0 }, { "column", 0 }, { "message", "cannot read: " + r.ReadError }, { "severity", "error" } });
    for (const ls::Problem& p : r.Result.Problems)
        problems.push_back({ { "pointer", p.Pointer },
                             { "line", p.Line },
                             { "column", p.Column },
                             { "message", p.Message },
                             { "severity", ls::ProblemSeverityName(p.Severity) } });
    j["errors"] = r.Readable ? r.Result.ErrorCount : 1;
    j["warnings"] = r.Result.WarningCount;
    j["problems"] = problems;
    if (r.Readable && r.Result.Ok)
    {
        const ls::Dataset& ds = r.Data;
        j["counts"] = { { "observations", ds.ObservationCount() }, { "entities", ds.Entities.size() }, { "metrics", ds.Metrics.size() },
                        { "regions", ds.Regions.size() },          { "sources", ds.Sources.size() },   { "events", ds.Events.size() } };
        if (with_stats)
        {
            nlohmann::json stats = nlohmann::json::object();
            ls::Period first, last;
            bool any = ls::PeriodRange(ds, &first, &last);
            stats["first_period"] = any ? ls::FormatPeriod(first) : std::string();
            stats["last_period"] = any ? ls::FormatPeriod(last) : std::string();
            stats["by_confidence"] = CountsJson(ConfidenceCounts(ds));
            stats["by_metric"] = CountsJson(NamedCounts(ds.Metrics, ls::CountRowsPerMetric(ds)));
            stats["by_entity"] = CountsJson(NamedCounts(ds.Entities, ls::CountRowsPerEntity(ds)));
            stats["by_region"] = CountsJson(NamedCounts(ds.Regions, ls::CountRowsPerRegion(ds)));
            j["stats"] = stats;
        }
    }
    else
        j["counts"] = nullptr;
    return j;
}

void PrintUsage(FILE* f) { fprintf(f, kUsage, ls::kResearchUsage); }

int UsageError(const std::string& message)
{
    fprintf(stderr, "landscape-data: %s\n\n", message.c_str());
    PrintUsage(stderr);
    return 2;
}

} // namespace

int RunViewCommand(int argc, char** argv); // landscape-data view FILE --state JSON (view_command.cpp)

int main(int argc, char** argv)
{
    if (argc < 2)
        return UsageError("missing command");
    std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help")
    {
        PrintUsage(stdout);
        return 0;
    }
    if (command == "--version")
    {
        printf("landscape-data %s (reads landscape/1)\n", LANDSCAPE_VERSION);
        return 0;
    }
    if (command == "view")
        return RunViewCommand(argc - 2, argv + 2); // view_command.cpp
    if (command == "import" || command == "export" || command == "lint" || command == "diff")
    {
        std::vector<std::string> args(argv + 2, argv + argc);
        for (const std::string& a : args)
            if (a == "--help" || a == "-h")
            {
                PrintUsage(stdout);
                return 0;
            }
        return command == "import" ? ls::RunImport(args) : command == "export" ? ls::RunExport(args) : command == "lint" ? ls::RunLint(args) : ls::RunDiff(args);
    }
    if (command != "validate" && command != "stats")
        return UsageError("unknown command \"" + command + "\"");

    bool json = false;
    std::vector<std::string> files;
    for (int i = 2; i < argc; i++)
    {
        std::string arg = argv[i];
        if (arg == "--json")
            json = true;
        else if (arg == "--help" || arg == "-h")
        {
            PrintUsage(stdout);
            return 0;
        }
        else if (arg == "--")
        {
            for (i++; i < argc; i++)
                files.push_back(argv[i]);
        }
        else if (arg.size() > 1 && arg[0] == '-')
            return UsageError("unknown option \"" + arg + "\"");
        else
            files.push_back(arg);
    }
    if (files.empty())
        return UsageError(command + " needs at least one FILE");

    const bool stats = command == "stats";
    bool all_valid = true;
    nlohmann::json out = nlohmann::json::array();
    for (const std::string& name : files)
    {
        FileReport report;
        report.Name = name;
        Load(&report);
        bool valid = report.Readable && report.Result.Ok;
        all_valid = all_valid && valid;
        if (json)
            out.push_back(ReportJson(report, stats));
        else if (stats && valid)
        {
            for (const ls::Problem& p : report.Result.Problems)
                printf("%s\n", ls::FormatProblem(report.Name, p).c_str());
            PrintStats(report);
        }
        else
            PrintProblems(report);
    }
    if (json)
        printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return all_valid ? 0 : 1;
}
