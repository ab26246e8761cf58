#include "attention/hard_attention.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include "attention/errors.hpp"
#include "attention/scaled_dot_product_attention.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;
using Catch::Matchers::WithinAbs;

TEST_CASE("top-k hard attention matches the reference", "[hard][reference]")
{
    for (const auto& c : reference::cases_for("hard_attention")) {
        INFO(c.name);
        attention::hard_options options;
        options.top_k = static_cast<std::size_t>(c.number("top_k"));
        if (c.inputs.count("mask")) options.mask = attention::attention_mask{c.inputs.at("mask")};
        const auto result = attention::hard_attention(c.inputs.at("q"), c.inputs.at("k"), c.inputs.at("v"), options);
        CHECK_THAT(result.output, testing::matches_reference(c.expected.at("output")));
        CHECK_THAT(result.weights, testing::matches_reference(c.expected.at("weights")));
    }
}

TEST_CASE("top-1 hard attention gives one-hot weights and copies one value row", "[hard]")
{
    const tensor q = testing::random_normal({5, 8}, 1), k = testing::random_normal({9, 8}, 2), v = testing::random_normal({9, 3}, 3);
    const auto result = attention::hard_attention(q, k, v);
    for (std::size_t i = 0; i < 5; ++i) {
        std::size_t ones = 0, chosen = 0;
        for (std::size_t j = 0; j < 9; ++j) {
            CHECK((result.weights(i, j) == 0.f || result.weights(i, j) == 1.f));
            if (result.weights(i, j) == 1.f) {
                ++ones;
                chosen = j;
            }
        }
        REQUIRE(ones == 1);
        for (std::size_t c = 0; c < 3; ++c) CHECK(result.output(i, c) == v(chosen, c));
    }
}

TEST_CASE("top-k with k equal to the number of keys is soft attention", "[hard][property]")
{
    const tensor q = testing::random_normal({4, 8}, 4), k = testing::random_normal({6, 8}, 5), v = testing::random_normal({6, 3}, 6);
    attention::hard_options options;
    options.top_k = 6;
    CHECK_THAT(attention::hard_attention(q, k, v, options).output,
               testing::close_to(attention::scaled_dot_product_attention(q, k, v).output, 1e-5, 1e-6));
}

TEST_CASE("ties in hard attention go to the lower key index", "[hard]")
{
    const tensor q = {{1.f, 0.f}, {1.f, 0.f}}, k = {{0.f, 1.f}, {1.f, 0.f}, {1.f, 0.f}}, v = {{1.f, 0.f}, {2.f, 0.f}, {3.f, 0.f}};
    const auto result = attention::hard_attention(q, k, v);
    CHECK(result.weights(0, 1) == 1.f);
    CHECK(result.output(0, 0) == 2.f);
}

TEST_CASE("hard attention keeps only allowed keys and gives zeros when none is allowed", "[hard]")
{
    const tensor q = testing::random_normal({2, 4}, 7), k = testing::random_normal({5, 4}, 8), v = testing::random_normal({5, 2}, 9);
    attention::hard_options options;
    options.top_k = 3;
    options.mask = attention::attention_mask{tensor{{1.f, 1.f, 0.f, 0.f, 0.f}, {0.f, 0.f, 0.f, 0.f, 0.f}}};
    const auto result = attention::hard_attention(q, k, v, options);
    CHECK_THAT(result.weights(0, 0) + result.weights(0, 1), WithinAbs(1.0, 1e-6));
    for (std::size_t j = 0; j < 5; ++j) CHECK(result.weights(1, j) == 0.f);
    CHECK(result.output(1, 0) == 0.f);
}

TEST_CASE("hard_attention rejects top_k outside 1 to Lk", "[hard][errors]")
{
    const tensor x = xt::zeros<float>({3, 4});
    attention::hard_options options;
    options.top_k = 0;
    CHECK_THROWS_MATCHES(attention::hard_attention(x, x, x, options), attention::argument_error,
                         MessageMatches(ContainsSubstring("hard_attention: top_k must be between 1 and the number of keys (Lk = 3); got 0")));
    options.top_k = 4;
    CHECK_THROWS_MATCHES(attention::hard_attention(x, x, x, options), attention::argument_error,
                         MessageMatches(ContainsSubstring("got 4")));
    options.top_k = 1;
    CHECK_THROWS_MATCHES(attention::hard_attention(x, xt::zeros<float>({3, 5}), x, options), attention::shape_error,
                         MessageMatches(ContainsSubstring("hard_attention: k must have the same last dimension as q (d = 4)")));
}
