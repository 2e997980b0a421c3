#include "core/lint.h"

#include "core/sheets_model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <bitset>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <set>
#include <unordered_map>

namespace ls
{

namespace
{

const char* const kRuleNames[LintRule_COUNT] = {
    "regional-sum", "mixed-granularity", "jump", "repeated-value", "bound-in-note", "region-overlap", "source-span", "event-outside-span", "unchecked-relay",
};

// Two-letter country codes as bits: AA = 0 ... ZZ = 675.
using Countries = std::bitset<26 * 26>;

std::string Number(double x)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%.10g", x);
    return buf;
}

// Digits after the decimal point a value was written with (up to 6): how far its rounding goes.
int DecimalsOf(double x)
{
    static const double kPowers[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
    for (int k = 0; k <= 6; k++)
    {
        const double scaled = x * kPowers[k];
        if (std::fabs(scaled - std::round(scaled)) <= 1e-9 * std::max(1.0, std::fabs(scaled)))
            return k;
    }
    return 6;
}

const char* GranularityWord(PeriodKind k, bool plural)
{
    switch (k)
    {
    case PeriodKind_Year: return plural ? "years" : "year";
    case PeriodKind_Quarter: return plural ? "quarters" : "quarter";
    case PeriodKind_Month: return plural ? "months" : "month";
    case PeriodKind_Day: return plural ? "days" : "day";
    default: return "";
    }
}

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "more than 2 billion", "at least three", "'over'": a phrase of a limit, before a number (or
// quoted on its own). Returns the phrase as the note has it, or "" when there is none.
std::string BoundPhrase(std::string_view note)
{
    static const char* const kPhrases[] = { "more than", "at least", "over", "exceeded", "exceeds", "exceeding", "surpassed", "surpassing",
                                            "up to", "less than", "fewer than" };
    static const char* const kNumberWords[] = { "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                                                "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
                                                "thousand", "million", "billion", "trillion", "half", "a million", "a billion", "a quarter" };
    std::string lower(note);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
    for (const char* phrase : kPhrases)
    {
        const std::string_view p(phrase);
        for (size_t at = lower.find(p); at != std::string::npos; at = lower.find(p, at + 1))
        {
            if ((at > 0 && IsLetter(lower[at - 1])) || (at + p.size() < lower.size() && IsLetter(lower[at + p.size()])))
                continue; // part of a longer word ("overall", "moreover")
            size_t i = at + p.size();
            // Quoted on its own: Stated as 'over'.
            auto closing_quote = [&](size_t k) {
                return k < lower.size() && (lower[k] == '\'' || lower[k] == '"' || lower.compare(k, 3, "\xE2\x80\x99") == 0 || lower.compare(k, 3, "\xE2\x80\x9D") == 0);
            };
            if (closing_quote(i))
                return std::string(note.substr(at, p.size()));
            while (i < lower.size() && lower[i] == ' ')
                i++;
            for (const char* currency : { "us$", "$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "usd ", "eur " })
                if (lower.compare(i, strlen(currency), currency) == 0)
                {
                    i += strlen(currency);
                    break;
                }
            bool number = i < lower.size() && lower[i] >= '0' && lower[i] <= '9';
            for (const char* word : kNumberWords)
            {
                size_t n = strlen(word);
                number = number || (lower.compare(i, n, word) == 0 && (i + n == lower.size() || !IsLetter(lower[i + n])));
            }
            if (!number)
                continue;
            size_t end = i;
            while (end < lower.size() && lower[end] != ',' && lower[end] != ';' && lower[end] != ':' && lower[end] != '\'' && lower[end] != '"' &&
                   lower[end] != ')' && end - at < 40)
                end++;
            while (end > i && lower[end - 1] == ' ')
                end--;
            return std::string(note.substr(at, end - at));
        }
    }
    return std::string();
}

class Linter
{
public:
    Linter(const Dataset& ds, const std::vector<uint8_t>& declared, const LintOptions& options) : Ds(ds), Declared(declared), Options(options) {}

    std::vector<LintFinding> Run()
    {
        PrepareRegions();
        SeriesRules();
        MetricRules();
        SourceRules();
        EventRules();
        NoteRules();
        Sort();
        return std::move(Findings);
    }

private:
    const ObservationTable& Obs() const { return Ds.Observations; }

    std::string SeriesName(uint32_t row) const
    {
        return Ds.Entities[Obs().Entities[row]].Id + ", " + Ds.Metrics[Obs().Metrics[row]].Id + ", " + Ds.Regions[Obs().Regions[row]].Id;
    }
    std::string RowKey(uint32_t row) const
    {
        return Ds.Entities[Obs().Entities[row]].Id + "/" + Ds.Metrics[Obs().Metrics[row]].Id + "/" + Ds.Regions[Obs().Regions[row]].Id + "/" +
               FormatPeriod(Obs().Periods[row]);
    }

    void Add(LintRule rule, const char* array, uint32_t index, const char* field, std::string key, std::string message)
    {
        LintFinding f;
        f.Rule = rule;
        f.Array = array;
        f.Index = index;
        f.Field = field;
        f.Key = std::move(key);
        f.Message = std::move(message);
        Findings.push_back(std::move(f));
    }

    //-------------------------------------------------------------------------
    // Regions as sets of countries
    //-------------------------------------------------------------------------

    void PrepareRegions()
    {
        Sets.resize(Ds.Regions.size());
        HasSet.assign(Ds.Regions.size(), false);
        for (size_t r = 0; r < Ds.Regions.size(); r++)
        {
            for (const std::string& c : Ds.Regions[r].Countries)
                if (c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z')
                    Sets[r].set((size_t)((c[0] - 'A') * 26 + (c[1] - 'A')));
            HasSet[r] = Sets[r].any() && !Ds.Regions[r].World;
            if (HasSet[r])
                Known |= Sets[r];
        }
    }

    static std::string CountryList(const Countries& s, size_t limit)
    {
        std::string out;
        size_t shown = 0, total = s.count();
        for (size_t i = 0; i < s.size() && shown < limit; i++)
            if (s.test(i))
            {
                out += (shown ? ", " : "") + std::string(1, (char)('A' + i / 26)) + (char)('A' + i % 26);
                shown++;
            }
        if (total > shown)
            out += ", ...";
        return out;
    }

    //-------------------------------------------------------------------------
    // Series: jumps, repeats; and the regions of one entity, metric and period: sums, overlaps
    //-------------------------------------------------------------------------

    void SeriesRules()
    {
        const std::vector<SeriesEntry>& series = Ds.Index.Series;
        const Column<uint32_t>& sorted = Ds.Index.SortedRows;
        if (series.size() < 2)
            return;
        size_t group_begin = 0;
        for (size_t s = 0; s + 1 < series.size(); s++)
        {
            OneSeries(sorted.begin() + series[s].Begin, series[s + 1].Begin - series[s].Begin);
            const bool last = s + 2 >= series.size() || series[s + 1].Metric != series[s].Metric || series[s + 1].Entity != series[s].Entity;
            if (last)
            {
                Split(series[group_begin].Begin, series[s + 1].Begin);
                group_begin = s + 1;
            }
        }
    }

    // One series (one entity, metric and region), rows by period; each granularity on its own.
    void OneSeries(Column<uint32_t>::const_iterator rows, size_t n)
    {
        const Metric& metric = Ds.Metrics[Obs().Metrics[rows[0]]];
        for (int kind = PeriodKind_Year; kind <= PeriodKind_Day; kind++)
        {
            uint32_t previous = UINT32_MAX;
            size_t run = 0;           // rows in the current run of one value
            uint32_t run_first = 0, run_second = 0;
            for (size_t i = 0; i < n; i++)
            {
                const uint32_t row = rows[i];
                const Period p = Obs().Periods[row];
                if (GetPeriodKind(p) != kind)
                    continue;
                const double v = Obs().Values[row];
                if (previous != UINT32_MAX)
                {
                    const double before = Obs().Values[previous];
                    if (before > 0 && v > 0 && !metric.LowerIsBetter) // ranks are places, not amounts: 31 -> 1 is no slip of unit
                    {
                        const double ratio = v / before;
                        if (ratio > Options.JumpFactor || ratio < 1.0 / Options.JumpFactor)
                            Add(LintRule_Jump, "observations", row, "value", RowKey(row),
                                Number(v) + " in " + FormatPeriod(p) + " is " + (ratio > 1 ? Number(std::round(ratio * 10) / 10) + " times" : "1/" + Number(std::round(10 / ratio) / 10) + " of") +
                                    " the " + Number(before) + " of " + FormatPeriod(Obs().Periods[previous]) + " (" + SeriesName(row) +
                                    "): a slip of unit or decimal point, or a real change? If it is real, say so in the note");
                    }
                    if (v == before && NextPeriod(Obs().Periods[previous]) == p)
                    {
                        if (++run == 2)
                            run_second = row;
                    }
                    else
                    {
                        EndRun(metric, run, run_first, run_second, previous);
                        run = 1, run_first = row;
                    }
                }
                else
                    run = 1, run_first = row;
                previous = row;
            }
            if (previous != UINT32_MAX)
                EndRun(metric, run, run_first, run_second, previous);
        }
    }

    void EndRun(const Metric& metric, size_t run, uint32_t first, uint32_t second, uint32_t last)
    {
        if ((int)run < Options.RepeatRun || metric.LowerIsBetter)
            return;
        Add(LintRule_RepeatedValue, "observations", second, "value", RowKey(first),
            "the same value " + Number(Obs().Values[first]) + " in " + std::to_string(run) + " consecutive periods, " + FormatPeriod(Obs().Periods[first]) +
                " to " + FormatPeriod(Obs().Periods[last]) + " (" + SeriesName(first) + "): copied from the row above? If the figure really stayed put, say so in the note");
    }

    // All rows of one entity and metric: the regions given for each period.
    void Split(uint32_t begin, uint32_t end)
    {
        const Column<uint32_t>& sorted = Ds.Index.SortedRows;
        Keyed.clear();
        for (uint32_t i = begin; i < end; i++)
        {
            const uint32_t row = sorted[i];
            Keyed.emplace_back(((uint64_t)Obs().Periods[row].Key << 16) | Obs().Regions[row], row);
        }
        std::sort(Keyed.begin(), Keyed.end());
        Group.clear();
        for (const auto& k : Keyed)
            Group.push_back(k.second);
        for (size_t i = 0; i < Group.size();)
        {
            size_t j = i + 1;
            while (j < Group.size() && Obs().Periods[Group[j]] == Obs().Periods[Group[i]])
                j++;
            if (j - i >= 2)
                OnePeriod(Group.data() + i, j - i);
            i = j;
        }
    }

    void OnePeriod(const uint32_t* rows, size_t n)
    {
        const Metric& metric = Ds.Metrics[Obs().Metrics[rows[0]]];
        const Entity& entity = Ds.Entities[Obs().Entities[rows[0]]];
        int world = -1;
        std::vector<uint32_t>& parts = Parts;
        parts.clear();
        bool all_sets = true;
        for (size_t i = 0; i < n; i++)
        {
            const uint16_t r = Obs().Regions[rows[i]];
            if (Ds.Regions[r].World)
                world = (int)rows[i];
            else
            {
                parts.push_back(rows[i]);
                all_sets = all_sets && HasSet[r];
            }
        }
        // Overlaps: any two parts of the split that share countries.
        bool disjoint = true;
        for (size_t a = 0; a < parts.size(); a++)
            for (size_t b = a + 1; b < parts.size(); b++)
            {
                const uint16_t ra = Obs().Regions[parts[a]], rb = Obs().Regions[parts[b]];
                if (!HasSet[ra] || !HasSet[rb] || !(Sets[ra] & Sets[rb]).any())
                    continue;
                disjoint = false;
                const uint16_t lo = std::min(ra, rb), hi = std::max(ra, rb);
                const uint64_t key = ((uint64_t)Obs().Entities[parts[a]] << 32) | ((uint64_t)lo << 16) | hi;
                if (!OverlapsSeen.insert(key).second)
                    continue;
                const Countries shared = Sets[ra] & Sets[rb];
                Add(LintRule_RegionOverlap, "regions", hi, "countries", entity.Id + "/" + Ds.Regions[lo].Id + "+" + Ds.Regions[hi].Id,
                    "regions " + Ds.Regions[lo].Id + " and " + Ds.Regions[hi].Id + " share " + std::to_string(shared.count()) +
                        (shared.count() == 1 ? " country (" : " countries (") + CountryList(shared, 6) + ") and both split " + entity.Id + "'s " +
                        metric.Id + " in " + FormatPeriod(Obs().Periods[parts[a]]) + ": their values count those countries twice; check the regions' country lists");
            }
        if (!metric.Summable || world < 0 || parts.size() < 2 || !all_sets || !disjoint)
            return;
        Countries covered;
        double sum = 0;
        int decimals = DecimalsOf(Obs().Values[(uint32_t)world]);
        for (uint32_t row : parts)
        {
            covered |= Sets[Obs().Regions[row]];
            sum += Obs().Values[row];
            decimals = std::max(decimals, DecimalsOf(Obs().Values[row]));
        }
        const double whole = Obs().Values[(uint32_t)world];
        // Each part was rounded to `decimals` places, and so was the whole.
        static const double kUnits[] = { 1, 0.1, 0.01, 0.001, 0.0001, 0.00001, 0.000001 };
        const double tolerance =
            0.5 * kUnits[decimals] * (double)(parts.size() + 1) + Options.SumRelativeTolerance * std::fabs(whole) + 1e-9 * std::fabs(whole);
        const bool complete = (covered | Known) == covered;
        const double difference = sum - whole;
        const bool finding = complete ? std::fabs(difference) > tolerance : difference > tolerance;
        if (!finding)
            return;
        // Only now the words: most periods have nothing to say.
        std::string names;
        for (uint32_t row : parts)
            names += (names.empty() ? "" : ", ") + Ds.Regions[Obs().Regions[row]].Id;
        const std::string where = entity.Id + "'s " + metric.Id + " in " + FormatPeriod(Obs().Periods[(uint32_t)world]);
        const std::string key = entity.Id + "/" + metric.Id + "/" + FormatPeriod(Obs().Periods[(uint32_t)world]);
        const std::string percent = whole != 0 ? ", " + Number(std::round(difference / std::fabs(whole) * 1000) / 10) + " %" : "";
        if (complete)
            Add(LintRule_RegionalSum, "observations", (uint32_t)world, "value", key,
                "the regions of " + where + " (" + names + ") cover every country and add up to " + Number(sum) + ", not the worldwide " + Number(whole) +
                    " (" + (difference > 0 ? "+" : "") + Number(difference) + percent + "): check the figures, or say in a note why they differ");
        else
            Add(LintRule_RegionalSum, "observations", (uint32_t)world, "value", key,
                "the regions of " + where + " (" + names + ") cover part of the world but add up to " + Number(sum) + ", more than the worldwide " +
                    Number(whole) + ": check the figures and the regions' country lists");
    }

    //-------------------------------------------------------------------------
    // Metrics, sources, events, notes
    //-------------------------------------------------------------------------

    void MetricRules()
    {
        std::vector<std::array<uint32_t, 5>> counts(Ds.Metrics.size(), std::array<uint32_t, 5>{});
        for (size_t row = 0; row < Ds.ObservationCount(); row++)
            counts[Obs().Metrics[row]][GetPeriodKind(Obs().Periods[row])]++;
        for (size_t m = 0; m < Ds.Metrics.size(); m++)
        {
            if (m < Declared.size() && Declared[m])
                continue;
            std::string kinds;
            int distinct = 0;
            for (int k = PeriodKind_Year; k <= PeriodKind_Day; k++)
                if (counts[m][k])
                {
                    kinds += (distinct ? " and " : "") + std::string(GranularityWord((PeriodKind)k, true)) + " (" + std::to_string(counts[m][k]) + ")";
                    distinct++;
                }
            if (distinct < 2)
                continue;
            Add(LintRule_MixedGranularity, "metrics", (uint32_t)m, "period_kind", Ds.Metrics[m].Id,
                "values of " + Ds.Metrics[m].Id + " come in " + kinds +
                    " and the metric does not say its period_kind: \"flow\" (a total over each period, like revenue: never joined across "
                    "granularities) or \"level\" (a state at a point, like users)");
        }
    }

    // Period keys sort by first day (then from the longest period to the shortest), so the smallest
    // key starts first and the largest starts last; years are worked out only for the extremes.
    void SourceRules()
    {
        std::vector<Period> first(Ds.Sources.size()), last(Ds.Sources.size());
        for (size_t row = 0; row < Ds.ObservationCount(); row++)
        {
            const uint16_t s = Obs().Sources[row];
            if (s == kNoSource || s >= Ds.Sources.size())
                continue;
            const Period p = Obs().Periods[row];
            if (!first[s].Valid() || p < first[s])
                first[s] = p;
            if (!last[s].Valid() || p > last[s])
                last[s] = p;
        }
        for (size_t s = 0; s < Ds.Sources.size(); s++)
        {
            const Source& source = Ds.Sources[s];
            if (first[s].Valid())
            {
                const double years = PeriodStartYear(last[s]) - PeriodStartYear(first[s]);
                if (years > Options.SourceSpanYears)
                    Add(LintRule_SourceSpan, "sources", (uint32_t)s, "", source.Id,
                        "cited for values from " + FormatPeriod(first[s]) + " to " + FormatPeriod(last[s]) + " (" + Number(std::round(years * 10) / 10) +
                            " years apart): is every one of them in this source? A source that reports on its own time rarely covers that span");
            }
            if (!source.RelayOf.empty() && !source.Checked)
                Add(LintRule_UncheckedRelay, "sources", (uint32_t)s, "checked", source.Id,
                    "relays \"" + source.RelayOf + "\" and was not checked against it: compare the figures with the original, then set \"checked\": true");
        }
    }

    void EventRules()
    {
        // The first period, and the last end: the latest start of each granularity, then the latest end of those.
        Period first;
        Period latest[5];
        for (size_t row = 0; row < Ds.ObservationCount(); row++)
        {
            const Period p = Obs().Periods[row];
            if (!first.Valid() || p < first)
                first = p;
            Period& l = latest[GetPeriodKind(p)];
            if (!l.Valid() || p > l)
                l = p;
        }
        if (!first.Valid())
            return;
        Period last;
        for (const Period& l : latest)
            if (l.Valid() && (!last.Valid() || PeriodEndYear(l) > PeriodEndYear(last)))
                last = l;
        for (size_t e = 0; e < Ds.Events.size(); e++)
        {
            const Event& ev = Ds.Events[e];
            const double at = PeriodStartYear(ev.Date);
            const bool before = at < PeriodStartYear(first), after = at >= PeriodEndYear(last);
            if (!before && !after)
                continue;
            Add(LintRule_EventOutsideSpan, "events", (uint32_t)e, "date", FormatPeriod(ev.Date) + " " + ev.Title,
                "the event \"" + ev.Title + "\" of " + FormatPeriod(ev.Date) + " is " +
                    (before ? "before the data's first period (" + FormatPeriod(first) : "after the data's last period (" + FormatPeriod(last)) +
                    "): no time axis reaches it");
        }
    }

    void NoteRules()
    {
        std::unordered_map<uint32_t, std::string> phrases; // note -> its bound phrase ("" = none)
        for (size_t row = 0; row < Ds.ObservationCount(); row++)
        {
            const uint32_t note = Obs().Notes[row];
            if (note == 0 || Obs().BoundAt(row) != Bound_None)
                continue;
            auto it = phrases.find(note);
            if (it == phrases.end())
                it = phrases.emplace(note, BoundPhrase(Ds.ObservationNote((uint32_t)row))).first;
            if (it->second.empty())
                continue;
            Add(LintRule_BoundInNote, "observations", (uint32_t)row, "note", RowKey((uint32_t)row),
                "the note says \"" + it->second + "\" but the value has no bound: if the figure is a limit, add \"bound\": \"lower\" (more than, at "
                                                  "least, over) or \"upper\" (up to, less than); if not, reword the note");
        }
    }

    void Sort()
    {
        static const char* const kOrder[] = { "", "regions", "entities", "metrics", "sources", "observations", "events" };
        auto rank = [](const std::string& a) {
            for (size_t i = 0; i < std::size(kOrder); i++)
                if (a == kOrder[i])
                    return (int)i;
            return (int)std::size(kOrder);
        };
        std::stable_sort(Findings.begin(), Findings.end(), [&](const LintFinding& a, const LintFinding& b) {
            if (a.Array != b.Array)
                return rank(a.Array) < rank(b.Array);
            if (a.Index != b.Index)
                return a.Index < b.Index;
            return a.Rule < b.Rule;
        });
    }

    const Dataset& Ds;
    const std::vector<uint8_t>& Declared;
    const LintOptions& Options;
    std::vector<LintFinding> Findings;
    std::vector<Countries> Sets;
    std::vector<bool> HasSet;
    Countries Known; // every country some region lists
    std::vector<uint32_t> Group, Parts;
    std::vector<std::pair<uint64_t, uint32_t>> Keyed;
    std::set<uint64_t> OverlapsSeen;
};

} // namespace

const char* LintRuleName(LintRule rule) { return rule < LintRule_COUNT ? kRuleNames[rule] : ""; }

bool ParseLintRule(std::string_view name, LintRule* out)
{
    for (int r = 0; r < LintRule_COUNT; r++)
        if (name == kRuleNames[r])
        {
            *out = (LintRule)r;
            return true;
        }
    return false;
}

std::vector<LintFinding> LintDataset(const Dataset& ds, const std::vector<uint8_t>& period_kind_declared, const LintOptions& options)
{
    Linter linter(ds, period_kind_declared, options);
    return linter.Run();
}

std::vector<uint8_t> DeclaredPeriodKinds(std::string_view json)
{
    Workbook records;
    const std::vector<std::string> only = { "metrics" };
    std::vector<uint8_t> declared;
    if (!ExportDocument(json, &records, false, &only))
        return declared;
    const SheetTable* metrics = records.Find("metrics");
    if (!metrics || metrics->RowCount() == 0)
        return declared;
    const int column = metrics->FindColumn("period_kind");
    for (size_t row = 1; row < metrics->RowCount(); row++)
        declared.push_back(column >= 0 && !metrics->At(row, (size_t)column).empty());
    return declared;
}

bool ParseAcceptedFindings(std::string_view json, std::vector<AcceptedFinding>* out, std::string* error)
{
    nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_array())
    {
        *error = "the accepted findings must be a JSON array of { \"rule\", \"key\", \"reason\" }";
        return false;
    }
    out->clear();
    for (size_t i = 0; i < j.size(); i++)
    {
        const nlohmann::json& item = j[i];
        AcceptedFinding a;
        if (!item.is_object() || !item.contains("rule") || !item["rule"].is_string() || !item.contains("key") || !item["key"].is_string() ||
            !item.contains("reason") || !item["reason"].is_string())
        {
            *error = "item " + std::to_string(i) + " needs \"rule\", \"key\" and \"reason\" (strings)";
            return false;
        }
        a.Rule = item["rule"].get<std::string>();
        a.Key = item["key"].get<std::string>();
        a.Reason = item["reason"].get<std::string>();
        LintRule rule;
        if (!ParseLintRule(a.Rule, &rule))
        {
            *error = "item " + std::to_string(i) + ": unknown rule \"" + a.Rule + "\"";
            return false;
        }
        if (a.Reason.find_first_not_of(" \t") == std::string::npos)
        {
            *error = "item " + std::to_string(i) + " (" + a.Rule + " " + a.Key + ") gives no reason";
            return false;
        }
        out->push_back(std::move(a));
    }
    return true;
}

LintVerdict JudgeFindings(const std::vector<LintFinding>& findings, const std::vector<AcceptedFinding>& accepted)
{
    LintVerdict v;
    std::vector<bool> used(accepted.size(), false);
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < accepted.size(); i++)
        index.emplace(accepted[i].Rule + "\n" + accepted[i].Key, i);
    for (size_t i = 0; i < findings.size(); i++)
    {
        auto it = index.find(std::string(LintRuleName(findings[i].Rule)) + "\n" + findings[i].Key);
        if (it == index.end())
            v.New.push_back(i);
        else
        {
            v.Accepted.push_back(i);
            used[it->second] = true;
        }
    }
    for (size_t i = 0; i < accepted.size(); i++)
        if (!used[i])
            v.Stale.push_back(i);
    return v;
}

} // namespace ls
