// Multi-head attention (Vaswani et al. 2017) with grouped-query (Ainslie et al. 2023) and
// multi-query (Shazeer 2019) variants.
#pragma once

#include <cstddef>
#include <optional>

#include "attention/config.hpp"
#include "attention/masks.hpp"
#include "attention/result.hpp"
#include "attention/tensor.hpp"

namespace attention {

/// Projections in the row-vector convention (x·W + b).
///   Wq: [d_query, H·d_head]      bq: [H·d_head]     (d_query = last dim of query)
///   Wk: [d_key, Hkv·d_head]      bk: [Hkv·d_head]
///   Wv: [d_value, Hkv·d_v]       bv: [Hkv·d_v]
///   Wo: [H·d_v, d_out]           bo: [d_out]
/// In the usual setting d_query = d_key = d_value = d_out = d_model, d_head = d_v = d_model / H.
/// Head h uses columns h·d_head … (h+1)·d_head − 1 of Wq; it reads K/V head h / (H / Hkv), i.e.
/// consecutive query heads share one K/V head. num_kv_heads = 0 means Hkv = H (plain multi-head);
/// Hkv = 1 is multi-query attention; anything between that divides H is grouped-query attention.
/// An empty bias tensor (default-constructed, or with no elements) means no bias.
struct mha_weights {
    std::size_t num_heads;
    std::size_t num_kv_heads = 0;  ///< 0 → num_heads
    tensor Wq, Wk, Wv, Wo;
    tensor bq, bk, bv, bo;         ///< empty (default-constructed or size 0) = no bias
};

struct mha_options {
    bool causal = false;                 ///< hide keys j > i + (Lk − Lq) in every head
    std::optional<attention_mask> mask;  ///< broadcast to [..., Lq, Lk] (the leading dims of query), shared by all heads
    bool return_weights = true;
};

inline namespace AW_VARIANT {

/// Multi-head attention.
///   query: [..., Lq, d_query], key: [..., Lk, d_key], value: [..., Lk, d_value]
///   → output [..., Lq, d_out], weights [..., H, Lq, Lk]
///   Q = query·Wq + bq, K = key·Wk + bk, V = value·Wv + bv, split into heads along the last axis;
///   head_h = softmax(Q_h·K_g(h)ᵀ / √d_head + mask) · V_g(h),   g(h) = h / (H / Hkv);
///   output = concat(head_0, …, head_{H−1}) · Wo + bo.
/// Self-attention: query = key = value. Cross-attention: key = value from another sequence.
/// Leading dimensions of query, key and value must be equal.
attention_result multi_head_attention(const tensor& query, const tensor& key, const tensor& value,
                                      const mha_weights& weights, const mha_options& options = {});

}  // namespace AW_VARIANT
}  // namespace attention
