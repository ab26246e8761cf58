#include "attention/softmax.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>
#include <limits>

#include "attention/errors.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;
using Catch::Matchers::WithinAbs;

namespace {
constexpr float inf = std::numeric_limits<float>::infinity();
}

TEST_CASE("softmax matches the float64 reference", "[softmax][reference]")
{
    for (const auto& c : reference::cases_for("softmax")) {
        INFO(c.name);
        const float temperature = c.has_option("temperature") ? static_cast<float>(c.number("temperature")) : 1.f;
        CHECK_THAT(attention::softmax(c.inputs.at("x"), temperature), testing::matches_reference(c.expected.at("y")));
    }
}

TEST_CASE("log_softmax matches the float64 reference", "[softmax][reference]")
{
    for (const auto& c : reference::cases_for("log_softmax")) {
        INFO(c.name);
        CHECK_THAT(attention::log_softmax(c.inputs.at("x")), testing::close_to(c.expected.at("y"), 2e-6, 2e-5));
    }
}

TEST_CASE("softmax rows sum to one for every row length", "[softmax][property]")
{
    const std::size_t n = GENERATE(1, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 257);
    const tensor x = testing::random_normal({3, n}, 7 + static_cast<std::uint32_t>(n), 4.f);
    const tensor y = attention::softmax(x);
    for (std::size_t r = 0; r < 3; ++r) {
        double sum = 0;
        for (std::size_t j = 0; j < n; ++j) {
            CHECK(y(r, j) >= 0.f);
            sum += y(r, j);
        }
        CHECK_THAT(sum, WithinAbs(1.0, 1e-5));
    }
}

TEST_CASE("softmax is unchanged by adding a constant to a row", "[softmax][property]")
{
    const tensor x = testing::random_normal({4, 37}, 11);
    const tensor shifted = x + 100.f;
    CHECK_THAT(attention::softmax(shifted), testing::close_to(attention::softmax(x), 1e-4, 1e-6));
    CHECK_THAT(attention::log_softmax(shifted), testing::close_to(attention::log_softmax(x), 1e-4, 1e-4));
}

TEST_CASE("softmax of logits of plus or minus 1e4 is exact, never NaN or infinite", "[softmax][property]")
{
    const tensor x = {{1e4f, -1e4f, 0.f}, {-1e4f, -1e4f, -1e4f}};
    const tensor y = attention::softmax(x);
    CHECK(y(0, 0) == 1.f);
    CHECK(y(0, 1) == 0.f);
    CHECK(y(0, 2) == 0.f);
    for (std::size_t j = 0; j < 3; ++j) CHECK_THAT(y(1, j), WithinAbs(1.0 / 3.0, 1e-6));
    const tensor log_y = attention::log_softmax(x);
    CHECK(log_y(0, 0) == 0.f);
    CHECK_THAT(log_y(0, 1), WithinAbs(-2e4, 1e-2));
}

TEST_CASE("softmax with a low temperature sharpens and a high temperature flattens", "[softmax]")
{
    const tensor x = {2.f, 1.f, 0.1f};
    const tensor cold = attention::softmax(x, 0.1f), warm = attention::softmax(x, 1.f), hot = attention::softmax(x, 100.f);
    CHECK(cold(0) > warm(0));
    CHECK(warm(0) > hot(0));
    CHECK_THAT(hot(2), WithinAbs(1.0 / 3.0, 0.01));
}

TEST_CASE("softmax gives zeros for a row that is entirely minus infinity", "[softmax]")
{
    const tensor x = {{-inf, -inf, -inf}, {0.f, -inf, 0.f}};
    const tensor y = attention::softmax(x);
    CHECK(y(0, 0) == 0.f);
    CHECK(y(0, 1) == 0.f);
    CHECK(y(0, 2) == 0.f);
    CHECK(y(1, 0) == 0.5f);
    CHECK(y(1, 1) == 0.f);
    const tensor log_y = attention::log_softmax(x);
    CHECK(log_y(0, 0) == -inf);
    CHECK(log_y(1, 1) == -inf);
}

TEST_CASE("softmax keeps the shape of batched inputs and handles empty rows", "[softmax]")
{
    const tensor x = testing::random_normal({2, 3, 4, 5}, 3);
    CHECK(attention::softmax(x).shape() == x.shape());
    const tensor empty = tensor::from_shape({2, 0});
    CHECK(attention::softmax(empty).shape() == empty.shape());
}

TEST_CASE("softmax rejects a temperature that is not a positive finite number", "[softmax][errors]")
{
    const tensor x = {1.f, 2.f};
    const float bad = GENERATE(0.f, -1.f, std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN());
    CHECK_THROWS_MATCHES(attention::softmax(x, bad), attention::argument_error,
                         MessageMatches(ContainsSubstring("softmax: temperature must be a finite number > 0; got")));
    CHECK_THROWS_MATCHES(attention::log_softmax(x, bad), attention::argument_error,
                         MessageMatches(ContainsSubstring("log_softmax: temperature")));
}

TEST_CASE("softmax rejects a zero-dimensional tensor, naming x and its shape", "[softmax][errors]")
{
    const tensor scalar = 3.f;
    CHECK_THROWS_MATCHES(attention::softmax(scalar), attention::shape_error,
                         MessageMatches(ContainsSubstring("softmax: x must have at least 1 dimension; expected [..., n], got []")));
}
