#include "reference_data.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reference {

const json* json::find(const std::string& key) const
{
    for (const auto& [name, value] : object)
        if (name == key) return &value;
    return nullptr;
}

const json& json::at(const std::string& key) const
{
    if (const json* value = find(key)) return *value;
    throw std::out_of_range("reference.json: missing key \"" + key + "\"");
}

namespace {

class parser {
public:
    explicit parser(const std::string& text) : text_(text) {}

    json parse_value()
    {
        skip_space();
        if (pos_ >= text_.size()) fail("unexpected end");
        const char c = text_[pos_];
        json value;
        if (c == '{') {
            value.kind = json::type::object;
            ++pos_;
            skip_space();
            if (peek() == '}') { ++pos_; return value; }
            for (;;) {
                skip_space();
                std::string key = parse_string();
                skip_space();
                expect(':');
                value.object.emplace_back(std::move(key), parse_value());
                skip_space();
                if (peek() == ',') { ++pos_; continue; }
                expect('}');
                return value;
            }
        }
        if (c == '[') {
            value.kind = json::type::array;
            ++pos_;
            skip_space();
            if (peek() == ']') { ++pos_; return value; }
            for (;;) {
                value.array.push_back(parse_value());
                skip_space();
                if (peek() == ',') { ++pos_; continue; }
                expect(']');
                return value;
            }
        }
        if (c == '"') {
            value.kind = json::type::string;
            value.string = parse_string();
            return value;
        }
        if (text_.compare(pos_, 4, "true") == 0) { pos_ += 4; value.kind = json::type::boolean; value.boolean = true; return value; }
        if (text_.compare(pos_, 5, "false") == 0) { pos_ += 5; value.kind = json::type::boolean; return value; }
        if (text_.compare(pos_, 4, "null") == 0) { pos_ += 4; return value; }
        char* end = nullptr;
        value.kind = json::type::number;
        value.number = std::strtod(text_.c_str() + pos_, &end);
        if (end == text_.c_str() + pos_) fail("bad value");
        pos_ = static_cast<std::size_t>(end - text_.c_str());
        return value;
    }

private:
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void skip_space() { while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_; }
    void expect(char c)
    {
        if (peek() != c) fail(std::string("expected '") + c + "'");
        ++pos_;
    }
    std::string parse_string()
    {
        expect('"');
        std::string out;
        while (peek() != '"') {
            if (peek() == '\0') fail("unterminated string");
            if (peek() == '\\') ++pos_;  // the data file has no escapes beyond \" and \\ .
            out += text_[pos_++];
        }
        ++pos_;
        return out;
    }
    [[noreturn]] void fail(const std::string& what) const
    {
        throw std::runtime_error("reference.json: " + what + " at offset " + std::to_string(pos_));
    }

    const std::string& text_;
    std::size_t pos_ = 0;
};

attention::tensor to_tensor(const json& value)
{
    attention::shape_type shape;
    for (const auto& extent : value.at("shape").array) shape.push_back(static_cast<std::size_t>(extent.number));
    attention::tensor t = attention::tensor::from_shape(shape);
    const auto& data = value.at("data").array;
    if (data.size() != t.size()) throw std::runtime_error("reference.json: data size does not match shape");
    for (std::size_t i = 0; i < data.size(); ++i) t.data()[i] = static_cast<float>(data[i].number);
    return t;
}

const json& document(const std::string& path)
{
    static std::map<std::string, json> documents;  // each file parsed once
    auto found = documents.find(path);
    if (found != documents.end()) return found->second;
    std::ifstream file(path);
    if (!file) throw std::runtime_error("cannot open " + path + " (run its generator in tests/reference/)");
    std::stringstream buffer;
    buffer << file.rdbuf();
    return documents.emplace(path, parser(buffer.str()).parse_value()).first->second;
}

}  // namespace

std::vector<test_case> cases_for(const std::string& function) { return cases_for(function, AW_REFERENCE_JSON); }

std::vector<test_case> cases_for(const std::string& function, const std::string& path)
{
    std::vector<test_case> cases;
    for (const auto& [name, body] : document(path).object) {
        if (body.at("function").string != function) continue;
        test_case c;
        c.name = name;
        c.function = function;
        for (const auto& [key, value] : body.at("inputs").object) c.inputs.emplace(key, to_tensor(value));
        for (const auto& [key, value] : body.at("expected").object) c.expected.emplace(key, to_tensor(value));
        c.options = body.at("options");
        cases.push_back(std::move(c));
    }
    if (cases.empty()) throw std::runtime_error(path + " has no case for " + function);
    return cases;
}

}  // namespace reference
