// The loader's observation rules (docs/format.md "Observation" and "Compact table form").
#include "test_loader_helpers.h"

//-----------------------------------------------------------------------------
// Observations
//-----------------------------------------------------------------------------

TEST_CASE("an observation's value is a finite JSON number")
{
    SUBCASE("a number in a string is refused with the fix")
    {
        Json j = Base();
        j["observations"][1]["value"] = "410";
        CHECK_REFUSED(Load(j), "/observations/1/value", "must be a JSON number, not a string (write 410 without quotes)");
    }
    SUBCASE("null is refused")
    {
        Json j = Base();
        j["observations"][1]["value"] = nullptr;
        CHECK_REFUSED(Load(j), "/observations/1/value", "\"value\" is null");
    }
    SUBCASE("true, objects and arrays are refused")
    {
        for (Json bad : { Json(true), Json::object(), Json::array() })
        {
            Json j = Base();
            j["observations"][1]["value"] = bad;
            CHECK_REFUSED(Load(j), "/observations/1/value", "must be a finite number");
        }
    }
    SUBCASE("a number too large for a double is refused clearly")
    {
        std::string text = Base().dump(1);
        size_t at = text.find("410");
        text.replace(at, 3, "1e999");
        LoadResult r = Load(text);
        CHECK_REFUSED(r, "/observations/1/value", "the number 1e999 is too large");
        CHECK(r.Problems[0].Column > 0);
    }
    SUBCASE("NaN and Infinity are refused")
    {
        for (const char* bad : { "NaN", "Infinity", "-Infinity" })
        {
            CAPTURE(bad);
            std::string text = Base().dump(1);
            text.replace(text.find("410"), 3, bad);
            LoadResult r = Load(text);
            CHECK(!r.Ok);
            REQUIRE(!r.Problems.empty());
            CHECK(r.Problems[0].Message.find("finite numbers") != std::string::npos);
        }
    }
    SUBCASE("integers, negatives, fractions and exponents are fine")
    {
        Json j = Base();
        j["observations"][0]["value"] = -3;
        j["observations"][1]["value"] = 0.25;
        j["observations"][2]["value"] = 18446744073709551615ull;
        Dataset ds;
        CHECK_LOADS(Load(j, &ds));
        CHECK(ds.Observations.Values[0] == -3);
        CHECK(ds.Observations.Values[1] == 0.25);
        CHECK(ds.Observations.Values[2] == doctest::Approx(1.8446744073709552e19));
    }
}

TEST_CASE("an observation's period follows the period grammar")
{
    for (const char* bad : { "2023-Q5", "2023-13", "1899", "2023-02-29", "Q2 2023", "2023-6" })
    {
        CAPTURE(bad);
        Json j = Base();
        j["observations"][0]["period"] = bad;
        CHECK_REFUSED(Load(j), "/observations/0/period", std::string("period \"") + bad + "\" is not valid");
    }
    Json j = Base();
    j["observations"][0]["period"] = 2023;
    CHECK_REFUSED(Load(j), "/observations/0/period", "must be a period such as \"2023-Q2\"");
}

