// Build variant of the attention core.
//
// The core is compiled twice from the same sources: the SIMD variant (xsimd batches on the widest
// instruction set the compiler flags allow) and the scalar variant (AW_SCALAR=1: one-lane batches,
// auto-vectorisation off). Every function whose machine code differs between the two lives in an
// inline namespace named after the variant, so `attention::softmax` resolves to the variant a
// translation unit was compiled for, while `attention::simd::softmax` and `attention::scalar::softmax`
// can both be linked into one binary (the benchmark does this to measure the speed-up side by side).
//
// Plain data types (tensor, option and result structs, errors) are identical in both variants and
// live directly in namespace `attention`.
#pragma once

#ifndef AW_SCALAR
#define AW_SCALAR 0
#endif

#if AW_SCALAR
#define AW_VARIANT scalar
#else
#define AW_VARIANT simd
#endif

