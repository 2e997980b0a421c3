// Lint: what a careful analyst would question in a file that loads. Findings are warnings: they
// never refuse a file, and a finding may be right (the data says so) - then it goes into a list of
// accepted findings with its reason (data/lint/accepted.json for the demo data).
//
//   ls::LintOptions options;                                            // thresholds
//   std::vector<ls::LintFinding> f = ls::LintDataset(ds, declared, options);
//   for (const ls::LintFinding& x : f)
//       printf("%s %s: %s\n", ls::LintRuleName(x.Rule), x.Key.c_str(), x.Message.c_str());
//
// The rules (LintRule):
// - regional-sum: for a metric that may be summed over regions (aggregate "sum"), regions of one
//   entity, metric and period whose country lists do not overlap and together cover every country
//   the file knows must add up to the worldwide value, beyond rounding; parts that cover less must
//   not add up to more than the whole.
// - mixed-granularity: a metric with values of more than one granularity (years and quarters ...)
//   that does not declare its period_kind (so nobody decided whether a year is the sum of its quarters).
// - jump: a value more than `JumpFactor` times (or less than 1/JumpFactor of) the value of the
//   period before it in the same series and granularity (not for ranks: better "lower").
// - repeated-value: one value over `RepeatRun` or more consecutive periods of a series (a copy and
//   paste?); not for metrics where lower is better (ranks stay put).
// - bound-in-note: a note that says "more than", "over", "at least", "up to" (and "exceeded",
//   "surpassed", "less than", "fewer than") before a number, for a value without a bound.
// - region-overlap: two regions of one split (one entity, metric and period) whose country lists overlap.
// - source-span: a source cited for values more than `SourceSpanYears` apart.
// - event-outside-span: an event dated before the first period or after the last one of the data.
// - unchecked-relay: a source that relays another document (relay_of) and was not checked against it.
//
// Each finding names a record and field (for the JSON pointer and line, or the sheet cell) and a Key
// that stays the same when records move: accepted findings are matched by rule and key.
#pragma once

#include "core/dataset.h"
#include "core/sheets.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ls
{

enum LintRule : uint8_t
{
    LintRule_RegionalSum,
    LintRule_MixedGranularity,
    LintRule_Jump,
    LintRule_RepeatedValue,
    LintRule_BoundInNote,
    LintRule_RegionOverlap,
    LintRule_SourceSpan,
    LintRule_EventOutsideSpan,
    LintRule_UncheckedRelay,
    LintRule_COUNT
};
const char* LintRuleName(LintRule rule); // "regional-sum" ...
bool ParseLintRule(std::string_view name, LintRule* out);

struct LintFinding
{
    LintRule Rule = LintRule_COUNT;
    std::string Array;   // where: "observations", "metrics", "sources", "events", "regions"
    uint32_t Index = 0;  // the record's position in its array
    std::string Field;   // the field to look at ("value", "note" ...); "" = the record
    std::string Key;     // stable identity: "facebook/dau/apac/2023-Q2", "meta-q3-2023", "2025-01-20 TikTok ban" ...
    std::string Message; // plain words: what looks wrong and what to check
};

struct LintOptions
{
    double JumpFactor = 3.0;        // jump: x3 or /3
    int RepeatRun = 3;              // repeated-value: this many consecutive periods
    double SourceSpanYears = 2.0;   // source-span: more than this many years between a source's values
    double SumRelativeTolerance = 0.0; // regional-sum: allowed difference beyond rounding, as a fraction of the worldwide value
};

// `period_kind_declared[m]` != 0 when metric m names its period_kind in the file (the Dataset only
// has the value, and absent means "flow"); empty = none declares it.
std::vector<LintFinding> LintDataset(const Dataset& ds, const std::vector<uint8_t>& period_kind_declared, const LintOptions& options = LintOptions());

// Which metrics name their period_kind in the document, read off its records as sheets; reads the
// text only up to the metrics (ExportDocument with only = {"metrics"}).
std::vector<uint8_t> DeclaredPeriodKinds(std::string_view json);

// The list of accepted findings: [{ "rule", "key", "reason" }, ...].
struct AcceptedFinding
{
    std::string Rule;
    std::string Key;
    std::string Reason;
};
bool ParseAcceptedFindings(std::string_view json, std::vector<AcceptedFinding>* out, std::string* error);

// Which findings are new (not accepted) and which accepted entries match nothing any more.
struct LintVerdict
{
    std::vector<size_t> New;      // indices into the findings
    std::vector<size_t> Accepted; // indices into the findings
    std::vector<size_t> Stale;    // indices into the accepted list
};
LintVerdict JudgeFindings(const std::vector<LintFinding>& findings, const std::vector<AcceptedFinding>& accepted);

} // namespace ls
