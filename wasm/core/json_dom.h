#pragma once
// nlohmann/json's DOM as the wasm uses it: one way in, one way out, so the wasm carries one
// instantiation of the lexer and parser instead of one per input type and call shape.
//  - ParseJson: nlohmann's json::parse() takes its callback as a run-time argument, so every call
//    compiles a callback parser too (~3 KB of wasm never run here); parsing through sax_parse with
//    the plain DOM builder compiles only what runs. Always from a std::string, so every caller
//    shares the one input adapter (std::string's iterators).
//  - DumpJson: compact, invalid UTF-8 replaced (the core is built with JSON_NOEXCEPTION: a throw
//    would abort).
#include <nlohmann/json.hpp>
#include <string>

namespace ls {

// The parsed value, or a discarded value when the text is not one JSON value (never throws).
inline nlohmann::json ParseJson(const std::string& text)
{
    nlohmann::json j;
    nlohmann::detail::json_sax_dom_parser<nlohmann::json> dom(j, /*allow_exceptions*/ false);
    if (!nlohmann::json::sax_parse(text, &dom) || dom.is_errored())
        return nlohmann::json(nlohmann::json::value_t::discarded);
    return j;
}

inline std::string DumpJson(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

} // namespace ls
