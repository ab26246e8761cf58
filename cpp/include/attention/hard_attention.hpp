// Hard attention as deterministic top-k selection.
//
// Note for the course: the original hard attention (Mnih et al. 2014; Xu et al. 2015) *samples*
// one location from the categorical distribution of the weights and is trained with REINFORCE-style
// estimators. Keeping the k highest scores is a modern, deterministic variant.
#pragma once

#include <cstddef>
#include <optional>

#include "attention/config.hpp"
#include "attention/masks.hpp"
#include "attention/result.hpp"
#include "attention/tensor.hpp"

namespace attention {

struct hard_options {
    std::size_t top_k = 1;                ///< keys kept per query, 1 ≤ top_k ≤ Lk
    std::optional<float> scale;           ///< default 1/√d
    std::optional<attention_mask> mask;   ///< broadcast to [..., Lq, Lk]
};

inline namespace AW_VARIANT {

/// Top-k hard attention.
///   q: [..., Lq, d], k: [..., Lk, d], v: [..., Lk, dv] → output [..., Lq, dv], weights [..., Lq, Lk]
///   s = scale · q·kᵀ (masked);  keep the top_k largest allowed scores of each row (ties: lower key
///   index first); weights = softmax over the kept scores, 0 elsewhere;  O = P·V.
/// top_k = 1 gives one-hot weights. Rows with fewer than top_k allowed keys keep all allowed keys;
/// rows with none give zeros.
attention_result hard_attention(const tensor& q, const tensor& k, const tensor& v, const hard_options& options = {});

}  // namespace AW_VARIANT
}  // namespace attention
