#include "attention/scaled_dot_product_attention.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>
#include <limits>

#include "attention/errors.hpp"
#include "attention/masks.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;
using Catch::Matchers::WithinAbs;

namespace {

std::optional<attention::attention_mask> reference_mask(const reference::test_case& c)
{
    if (!c.inputs.count("mask")) return std::nullopt;
    const auto kind = c.text("mask_kind") == "additive" ? attention::mask_kind::additive
                                                                      : attention::mask_kind::boolean;
    return attention::attention_mask{c.inputs.at("mask"), kind};
}

}  // namespace

TEST_CASE("scaled dot-product attention matches the float64 reference", "[sdpa][reference]")
{
    for (const auto& c : reference::cases_for("scaled_dot_product_attention")) {
        INFO(c.name);
        attention::sdpa_options options;
        if (c.has_option("scale")) options.scale = static_cast<float>(c.number("scale"));
        if (c.has_option("causal")) options.causal = c.flag("causal");
        options.mask = reference_mask(c);
        const auto result = attention::scaled_dot_product_attention(c.inputs.at("q"), c.inputs.at("k"), c.inputs.at("v"), options);
        CHECK_THAT(result.output, testing::matches_reference(c.expected.at("output")));
        CHECK_THAT(result.weights, testing::matches_reference(c.expected.at("weights")));
    }
}

TEST_CASE("attention weights are non-negative and each row sums to one", "[sdpa][property]")
{
    const std::size_t lk = GENERATE(1, 3, 4, 5, 63, 64, 65);
    const tensor q = testing::random_normal({2, 7, 16}, 1), k = testing::random_normal({2, lk, 16}, 2),
                 v = testing::random_normal({2, lk, 5}, 3);
    const auto result = attention::scaled_dot_product_attention(q, k, v);
    REQUIRE(result.weights.shape() == attention::shape_type{2, 7, lk});
    for (std::size_t b = 0; b < 2; ++b)
        for (std::size_t i = 0; i < 7; ++i) {
            double sum = 0;
            for (std::size_t j = 0; j < lk; ++j) {
                CHECK(result.weights(b, i, j) >= 0.f);
                sum += result.weights(b, i, j);
            }
            CHECK_THAT(sum, WithinAbs(1.0, 1e-5));
        }
}

TEST_CASE("an all-ones mask gives the same result as no mask", "[sdpa][property]")
{
    const tensor q = testing::random_normal({3, 6, 8}, 4), k = testing::random_normal({3, 9, 8}, 5),
                 v = testing::random_normal({3, 9, 4}, 6);
    const auto plain = attention::scaled_dot_product_attention(q, k, v);
    attention::sdpa_options ones;
    ones.mask = attention::attention_mask{xt::ones<float>({6, 9})};
    const auto masked = attention::scaled_dot_product_attention(q, k, v, ones);
    CHECK_THAT(masked.output, testing::close_to(plain.output, 0, 0));
    attention::sdpa_options zeros_added;
    zeros_added.mask = attention::attention_mask{xt::zeros<float>({1, 9}), attention::mask_kind::additive};
    CHECK_THAT(attention::scaled_dot_product_attention(q, k, v, zeros_added).weights, testing::close_to(plain.weights, 0, 0));
}

TEST_CASE("causal attention rows ignore the future: changing later keys and values leaves earlier outputs unchanged",
          "[sdpa][property]")
{
    const std::size_t n = 12;
    const tensor q = testing::random_normal({n, 8}, 7), k = testing::random_normal({n, 8}, 8),
                 v = testing::random_normal({n, 8}, 9);
    tensor k2 = k, v2 = v;
    for (std::size_t j = 6; j < n; ++j)
        for (std::size_t c = 0; c < 8; ++c) {
            k2(j, c) += 5.f;
            v2(j, c) -= 3.f;
        }
    attention::sdpa_options causal;
    causal.causal = true;
    const auto a = attention::scaled_dot_product_attention(q, k, v, causal);
    const auto b = attention::scaled_dot_product_attention(q, k2, v2, causal);
    for (std::size_t i = 0; i < 6; ++i)
        for (std::size_t c = 0; c < 8; ++c) CHECK(a.output(i, c) == b.output(i, c));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) CHECK(a.weights(i, j) == 0.f);
}

TEST_CASE("the causal option equals an explicit causal mask", "[sdpa][property]")
{
    const tensor q = testing::random_normal({2, 5, 8}, 10), k = testing::random_normal({2, 9, 8}, 11),
                 v = testing::random_normal({2, 9, 3}, 12);
    attention::sdpa_options causal;
    causal.causal = true;
    attention::sdpa_options explicit_mask;
    explicit_mask.mask = attention::attention_mask{attention::causal_mask(5, 9)};
    CHECK_THAT(attention::scaled_dot_product_attention(q, k, v, causal).output,
               testing::close_to(attention::scaled_dot_product_attention(q, k, v, explicit_mask).output, 0, 0));
}

TEST_CASE("a query row with no allowed key gets zero weights and a zero output, not NaN", "[sdpa]")
{
    const tensor q = testing::random_normal({4, 8}, 13), k = testing::random_normal({6, 8}, 14),
                 v = testing::random_normal({6, 3}, 15);
    tensor mask = xt::ones<float>({4, 6});
    for (std::size_t j = 0; j < 6; ++j) mask(2, j) = 0.f;
    attention::sdpa_options options;
    options.mask = attention::attention_mask{mask};
    const auto result = attention::scaled_dot_product_attention(q, k, v, options);
    for (std::size_t j = 0; j < 6; ++j) CHECK(result.weights(2, j) == 0.f);
    for (std::size_t c = 0; c < 3; ++c) CHECK(result.output(2, c) == 0.f);
    // an additive mask of −∞ everywhere behaves the same
    options.mask = attention::attention_mask{xt::full_like(mask, -std::numeric_limits<float>::infinity()),
                                             attention::mask_kind::additive};
    const auto all_hidden = attention::scaled_dot_product_attention(q, k, v, options);
    for (float x : all_hidden.output) CHECK(x == 0.f);
}

