#include "attention/flash_attention.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <limits>
#include <utility>

#include "attention/errors.hpp"
#include "attention/masks.hpp"
#include "attention/memory_stats.hpp"
#include "attention/scaled_dot_product_attention.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;

TEST_CASE("tiled attention equals naive attention for sizes at the tile edges and any block size",
          "[flash][property]")
{
    // n = 300 > 257, so that blocks of 255 and 257 split the sequence differently from the default
    // 256; for n ≤ 255 every block size ≥ n is one block, the same computation.
    const std::size_t n = GENERATE(1, 3, 4, 5, 63, 64, 65, 300);
    // default blocks (256 × 256) and blocks one below / above; also tiny, odd and tile-edge blocks
    const auto blocks = GENERATE(std::pair<std::size_t, std::size_t>{0, 0}, std::pair<std::size_t, std::size_t>{255, 255},
                                 std::pair<std::size_t, std::size_t>{257, 257}, std::pair<std::size_t, std::size_t>{63, 255},
                                 std::pair<std::size_t, std::size_t>{65, 257}, std::pair<std::size_t, std::size_t>{64, 64},
                                 std::pair<std::size_t, std::size_t>{1, 1}, std::pair<std::size_t, std::size_t>{3, 4},
                                 std::pair<std::size_t, std::size_t>{5, 63}, std::pair<std::size_t, std::size_t>{64, 65});
    const bool causal = GENERATE(false, true);
    const bool masked = GENERATE(false, true);
    CAPTURE(n, blocks.first, blocks.second, causal, masked);

    const std::uint32_t seed = static_cast<std::uint32_t>(n);
    const tensor q = testing::random_normal({2, n, 16}, seed), k = testing::random_normal({2, n, 16}, seed + 100),
                 v = testing::random_normal({2, n, 12}, seed + 200);
    attention::sdpa_options naive_options;
    naive_options.causal = causal;
    naive_options.return_weights = false;
    attention::flash_options tiled_options;
    tiled_options.causal = causal;
    tiled_options.block_q = blocks.first;
    tiled_options.block_k = blocks.second;
    if (masked) {
        // a padding-style mask that hides different keys per batch entry, and one fully hidden row
        tensor mask = xt::ones<float>(attention::shape_type{2, n, n});
        for (std::size_t j = n / 2 + 1; j < n; ++j)
            for (std::size_t i = 0; i < n; ++i) mask(1, i, j) = 0.f;
        for (std::size_t j = 0; j < n; ++j) mask(0, n / 2, j) = 0.f;
        naive_options.mask = attention::attention_mask{mask};
        tiled_options.mask = naive_options.mask;
    }
    const tensor naive = attention::scaled_dot_product_attention(q, k, v, naive_options).output;
    const tensor tiled = attention::flash_attention(q, k, v, tiled_options);
    CHECK_THAT(tiled, testing::close_to(naive, 1e-5, 1e-6));
}

TEST_CASE("tiled attention equals naive attention when there are fewer queries than keys", "[flash][property]")
{
    const std::size_t lq = GENERATE(1, 5, 65), lk = GENERATE(3, 64, 130);
    const bool causal = GENERATE(false, true);
    const tensor q = testing::random_normal({lq, 8}, 1), k = testing::random_normal({3, lk, 8}, 2),
                 v = testing::random_normal({3, lk, 8}, 3);
    attention::sdpa_options naive_options;
    naive_options.causal = causal;
    attention::flash_options tiled_options;
    tiled_options.causal = causal;
    tiled_options.block_q = 4;
    tiled_options.block_k = 32;
    CHECK_THAT(attention::flash_attention(q, k, v, tiled_options),
               testing::close_to(attention::scaled_dot_product_attention(q, k, v, naive_options).output, 1e-5, 1e-6));
}

