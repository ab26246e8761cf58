// The non-finite contract of every public entry point: NaN and +∞ are refused with an
// attention::argument_error naming the function, the argument and the first bad index; −∞ is
// accepted only where it means "hidden" (softmax / log-softmax inputs, additive masks) and refused
// in q, k, v, projection weights, biases and boolean masks.
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "attention/attention.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::Equals;
using Catch::Matchers::MessageMatches;

namespace {

constexpr float inf = std::numeric_limits<float>::infinity();
const float not_a_number = std::numeric_limits<float>::quiet_NaN();

/// `t` with element `flat` replaced by `value`.
tensor with_value(tensor t, std::size_t flat, float value)
{
    t.data()[flat] = value;
    return t;
}

/// The exact message for a refused value.
std::string refused(const char* function, const char* argument, const char* value, const char* index,
                    const char* shape, bool negative_infinity_allowed = false)
{
    return std::string(function) + ": " + argument +
           (negative_infinity_allowed ? " must hold finite numbers or -Infinity (which means \"hidden\"), not NaN or +Infinity"
                                      : " must hold finite numbers, not NaN or ±Infinity") +
           "; got " + value + " at index " + index + " (shape " + shape + ")";
}

}  // namespace

TEST_CASE("softmax and log_softmax refuse NaN and +Infinity, naming the first bad index", "[non-finite][softmax]")
{
    const tensor x = testing::random_normal({2, 3}, 1);
    CHECK_THROWS_MATCHES(attention::softmax(with_value(with_value(x, 4, not_a_number), 5, inf)), attention::argument_error,
                         MessageMatches(Equals(refused("softmax", "x", "NaN", "[1, 1]", "[2, 3]", true))));
    CHECK_THROWS_MATCHES(attention::log_softmax(with_value(x, 2, inf)), attention::argument_error,
                         MessageMatches(Equals(refused("log_softmax", "x", "Infinity", "[0, 2]", "[2, 3]", true))));
    // −∞ means "hidden": accepted, weight 0
    const tensor y = attention::softmax(with_value(x, 0, -inf));
    CHECK(y(0, 0) == 0.f);
}

TEST_CASE("the first bad value is found in any position of a long tensor", "[non-finite]")
{
    // 3000 elements: past the first 1024-element block of the scan, and in its tail
    const std::size_t at = GENERATE(0u, 1023u, 1024u, 2047u, 2999u);
    const tensor x = with_value(testing::random_normal({3000}, 2), at, not_a_number);
    CHECK_THROWS_MATCHES(attention::softmax(x), attention::argument_error,
                         MessageMatches(Equals(refused("softmax", "x", "NaN", ("[" + std::to_string(at) + "]").c_str(),
                                                       "[3000]", true))));
}

TEST_CASE("attention refuses any non-finite value in q, k and v", "[non-finite][sdpa]")
{
    const float bad = GENERATE(not_a_number, inf, -inf);
    const char* name = std::isnan(bad) ? "NaN" : bad > 0 ? "Infinity" : "-Infinity";
    const tensor q = testing::random_normal({2, 3, 4}, 3), k = testing::random_normal({2, 5, 4}, 4),
                 v = testing::random_normal({2, 5, 2}, 5);
    CHECK_THROWS_MATCHES(attention::scaled_dot_product_attention(with_value(q, 13, bad), k, v), attention::argument_error,
                         MessageMatches(Equals(refused("scaled_dot_product_attention", "q", name, "[1, 0, 1]", "[2, 3, 4]"))));
    CHECK_THROWS_MATCHES(attention::flash_attention(q, with_value(k, 0, bad), v), attention::argument_error,
                         MessageMatches(Equals(refused("flash_attention", "k", name, "[0, 0, 0]", "[2, 5, 4]"))));
    CHECK_THROWS_MATCHES(attention::hard_attention(q, k, with_value(v, 19, bad)), attention::argument_error,
                         MessageMatches(Equals(refused("hard_attention", "v", name, "[1, 4, 1]", "[2, 5, 2]"))));
    CHECK_THROWS_MATCHES(attention::dot_scores(with_value(q, 1, bad), k), attention::argument_error,
                         MessageMatches(Equals(refused("dot_scores", "q", name, "[0, 0, 1]", "[2, 3, 4]"))));
    CHECK_THROWS_MATCHES(attention::bilinear_scores(q, k, with_value(testing::random_normal({4, 4}, 6), 5, bad)),
                         attention::argument_error,
                         MessageMatches(Equals(refused("bilinear_scores", "W", name, "[1, 1]", "[4, 4]"))));
    CHECK_THROWS_MATCHES(attention::rope(with_value(q, 23, bad)), attention::argument_error,
                         MessageMatches(Equals(refused("rope", "x", name, "[1, 2, 3]", "[2, 3, 4]"))));
}

