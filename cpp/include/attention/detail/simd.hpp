// The one place that maps the kernels' vector type to hardware.
//
// Kernels are written once against `vec` and the free functions below. In the SIMD variant `vec`
// is xsimd::batch<float> on the architecture the compiler flags select (wasm simd128: 4 lanes,
// AVX2: 8, AVX-512: 16). In the scalar variant (AW_SCALAR=1) it is a one-lane stand-in with the
// same interface, so the same kernel source compiles to plain scalar code and the speed-up of SIMD
// can be measured. No kernel contains intrinsics or #if on the architecture.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "attention/config.hpp"

#if !AW_SCALAR
#include <xsimd/xsimd.hpp>
#endif

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

#if AW_SCALAR

/// One float pretending to be a vector: the scalar variant's `vec`.
struct vec {
    float value;
};

inline constexpr std::size_t lanes = 1;
inline constexpr const char* arch_name = "scalar";
inline constexpr bool is_simd = false;

inline vec load(const float* p) { return {*p}; }
inline void store(float* p, vec x) { *p = x.value; }
inline vec broadcast(float x) { return {x}; }
inline vec operator+(vec a, vec b) { return {a.value + b.value}; }
inline vec operator-(vec a, vec b) { return {a.value - b.value}; }
inline vec operator*(vec a, vec b) { return {a.value * b.value}; }
inline vec operator/(vec a, vec b) { return {a.value / b.value}; }
/// a·b + c (two roundings or one, whatever the target does fastest)
inline vec multiply_add(vec a, vec b, vec c) { return {a.value * b.value + c.value}; }
inline vec max(vec a, vec b) { return {a.value > b.value ? a.value : b.value}; }
inline vec exp(vec x) { return {std::exp(x.value)}; }
inline vec tanh(vec x) { return {std::tanh(x.value)}; }
inline float reduce_add(vec x) { return x.value; }
inline float reduce_max(vec x) { return x.value; }
/// Transposes lanes × lanes floats held as `lanes` vectors (one lane: nothing to do).
inline void transpose(vec*) {}

#else

/// xsimd's batch on the architecture chosen by the compiler flags.
using vec = xsimd::batch<float>;

inline constexpr std::size_t lanes = vec::size;
inline const char* const arch_name = vec::arch_type::name();
inline constexpr bool is_simd = true;

inline vec load(const float* p) { return vec::load_unaligned(p); }
inline void store(float* p, vec x) { x.store_unaligned(p); }
inline vec broadcast(float x) { return vec(x); }
/// a·b + c: one FMA where the ISA has it (x86 FMA3/AVX-512); mul + add in wasm simd128.
inline vec multiply_add(vec a, vec b, vec c) { return xsimd::fma(a, b, c); }
inline vec max(vec a, vec b) { return xsimd::max(a, b); }
/// Coefficients of exp() below, defined in src/simd_constants.cpp. Kept out of line on purpose:
/// clang would otherwise rematerialise every vector constant at its use inside the loop
/// (v128.const), and V8 builds each one from two 64-bit immediates (about four instructions) on
/// every iteration — it does not hoist them. Loaded from a table it cannot see into, they are
/// loaded once before the loop and stay in registers or stack slots.
extern const float exp_coefficients[];

/// Vectorised e^x for x ≤ 88.3 (softmax only ever passes x − max ≤ 0); 0 for x < −87.7 (where the
/// result would be subnormal) and for −∞. std::exp would become one scalar call per lane under clang
/// for wasm, and xsimd::exp (Cephes expf) costs about 27 vector operations in V8. This computes
/// e^x = 2^t with t = x·log2 e: 2^t = 2^n · 2^f with n = round(t), |f| ≤ 1/2, and 2^f from a
/// degree-6 minimax polynomial (SLEEF's exp2f; relative error 2·10⁻⁸ before rounding) — 20 vector
/// operations. Rounding t costs a relative error of about |x|·6·10⁻⁸ (2·10⁻⁶ at x = −30, where
/// e^x ≈ 10⁻¹³ is far below anything a softmax weight can show): inside every tolerance of the
/// tests, which compare against float64 references.
/// Rounding t to an integer n uses the 1.5·2^23 trick (add, then subtract), which also leaves n in
/// the mantissa bits so that 2^n is a shift away (no float→int conversion: i32x4.trunc_sat_f32x4_s
/// is a long sequence on x86 in V8); there is no overflow branch.
inline vec exp(vec x)
{
    const float* c = exp_coefficients;
    const vec log2e(c[0]), round_magic(c[1]), exponent_bias(c[2]), lowest(c[3]), one(c[4]);
    const vec p1(c[5]), p2(c[6]), p3(c[7]), p4(c[8]), p5(c[9]), p6(c[10]);
    // t is clamped at −127 (−∞ included): every t < −126.5 then rounds to n = −127, whose 2^n
    // computed below has an all-zero exponent field, i.e. is exactly 0 (no compare and select).
    const vec t = max(x * log2e, lowest);
    const vec shifted = t + round_magic;  // 1.5·2^23 + n: n sits in the low mantissa bits
    const vec f = t - (shifted - round_magic);  // exact: t and n are close
    // 2^f = 1 + f·(p1 + f·(p2 + … + f·p6))
    const vec two_to_f = (((((p6 * f + p5) * f + p4) * f + p3) * f + p2) * f + p1) * f + one;
    // 2^n: the low mantissa bits of shifted + 127 are n + 127; shifting them into the exponent field
    // drops the high bits of 1.5·2^23
    const vec two_to_n =
        xsimd::bitwise_cast<float>(xsimd::bitwise_cast<std::int32_t>(shifted + exponent_bias) << 23);
    return two_to_f * two_to_n;
}
inline vec tanh(vec x) { return xsimd::tanh(x); }
inline float reduce_add(vec x) { return xsimd::reduce_add(x); }
inline float reduce_max(vec x) { return xsimd::reduce_max(x); }
/// Transposes lanes × lanes floats held as `lanes` vectors, in registers (shuffles).
inline void transpose(vec* rows) { xsimd::transpose(rows, rows + lanes); }

#endif

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
