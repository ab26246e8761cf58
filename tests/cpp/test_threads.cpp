// The threading model (README, "The C++ core"): the core shares no mutable state between threads —
// temporaries belong to the call, the GEMM's packing buffer and the scratch counters are
// thread_local — so it may be called from several threads at once. Two threads run every kernel
// family at the same time and must get exactly the results of one thread; under ThreadSanitizer
// (the native-tsan preset) any data race between them is reported and fails the test.
#include <catch2/catch_test_macros.hpp>

#include <thread>
#include <vector>

#include "attention/attention.hpp"
#include "test_helpers.hpp"

using attention::tensor;

namespace {

/// One call of each family on inputs from `seed`; all outputs flattened, in order.
std::vector<tensor> run_every_family(std::uint32_t seed)
{
    const tensor q = testing::random_normal({2, 70, 16}, seed), k = testing::random_normal({2, 90, 16}, seed + 1),
                 v = testing::random_normal({2, 90, 8}, seed + 2), W = testing::random_normal({16, 16}, seed + 3);
    std::vector<tensor> outputs;
    attention::sdpa_options causal;
    causal.causal = true;
    outputs.push_back(attention::scaled_dot_product_attention(q, k, v, causal).output);
    attention::flash_options tiled;
    tiled.block_q = 16;
    tiled.block_k = 32;
    outputs.push_back(attention::flash_attention(q, k, v, tiled));
    outputs.push_back(attention::hard_attention(q, k, v).weights);
    outputs.push_back(attention::softmax(q, 0.5f));
    outputs.push_back(attention::additive_attention(q, k, v, W, W, testing::random_normal({16}, seed + 4)).output);
    attention::mha_weights weights{4, 2, W, testing::random_normal({16, 8}, seed + 5), testing::random_normal({16, 8}, seed + 6),
                                   W, {}, {}, {}, {}};
    outputs.push_back(attention::multi_head_attention(q, q, q, weights).output);
    outputs.push_back(attention::rope(q));
    outputs.push_back(attention::bilinear_scores(q, k, W));
    return outputs;
}

}  // namespace

TEST_CASE("two threads calling the core at once get the results of one thread", "[threads]")
{
    const auto expected_a = run_every_family(1), expected_b = run_every_family(100);
    std::vector<tensor> a, b;
    std::size_t scratch_after_a = 1, scratch_after_b = 1;
    std::thread first([&] {
        for (int round = 0; round < 3; ++round) a = run_every_family(1);
        scratch_after_a = attention::scratch_memory().current_bytes;
    });
    std::thread second([&] {
        for (int round = 0; round < 3; ++round) b = run_every_family(100);
        scratch_after_b = attention::scratch_memory().current_bytes;
    });
    first.join();
    second.join();
    REQUIRE(a.size() == expected_a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK_THAT(a[i], testing::close_to(expected_a[i], 0, 0));
        CHECK_THAT(b[i], testing::close_to(expected_b[i], 0, 0));
    }
    CHECK(scratch_after_a == 0);  // every thread's scratch is released by the end of its calls
    CHECK(scratch_after_b == 0);
}
