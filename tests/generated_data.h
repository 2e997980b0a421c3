// Generated landscape/1 files for the memory tests (test_load_memory.cpp, memory_test_loads.cpp):
// the shape of tests/browser/generate.mjs, the file the bench loads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace test_data
{

// 4 metrics, 50 entities, 20 regions, monthly periods, two sources, every 10th row an estimate,
// every 50th a note; one row a line (the duplicate test of test_load_memory.cpp cuts by lines).

enum class Order { Sorted, Shuffled };

inline std::string Generate(size_t n, Order order, bool compact = true)
{
    const int entities = 50, regions = 20, metrics = 4;
    const size_t per_series = (n + entities * regions * metrics - 1) / (entities * regions * metrics);
    std::string s = "{\"format\":\"landscape/1\",\"title\":\"Generated\",\"license\":\"test\",\"regions\":[";
    for (int r = 0; r < regions; r++)
        s += (r ? "," : "") + std::string("{\"id\":\"r") + std::to_string(r) + "\",\"name\":\"Region " + std::to_string(r) + "\"" +
             (r == 0 ? ",\"world\":true}" : ",\"countries\":[\"US\"]}");
    s += "],\"entities\":[";
    for (int e = 0; e < entities; e++)
        s += (e ? "," : "") + std::string("{\"id\":\"e") + std::to_string(e) + "\",\"name\":\"Entity " + std::to_string(e) + "\"}";
    s += "],\"metrics\":[";
    for (int m = 0; m < metrics; m++)
        s += (m ? "," : "") + std::string("{\"id\":\"m") + std::to_string(m) + "\",\"name\":\"Metric " + std::to_string(m) +
             "\",\"unit\":\"millions\",\"aggregate\":\"" + (m < 2 ? "sum" : "none") + "\"}";
    s += "],\"sources\":[{\"id\":\"s0\",\"title\":\"A\"},{\"id\":\"s1\",\"title\":\"B\"}],\"observations\":";
    s += compact ? "{\"columns\":[\"entity\",\"metric\",\"region\",\"period\",\"value\",\"source\",\"confidence\",\"note\"],\"rows\":[\n" : "[\n";
    std::vector<std::string> rows;
    rows.reserve(n);
    for (int m = 0; m < metrics && rows.size() < n; m++)
        for (int e = 0; e < entities && rows.size() < n; e++)
            for (int r = 0; r < regions && rows.size() < n; r++)
                for (size_t k = 0; k < per_series && rows.size() < n; k++)
                {
                    char buf[200];
                    const int year = 1950 + (int)(k / 12), month = 1 + (int)(k % 12);
                    const double value = ((e + 1) * (r + 1) + k * 0.37);
                    if (compact)
                        snprintf(buf, sizeof(buf), "[\"e%d\",\"m%d\",\"r%d\",\"%d-%02d\",%.2f,\"s%d\",%s,%s]", e, m, r, year, month, value,
                                 (int)(k % 2), k % 10 == 0 ? "\"estimate\"" : "null", k % 50 == 0 ? "\"generated note\"" : "null");
                    else
                        snprintf(buf, sizeof(buf), "{\"entity\":\"e%d\",\"metric\":\"m%d\",\"region\":\"r%d\",\"period\":\"%d-%02d\",\"value\":%.2f,\"source\":\"s%d\"%s%s}",
                                 e, m, r, year, month, value, (int)(k % 2), k % 10 == 0 ? ",\"confidence\":\"estimate\"" : "",
                                 k % 50 == 0 ? ",\"note\":\"generated note\"" : "");
                    rows.push_back(buf);
                }
    if (order == Order::Shuffled)
        std::shuffle(rows.begin(), rows.end(), std::mt19937(14));
    for (size_t i = 0; i < rows.size(); i++)
        (s += i ? ",\n" : "") += rows[i];
    s += compact ? "\n]}}\n" : "\n]}\n";
    return s;
}

} // namespace test_data
