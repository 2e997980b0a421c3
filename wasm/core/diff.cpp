#include "core/diff.h"

#include "core/sheets_model.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace ls
{

namespace
{

// An observation's key in one id space (the new file's ids; ids only the old file has come after).
struct RowKey
{
    uint64_t Ids;    // metric << 40 | entity << 20 | region
    uint32_t Period; // Period::Key
    uint32_t Row;
    bool operator<(const RowKey& o) const { return Ids != o.Ids ? Ids < o.Ids : Period < o.Period; }
    bool SameKey(const RowKey& o) const { return Ids == o.Ids && Period == o.Period; }
};

// Index of every id of `old_records` in `new_records`' numbering.
template <typename Record>
std::vector<uint32_t> MapIds(const std::vector<Record>& old_records, const std::vector<Record>& new_records)
{
    std::unordered_map<std::string, uint32_t> index;
    for (size_t i = 0; i < new_records.size(); i++)
        index.emplace(new_records[i].Id, (uint32_t)i);
    std::vector<uint32_t> out(old_records.size());
    uint32_t next = (uint32_t)new_records.size();
    for (size_t i = 0; i < old_records.size(); i++)
    {
        auto it = index.find(old_records[i].Id);
        out[i] = it != index.end() ? it->second : next++;
    }
    return out;
}

std::vector<RowKey> Keys(const Dataset& ds, const std::vector<uint32_t>* metrics, const std::vector<uint32_t>* entities, const std::vector<uint32_t>* regions)
{
    const ObservationTable& o = ds.Observations;
    std::vector<RowKey> keys(ds.ObservationCount());
    for (size_t row = 0; row < keys.size(); row++)
    {
        uint64_t m = metrics ? (*metrics)[o.Metrics[row]] : o.Metrics[row];
        uint64_t e = entities ? (*entities)[o.Entities[row]] : o.Entities[row];
        uint64_t r = regions ? (*regions)[o.Regions[row]] : o.Regions[row];
        keys[row] = { (m << 40) | (e << 20) | r, o.Periods[row].Key, (uint32_t)row };
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

ValueChange Describe(const Dataset& ds, uint32_t row)
{
    const ObservationTable& o = ds.Observations;
    ValueChange v;
    v.Entity = ds.Entities[o.Entities[row]].Id;
    v.Metric = ds.Metrics[o.Metrics[row]].Id;
    v.Region = ds.Regions[o.Regions[row]].Id;
    v.Period = FormatPeriod(o.Periods[row]);
    return v;
}

std::string SourceId(const Dataset& ds, uint32_t row)
{
    int s = ds.ObservationSource(row);
    return s >= 0 ? ds.Sources[(size_t)s].Id : std::string();
}

// The attributes of an observation besides its value, as the sheets show them.
void CompareAttributes(const Dataset& a, uint32_t ra, const Dataset& b, uint32_t rb, std::vector<FieldChange>* out)
{
    auto add = [&](const char* field, std::string x, std::string y) {
        if (x != y)
            out->push_back({ field, std::move(x), std::move(y) });
    };
    add("source", SourceId(a, ra), SourceId(b, rb));
    add("confidence", ConfidenceName((Confidence)a.Observations.Confidences[ra]), ConfidenceName((Confidence)b.Observations.Confidences[rb]));
    add("note", std::string(a.ObservationNote(ra)), std::string(b.ObservationNote(rb)));
    add("bound", BoundName(a.Observations.BoundAt(ra)), BoundName(b.Observations.BoundAt(rb)));
    add("certainty", CertaintyName(a.Observations.CertaintyAt(ra)), CertaintyName(b.Observations.CertaintyAt(rb)));
}

// A record's identity in its sheet: its id, or (events) its required cells joined.
std::vector<std::string> RecordKeys(const SheetTable& t, const SheetSpec& spec)
{
    std::vector<int> key_columns;
    int id = t.FindColumn("id");
    if (id >= 0)
        key_columns.push_back(id);
    else
        for (const SheetColumn& c : spec.Columns)
            if (c.Required && t.FindColumn(c.Name) >= 0)
                key_columns.push_back(t.FindColumn(c.Name));
    std::vector<std::string> keys;
    for (size_t row = 1; row < t.RowCount(); row++)
    {
        std::string k;
        for (int c : key_columns)
            k += (k.empty() ? "" : " ") + std::string(t.At(row, (size_t)c));
        keys.push_back(std::move(k));
    }
    return keys;
}

RecordsDiff DiffSheet(const SheetSpec& spec, const SheetTable* old_t, const SheetTable* new_t)
{
    RecordsDiff d;
    d.Sheet = spec.Name;
    SheetTable empty;
    const SheetTable& a = old_t ? *old_t : empty;
    const SheetTable& b = new_t ? *new_t : empty;
    std::vector<std::string> ka = a.RowCount() ? RecordKeys(a, spec) : std::vector<std::string>();
    std::vector<std::string> kb = b.RowCount() ? RecordKeys(b, spec) : std::vector<std::string>();
    std::unordered_map<std::string, size_t> in_old;
    for (size_t i = 0; i < ka.size(); i++)
        in_old.emplace(ka[i], i + 1);
    std::unordered_map<std::string, size_t> in_new;
    for (size_t i = 0; i < kb.size(); i++)
        in_new.emplace(kb[i], i + 1);
    // In the new file's order: added and changed; then what the old file had and the new one lost.
    for (size_t i = 0; i < kb.size(); i++)
    {
        auto it = in_old.find(kb[i]);
        if (it == in_old.end())
        {
            d.Changes.push_back({ kb[i], RecordChange::Added, {} });
            continue;
        }
        RecordChange c{ kb[i], RecordChange::Changed, {} };
        for (size_t col = 0; col < b.Width; col++)
        {
            std::string_view name = b.Header(col);
            int col_a = a.FindColumn(name);
            std::string_view x = col_a >= 0 ? a.At(it->second, (size_t)col_a) : std::string_view();
            std::string_view y = b.At(i + 1, col);
            if (x != y)
                c.Fields.push_back({ std::string(name), std::string(x), std::string(y) });
        }
        if (!c.Fields.empty())
            d.Changes.push_back(std::move(c));
    }
    for (size_t i = 0; i < ka.size(); i++)
        if (!in_new.count(ka[i]))
            d.Changes.push_back({ ka[i], RecordChange::Removed, {} });
    return d;
}

std::vector<FieldChange> DiffAbout(const SheetTable* a, const SheetTable* b)
{
    // Field -> value; a list of texts (caveats) is its rows joined.
    auto fields = [](const SheetTable* t) {
        std::vector<std::pair<std::string, std::string>> out;
        if (!t)
            return out;
        for (size_t row = 1; row < t->RowCount(); row++)
        {
            std::string name(t->At(row, 0)), value(t->At(row, 1));
            auto it = std::find_if(out.begin(), out.end(), [&](const auto& kv) { return kv.first == name; });
            if (it == out.end())
                out.emplace_back(name, value);
            else
                it->second += "\n" + value;
        }
        return out;
    };
    auto fa = fields(a), fb = fields(b);
    std::vector<FieldChange> changes;
    auto find = [](const std::vector<std::pair<std::string, std::string>>& f, const std::string& name) -> const std::string* {
        for (const auto& kv : f)
            if (kv.first == name)
                return &kv.second;
        return nullptr;
    };
    for (const auto& kv : fb)
    {
        const std::string* old = find(fa, kv.first);
        if (!old || *old != kv.second)
            changes.push_back({ kv.first, old ? *old : std::string(), kv.second });
    }
    for (const auto& kv : fa)
        if (!find(fb, kv.first))
            changes.push_back({ kv.first, kv.second, std::string() });
    return changes;
}

} // namespace

double ChangePercent(double old_value, double new_value)
{
    if (old_value == 0)
        return std::nan("");
    return (new_value - old_value) / std::fabs(old_value) * 100.0;
}

bool EditionDiff::Empty() const
{
    bool records = true;
    for (const RecordsDiff& r : Records)
        records = records && r.Changes.empty();
    return Revised.empty() && Added.empty() && Removed.empty() && Changed.empty() && About.empty() && records;
}

EditionDiff DiffEditions(const Dataset& old_ds, const Workbook& old_records, const Dataset& new_ds, const Workbook& new_records)
{
    EditionDiff d;
    const std::vector<uint32_t> metrics = MapIds(old_ds.Metrics, new_ds.Metrics);
    const std::vector<uint32_t> entities = MapIds(old_ds.Entities, new_ds.Entities);
    const std::vector<uint32_t> regions = MapIds(old_ds.Regions, new_ds.Regions);
    const std::vector<RowKey> a = Keys(old_ds, &metrics, &entities, &regions);
    const std::vector<RowKey> b = Keys(new_ds, nullptr, nullptr, nullptr);
    size_t i = 0, j = 0;
    std::vector<FieldChange> fields;
    while (i < a.size() || j < b.size())
    {
        if (j == b.size() || (i < a.size() && a[i] < b[j]))
        {
            ValueChange v = Describe(old_ds, a[i].Row);
            v.HasOld = true, v.Old = old_ds.Observations.Values[a[i].Row];
            d.Removed.push_back(std::move(v));
            i++;
            continue;
        }
        if (i == a.size() || b[j] < a[i])
        {
            ValueChange v = Describe(new_ds, b[j].Row);
            v.HasNew = true, v.New = new_ds.Observations.Values[b[j].Row];
            d.Added.push_back(std::move(v));
            j++;
            continue;
        }
        const double x = old_ds.Observations.Values[a[i].Row], y = new_ds.Observations.Values[b[j].Row];
        if (x != y)
        {
            ValueChange v = Describe(new_ds, b[j].Row);
            v.HasOld = v.HasNew = true, v.Old = x, v.New = y;
            d.Revised.push_back(std::move(v));
        }
        else
        {
            fields.clear();
            CompareAttributes(old_ds, a[i].Row, new_ds, b[j].Row, &fields);
            if (!fields.empty())
            {
                ObservationChange c;
                c.Value = Describe(new_ds, b[j].Row);
                c.Value.HasOld = c.Value.HasNew = true, c.Value.Old = x, c.Value.New = y;
                c.Fields = fields;
                d.Changed.push_back(std::move(c));
            }
        }
        i++, j++;
    }
    for (const SheetSpec& spec : SheetLayout())
        if (spec.Shape == SheetShape::Records)
            d.Records.push_back(DiffSheet(spec, old_records.Find(spec.Name), new_records.Find(spec.Name)));
    d.About = DiffAbout(old_records.Find("about"), new_records.Find("about"));
    return d;
}

nlohmann::json DiffJson(const EditionDiff& d, const std::string& old_name, const std::string& new_name)
{
    using json = nlohmann::json;
    auto value = [](const ValueChange& v) {
        json j = { { "entity", v.Entity }, { "metric", v.Metric }, { "region", v.Region }, { "period", v.Period } };
        j["old"] = v.HasOld ? json(v.Old) : json(nullptr);
        j["new"] = v.HasNew ? json(v.New) : json(nullptr);
        double pct = v.HasOld && v.HasNew ? ChangePercent(v.Old, v.New) : std::nan("");
        j["change_percent"] = std::isfinite(pct) ? json(pct) : json(nullptr);
        return j;
    };
    auto fields = [](const std::vector<FieldChange>& f) {
        json j = json::object();
        for (const FieldChange& c : f)
            j[c.Field] = { { "old", c.Old.empty() ? json(nullptr) : json(c.Old) }, { "new", c.New.empty() ? json(nullptr) : json(c.New) } };
        return j;
    };
    json out = { { "old", old_name }, { "new", new_name } };
    for (const auto& list : { std::make_pair("revised", &d.Revised), std::make_pair("added", &d.Added), std::make_pair("removed", &d.Removed) })
    {
        json a = json::array();
        for (const ValueChange& v : *list.second)
            a.push_back(value(v));
        out[list.first] = std::move(a);
    }
    json changed = json::array();
    for (const ObservationChange& c : d.Changed)
    {
        json j = { { "entity", c.Value.Entity }, { "metric", c.Value.Metric }, { "region", c.Value.Region }, { "period", c.Value.Period }, { "value", c.Value.New } };
        j["fields"] = fields(c.Fields);
        changed.push_back(std::move(j));
    }
    out["changed"] = std::move(changed);
    for (const RecordsDiff& r : d.Records)
    {
        json added = json::array(), removed = json::array(), modified = json::array();
        for (const RecordChange& c : r.Changes)
        {
            if (c.What == RecordChange::Added)
                added.push_back(c.Key);
            else if (c.What == RecordChange::Removed)
                removed.push_back(c.Key);
            else
                modified.push_back({ { "id", c.Key }, { "fields", fields(c.Fields) } });
        }
        out[r.Sheet] = { { "added", added }, { "removed", removed }, { "changed", modified } };
    }
    out["about"] = fields(d.About);
    return out;
}

} // namespace ls
