// Shared by the loader tests (test_loader*.cpp): the fixture, loading and problem matching.
#pragma once

#include "core/loader.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace ls;
using Json = nlohmann::ordered_json;

//-----------------------------------------------------------------------------
// Helpers
//-----------------------------------------------------------------------------

inline std::string ReadText(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// tests/data/minimal.json: a small valid file every rule test starts from.
inline Json Base()
{
    static const std::string text = ReadText(std::string(LANDSCAPE_SOURCE_DIR) + "/tests/data/minimal.json");
    Json j = Json::parse(text, nullptr, false);
    REQUIRE(j.is_object());
    return j;
}

inline LoadResult Load(const std::string& text, Dataset* ds = nullptr, const LoadOptions& options = LoadOptions())
{
    Dataset scratch;
    return LoadDataset(text, ds ? ds : &scratch, options);
}

inline LoadResult Load(const Json& j, Dataset* ds = nullptr) { return Load(j.dump(2), ds); }

inline std::string Describe(const LoadResult& r)
{
    std::string s = r.Ok ? "loaded" : "refused";
    for (const Problem& p : r.Problems)
        s += "\n  " + FormatProblem("file", p);
    return s;
}

inline const Problem* FindProblem(const LoadResult& r, const std::string& pointer, const std::string& text,
                                  ProblemSeverity severity = ProblemSeverity_Error)
{
    for (const Problem& p : r.Problems)
        if (p.Pointer == pointer && p.Message.find(text) != std::string::npos && p.Severity == severity)
            return &p;
    return nullptr;
}

// The file is refused with a problem at `pointer` whose message contains `text`.
#define CHECK_REFUSED(r, pointer, text)                                                                                                    \
    do                                                                                                                                     \
    {                                                                                                                                      \
        const LoadResult& r_ = (r);                                                                                                        \
        CHECK_MESSAGE(!r_.Ok, Describe(r_));                                                                                               \
        CHECK_MESSAGE(FindProblem(r_, pointer, text) != nullptr, "expected " << pointer << ": " << text << "\n" << Describe(r_));         \
    } while (0)

#define CHECK_LOADS(r)                                                                                                                     \
    do                                                                                                                                     \
    {                                                                                                                                      \
        const LoadResult& r_ = (r);                                                                                                        \
        CHECK_MESSAGE(r_.Ok, Describe(r_));                                                                                                \
        CHECK(r_.ErrorCount == 0);                                                                                                         \
    } while (0)
