// Reads tests/reference/reference.json (written by tests/reference/generate.py, numpy float64) into
// tensors, for the "result of" half of each test file. Parsed with nlohmann/json.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "attention/tensor.hpp"

namespace reference {

struct test_case {
    std::string name;
    std::string function;
    std::map<std::string, attention::tensor> inputs;
    std::map<std::string, attention::tensor> expected;
    /// The case's "options" object (shared with the parsed document).
    std::shared_ptr<const nlohmann::ordered_json> options;

    bool has_option(const std::string& key) const;
    double number(const std::string& key) const;
    bool flag(const std::string& key) const;
    std::string text(const std::string& key) const;
    std::vector<std::size_t> sizes(const std::string& key) const;
};

/// Every case of the data file whose "function" equals `function`, in file order.
std::vector<test_case> cases_for(const std::string& function);
/// The same from another data file of the same format (e.g. the gradients from PyTorch).
std::vector<test_case> cases_for(const std::string& function, const std::string& path);

}  // namespace reference