TEST_CASE("tiled attention with an additive mask equals naive attention", "[flash][property]")
{
    const tensor q = testing::random_normal({1, 70, 8}, 4), k = testing::random_normal({1, 90, 8}, 5),
                 v = testing::random_normal({1, 90, 8}, 6);
    const tensor bias = testing::random_normal({70, 90}, 7, 2.f);
    attention::sdpa_options naive_options;
    naive_options.mask = attention::attention_mask{bias, attention::mask_kind::additive};
    attention::flash_options tiled_options;
    tiled_options.mask = naive_options.mask;
    tiled_options.block_q = 16;
    tiled_options.block_k = 16;
    CHECK_THAT(attention::flash_attention(q, k, v, tiled_options),
               testing::close_to(attention::scaled_dot_product_attention(q, k, v, naive_options).output, 1e-5, 1e-6));
}

TEST_CASE("tiled attention gives zeros for a query row whose keys are all hidden", "[flash]")
{
    const tensor q = testing::random_normal({3, 4}, 8), k = testing::random_normal({5, 4}, 9), v = testing::random_normal({5, 2}, 10);
    attention::flash_options options;
    options.mask = attention::attention_mask{tensor{{1.f, 1.f, 0.f, 0.f, 0.f}, {0.f, 0.f, 0.f, 0.f, 0.f}, {1.f, 1.f, 1.f, 1.f, 1.f}}};
    options.block_k = 2;
    const tensor out = attention::flash_attention(q, k, v, options);
    CHECK(out(1, 0) == 0.f);
    CHECK(out(1, 1) == 0.f);
    CHECK(out(0, 0) != 0.f);
}

TEST_CASE("tiled attention needs the same scratch memory whatever the sequence length; naive grows with Lq·Lk",
          "[flash][memory]")
{
    auto peaks = [](std::size_t n) {
        const tensor q = testing::random_normal({n, 32}, 1), k = testing::random_normal({n, 32}, 2), v = testing::random_normal({n, 32}, 3);
        attention::reset_scratch_memory_peak();
        const std::size_t before = attention::scratch_memory().current_bytes;
        (void)attention::flash_attention(q, k, v);
        const std::size_t tiled = attention::scratch_memory().peak_bytes - before;
        attention::reset_scratch_memory_peak();
        attention::sdpa_options lean;
        lean.return_weights = false;
        (void)attention::scaled_dot_product_attention(q, k, v, lean);
        const std::size_t naive = attention::scratch_memory().peak_bytes - before;
        return std::pair<std::size_t, std::size_t>{tiled, naive};
    };
    const auto small = peaks(512), large = peaks(2048);
    CHECK(small.first == large.first);
    CHECK(large.second >= 2048u * 2048u * sizeof(float));
    CHECK(large.second > 10 * small.second);  // 4× the length: about 16× the naive scratch
    CHECK(large.first * 20 < large.second);
    CHECK(attention::scratch_memory().current_bytes == 0);
}

TEST_CASE("flash_attention validates like scaled_dot_product_attention, naming itself", "[flash][errors]")
{
    const tensor q = xt::zeros<float>({4, 8}), k = xt::zeros<float>({5, 8}), v = xt::zeros<float>({5, 3});
    CHECK_THROWS_MATCHES(attention::flash_attention(q, xt::zeros<float>({5, 7}), v), attention::shape_error,
                         MessageMatches(ContainsSubstring("flash_attention: k must have the same last dimension as q (d = 8); "
                                                          "expected [..., Lk, 8], got [5, 7]")));
    attention::flash_options options;
    options.mask = attention::attention_mask{xt::ones<float>({2, 5})};
    CHECK_THROWS_MATCHES(attention::flash_attention(q, k, v, options), attention::shape_error,
                         MessageMatches(ContainsSubstring("flash_attention: mask must broadcast to the scores") &&
                                        ContainsSubstring("got [2, 5]")));
    options.mask.reset();
    options.scale = std::numeric_limits<float>::infinity();
    CHECK_THROWS_AS(attention::flash_attention(q, k, v, options), attention::argument_error);
}

TEST_CASE("tiled attention over zero keys gives a zero output", "[flash]")
{
    const tensor out = attention::flash_attention(testing::random_normal({3, 4}, 11), tensor::from_shape({0, 4}),
                                                  tensor::from_shape({0, 2}));
    REQUIRE(out.shape() == attention::shape_type{3, 2});
    for (float x : out) CHECK(x == 0.f);
}
