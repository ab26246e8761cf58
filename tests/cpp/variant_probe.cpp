#include "variant_probe.hpp"

#include "attention/attention.hpp"
#include "test_helpers.hpp"

namespace probe {
namespace AW_VARIANT {  // declared (non-inline) in variant_probe.hpp

std::vector<std::pair<std::string, attention::tensor>> run_everything()
{
    using attention::tensor;
    std::vector<std::pair<std::string, tensor>> results;
    // sizes with vector tails (67, 33) and several GEMM row/column blocks
    const tensor q = testing::random_normal({2, 67, 32}, 1), k = testing::random_normal({2, 131, 32}, 2),
                 v = testing::random_normal({2, 131, 24}, 3);
    results.emplace_back("softmax", attention::softmax(testing::random_normal({5, 67}, 4, 10.f), 0.7f));
    results.emplace_back("log_softmax", attention::log_softmax(testing::random_normal({5, 67}, 5, 10.f)));
    attention::sdpa_options causal;
    causal.causal = true;
    const auto sdpa = attention::scaled_dot_product_attention(q, k, v, causal);
    results.emplace_back("sdpa output", sdpa.output);
    results.emplace_back("sdpa weights", sdpa.weights);
    attention::flash_options tiled;
    tiled.causal = true;
    tiled.block_q = 16;
    tiled.block_k = 40;
    results.emplace_back("flash", attention::flash_attention(q, k, v, tiled));
    results.emplace_back("dot scores", attention::dot_scores(q, k));
    results.emplace_back("additive scores",
                         attention::additive_scores(q, k, testing::random_normal({32, 19}, 6), testing::random_normal({32, 19}, 7),
                                                    testing::random_normal({19}, 8)));
    attention::mha_weights w;
    w.num_heads = 4;
    w.num_kv_heads = 2;
    w.Wq = testing::random_normal({32, 32}, 9, 0.2f);
    w.Wk = testing::random_normal({32, 16}, 10, 0.2f);
    w.Wv = testing::random_normal({32, 16}, 11, 0.2f);
    w.Wo = testing::random_normal({32, 32}, 12, 0.2f);
    results.emplace_back("mha", attention::multi_head_attention(q, k, k, w).output);
    results.emplace_back("rope", attention::rope(q));
    return results;
}

}  // namespace AW_VARIANT
}  // namespace probe
