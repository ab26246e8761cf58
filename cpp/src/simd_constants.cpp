// Out-of-line constants of detail/simd.hpp (see exp_coefficients there for why they are out of line).
#include "attention/detail/simd.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

#if !AW_SCALAR
extern const float exp_coefficients[] = {
    1.44269504088896341f,  // log2 e
    0.693359375f,          // ln 2, high part (few mantissa bits: n·ln2_high is exact)
    -2.12194440e-4f,       // ln 2 − ln2_high
    12582912.f,            // 1.5·2^23: adding it rounds to an integer held in the mantissa
    127.f,                 // exponent bias
    1.9875691500e-4f,      // Cephes expf polynomial, highest degree first
    1.3981999507e-3f,
    8.3334519073e-3f,
    4.1665795894e-2f,
    1.6666665459e-1f,
    5.0000001201e-1f,
    1.f,
    -87.3365447504f,       // below: the result would be subnormal; return 0
};
#endif

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
