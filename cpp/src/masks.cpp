// Mask builders (masks.hpp).
#include "attention/masks.hpp"

#include <cstddef>
#include <string>

#include "attention/detail/shapes.hpp"

namespace attention {
inline namespace AW_VARIANT {

tensor causal_mask(std::size_t lq, std::size_t lk)
{
    tensor mask = tensor::from_shape({lq, lk});
    for (std::size_t i = 0; i < lq; ++i)
        for (std::size_t j = 0; j < lk; ++j)
            // j <= i + (lk − lq), written without a negative intermediate
            mask(i, j) = (j + lq <= i + lk) ? 1.f : 0.f;
    return mask;
}

tensor padding_mask(const std::vector<std::size_t>& valid_lengths, std::size_t lk)
{
    for (std::size_t b = 0; b < valid_lengths.size(); ++b)
        if (valid_lengths[b] > lk)
            detail::throw_argument_error("padding_mask",
                                         "valid_lengths[" + std::to_string(b) + "] must be at most Lk = " +
                                             std::to_string(lk),
                                         std::to_string(valid_lengths[b]));
    tensor mask = tensor::from_shape({valid_lengths.size(), std::size_t{1}, lk});
    for (std::size_t b = 0; b < valid_lengths.size(); ++b)
        for (std::size_t j = 0; j < lk; ++j) mask(b, 0, j) = j < valid_lengths[b] ? 1.f : 0.f;
    return mask;
}

tensor sliding_window_mask(std::size_t n, std::size_t window, bool causal)
{
    if (window == 0)
        detail::throw_argument_error("sliding_window_mask", "window must be at least 1 (the query itself)", "0");
    tensor mask = tensor::from_shape({n, n});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            const bool before_or_at = j <= i && i - j < window;
            const bool after = j > i && j - i < window;
            mask(i, j) = (before_or_at || (!causal && after)) ? 1.f : 0.f;
        }
    return mask;
}

}  // namespace AW_VARIANT
}  // namespace attention
