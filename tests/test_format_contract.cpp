// The loader and data/schema.json agree on the format: for each kind of object the loader reads,
// it knows exactly the fields the schema lists (no more, no fewer), requires the same ones, and
// accepts every value of the schema's enums. docs/format.md's side of the same agreement is
// tests/node/format-docs.test.mjs. Asks the loader's own field lookup (the one every key of every
// record goes through), so a field added to one and not the other fails here.
#include "core/loader_internal.h"
#include "test_loader_helpers.h"

#include <set>

namespace
{

using ls::loader_detail::ObjectKind;

// Where each object kind's fields are in the schema ("" = the top level), and the array of
// tests/data/minimal.json that holds records of that kind (to try enum values on).
struct KindInSchema
{
    ObjectKind Kind;
    const char* Name;
    const char* SchemaPointer;
    const char* FixtureArray;
};

const KindInSchema kKinds[] = {
    { ls::loader_detail::ObjectKind_Region, "region", "/$defs/region", "regions" },
    { ls::loader_detail::ObjectKind_Entity, "entity", "/$defs/entity", "entities" },
    { ls::loader_detail::ObjectKind_Metric, "metric", "/$defs/metric", "metrics" },
    { ls::loader_detail::ObjectKind_Source, "source", "/$defs/source", "sources" },
    { ls::loader_detail::ObjectKind_Event, "event", "/$defs/event", "events" },
    { ls::loader_detail::ObjectKind_Observation, "observation", "/$defs/observation", "observations" },
    { ls::loader_detail::ObjectKind_Top, "top level", "", nullptr },
    { ls::loader_detail::ObjectKind_Table, "compact table", "/$defs/compactTable", nullptr },
};
static_assert(sizeof(kKinds) / sizeof(kKinds[0]) == ls::loader_detail::ObjectKind_COUNT,
              "every kind of object the loader reads must be matched to its place in data/schema.json");

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
    using namespace ls::loader_detail;
    for (const KindInSchema& k : kKinds)
    {
        CAPTURE(k.Name);
        const Json& object = ObjectSchema(k);
        REQUIRE(object.contains("properties"));
        const Json& properties = object.at("properties");
        std::set<std::string> required;
        for (const Json& r : object.value("required", Json::array()))
            required.insert(r.get<std::string>());

        for (const auto& [name, property] : properties.items())
        {
            CAPTURE(name);
            const Field f = LookupField(k.Kind, name);
            CHECK_MESSAGE(f != Field_Unknown, "the schema lists \"" << name << "\" for " << k.Name << " but the loader ignores it as unknown");
            if (f != Field_Unknown)
                CHECK_MESSAGE(IsRequired(k.Kind, f) == (required.count(name) > 0),
                              "\"" << name << "\" is " << (required.count(name) ? "required" : "optional") << " in the schema, not in the loader");
        }
        // The other way: every field the loader reads for this kind is in the schema.
        for (int i = Field_Unknown + 1; i < Field_COUNT; i++)
        {
            const Field f = (Field)i;
            const std::string name = FieldName(f);
            if (LookupField(k.Kind, name) == f)
                CHECK_MESSAGE(properties.contains(name), "the loader reads \"" << name << "\" in a " << k.Name << " but data/schema.json does not list it");
        }
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
                CAPTURE(k.Name);
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
