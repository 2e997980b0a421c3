#include "research_commands.h"

#include "core/diff.h"
#include "core/json_locate.h"
#include "core/lint.h"
#include "core/loader.h"
#include "core/sheets_model.h"
#include "sheets_io.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>

namespace ls
{

const char* const kResearchUsage =
    "  import SHEETS -o FILE.json   sheets (a folder of CSV files or an .xlsx workbook) -> a landscape/1 file;\n"
    "                               problems as SHEET-FILE:ROW:COLUMN: field: message (or book.xlsx:sheet!E12: ...)\n"
    "  export FILE.json SHEETS      the same layout back: a folder of CSV files, or .xlsx when SHEETS ends so\n"
    "  lint FILE|SHEETS...          what a careful analyst would question (warnings; exit 3 when there are any)\n"
    "       --accepted LIST         findings listed there ([{rule, key, reason}]) are not reported; stale entries are noted\n"
    "       --jump F                a change between consecutive periods beyond xF or /F (default 3)\n"
    "  diff OLD NEW                 values revised, added, removed and changed; sources, entities, regions, metrics\n";

namespace
{

using json = nlohmann::json;

int Usage(const std::string& message)
{
    fprintf(stderr, "landscape-data: %s (see landscape-data --help)\n", message.c_str());
    return 2;
}

std::string Plural(size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string Counts(const Dataset& ds)
{
    return Plural(ds.ObservationCount(), "observation", "observations") + ", " + Plural(ds.Entities.size(), "entity", "entities") + ", " +
           Plural(ds.Metrics.size(), "metric", "metrics") + ", " + Plural(ds.Regions.size(), "region", "regions") + ", " +
           Plural(ds.Sources.size(), "source", "sources") + ", " + Plural(ds.Events.size(), "event", "events");
}

json SheetProblemJson(const SheetProblem& p)
{
    json j = { { "file", p.File }, { "sheet", p.Sheet }, { "row", p.Row }, { "column", p.Column }, { "field", p.Field }, { "message", p.Message },
               { "severity", ProblemSeverityName(p.Severity) } };
    SheetProblem place = p;
    place.Field.clear(), place.Message.clear(), place.Severity = ProblemSeverity_Error;
    std::string where = FormatSheetProblem(place);
    j["place"] = where.substr(0, where.size() - 2); // without the ": " before the message
    return j;
}

// One file or sheets, loaded the way lint and diff need it: the dataset, the document's text and
// its records as sheets; for sheets, the workbook and where each record came from.
struct Input
{
    std::string Name;
    bool IsSheets = false;
    bool Ok = false;
    std::string Text; // the JSON (for sheets: the imported document)
    Dataset Data;
    LoadResult Load;     // JSON input
    Workbook Sheets;     // sheets input
    ImportResult Import; // sheets input
    Workbook Records;    // the records as sheets (no observations)
    std::string ReadError;

    void PrintProblems() const
    {
        if (!ReadError.empty())
            printf("%s: error: cannot read: %s\n", Name.c_str(), ReadError.c_str());
        else if (IsSheets)
            for (const SheetProblem& p : Import.Problems)
                printf("%s\n", FormatSheetProblem(p).c_str());
        else
            for (const Problem& p : Load.Problems)
                printf("%s\n", FormatProblem(Name, p).c_str());
    }
    size_t Errors() const { return !ReadError.empty() ? 1 : IsSheets ? Import.ErrorCount : Load.ErrorCount; }
};

void Read(const std::string& name, Input* in)
{
    in->Name = name;
    in->IsSheets = IsWorkbookPath(name) || std::filesystem::is_directory(name);
    if (in->IsSheets)
    {
        if (!ReadSheets(name, &in->Sheets, &in->ReadError))
            return;
        in->Import = ImportWorkbook(in->Sheets, &in->Data);
        in->Ok = in->Import.Ok;
        in->Text = in->Import.Json;
    }
    else
    {
        if (!ReadFileText(name, &in->Text, &in->ReadError))
            return;
        in->Load = LoadDataset(in->Text, &in->Data);
        in->Ok = in->Load.Ok;
    }
}

//-----------------------------------------------------------------------------
// import, export
//-----------------------------------------------------------------------------

int Import(const std::vector<std::string>& args)
{
    std::string sheets, output;
    bool as_json = false;
    for (size_t i = 0; i < args.size(); i++)
    {
        if (args[i] == "-o" || args[i] == "--output")
        {
            if (i + 1 >= args.size())
                return Usage("-o needs a file name");
            output = args[++i];
        }
        else if (args[i] == "--json")
            as_json = true;
        else if (args[i].size() > 1 && args[i][0] == '-')
            return Usage("unknown option \"" + args[i] + "\"");
        else if (sheets.empty())
            sheets = args[i];
        else
            return Usage("import takes one SHEETS (a folder or an .xlsx)");
    }
    if (sheets.empty() || output.empty())
        return Usage("usage: landscape-data import SHEETS -o FILE.json");
    Workbook wb;
    std::string error;
    if (!ReadSheets(sheets, &wb, &error))
    {
        if (as_json)
            printf("%s\n", json({ { "sheets", sheets }, { "ok", false }, { "errors", 1 }, { "problems", { { { "message", "cannot read: " + error } } } } }).dump(2).c_str());
        else
            printf("%s: error: cannot read: %s\n", sheets.c_str(), error.c_str());
        return 1;
    }
    Dataset ds;
    ImportResult r = ImportWorkbook(wb, &ds);
    bool written = false;
    if (r.Ok)
    {
        if (output == "-")
            fwrite(r.Json.data(), 1, r.Json.size(), stdout), written = true;
        else if (!(written = WriteFileText(output, r.Json, &error)))
            r.Ok = false;
    }
    if (as_json)
    {
        json problems = json::array();
        for (const SheetProblem& p : r.Problems)
            problems.push_back(SheetProblemJson(p));
        json j = { { "sheets", sheets }, { "output", output }, { "ok", r.Ok }, { "errors", r.ErrorCount }, { "warnings", r.WarningCount },
                   { "notes", wb.Notes }, { "problems", problems } };
        if (!error.empty())
            j["write_error"] = error;
        j["counts"] = r.Ok ? json({ { "observations", ds.ObservationCount() }, { "entities", ds.Entities.size() }, { "metrics", ds.Metrics.size() },
                                    { "regions", ds.Regions.size() }, { "sources", ds.Sources.size() }, { "events", ds.Events.size() } })
                           : json(nullptr);
        if (output != "-")
            printf("%s\n", j.dump(2, ' ', false, json::error_handler_t::replace).c_str());
        return r.Ok ? 0 : 1;
    }
    FILE* out = output == "-" ? stderr : stdout; // "-o -": the document is stdout, the report goes to stderr
    for (const std::string& note : wb.Notes)
        fprintf(out, "%s\n", note.c_str());
    for (const SheetProblem& p : r.Problems)
        fprintf(out, "%s\n", FormatSheetProblem(p).c_str());
    if (!error.empty())
        fprintf(out, "%s: error: %s\n", sheets.c_str(), error.c_str());
    if (r.Ok && written)
        fprintf(out, "%s: ok: wrote %s: %s%s\n", sheets.c_str(), output.c_str(), Counts(ds).c_str(),
                r.WarningCount ? (" (" + Plural(r.WarningCount, "warning", "warnings") + ")").c_str() : "");
    else if (error.empty())
        fprintf(out, "%s: refused: %s, %s; %s not written\n", sheets.c_str(), Plural(r.ErrorCount, "error", "errors").c_str(),
                Plural(r.WarningCount, "warning", "warnings").c_str(), output.c_str());
    return r.Ok ? 0 : 1;
}

int Export(const std::vector<std::string>& args)
{
    std::vector<std::string> names;
    for (const std::string& a : args)
    {
        if (a.size() > 1 && a[0] == '-')
            return Usage("unknown option \"" + a + "\"");
        names.push_back(a);
    }
    if (names.size() != 2)
        return Usage("usage: landscape-data export FILE.json SHEETS (a folder, or a name ending in .xlsx)");
    Input in;
    Read(names[0], &in);
    if (!in.Ok)
    {
        in.PrintProblems();
        printf("%s: invalid: nothing exported\n", names[0].c_str());
        return 1;
    }
    Workbook wb;
    ExportDocument(in.Text, &wb);
    std::string written, error;
    if (!WriteSheets(&wb, names[1], &written, &error))
    {
        printf("%s: error: %s\n", names[1].c_str(), error.c_str());
        return 1;
    }
    for (const std::string& note : wb.Notes)
        printf("%s: note: %s\n", names[0].c_str(), note.c_str());
    printf("%s: wrote %s (%s): %s\n", names[0].c_str(), names[1].c_str(), written.c_str(), Counts(in.Data).c_str());
    return 0;
}

//-----------------------------------------------------------------------------
// lint
//-----------------------------------------------------------------------------

int Lint(const std::vector<std::string>& args)
{
    bool as_json = false;
    std::string accepted_path;
    LintOptions options;
    std::vector<std::string> files;
    for (size_t i = 0; i < args.size(); i++)
    {
        if (args[i] == "--json")
            as_json = true;
        else if (args[i] == "--accepted")
        {
            if (i + 1 >= args.size())
                return Usage("--accepted needs a file");
            accepted_path = args[++i];
        }
        else if (args[i] == "--jump")
        {
            if (i + 1 >= args.size() || atof(args[i + 1].c_str()) <= 1.0)
                return Usage("--jump needs a factor above 1 (3 means x3 or /3)");
            options.JumpFactor = atof(args[++i].c_str());
        }
        else if (args[i].size() > 1 && args[i][0] == '-')
            return Usage("unknown option \"" + args[i] + "\"");
        else
            files.push_back(args[i]);
    }
    if (files.empty())
        return Usage("lint needs at least one FILE or SHEETS");
    std::vector<AcceptedFinding> accepted;
    if (!accepted_path.empty())
    {
        std::string text, error;
        if (!ReadFileText(accepted_path, &text, &error) || !ParseAcceptedFindings(text, &accepted, &error))
        {
            fprintf(stderr, "landscape-data: %s: %s\n", accepted_path.c_str(), error.c_str());
            return 2;
        }
    }

    int status = 0;
    json out = json::array();
    for (const std::string& name : files)
    {
        auto in = std::make_unique<Input>();
        Read(name, in.get());
        if (!in->Ok)
        {
            if (as_json)
                out.push_back({ { "file", name }, { "ok", false }, { "errors", in->Errors() }, { "findings", json::array() } });
            else
            {
                in->PrintProblems();
                printf("%s: invalid: not linted (%s)\n", name.c_str(), Plural(in->Errors(), "error", "errors").c_str());
            }
            status = 1;
            continue;
        }
        std::vector<LintFinding> findings = LintDataset(in->Data, DeclaredPeriodKinds(in->Text), options);
        LintVerdict verdict = JudgeFindings(findings, accepted);
        std::vector<bool> is_accepted(findings.size(), false);
        for (size_t i : verdict.Accepted)
            is_accepted[i] = true;

        // Where each finding is: a pointer and line in the JSON, or a cell of the sheets.
        std::vector<RecordPlace> places;
        for (const LintFinding& f : findings)
            places.push_back({ f.Array, f.Index, f.Field });
        std::vector<LocatedPlace> located;
        if (!in->IsSheets)
            located = LocateInJson(in->Text, places);

        json list = json::array();
        std::map<std::string, size_t> counts;
        for (size_t i = 0; i < findings.size(); i++)
        {
            const LintFinding& f = findings[i];
            const char* rule = LintRuleName(f.Rule);
            if (!is_accepted[i])
                counts[rule]++;
            json item = { { "rule", rule }, { "key", f.Key }, { "message", f.Message }, { "accepted", (bool)is_accepted[i] } };
            std::string line;
            if (in->IsSheets)
            {
                SheetProblem place;
                in->Import.Map.LocateRecord(in->Sheets, f.Array, f.Index, f.Field, &place);
                place.Severity = ProblemSeverity_Warning;
                place.Message = f.Message + " [" + rule + "]";
                line = FormatSheetProblem(place);
                json p = SheetProblemJson(place);
                item["sheet"] = p["sheet"], item["row"] = p["row"], item["column"] = p["column"], item["place"] = p["place"];
                item["pointer"] = "/" + f.Array + "/" + std::to_string(f.Index) + (f.Field.empty() ? "" : "/" + f.Field);
            }
            else
            {
                const LocatedPlace& at = located[i];
                Problem p;
                p.Pointer = at.Pointer, p.Line = at.Line, p.Column = at.Column, p.Severity = ProblemSeverity_Warning;
                p.Message = f.Message + " [" + rule + "]";
                line = FormatProblem(name, p);
                item["pointer"] = at.Pointer, item["line"] = at.Line, item["column"] = at.Column;
            }
            if (!as_json && !is_accepted[i])
                printf("%s\n", line.c_str());
            list.push_back(std::move(item));
        }
        json stale = json::array();
        for (size_t i : verdict.Stale)
        {
            stale.push_back({ { "rule", accepted[i].Rule }, { "key", accepted[i].Key }, { "reason", accepted[i].Reason } });
            if (!as_json)
                printf("%s: note: accepted finding no longer found (remove it from the list): %s %s\n", accepted_path.c_str(), accepted[i].Rule.c_str(),
                       accepted[i].Key.c_str());
        }
        if (!verdict.New.empty())
            status = std::max(status, 3);
        if (as_json)
            out.push_back({ { "file", name }, { "ok", true }, { "findings", list }, { "counts", counts }, { "new", verdict.New.size() },
                            { "accepted", verdict.Accepted.size() }, { "stale", stale } });
        else
        {
            std::string summary;
            for (const auto& kv : counts)
                summary += (summary.empty() ? "" : ", ") + kv.first + " " + std::to_string(kv.second);
            std::string tail = verdict.Accepted.empty() ? std::string() : "; " + std::to_string(verdict.Accepted.size()) + " accepted in " + accepted_path;
            if (verdict.New.empty())
                printf("%s: clean%s\n", name.c_str(), tail.c_str());
            else
                printf("%s: %s (%s)%s\n", name.c_str(), Plural(verdict.New.size(), "finding", "findings").c_str(), summary.c_str(), tail.c_str());
        }
    }
    if (as_json)
        printf("%s\n", out.dump(2, ' ', false, json::error_handler_t::replace).c_str());
    return status;
}

//-----------------------------------------------------------------------------
// diff
//-----------------------------------------------------------------------------

std::string Num(double x)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%.10g", x);
    return buf;
}

std::string Shown(const std::string& s) { return s.empty() ? "(none)" : "\"" + s + "\""; }

int Diff(const std::vector<std::string>& args)
{
    bool as_json = false;
    std::vector<std::string> files;
    for (const std::string& a : args)
    {
        if (a == "--json")
            as_json = true;
        else if (a.size() > 1 && a[0] == '-')
            return Usage("unknown option \"" + a + "\"");
        else
            files.push_back(a);
    }
    if (files.size() != 2)
        return Usage("usage: landscape-data diff OLD NEW");
    auto a = std::make_unique<Input>(), b = std::make_unique<Input>();
    Read(files[0], a.get());
    Read(files[1], b.get());
    if (!a->Ok || !b->Ok)
    {
        for (const Input* in : { a.get(), b.get() })
            if (!in->Ok)
            {
                in->PrintProblems();
                printf("%s: invalid: not compared\n", in->Name.c_str());
            }
        return 1;
    }
    ExportDocument(a->Text, &a->Records, false);
    ExportDocument(b->Text, &b->Records, false);
    EditionDiff d = DiffEditions(a->Data, a->Records, b->Data, b->Records);
    if (as_json)
    {
        printf("%s\n", DiffJson(d, files[0], files[1]).dump(2, ' ', false, json::error_handler_t::replace).c_str());
        return 0;
    }
    printf("%s -> %s: %zu revised, %zu added, %zu removed, %zu changed\n", files[0].c_str(), files[1].c_str(), d.Revised.size(), d.Added.size(),
           d.Removed.size(), d.Changed.size());
    auto key = [](const ValueChange& v) { return v.Entity + " " + v.Metric + " " + v.Region + " " + v.Period; };
    for (const ValueChange& v : d.Revised)
    {
        double pct = ChangePercent(v.Old, v.New);
        printf("revised %s: %s -> %s%s\n", key(v).c_str(), Num(v.Old).c_str(), Num(v.New).c_str(),
               std::isfinite(pct) ? (" (" + std::string(pct >= 0 ? "+" : "") + Num(std::round(pct * 100) / 100) + " %)").c_str() : "");
    }
    for (const ValueChange& v : d.Added)
        printf("added %s: %s\n", key(v).c_str(), Num(v.New).c_str());
    for (const ValueChange& v : d.Removed)
        printf("removed %s: %s\n", key(v).c_str(), Num(v.Old).c_str());
    for (const ObservationChange& c : d.Changed)
        for (const FieldChange& f : c.Fields)
            printf("changed %s: %s %s -> %s\n", key(c.Value).c_str(), f.Field.c_str(), Shown(f.Old).c_str(), Shown(f.New).c_str());
    for (const RecordsDiff& r : d.Records)
        for (const RecordChange& c : r.Changes)
        {
            if (c.What == RecordChange::Added)
                printf("%s: added %s\n", r.Sheet.c_str(), c.Key.c_str());
            else if (c.What == RecordChange::Removed)
                printf("%s: removed %s\n", r.Sheet.c_str(), c.Key.c_str());
            else
                for (const FieldChange& f : c.Fields)
                    printf("%s: changed %s: %s %s -> %s\n", r.Sheet.c_str(), c.Key.c_str(), f.Field.c_str(), Shown(f.Old).c_str(), Shown(f.New).c_str());
        }
    for (const FieldChange& f : d.About)
        printf("about: %s %s -> %s\n", f.Field.c_str(), Shown(f.Old).c_str(), Shown(f.New).c_str());
    return 0;
}

} // namespace

int RunImport(const std::vector<std::string>& args) { return Import(args); }
int RunExport(const std::vector<std::string>& args) { return Export(args); }
int RunLint(const std::vector<std::string>& args) { return Lint(args); }
int RunDiff(const std::vector<std::string>& args) { return Diff(args); }

} // namespace ls
