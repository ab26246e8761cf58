// Attention masks: which keys each query may attend to.
//
// Convention: 1 = may attend, 0 = hidden. A boolean mask turns hidden scores into −∞ before the
// softmax, so their weights come out exactly 0. An additive mask is added to the scores (use −∞ or
// a large negative number to hide, 0 to keep, other values to bias). A query row with no allowed
// key gets zero weights and a zero output, never NaN.
//
// Broadcasting: a mask of shape [..., mq, mk] is aligned to the scores [..., Lq, Lk] from the right,
// numpy-style: every mask dimension must be 1 or equal to the scores' dimension, and the mask may
// have fewer dimensions (missing leading ones count as 1). It may not have more.
// Example: padding_mask(lengths, Lk) is [B, 1, Lk] and broadcasts against scores [B, Lq, Lk];
// with heads, scores [B, H, Lq, Lk], reshape it to [B, 1, 1, Lk].
#pragma once

#include <cstddef>
#include <vector>

#include "attention/config.hpp"
#include "attention/tensor.hpp"

namespace attention {

enum class mask_kind {
    boolean,   ///< nonzero = may attend, 0 = hidden (score → −∞)
    additive,  ///< added to the scores before the softmax
};

/// A mask and how to apply it. values broadcasts to the scores [..., Lq, Lk] (see above).
struct attention_mask {
    tensor values;
    mask_kind kind = mask_kind::boolean;
};

inline namespace AW_VARIANT {

/// Causal (autoregressive) mask: [Lq, Lk], 1 where j <= i + (Lk − Lq), else 0.
/// With Lq = Lk query i sees keys 0…i; with Lq < Lk the queries are the last Lq positions of the
/// sequence (a decoder step with a KV cache of Lk − Lq earlier tokens).
tensor causal_mask(std::size_t lq, std::size_t lk);

/// Padding mask: [B, 1, Lk], 1 where j < valid_lengths[b] (B = valid_lengths.size()).
/// Throws argument_error when a valid length exceeds Lk.
tensor padding_mask(const std::vector<std::size_t>& valid_lengths, std::size_t lk);

/// Sliding-window (local) mask: [n, n].
///   causal:      1 where i − window < j <= i   (the query itself and the window − 1 keys before it)
///   not causal:  1 where |i − j| < window      (window − 1 keys on each side, and itself)
/// Throws argument_error when window is 0.
tensor sliding_window_mask(std::size_t n, std::size_t window, bool causal = true);

}  // namespace AW_VARIANT
}  // namespace attention