TEST_CASE("without weights the output is the same and the weights are empty", "[sdpa]")
{
    const tensor q = testing::random_normal({2, 5, 8}, 16), k = testing::random_normal({2, 7, 8}, 17),
                 v = testing::random_normal({2, 7, 3}, 18);
    attention::sdpa_options options;
    options.return_weights = false;
    const auto lean = attention::scaled_dot_product_attention(q, k, v, options);
    CHECK(lean.weights.size() == 0);
    // normalised after P·V instead of before: the same up to rounding
    CHECK_THAT(lean.output, testing::close_to(attention::scaled_dot_product_attention(q, k, v).output, 1e-5, 1e-6));
}

TEST_CASE("leading dimensions broadcast: one K/V head serves every query head", "[sdpa]")
{
    const tensor q = testing::random_normal({2, 3, 4, 8}, 19), k = testing::random_normal({2, 1, 6, 8}, 20),
                 v = testing::random_normal({1, 6, 5}, 21);
    const auto result = attention::scaled_dot_product_attention(q, k, v);
    REQUIRE(result.output.shape() == attention::shape_type{2, 3, 4, 5});
    REQUIRE(result.weights.shape() == attention::shape_type{2, 3, 4, 6});
    const tensor q1 = xt::view(q, 1, 2), k1 = xt::view(k, 1, 0), v1 = xt::view(v, 0);
    const auto single = attention::scaled_dot_product_attention(q1, k1, v1);
    const tensor picked = xt::view(result.output, 1, 2);
    CHECK_THAT(picked, testing::close_to(single.output, 1e-6, 1e-7));
}

TEST_CASE("scaled_dot_product_attention names the argument and both shapes in its errors", "[sdpa][errors]")
{
    const tensor q = xt::zeros<float>({2, 10, 64}), v = xt::zeros<float>({2, 10, 16});
    CHECK_THROWS_MATCHES(attention::scaled_dot_product_attention(q, xt::zeros<float>({2, 10, 32}), v), attention::shape_error,
                         MessageMatches(ContainsSubstring(
                             "scaled_dot_product_attention: k must have the same last dimension as q (d = 64); "
                             "expected [..., Lk, 64], got [2, 10, 32]")));
    CHECK_THROWS_MATCHES(attention::scaled_dot_product_attention(q, xt::zeros<float>({2, 10, 64}), xt::zeros<float>({2, 9, 16})),
                         attention::shape_error,
                         MessageMatches(ContainsSubstring("v must have one row per key, as many as k (Lk = 10); "
                                                          "expected [..., 10, dv], got [2, 9, 16]")));
    CHECK_THROWS_MATCHES(attention::scaled_dot_product_attention(xt::zeros<float>({64}), q, v), attention::shape_error,
                         MessageMatches(ContainsSubstring("q must have at least 2 dimensions; expected [..., Lq, d], got [64]")));
    CHECK_THROWS_MATCHES(attention::scaled_dot_product_attention(q, xt::zeros<float>({3, 10, 64}), v), attention::shape_error,
                         MessageMatches(ContainsSubstring("leading (batch/head) dimensions of k and q must broadcast") &&
                                        ContainsSubstring("got [3, 10, 64]")));
}

TEST_CASE("scaled_dot_product_attention rejects a mask that does not broadcast to the scores", "[sdpa][errors]")
{
    const tensor q = xt::zeros<float>({2, 4, 8}), k = xt::zeros<float>({2, 6, 8}), v = xt::zeros<float>({2, 6, 3});
    attention::sdpa_options options;
    options.mask = attention::attention_mask{xt::ones<float>({4, 5})};
    CHECK_THROWS_MATCHES(attention::scaled_dot_product_attention(q, k, v, options), attention::shape_error,
                         MessageMatches(ContainsSubstring("scaled_dot_product_attention: mask must broadcast to the scores") &&
                                        ContainsSubstring("expected [2, 4, 6] or a shape broadcastable to it, got [4, 5]")));
    options.mask = attention::attention_mask{xt::ones<float>({3, 2, 4, 6})};
    CHECK_THROWS_AS(attention::scaled_dot_product_attention(q, k, v, options), attention::shape_error);
}

TEST_CASE("scaled_dot_product_attention rejects a scale that is not finite", "[sdpa][errors]")
{
    const tensor x = xt::zeros<float>({2, 4});
    attention::sdpa_options options;
    options.scale = std::numeric_limits<float>::quiet_NaN();
    CHECK_THROWS_MATCHES(attention::scaled_dot_product_attention(x, x, x, options), attention::argument_error,
                         MessageMatches(ContainsSubstring("scaled_dot_product_attention: scale must be a finite number; got nan")));
}

TEST_CASE("attention over zero keys gives a zero output, and zero queries an empty one", "[sdpa]")
{
    const tensor q = testing::random_normal({3, 4}, 22);
    const auto no_keys = attention::scaled_dot_product_attention(q, tensor::from_shape({0, 4}), tensor::from_shape({0, 2}));
    REQUIRE(no_keys.output.shape() == attention::shape_type{3, 2});
    for (float x : no_keys.output) CHECK(x == 0.f);
    CHECK(no_keys.weights.shape() == attention::shape_type{3, 0});
    const auto no_queries = attention::scaled_dot_product_attention(tensor::from_shape({0, 4}), q, q);
    CHECK(no_queries.output.shape() == attention::shape_type{0, 4});
}