TEST_CASE("an observation's confidence is one of three words, defaults to reported, and an unknown word reads as an estimate")
{
    Json j = Base();
    j["observations"][0]["confidence"] = "estimated";
    Dataset ds;
    LoadResult r = Load(j, &ds);
    // An unknown word may come from a later edition of the format (a "nowcast"): a warning, and
    // the cautious reading, never the default "reported" (the strongest claim).
    CHECK_LOADS(r);
    CHECK(FindProblem(r, "/observations/0/confidence", "(did you mean \"estimate\"?); it is read as \"estimate\", the cautious reading",
                      ProblemSeverity_Warning));
    CHECK(ds.Observations.Confidences[0] == Confidence_Estimate);
    CHECK(ds.Observations.Confidences[1] == Confidence_Reported); // absent: the default
    // The same in a compact row: the warning points at the cell.
    Json compact = Base();
    compact["observations"] = Json::object({ { "columns", Json::array({ "entity", "metric", "region", "period", "value", "confidence" }) },
                                             { "rows", Json::array({ Json::array({ "facebook", "mau", "world", "2023-Q2", 3000, "forecasted" }) }) } });
    r = Load(compact, &ds);
    CHECK_LOADS(r);
    CHECK(FindProblem(r, "/observations/rows/0/5", "not \"forecasted\" (did you mean \"forecast\"?); it is read as \"estimate\"",
                      ProblemSeverity_Warning));
    CHECK(ds.Observations.Confidences[0] == Confidence_Estimate);
    j["observations"][0]["confidence"] = 2;
    CHECK_REFUSED(Load(j), "/observations/0/confidence", "must be one of");
    j["observations"][0]["note"] = 5;
    CHECK_REFUSED(Load(j), "/observations/0/note", "\"note\" must be a string");
}

TEST_CASE("null for an optional observation field means absent")
{
    Json j = Base();
    j["observations"][0]["source"] = nullptr;
    j["observations"][0]["confidence"] = nullptr;
    j["observations"][0]["note"] = nullptr;
    Dataset ds;
    CHECK_LOADS(Load(j, &ds));
    CHECK(ds.ObservationSource(0) == -1);
    CHECK(ds.Observations.Confidences[0] == Confidence_Reported);
    j["observations"][0]["region"] = nullptr;
    CHECK_REFUSED(Load(j), "/observations/0/region", "\"region\" is required and cannot be null");
}

TEST_CASE("two observations for the same entity, metric, region and period are an error naming the first")
{
    Json j = Base();
    Json copy = j["observations"][0];
    copy["value"] = 1;
    j["observations"].push_back(copy);
    LoadResult r = Load(j);
    CHECK_REFUSED(r, "/observations/6", "duplicate observation");
    CHECK_REFUSED(r, "/observations/6", "are already given at /observations/0 (line ");
    SUBCASE("a different period kind starting the same day is not a duplicate")
    {
        Json k = Base();
        Json other = k["observations"][0];
        other["period"] = "2023-04"; // 2023-Q2 also starts on 1 April
        k["observations"].push_back(other);
        CHECK_LOADS(Load(k));
    }
    SUBCASE("three copies: both later ones name the first")
    {
        j["observations"].push_back(copy);
        LoadResult r3 = Load(j);
        CHECK(FindProblem(r3, "/observations/6", "/observations/0 ("));
        CHECK(FindProblem(r3, "/observations/7", "/observations/0 ("));
    }
}

//-----------------------------------------------------------------------------
// Compact table form
//-----------------------------------------------------------------------------

static Json Compact(const Json& base, const std::vector<std::string>& columns)
{
    Json j = base;
    Json rows = Json::array();
    for (const Json& o : base["observations"])
    {
        Json row = Json::array();
        for (const std::string& c : columns)
            row.push_back(o.contains(c) ? o[c] : Json(nullptr));
        rows.push_back(row);
    }
    j["observations"] = Json::object({ { "columns", columns }, { "rows", rows } });
    return j;
}

static const std::vector<std::string> kAllColumns = { "entity", "metric", "region", "period", "value", "source", "confidence", "note" };

