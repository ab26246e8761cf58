// Row-wise kernels (the second half of detail/kernels.hpp): maximum, shifted exponentials and sum,
// scaling, softmax of one row, and the additive score's tanh dot product, written once against
// detail::vec (detail/simd.hpp); tails use the same vector operations on a padded copy.
#include "attention/detail/kernels.hpp"

#include <algorithm>
#include <limits>

#include "attention/detail/simd.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

namespace {

constexpr float negative_infinity = -std::numeric_limits<float>::infinity();

/// Applies op to every element of in[0, n) vector by vector, writing out[0, n) (may alias in).
/// The last partial vector goes through a small buffer padded with `pad`, so even the tail uses the
/// vector operations (and the same exp) as the body.
template <class Op>
void map_row(const float* in, float* out, std::size_t n, float pad, Op op)
{
    std::size_t j = 0;
    for (; j + lanes <= n; j += lanes) store(out + j, op(load(in + j)));
    if (j < n) {
        float tail[lanes];
        std::fill(tail, tail + lanes, pad);
        std::copy(in + j, in + n, tail);
        store(tail, op(load(tail)));
        std::copy(tail, tail + (n - j), out + j);
    }
}

}  // namespace

float row_max(const float* row, std::size_t n)
{
    vec running = broadcast(negative_infinity);
    std::size_t j = 0;
    for (; j + lanes <= n; j += lanes) running = max(running, load(row + j));
    if (j < n) {
        float tail[lanes];
        std::fill(tail, tail + lanes, negative_infinity);
        std::copy(row + j, row + n, tail);
        running = max(running, load(tail));
    }
    return reduce_max(running);
}

float exp_shifted_and_sum(float* row, std::size_t n, float shift, float factor)
{
    const vec shift_v = broadcast(shift);
    const vec factor_v = broadcast(factor);
    vec sum = broadcast(0.f);
    // The padding of the tail is −∞, whose exp is 0, so it adds nothing to the sum.
    if (factor == 1.f) {  // attention: the scale was applied in the GEMM; save a multiply per vector
        map_row(row, row, n, negative_infinity, [&](vec x) {
            const vec e = exp(x - shift_v);
            sum = sum + e;
            return e;
        });
    } else {
        map_row(row, row, n, negative_infinity, [&](vec x) {
            const vec e = exp((x - shift_v) * factor_v);
            sum = sum + e;
            return e;
        });
    }
    return reduce_add(sum);
}

void scale_row(const float* row, std::size_t n, float factor, float* out)
{
    const vec factor_v = broadcast(factor);
    map_row(row, out, n, 0.f, [&](vec x) { return x * factor_v; });
}

void softmax_row(float* row, std::size_t n, float factor)
{
    const float m = row_max(row, n);
    if (!(m > negative_infinity)) {  // every entry −∞ (fully masked) or n = 0: zeros, not NaN
        std::fill(row, row + n, 0.f);
        return;
    }
    const float sum = exp_shifted_and_sum(row, n, m, factor);  // sum ≥ 1: the maximum contributes exp(0)
    scale_row(row, n, 1.f / sum, row);
}

float tanh_dot(const float* x, const float* y, const float* w, std::size_t n)
{
    vec sum = broadcast(0.f);
    std::size_t a = 0;
    for (; a + lanes <= n; a += lanes) sum = multiply_add(load(w + a), tanh(load(x + a) + load(y + a)), sum);
    if (a < n) {  // tail: pad w with 0 so the padding adds nothing
        float x_tail[lanes] = {}, y_tail[lanes] = {}, w_tail[lanes] = {};
        std::copy(x + a, x + n, x_tail);
        std::copy(y + a, y + n, y_tail);
        std::copy(w + a, w + n, w_tail);
        sum = multiply_add(load(w_tail), tanh(load(x_tail) + load(y_tail)), sum);
    }
    return reduce_add(sum);
}

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
