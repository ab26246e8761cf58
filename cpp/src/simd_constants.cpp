// Out-of-line constants of detail/simd.hpp (see exp_coefficients there for why they are out of line).
#include "attention/detail/simd.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

#if !AW_SCALAR
extern const float exp_coefficients[] = {
    1.44269504088896341f,  // log2 e
    12582912.f,            // 1.5·2^23: adding it rounds to an integer held in the mantissa
    127.f,                 // exponent bias
    -127.f,                // t = x·log2 e is clamped here: 2^n for n = −127 is 0 (no subnormals)
    1.f,
    0.6931471825f,         // SLEEF exp2f minimax polynomial for 2^f on [−1/2, 1/2], degree 1 first
    0.2402264476f,
    0.5550347269e-1f,
    0.9618384764e-2f,
    0.1339262701e-2f,
    0.1535920892e-3f,
};
#endif

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