TEST_CASE("the compact table form loads the same observations as the object form")
{
    Dataset objects, table;
    CHECK_LOADS(Load(Base(), &objects));
    CHECK_LOADS(Load(Compact(Base(), kAllColumns), &table));
    REQUIRE(table.ObservationCount() == objects.ObservationCount());
    for (uint32_t row = 0; row < table.ObservationCount(); row++)
    {
        // Rows store their common cells straight into the columns (Handler::RowString): the ids,
        // periods and values must come out as the object form's general path stores them.
        CHECK(table.Observations.Entities[row] == objects.Observations.Entities[row]);
        CHECK(table.Observations.Metrics[row] == objects.Observations.Metrics[row]);
        CHECK(table.Observations.Regions[row] == objects.Observations.Regions[row]);
        CHECK(table.Observations.Values[row] == objects.Observations.Values[row]);
        CHECK(table.Observations.Periods[row] == objects.Observations.Periods[row]);
        CHECK(table.Observations.Sources[row] == objects.Observations.Sources[row]);
        CHECK(table.Observations.Confidences[row] == objects.Observations.Confidences[row]);
        CHECK(table.ObservationNote(row) == objects.ObservationNote(row));
    }
    SUBCASE("columns may be any subset in any order that has the five required ones")
    {
        Dataset few;
        CHECK_LOADS(Load(Compact(Base(), { "value", "period", "region", "metric", "entity" }), &few));
        CHECK(few.ObservationCount() == 6);
        CHECK(few.ObservationSource(0) == -1);
    }
    SUBCASE("rows may come before columns")
    {
        Json j = Compact(Base(), kAllColumns);
        Json reordered = j;
        reordered["observations"] = Json::object({ { "rows", j["observations"]["rows"] }, { "columns", j["observations"]["columns"] } });
        Dataset late;
        CHECK_LOADS(Load(reordered, &late));
        CHECK(late.ObservationCount() == 6);
        reordered["observations"]["rows"][2][3] = "2023-Q9";
        CHECK_REFUSED(Load(reordered), "/observations/rows/2/3", "period \"2023-Q9\" is not valid");
    }
}

TEST_CASE("the compact table form has its own rules and the object form's")
{
    SUBCASE("columns must include the five required ones")
    {
        CHECK_REFUSED(Load(Compact(Base(), { "entity", "metric", "region", "period" })), "/observations/columns", "must include \"value\"");
    }
    SUBCASE("each row has exactly as many cells as columns")
    {
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["rows"][1].erase(7);
        CHECK_REFUSED(Load(j), "/observations/rows/1", "this row has 7 cells but \"columns\" names 8");
        j = Compact(Base(), kAllColumns);
        j["observations"]["rows"][2].push_back("extra");
        CHECK_REFUSED(Load(j), "/observations/rows/2", "this row has 9 cells");
    }
    SUBCASE("an unknown column is ignored with a warning; a repeated one is an error")
    {
        std::vector<std::string> columns = kAllColumns;
        columns.push_back("flag");
        LoadResult r = Load(Compact(Base(), columns));
        CHECK_LOADS(r);
        CHECK(FindProblem(r, "/observations/columns/8", "unknown column \"flag\"", ProblemSeverity_Warning));
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["columns"][7] = "value";
        CHECK_REFUSED(Load(j), "/observations/columns/7", "column \"value\" is listed twice");
    }
    SUBCASE("cells follow the object form's rules, located by row and cell")
    {
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["rows"][3][4] = "260";
        j["observations"]["rows"][4][2] = "wrld";
        j["observations"]["rows"][0][4] = nullptr;
        LoadResult r = Load(j);
        CHECK_REFUSED(r, "/observations/rows/3/4", "must be a JSON number, not a string");
        CHECK_REFUSED(r, "/observations/rows/4/2", "unknown region \"wrld\"");
        CHECK_REFUSED(r, "/observations/rows/0/4", "\"value\" is null");
    }
    SUBCASE("duplicates are found in the compact form too")
    {
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["rows"].push_back(j["observations"]["rows"][1]);
        CHECK_REFUSED(Load(j), "/observations/rows/6", "already given at /observations/rows/1");
    }
    SUBCASE("a row is an array, and the table needs both members")
    {
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["rows"][0] = Json::object();
        CHECK_REFUSED(Load(j), "/observations/rows/0", "each row must be an array");
        j = Compact(Base(), kAllColumns);
        j["observations"].erase("rows");
        CHECK_REFUSED(Load(j), "/observations", "missing required field \"rows\"");
    }
}
