// Sinusoidal and rotary positional encodings (positional.hpp).
#include "attention/positional.hpp"

#include <cmath>
#include <sstream>

#include "attention/detail/shapes.hpp"

namespace attention {
inline namespace AW_VARIANT {

tensor sinusoidal_encoding(std::size_t n, std::size_t d)
{
    tensor encoding = tensor::from_shape({n, d});
    for (std::size_t i2 = 0; i2 < d; i2 += 2) {
        // 1 / 10000^(2i/d), in double so that large positions keep their precision
        const double frequency = std::pow(10000.0, -static_cast<double>(i2) / static_cast<double>(d));
        for (std::size_t p = 0; p < n; ++p) {
            const double angle = static_cast<double>(p) * frequency;
            encoding(p, i2) = static_cast<float>(std::sin(angle));
            if (i2 + 1 < d) encoding(p, i2 + 1) = static_cast<float>(std::cos(angle));
        }
    }
    return encoding;
}

tensor rope(const tensor& x, float base, std::size_t position_offset)
{
    detail::require_rank_at_least("rope", "x", x, 2, "[..., L, d]");
    const std::size_t d = x.shape().back();
    const std::size_t length = x.shape()[x.dimension() - 2];
    if (d % 2 != 0)
        detail::throw_shape_error("rope",
                                  "the last dimension of x must be even (it is rotated in pairs (2i, 2i+1)), but d = " +
                                      std::to_string(d),
                                  detail::trailing_pattern({"L", std::to_string(d + 1)}), x.shape());
    if (!(std::isfinite(base) && base > 0.f)) {
        std::ostringstream actual;
        actual << base;
        detail::throw_argument_error("rope", "base must be a finite number > 0", actual.str());
    }
    detail::require_finite("rope", "x", x);
    // cos/sin table [L, d/2], shared by every leading index
    std::vector<float> cosines(length * d / 2), sines(length * d / 2);
    for (std::size_t i = 0; i < d / 2; ++i) {
        const double theta = std::pow(static_cast<double>(base), -2.0 * static_cast<double>(i) / static_cast<double>(d));
        for (std::size_t p = 0; p < length; ++p) {
            const double angle = static_cast<double>(p + position_offset) * theta;
            cosines[p * d / 2 + i] = static_cast<float>(std::cos(angle));
            sines[p * d / 2 + i] = static_cast<float>(std::sin(angle));
        }
    }
    tensor y = tensor::from_shape(x.shape());
    const std::size_t matrices = length * d == 0 ? 0 : x.size() / (length * d);
    for (std::size_t m = 0; m < matrices; ++m)
        for (std::size_t p = 0; p < length; ++p) {
            const float* in = x.data() + (m * length + p) * d;
            float* out = y.data() + (m * length + p) * d;
            for (std::size_t i = 0; i < d / 2; ++i) {
                const float c = cosines[p * d / 2 + i], s = sines[p * d / 2 + i];
                const float x0 = in[2 * i], x1 = in[2 * i + 1];
                out[2 * i] = x0 * c - x1 * s;
                out[2 * i + 1] = x0 * s + x1 * c;
            }
        }
    return y;
}

}  // namespace AW_VARIANT
}  // namespace attention
