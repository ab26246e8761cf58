// Positional encodings.
#pragma once

#include <cstddef>

#include "attention/config.hpp"
#include "attention/tensor.hpp"

namespace attention {
inline namespace AW_VARIANT {

/// Sinusoidal positional encoding (Vaswani et al. 2017, §3.5): [n, d]
///   PE(p, 2i) = sin(p / 10000^(2i/d)),   PE(p, 2i+1) = cos(p / 10000^(2i/d))
/// Added to the token embeddings. For odd d the last column is a sine.
tensor sinusoidal_encoding(std::size_t n, std::size_t d);

/// Rotary position embedding (RoPE, Su et al. 2021) on interleaved pairs (2i, 2i+1).
///   x: [..., L, d], d even → [..., L, d]
///   θ_i = base^(−2i/d),  position p = row index along L + position_offset,
///   (y_2i, y_2i+1) = (x_2i·cos pθ_i − x_2i+1·sin pθ_i,  x_2i·sin pθ_i + x_2i+1·cos pθ_i)
/// Applied to queries and keys (not values); q·k then depends on positions only through their
/// difference, and every pair keeps its norm. Throws shape_error for odd d or rank < 2,
/// argument_error unless base > 0 and finite.
tensor rope(const tensor& x, float base = 10000.f, std::size_t position_offset = 0);

}  // namespace AW_VARIANT
}  // namespace attention
