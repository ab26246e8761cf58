#include "reference_data.hpp"

#include <fstream>
#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace reference {

using json = nlohmann::ordered_json;  // keeps the file's order of cases

bool test_case::has_option(const std::string& key) const { return options->contains(key); }
double test_case::number(const std::string& key) const { return options->at(key).get<double>(); }
bool test_case::flag(const std::string& key) const { return options->at(key).get<bool>(); }
std::string test_case::text(const std::string& key) const { return options->at(key).get<std::string>(); }
std::vector<std::size_t> test_case::sizes(const std::string& key) const
{
    return options->at(key).get<std::vector<std::size_t>>();
}

namespace {

attention::tensor to_tensor(const json& value)
{
    const auto shape = value.at("shape").get<attention::shape_type>();
    attention::tensor t = attention::tensor::from_shape(shape);
    const auto& data = value.at("data");
    if (data.size() != t.size()) throw std::runtime_error("reference.json: data size does not match shape");
    for (std::size_t i = 0; i < data.size(); ++i) t.data()[i] = static_cast<float>(data[i].get<double>());
    return t;
}

const json& document(const std::string& path)
{
    static std::map<std::string, json> documents;  // each file parsed once
    auto found = documents.find(path);
    if (found != documents.end()) return found->second;
    std::ifstream file(path);
    if (!file) throw std::runtime_error("cannot open " + path + " (run its generator in tests/reference/)");
    return documents.emplace(path, json::parse(file)).first->second;
}

}  // namespace

std::vector<test_case> cases_for(const std::string& function) { return cases_for(function, AW_REFERENCE_JSON); }

std::vector<test_case> cases_for(const std::string& function, const std::string& path)
{
    std::vector<test_case> cases;
    for (const auto& [name, body] : document(path).items()) {
        if (body.at("function").get<std::string>() != function) continue;
        test_case c;
        c.name = name;
        c.function = function;
        for (const auto& [key, value] : body.at("inputs").items()) c.inputs.emplace(key, to_tensor(value));
        for (const auto& [key, value] : body.at("expected").items()) c.expected.emplace(key, to_tensor(value));
        c.options = std::make_shared<const json>(body.at("options"));
        cases.push_back(std::move(c));
    }
    if (cases.empty()) throw std::runtime_error(path + " has no case for " + function);
    return cases;
}

}  // namespace reference
