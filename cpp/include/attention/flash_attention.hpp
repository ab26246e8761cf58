// Tiled attention with online softmax (FlashAttention-style; Dao et al. 2022, on the online
// softmax of Milakov & Gimelshein 2018).
#pragma once

#include <cstddef>
#include <optional>

#include "attention/config.hpp"
#include "attention/masks.hpp"
#include "attention/tensor.hpp"

namespace attention {

struct flash_options {
    std::optional<float> scale;          ///< default 1/√d
    bool causal = false;                 ///< hide keys j > i + (Lk − Lq); fully hidden key blocks are skipped
    std::optional<attention_mask> mask;  ///< broadcast to [..., Lq, Lk]
    std::size_t block_q = 0;             ///< query rows per tile; 0 → tuned default
    std::size_t block_k = 0;             ///< keys per block; 0 → tuned default
};

inline namespace AW_VARIANT {

/// Tiled scaled dot-product attention.
///   q: [..., Lq, d], k: [..., Lk, d], v: [..., Lk, dv] → output [..., Lq, dv]
/// Same result as scaled_dot_product_attention(q, k, v).output (within float rounding, ≈1e-6
/// relative) for any block sizes, but the Lq×Lk score matrix is never formed: queries are processed
/// block_q rows at a time against block_k keys at a time, keeping for each row a running maximum m,
/// a running sum l and an unnormalised output accumulator that are rescaled by exp(m_old − m_new)
/// whenever the maximum grows. Extra memory: O(block_q·block_k + (block_q + block_k)·d), independent
/// of Lq and Lk. Fully masked rows give zeros.
tensor flash_attention(const tensor& q, const tensor& k, const tensor& v, const flash_options& options = {});

}  // namespace AW_VARIANT
}  // namespace attention
