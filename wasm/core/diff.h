// Diff between two editions of a landscape/1 file: what the firm publishes as an edition's
// revisions.
//
//   ls::EditionDiff d = ls::DiffEditions(old_ds, old_records, new_ds, new_records);
//   for (const ls::ValueChange& v : d.Revised)
//       printf("%s %s %s %s: %g -> %g\n", v.Entity.c_str(), v.Metric.c_str(), v.Region.c_str(), v.Period.c_str(), v.Old, v.New);
//   std::string json = ls::DiffJson(d, "old.json", "new.json").dump(2);
//
// Observations are matched by (entity, metric, region, period) ids, so reordered files and records
// compare equal. A value that differs is revised (old, new, % change); a key only in the new file
// is added, only in the old one removed; the same value with another source, confidence, note,
// bound or certainty is changed. Records (sources, entities, regions, metrics, events) are
// compared field by field through their sheets (sheets_model.h ExportDocument with no
// observations), so a field added to the format is compared without a change here; events, which
// have no id, are matched by date and title.
#pragma once

#include "core/dataset.h"
#include "core/sheets.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ls
{

struct ValueChange
{
    std::string Entity, Metric, Region, Period; // ids and the period as the file writes it
    bool HasOld = false, HasNew = false;
    double Old = 0, New = 0;
};

struct FieldChange
{
    std::string Field;
    std::string Old, New; // as the sheets show them; "" = absent
};

struct ObservationChange
{
    ValueChange Value; // the same value in both (Old == New)
    std::vector<FieldChange> Fields;
};

struct RecordChange
{
    std::string Key; // the id (events: "date title")
    enum Kind
    {
        Added,
        Removed,
        Changed,
    } What = Changed;
    std::vector<FieldChange> Fields; // Changed: the fields that differ
};

struct RecordsDiff
{
    std::string Sheet; // "sources", "entities", "regions", "metrics", "events"
    std::vector<RecordChange> Changes;
};

struct EditionDiff
{
    std::vector<ValueChange> Revised, Added, Removed;
    std::vector<ObservationChange> Changed;
    std::vector<RecordsDiff> Records; // one per record sheet of the layout, in its order
    std::vector<FieldChange> About;   // the file's own fields (title, edition, caveats ...)

    bool Empty() const;
};

// `*_records` are the documents' records as sheets (ExportDocument(text, &wb, false)).
EditionDiff DiffEditions(const Dataset& old_ds, const Workbook& old_records, const Dataset& new_ds, const Workbook& new_records);

// { "old", "new", "revised": [{entity, metric, region, period, old, new, change_percent}], "added", "removed",
//   "changed": [{entity, metric, region, period, value, fields: {name: {old, new}}}],
//   "sources": {added: [ids], removed: [ids], changed: [{id, fields}]}, "entities", "regions", "metrics", "events",
//   "about": {name: {old, new}} }
nlohmann::json DiffJson(const EditionDiff& d, const std::string& old_name, const std::string& new_name);
double ChangePercent(double old_value, double new_value); // NaN when the old value is 0

} // namespace ls
