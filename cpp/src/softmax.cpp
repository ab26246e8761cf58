// Softmax and log-softmax along the last axis (softmax.hpp).
#include "attention/softmax.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "attention/detail/kernels.hpp"
#include "attention/detail/shapes.hpp"

namespace attention {
inline namespace AW_VARIANT {

namespace {

/// Validates the arguments shared by softmax and log_softmax; returns 1 / temperature.
float validated_inverse_temperature(const char* function, const tensor& x, float temperature)
{
    detail::require_rank_at_least(function, "x", x, 1, "[..., n]");
    if (!(std::isfinite(temperature) && temperature > 0.f)) {
        std::ostringstream actual;
        actual << temperature;
        detail::throw_argument_error(function, "temperature must be a finite number > 0", actual.str());
    }
    detail::require_finite(function, "x", x, detail::infinities::negative_means_hidden);
    return 1.f / temperature;
}

}  // namespace

tensor softmax(const tensor& x, float temperature)
{
    const float factor = validated_inverse_temperature("softmax", x, temperature);
    tensor y = x;  // copy, then normalise each row in place
    const std::size_t n = x.shape().back();
    if (n == 0) return y;
    const std::size_t rows = x.size() / n;
    for (std::size_t r = 0; r < rows; ++r) detail::softmax_row(y.data() + r * n, n, factor);
    return y;
}

tensor log_softmax(const tensor& x, float temperature)
{
    const float factor = validated_inverse_temperature("log_softmax", x, temperature);
    tensor y = tensor::from_shape(x.shape());
    const std::size_t n = x.shape().back();
    if (n == 0) return y;
    const std::size_t rows = x.size() / n;
    for (std::size_t r = 0; r < rows; ++r) {
        const float* in = x.data() + r * n;
        float* out = y.data() + r * n;
        const float m = detail::row_max(in, n);
        if (!(m > -std::numeric_limits<float>::infinity())) {  // all −∞: log 0
            std::fill(out, out + n, -std::numeric_limits<float>::infinity());
            continue;
        }
        // log Σ exp((x − m)/T), using out as scratch for the exponentials
        std::copy(in, in + n, out);
        const float log_sum = std::log(detail::exp_shifted_and_sum(out, n, m, factor));
        for (std::size_t j = 0; j < n; ++j) out[j] = (in[j] - m) * factor - log_sum;
    }
    return y;
}

}  // namespace AW_VARIANT
}  // namespace attention
