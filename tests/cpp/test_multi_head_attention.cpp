#include "attention/multi_head_attention.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include "attention/errors.hpp"
#include "attention/scaled_dot_product_attention.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;

namespace {

attention::mha_weights reference_weights(const reference::test_case& c)
{
    attention::mha_weights w;
    w.num_heads = static_cast<std::size_t>(c.number("num_heads"));
    w.num_kv_heads = static_cast<std::size_t>(c.number("num_kv_heads"));
    w.Wq = c.inputs.at("Wq");
    w.Wk = c.inputs.at("Wk");
    w.Wv = c.inputs.at("Wv");
    w.Wo = c.inputs.at("Wo");
    if (c.inputs.count("bq")) {
        w.bq = c.inputs.at("bq");
        w.bk = c.inputs.at("bk");
        w.bv = c.inputs.at("bv");
        w.bo = c.inputs.at("bo");
    }
    return w;
}

attention::mha_weights random_weights(std::size_t d_model, std::size_t heads, std::size_t kv_heads, std::uint32_t seed)
{
    const std::size_t d_head = d_model / heads;
    attention::mha_weights w;
    w.num_heads = heads;
    w.num_kv_heads = kv_heads;
    w.Wq = testing::random_normal({d_model, d_model}, seed);
    w.Wk = testing::random_normal({d_model, kv_heads * d_head}, seed + 1);
    w.Wv = testing::random_normal({d_model, kv_heads * d_head}, seed + 2);
    w.Wo = testing::random_normal({d_model, d_model}, seed + 3);
    return w;
}

}  // namespace

TEST_CASE("multi-head attention matches the reference: biases, causal, cross, grouped-query, multi-query",
          "[mha][reference]")
{
    for (const auto& c : reference::cases_for("multi_head_attention")) {
        INFO(c.name);
        attention::mha_options options;
        if (c.has_option("causal")) options.causal = c.flag("causal");
        const auto result = attention::multi_head_attention(c.inputs.at("query"), c.inputs.at("key"), c.inputs.at("value"),
                                                            reference_weights(c), options);
        CHECK_THAT(result.output, testing::matches_reference(c.expected.at("output")));
        CHECK_THAT(result.weights, testing::matches_reference(c.expected.at("weights")));
    }
}

TEST_CASE("one head with identity projections is plain scaled dot-product attention", "[mha][property]")
{
    const tensor x = testing::random_normal({2, 5, 6}, 1), memory = testing::random_normal({2, 7, 6}, 2);
    attention::mha_weights w;
    w.num_heads = 1;
    w.Wq = w.Wk = w.Wv = w.Wo = xt::eye<float>(6);
    const auto mha = attention::multi_head_attention(x, memory, memory, w);
    const auto plain = attention::scaled_dot_product_attention(x, memory, memory);
    CHECK_THAT(mha.output, testing::close_to(plain.output, 1e-5, 1e-6));
    const tensor head0 = xt::view(mha.weights, xt::all(), 0);
    CHECK_THAT(head0, testing::close_to(plain.weights, 1e-5, 1e-6));
}

namespace {

/// a·b by the textbook triple loop (float64 sums): independent of the core's GEMM.
tensor reference_matmul(const tensor& a, const tensor& b)
{
    const std::size_t rows = a.shape()[0], inner = a.shape()[1], cols = b.shape()[1];
    tensor c = tensor::from_shape({rows, cols});
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < cols; ++j) {
            double sum = 0;
            for (std::size_t t = 0; t < inner; ++t) sum += static_cast<double>(a(i, t)) * b(t, j);
            c(i, j) = static_cast<float>(sum);
        }
    return c;
}

/// Columns [first, first + count) of a matrix.
tensor columns(const tensor& m, std::size_t first, std::size_t count)
{
    return xt::view(m, xt::all(), xt::range(first, first + count));
}

}  // namespace

TEST_CASE("multi-head attention equals per-head scaled dot-product attention written out by hand", "[mha][property]")
{
    const std::size_t heads = 4, d_head = 2;
    const tensor x = testing::random_normal({5, 8}, 3);
    const auto w = random_weights(8, heads, heads, 10);
    tensor concatenated = tensor::from_shape({5, heads * d_head});
    for (std::size_t h = 0; h < heads; ++h) {
        const tensor q = reference_matmul(x, columns(w.Wq, h * d_head, d_head));
        const tensor k = reference_matmul(x, columns(w.Wk, h * d_head, d_head));
        const tensor v = reference_matmul(x, columns(w.Wv, h * d_head, d_head));
        xt::view(concatenated, xt::all(), xt::range(h * d_head, (h + 1) * d_head)) =
            attention::scaled_dot_product_attention(q, k, v).output;
    }
    const tensor expected = reference_matmul(concatenated, w.Wo);
    CHECK_THAT(attention::multi_head_attention(x, x, x, w).output, testing::close_to(expected, 1e-4, 1e-5));
}

