#include "attention/additive_attention.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include "attention/errors.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;

TEST_CASE("additive attention matches the reference, with and without a mask", "[additive][reference]")
{
    for (const auto& c : reference::cases_for("additive_attention")) {
        INFO(c.name);
        const auto& in = c.inputs;
        attention::additive_options options;
        if (in.count("mask")) options.mask = attention::attention_mask{in.at("mask")};
        const auto result = attention::additive_attention(in.at("q"), in.at("k"), in.at("v"), in.at("Wq"), in.at("Wk"), in.at("w"), options);
        CHECK_THAT(result.output, testing::matches_reference(c.expected.at("output")));
        CHECK_THAT(result.weights, testing::matches_reference(c.expected.at("weights")));
    }
}

TEST_CASE("additive attention accepts queries and keys of different sizes", "[additive]")
{
    const tensor q = testing::random_normal({2, 3}, 1), k = testing::random_normal({4, 7}, 2), v = testing::random_normal({4, 5}, 3);
    const auto result = attention::additive_attention(q, k, v, testing::random_normal({3, 6}, 4), testing::random_normal({7, 6}, 5),
                                                      testing::random_normal({6}, 6));
    CHECK(result.output.shape() == attention::shape_type{2, 5});
    CHECK(result.weights.shape() == attention::shape_type{2, 4});
}

TEST_CASE("additive_attention names v when it has the wrong number of rows", "[additive][errors]")
{
    const tensor q = xt::zeros<float>({2, 3}), k = xt::zeros<float>({4, 7});
    const tensor Wq = xt::zeros<float>({3, 6}), Wk = xt::zeros<float>({7, 6}), w = xt::zeros<float>({6});
    CHECK_THROWS_MATCHES(attention::additive_attention(q, k, xt::zeros<float>({5, 2}), Wq, Wk, w), attention::shape_error,
                         MessageMatches(ContainsSubstring("additive_attention: v must have one row per key, as many as k (Lk = 4); "
                                                          "expected [..., 4, dv], got [5, 2]")));
    attention::additive_options options;
    options.mask = attention::attention_mask{xt::ones<float>({3, 4})};
    CHECK_THROWS_MATCHES(attention::additive_attention(q, k, xt::zeros<float>({4, 2}), Wq, Wk, w, options), attention::shape_error,
                         MessageMatches(ContainsSubstring("additive_attention: mask must broadcast")));
}