TEST_CASE("a boolean mask must be finite; an additive mask may hold -Infinity only", "[non-finite][masks]")
{
    const tensor q = testing::random_normal({3, 4}, 7), k = testing::random_normal({3, 4}, 8),
                 v = testing::random_normal({3, 2}, 9);
    const tensor zeros = xt::zeros<float>({3, 3});
    attention::sdpa_options options;
    options.mask = attention::attention_mask{with_value(zeros, 4, -inf), attention::mask_kind::boolean};
    CHECK_THROWS_MATCHES(attention::scaled_dot_product_attention(q, k, v, options), attention::argument_error,
                         MessageMatches(Equals(refused("scaled_dot_product_attention", "mask", "-Infinity", "[1, 1]", "[3, 3]"))));

    options.mask = attention::attention_mask{with_value(zeros, 4, inf), attention::mask_kind::additive};
    CHECK_THROWS_MATCHES(attention::scaled_dot_product_attention(q, k, v, options), attention::argument_error,
                         MessageMatches(Equals(refused("scaled_dot_product_attention", "mask", "Infinity", "[1, 1]",
                                                       "[3, 3]", true))));
    attention::flash_options flash;
    flash.mask = attention::attention_mask{with_value(zeros, 8, not_a_number), attention::mask_kind::additive};
    CHECK_THROWS_MATCHES(attention::flash_attention(q, k, v, flash), attention::argument_error,
                         MessageMatches(Equals(refused("flash_attention", "mask", "NaN", "[2, 2]", "[3, 3]", true))));

    // −∞ in an additive mask hides the key: the same result as a boolean 0
    options.mask = attention::attention_mask{with_value(zeros, 1, -inf), attention::mask_kind::additive};
    const auto additive = attention::scaled_dot_product_attention(q, k, v, options);
    tensor ones = xt::ones<float>({3, 3});
    options.mask = attention::attention_mask{with_value(ones, 1, 0.f), attention::mask_kind::boolean};
    const auto boolean = attention::scaled_dot_product_attention(q, k, v, options);
    CHECK(additive.weights(0, 1) == 0.f);
    CHECK_THAT(additive.output, testing::close_to(boolean.output, 1e-6, 1e-7));
}

TEST_CASE("additive and multi-head attention refuse non-finite weights and biases", "[non-finite][mha][additive]")
{
    const tensor x = testing::random_normal({2, 3, 4}, 10), W = testing::random_normal({4, 4}, 11);
    CHECK_THROWS_MATCHES(attention::additive_attention(x, x, x, W, W, with_value(testing::random_normal({4}, 12), 3, not_a_number)),
                         attention::argument_error,
                         MessageMatches(Equals(refused("additive_attention", "w", "NaN", "[3]", "[4]"))));
    CHECK_THROWS_MATCHES(attention::additive_scores(x, with_value(x, 0, -inf), W, W, testing::random_normal({4}, 12)),
                         attention::argument_error,
                         MessageMatches(Equals(refused("additive_scores", "k", "-Infinity", "[0, 0, 0]", "[2, 3, 4]"))));

    attention::mha_weights weights{2, 0, W, W, W, W, {}, {}, {}, {}};
    CHECK_NOTHROW(attention::multi_head_attention(x, x, x, weights));  // absent biases are not values
    weights.Wo = with_value(W, 15, inf);
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, weights), attention::argument_error,
                         MessageMatches(Equals(refused("multi_head_attention", "Wo", "Infinity", "[3, 3]", "[4, 4]"))));
    weights.Wo = W;
    weights.bk = with_value(xt::zeros<float>({4}), 2, not_a_number);
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, weights), attention::argument_error,
                         MessageMatches(Equals(refused("multi_head_attention", "bk", "NaN", "[2]", "[4]"))));
    weights.bk = tensor{};
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, with_value(x, 5, -inf), x, weights), attention::argument_error,
                         MessageMatches(Equals(refused("multi_head_attention", "key", "-Infinity", "[0, 1, 1]", "[2, 3, 4]"))));
}
