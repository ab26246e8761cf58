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

/// Vectorised e^x for x ≤ 88.3 (softmax only ever passes x − max ≤ 0), accurate to about 1 ulp;
/// 0 for x < −87.3 (where the result would be subnormal) and for −∞.
/// std::exp would become one scalar call per lane under clang for wasm. This is the Cephes expf
/// algorithm that xsimd::exp also uses, trimmed for V8 (≈ 1.5× faster there, measured): the
/// coefficients come from exp_coefficients; rounding x·log2(e) to an integer n uses the 1.5·2^23
/// trick (add, then subtract), which also leaves n in the mantissa bits so that 2^n is a shift away
/// (no float→int conversion: i32x4.trunc_sat_f32x4_s is a long sequence on x86 in V8); and there is
/// no overflow branch.
inline vec exp(vec x)
{
    const float* c = exp_coefficients;
    const vec log2e(c[0]), ln2_high(c[1]), ln2_low(c[2]), round_magic(c[3]), exponent_bias(c[4]);
    const vec p0(c[5]), p1(c[6]), p2(c[7]), p3(c[8]), p4(c[9]), p5(c[10]), one(c[11]), lowest(c[12]);
    // x = n·ln2 + r with n = round(x·log2 e), |r| ≤ ln2/2; ln2 is split in two so n·ln2_high is exact
    const vec shifted = multiply_add(x, log2e, round_magic);  // 1.5·2^23 + n: n sits in the low mantissa bits
    const vec n = shifted - round_magic;
    const vec r = (x - n * ln2_high) - n * ln2_low;
    // e^r by the Cephes minimax polynomial: 1 + r + r²·P(r)
    const vec poly = ((((p0 * r + p1) * r + p2) * r + p3) * r + p4) * r + p5;
    const vec e_r = poly * (r * r) + r + one;
    // 2^n: the low mantissa bits of shifted + 127 are n + 127; shifting them into the exponent field
    // drops the high bits of 1.5·2^23
    const vec two_to_n =
        xsimd::bitwise_cast<float>(xsimd::bitwise_cast<std::int32_t>(shifted + exponent_bias) << 23);
    return xsimd::select(x >= lowest, e_r * two_to_n, vec(0.f));  // 0 below lowest and for −∞
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
