// Dear ImGui reads its .ini settings text with sscanf (window settings in imgui.cpp, table
// settings in imgui_tables.cpp). The widget never gives it any: io.IniFilename is null (there is
// no filesystem; the view state travels through getState()/the URL hash) and no LoadIniSettings*
// call is made. Yet the parsers stay linked through the settings handlers ImGui registers, and
// with them libc's whole scanf engine (4.6 KB of code). In the wasm build those two files call
// this instead (wasm/ui/CMakeLists.txt renames sscanf for them only), which matches nothing, as
// each line of an empty settings text would: ImGui then keeps its defaults.
extern "C" int ImGuiSettingsTextScan(const char*, const char*, ...)
{
    return 0;
}