TEST_CASE("grouped-query attention equals multi-head attention whose K/V heads are copied per group", "[mha][property]")
{
    // 4 query heads, 2 K/V heads: query heads 0, 1 read K/V head 0; heads 2, 3 read K/V head 1.
    const std::size_t heads = 4, kv_heads = 2, d_head = 2;
    const tensor x = testing::random_normal({2, 5, 8}, 3);
    const auto grouped = random_weights(8, heads, kv_heads, 10);
    auto copied = grouped;
    copied.num_kv_heads = heads;
    copied.Wk = tensor::from_shape({8, heads * d_head});
    copied.Wv = tensor::from_shape({8, heads * d_head});
    for (std::size_t h = 0; h < heads; ++h) {
        const std::size_t group = h / (heads / kv_heads);
        xt::view(copied.Wk, xt::all(), xt::range(h * d_head, (h + 1) * d_head)) = columns(grouped.Wk, group * d_head, d_head);
        xt::view(copied.Wv, xt::all(), xt::range(h * d_head, (h + 1) * d_head)) = columns(grouped.Wv, group * d_head, d_head);
    }
    const auto expected = attention::multi_head_attention(x, x, x, copied);
    const auto actual = attention::multi_head_attention(x, x, x, grouped);
    CHECK_THAT(actual.output, testing::close_to(expected.output, 1e-5, 1e-6));
    CHECK_THAT(actual.weights, testing::close_to(expected.weights, 1e-5, 1e-6));
}

TEST_CASE("multi-query attention shares one K/V head and returns weights per query head", "[mha]")
{
    const tensor x = testing::random_normal({3, 6, 8}, 4);
    const auto w = random_weights(8, 4, 1, 20);
    attention::mha_options options;
    options.causal = true;
    const auto result = attention::multi_head_attention(x, x, x, w, options);
    CHECK(result.output.shape() == attention::shape_type{3, 6, 8});
    CHECK(result.weights.shape() == attention::shape_type{3, 4, 6, 6});
    CHECK(result.weights(1, 2, 0, 1) == 0.f);  // causal in every head
    options.return_weights = false;
    const auto lean = attention::multi_head_attention(x, x, x, w, options);
    CHECK(lean.weights.size() == 0);
    CHECK_THAT(lean.output, testing::close_to(result.output, 1e-5, 1e-6));  // normalised after P·V instead of before
}

TEST_CASE("a padding mask hides the same keys in every head", "[mha]")
{
    const tensor x = testing::random_normal({2, 5, 8}, 5);
    const auto w = random_weights(8, 2, 2, 30);
    attention::mha_options options;
    tensor mask = xt::ones<float>({2, 1, 5});
    mask(1, 0, 3) = mask(1, 0, 4) = 0.f;
    options.mask = attention::attention_mask{mask};
    const auto result = attention::multi_head_attention(x, x, x, w, options);
    for (std::size_t h = 0; h < 2; ++h)
        for (std::size_t i = 0; i < 5; ++i) {
            CHECK(result.weights(1, h, i, 3) == 0.f);
            CHECK(result.weights(1, h, i, 4) == 0.f);
            CHECK(result.weights(0, h, i, 4) > 0.f);
        }
}

TEST_CASE("multi_head_attention names the weight or argument that does not fit", "[mha][errors]")
{
    const tensor x = xt::zeros<float>({2, 5, 8});
    auto w = random_weights(8, 2, 2, 40);
    auto bad = w;
    bad.num_heads = 0;
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, bad), attention::argument_error,
                         MessageMatches(ContainsSubstring("multi_head_attention: num_heads must be at least 1; got 0")));
    bad = w;
    bad.num_kv_heads = 3;
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, bad), attention::argument_error,
                         MessageMatches(ContainsSubstring("num_kv_heads must divide num_heads (2)") && ContainsSubstring("got 3")));
    bad = w;
    bad.Wq = xt::zeros<float>({7, 8});
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, bad), attention::shape_error,
                         MessageMatches(ContainsSubstring("Wq must be a matrix with one row per query feature (8); "
                                                          "expected [8, num_heads·d_head], got [7, 8]")));
    bad = w;
    bad.num_heads = 3;
    bad.num_kv_heads = 1;
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, bad), attention::shape_error,
                         MessageMatches(ContainsSubstring("Wq must have num_heads·d_head columns, a positive multiple of num_heads (3)")));
    bad = w;
    bad.Wk = xt::zeros<float>({8, 6});
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, bad), attention::shape_error,
                         MessageMatches(ContainsSubstring("Wk must have num_kv_heads·d_head = 2·4 columns; expected [8, 8], got [8, 6]")));
    bad = w;
    bad.Wo = xt::zeros<float>({6, 8});
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, bad), attention::shape_error,
                         MessageMatches(ContainsSubstring("Wo must be a matrix with one row per concatenated head feature")));
    bad = w;
    bad.bq = xt::zeros<float>({7});
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, bad), attention::shape_error,
                         MessageMatches(ContainsSubstring("bq must be empty (no bias) or a vector with one entry per column of Wq (8); "
                                                          "expected [8], got [7]")));
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, xt::zeros<float>({3, 5, 8}), x, w), attention::shape_error,
                         MessageMatches(ContainsSubstring("key must have the same leading (batch) dimensions as query; "
                                                          "expected [2, 5, 8], got [3, 5, 8]")));
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, xt::zeros<float>({2, 4, 8}), w), attention::shape_error,
                         MessageMatches(ContainsSubstring("value must have the leading dimensions of query and one row per key (Lk = 5)")));
    attention::mha_options options;
    options.mask = attention::attention_mask{xt::ones<float>({2, 2, 5, 5})};
    CHECK_THROWS_MATCHES(attention::multi_head_attention(x, x, x, w, options), attention::shape_error,
                         MessageMatches(ContainsSubstring("multi_head_attention: mask must broadcast to the scores")));
}
