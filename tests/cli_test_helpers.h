// Running the built `landscape-data` as a person or CI would, for the CLI suites
// (test_cli.cpp, test_cli_research.cpp, test_cli_view.cpp): from the source folder, stdout and
// stderr together, the exit code. The binary sits at the top of the build folder, one level above
// the test runner.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace cli_test
{

inline std::filesystem::path CliPath()
{
    std::error_code ec;
    std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : self.parent_path().parent_path() / "landscape-data";
}

struct CliRun
{
    int Exit = -1;
    std::string Output; // stdout and stderr together
};

inline CliRun RunCli(const std::string& args)
{
    CliRun r;
    std::string command = "cd '" + std::string(LANDSCAPE_SOURCE_DIR) + "' && '" + CliPath().string() + "' " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return r;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0)
        r.Output.append(buf, n);
    int status = pclose(pipe);
    r.Exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// Says why a suite did nothing when the binary is missing (a build without the CLI target).
inline bool CliAvailable()
{
    if (std::filesystem::exists(CliPath()))
        return true;
    MESSAGE("skipped: landscape-data is not built next to the tests (" << CliPath().string() << ")");
    return false;
}

} // namespace cli_test
