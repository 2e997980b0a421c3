// The loader and data/schema.json agree on the format: for each kind of object the loader reads,
// it knows exactly the fields the schema lists (no more, no fewer), requires the same ones, and
// knows exactly the words of the schema's enums. docs/format.md's side of the same agreement is
// tests/node/format-docs.test.mjs. Reads the loader's own field tables (FormatFields(), from
// loader_tables.cpp: the tables every key of every record is looked up in), so a field added to
// one and not the other fails here.
#include "test_loader_helpers.h"

#include <iterator>
#include <set>

namespace
{

// Where each kind of object's fields are in the schema ("" = the top level), and the array of
// tests/data/minimal.json that holds records of that kind (to try enum values on).
struct KindInSchema
{
    const char* Noun; // as FormatFields() names it
    const char* SchemaPointer;
    const char* FixtureArray;
};

const KindInSchema kKinds[] = {
    { "region", "/$defs/region", "regions" },
    { "entity", "/$defs/entity", "entities" },
    { "metric", "/$defs/metric", "metrics" },
    { "source", "/$defs/source", "sources" },
    { "event", "/$defs/event", "events" },
    { "observation", "/$defs/observation", "observations" },
    { "file", "", nullptr },
    { "compact table", "/$defs/compactTable", nullptr },
    { "as_of_limit", "/$defs/asOfLimit", nullptr },
};

const Json& Schema()
{
    static const Json schema = Json::parse(ReadText(std::string(LANDSCAPE_SOURCE_DIR) + "/data/schema.json"), nullptr, false);
    REQUIRE(schema.is_object());
    return schema;
}

const Json& ObjectSchema(const KindInSchema& k) { return Schema().at(Json::json_pointer(k.SchemaPointer)); }

const Json& Deref(const Json& property)
{
    const Json* p = &property;
    while (p->is_object() && p->contains("$ref"))
        p = &Schema().at(Json::json_pointer(p->at("$ref").get<std::string>().substr(1)));
    return *p;
}

} // namespace

TEST_CASE("the loader knows exactly the fields data/schema.json lists for each kind of object")
{
    const std::vector<FormatObjectFields> tables = FormatFields();
    // Every kind of object the loader reads must be matched to its place in data/schema.json.
    CHECK(tables.size() == std::size(kKinds));
    for (const FormatObjectFields& table : tables)
    {
        CAPTURE(table.Noun);
        const KindInSchema* k = nullptr;
        for (const KindInSchema& candidate : kKinds)
            if (table.Noun == candidate.Noun)
                k = &candidate;
        REQUIRE_MESSAGE(k != nullptr, "the loader reads a kind of object this test does not place in data/schema.json");
        const Json& object = ObjectSchema(*k);
        REQUIRE(object.contains("properties"));
        const Json& properties = object.at("properties");
        std::set<std::string> required;
        for (const Json& r : object.value("required", Json::array()))
            required.insert(r.get<std::string>());

        for (const auto& [name, property] : properties.items())
        {
            CAPTURE(name);
            const FormatField* field = nullptr;
            for (const FormatField& f : table.Fields)
                if (f.Name == name)
                    field = &f;
            CHECK_MESSAGE(field != nullptr, "the schema lists \"" << name << "\" for " << table.Noun << " but the loader ignores it as unknown");
            if (!field)
                continue;
            CHECK_MESSAGE(field->Required == (required.count(name) > 0),
                          "\"" << name << "\" is " << (required.count(name) ? "required" : "optional") << " in the schema, not in the loader");
            // Enums: the same words both ways, and a default among them when the loader has one.
            const Json& resolved = Deref(property);
            std::set<std::string> schema_words, loader_words(field->Words.begin(), field->Words.end());
            for (const Json& w : resolved.value("enum", Json::array()))
                schema_words.insert(w.get<std::string>());
            CHECK_MESSAGE(schema_words == loader_words, "\"" << name << "\": the schema's enum and the loader's words differ");
            if (!field->Default.empty())
                CHECK(loader_words.count(std::string(field->Default)) == 1);
        }
        // The other way: every field the loader reads for this kind is in the schema.
        for (const FormatField& f : table.Fields)
            CHECK_MESSAGE(properties.contains(std::string(f.Name)),
                          "the loader reads \"" << f.Name << "\" in a " << table.Noun << " but data/schema.json does not list it");
    }
}

TEST_CASE("every value of the schema's enums loads, with no warning")
{
    for (const KindInSchema& k : kKinds)
    {
        if (!k.FixtureArray)
            continue;
        for (const auto& [name, property] : ObjectSchema(k).at("properties").items())
        {
            const Json& resolved = Deref(property);
            if (!resolved.contains("enum"))
                continue;
            for (const Json& value : resolved.at("enum"))
            {
                CAPTURE(k.Noun);
                CAPTURE(name);
                CAPTURE(value.dump());
                Json j = Base();
                REQUIRE(j[k.FixtureArray].is_array());
                REQUIRE(!j[k.FixtureArray].empty());
                j[k.FixtureArray][0][name] = value;
                LoadResult r = Load(j);
                CHECK_LOADS(r);
                CHECK_MESSAGE(r.WarningCount == 0, Describe(r));
            }
        }
    }
}
