// Reads tests/reference/reference.json (written by tests/reference/generate.py, numpy float64) into
// tensors, for the "result of" half of each test file. A tiny JSON reader: the data file only holds
// objects, arrays, numbers, strings and booleans.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "attention/tensor.hpp"

namespace reference {

/// A JSON value (only what the data file uses).
struct json {
    enum class type { null, boolean, number, string, array, object } kind = type::null;
    bool boolean = false;
    double number = 0;
    std::string string;
    std::vector<json> array;
    std::vector<std::pair<std::string, json>> object;  // insertion order kept

    const json* find(const std::string& key) const;
    const json& at(const std::string& key) const;  // throws std::out_of_range naming the key
};

struct test_case {
    std::string name;
    std::string function;
    std::map<std::string, attention::tensor> inputs;
    std::map<std::string, attention::tensor> expected;
    json options;

    bool has_option(const std::string& key) const { return options.find(key) != nullptr; }
    double number(const std::string& key) const { return options.at(key).number; }
    bool flag(const std::string& key) const { return options.at(key).boolean; }
};

/// Every case of the data file whose "function" equals `function`, in file order.
std::vector<test_case> cases_for(const std::string& function);
/// The same from another data file of the same format (e.g. the gradients from PyTorch).
std::vector<test_case> cases_for(const std::string& function, const std::string& path);

}  // namespace reference
