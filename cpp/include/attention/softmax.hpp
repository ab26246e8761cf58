// Softmax and log-softmax along the last axis.
#pragma once

#include "attention/config.hpp"
#include "attention/tensor.hpp"

namespace attention {
inline namespace AW_VARIANT {

/// Softmax with temperature T along the last axis.
///   x: [..., n] → [..., n]
///   y_i = exp((x_i − m) / T) / Σ_j exp((x_j − m) / T),   m = max_j x_j
/// Subtracting the row maximum m first makes it exact for logits of any magnitude (±1e4 included)
/// and leaves the result unchanged (softmax is invariant to adding a constant). Entries equal to
/// −∞ get weight 0; a row whose entries are all −∞ (a fully masked row) gives all zeros, not NaN.
/// Throws argument_error unless T is finite and > 0, or when x holds NaN or +∞ (−∞ is a weight of 0);
/// shape_error for a 0-d tensor.
tensor softmax(const tensor& x, float temperature = 1.f);

/// Log-softmax with temperature T along the last axis.
///   x: [..., n] → [..., n]
///   y_i = (x_i − m) / T − log Σ_j exp((x_j − m) / T),   m = max_j x_j
/// Computed directly (not as log(softmax(x))) so that very negative entries stay finite.
/// A row of all −∞ gives all −∞ (log 0).
tensor log_softmax(const tensor& x, float temperature = 1.f);

}  // namespace AW_VARIANT
}  // namespace attention
