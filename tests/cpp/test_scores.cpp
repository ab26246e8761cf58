#include "attention/scores.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>

#include "attention/errors.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;

TEST_CASE("dot-product scores match the reference", "[scores][reference]")
{
    for (const auto& c : reference::cases_for("dot_scores"))
        CHECK_THAT(attention::dot_scores(c.inputs.at("q"), c.inputs.at("k")), testing::matches_reference(c.expected.at("scores")));
}

TEST_CASE("scaled dot-product scores divide by the square root of d by default", "[scores][reference]")
{
    for (const auto& c : reference::cases_for("scaled_dot_scores")) {  // d = 4: scale 1/2
        CHECK_THAT(attention::scaled_dot_scores(c.inputs.at("q"), c.inputs.at("k")),
                   testing::matches_reference(c.expected.at("scores")));
        CHECK_THAT(attention::scaled_dot_scores(c.inputs.at("q"), c.inputs.at("k"), 0.5f),
                   testing::matches_reference(c.expected.at("scores")));
    }
}

TEST_CASE("additive scores match the reference", "[scores][reference]")
{
    for (const auto& c : reference::cases_for("additive_scores")) {
        const auto& in = c.inputs;
        CHECK_THAT(attention::additive_scores(in.at("q"), in.at("k"), in.at("Wq"), in.at("Wk"), in.at("w")),
                   testing::matches_reference(c.expected.at("scores")));
    }
}

TEST_CASE("bilinear scores match the reference", "[scores][reference]")
{
    for (const auto& c : reference::cases_for("bilinear_scores"))
        CHECK_THAT(attention::bilinear_scores(c.inputs.at("q"), c.inputs.at("k"), c.inputs.at("W")),
                   testing::matches_reference(c.expected.at("scores")));
}

TEST_CASE("bilinear scores with the identity matrix equal dot-product scores", "[scores][property]")
{
    const tensor q = testing::random_normal({3, 5, 6}, 1), k = testing::random_normal({3, 7, 6}, 2);
    CHECK_THAT(attention::bilinear_scores(q, k, xt::eye<float>(6)), testing::close_to(attention::dot_scores(q, k), 1e-6, 1e-6));
}

TEST_CASE("scaled scores of unit-variance vectors have variance close to one", "[scores][property]")
{
    const std::size_t d = 256;
    const tensor q = testing::random_normal({64, d}, 3), k = testing::random_normal({64, d}, 4);
    const tensor s = attention::scaled_dot_scores(q, k);
    double sum = 0, sum_sq = 0;
    for (float x : s) {
        sum += x;
        sum_sq += double(x) * x;
    }
    const double mean = sum / s.size(), variance = sum_sq / s.size() - mean * mean;
    CHECK(std::abs(variance - 1.0) < 0.15);
}

TEST_CASE("score functions name the mismatched argument and its shape", "[scores][errors]")
{
    const tensor q = xt::zeros<float>({3, 4}), k = xt::zeros<float>({5, 6});
    CHECK_THROWS_MATCHES(attention::dot_scores(q, k), attention::shape_error,
                         MessageMatches(ContainsSubstring("dot_scores: k must have the same last dimension as q (d = 4); "
                                                          "expected [..., Lk, 4], got [5, 6]")));
    CHECK_THROWS_MATCHES(attention::scaled_dot_scores(q, xt::zeros<float>({5})), attention::shape_error,
                         MessageMatches(ContainsSubstring("scaled_dot_scores: k must have at least 2 dimensions")));
    CHECK_THROWS_MATCHES(attention::bilinear_scores(q, k, xt::zeros<float>({6, 4})), attention::shape_error,
                         MessageMatches(ContainsSubstring("bilinear_scores: W must be [dq, dk]") &&
                                        ContainsSubstring("expected [4, 6], got [6, 4]")));
    const tensor Wq = xt::zeros<float>({4, 8}), Wk = xt::zeros<float>({6, 8}), w = xt::zeros<float>({8});
    CHECK_THROWS_MATCHES(attention::additive_scores(q, k, xt::zeros<float>({5, 8}), Wk, w), attention::shape_error,
                         MessageMatches(ContainsSubstring("additive_scores: Wq must be a matrix with one row per query feature (4); "
                                                          "expected [4, 8], got [5, 8]")));
    CHECK_THROWS_MATCHES(attention::additive_scores(q, k, Wq, xt::zeros<float>({6, 7}), w), attention::shape_error,
                         MessageMatches(ContainsSubstring("Wk must have one column per hidden unit of w (h = 8); "
                                                          "expected [6, 8], got [6, 7]")));
    CHECK_THROWS_MATCHES(attention::additive_scores(q, k, Wq, Wk, xt::zeros<float>({8, 1})), attention::shape_error,
                         MessageMatches(ContainsSubstring("w must be a vector with one weight per hidden unit; expected [h], got [8, 1]")));
    CHECK_THROWS_MATCHES(attention::scaled_dot_scores(q, xt::zeros<float>({5, 4}), std::nanf("")), attention::argument_error,
                         MessageMatches(ContainsSubstring("scaled_dot_scores: scale must be a finite number")));
}
