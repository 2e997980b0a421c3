// The demo data under lint: every finding must be in data/lint/accepted.json with its reason, and
// every entry there must still be found. A new finding fails this test: fix the data, or accept the
// finding with a reason (data/README.md, "Lint findings accepted").
#include "sheets_test_helpers.h"

#include "core/lint.h"

using namespace ls;
using namespace sheets_test;

TEST_CASE("lint of data/landscape.json finds nothing beyond data/lint/accepted.json, and every accepted finding is still found")
{
    const std::string text = ReadText(SourcePath("data/landscape.json"));
    Dataset ds;
    REQUIRE(LoadDataset(text, &ds).Ok);
    std::vector<LintFinding> findings = LintDataset(ds, DeclaredPeriodKinds(text));
    std::vector<AcceptedFinding> accepted;
    std::string error;
    REQUIRE_MESSAGE(ParseAcceptedFindings(ReadText(SourcePath("data/lint/accepted.json")), &accepted, &error), error);
    LintVerdict v = JudgeFindings(findings, accepted);
    for (size_t i : v.New)
        FAIL_CHECK("new lint finding (fix the data, or add it to data/lint/accepted.json with a reason): "
                   << std::string(LintRuleName(findings[i].Rule)) << " " << findings[i].Key << ": " << findings[i].Message);
    for (size_t i : v.Stale)
        FAIL_CHECK("accepted finding no longer found (remove it from data/lint/accepted.json): " << accepted[i].Rule << " "
                                                                                                 << accepted[i].Key);
    CHECK(v.Accepted.size() == accepted.size());
    // Each reason says something of its own finding's kind (not one reason pasted everywhere but the relays').
    for (const AcceptedFinding& a : accepted)
        CHECK_MESSAGE(a.Reason.size() >= 40, a.Rule << " " << a.Key << ": the reason is too short to explain anything");
}
