// Tuning knobs of the kernels, all in one place. Values were measured on AMD Zen 4 (2 vCPUs),
// natively and in Node 20 (V8 11.3) with wasm simd128; see cpp/bench/.
#pragma once

#include <cstddef>

#include "attention/config.hpp"
#include "attention/detail/simd.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

// --- GEMM micro-kernel: kernel_rows × (kernel_vectors · lanes) accumulators held in registers ---
// wasm: V8 leaves 15 xmm registers; 4 rows × 2 vectors = 8 accumulators + 2 B vectors + 1 splat
// fits, 6 × 2 spills every iteration (≈ 43 → 29 GFLOP/s). AVX-512 has 32 registers: 8 × 2 fits and
// hides the 4-cycle FMA latency better than 4 × 2.
#if defined(__AVX512F__)
inline constexpr std::size_t kernel_rows = 8;
#else
inline constexpr std::size_t kernel_rows = 4;
#endif
inline constexpr std::size_t kernel_vectors = 2;
/// Columns of C computed per micro-kernel call and width of a packed B panel.
inline constexpr std::size_t panel_width = kernel_vectors * lanes;

// --- GEMM cache blocking ---
/// Rows of A per block: an A block (block_rows × depth_block floats) stays in L1/L2 while all B panels stream past.
inline constexpr std::size_t gemm_block_rows = 64;
/// Depth (inner dimension) per block: a B panel slice of depth_block × panel_width floats stays in L1.
inline constexpr std::size_t gemm_depth_block = 256;

// --- tiled (flash) attention defaults ---
// Measured at L = 512 … 8192, d = 64, 8 heads over block_q ∈ {32 … 512} × block_k ∈ {128, 256, 512}:
// 256 × 256 is among the fastest both in wasm and natively (differences below 10 % are within this
// machine's noise). Each K and V block is packed once per query tile, so a larger block_q amortises
// that over more rows. Scratch: a 256 × 256 score tile (256 KiB), a 256 × dv accumulator, packed K
// and V blocks of 256 × d — about 450 KiB at d = 64, whatever L is.
inline constexpr std::size_t default_flash_block_q = 256;
inline constexpr std::size_t default_flash_block_k = 256;

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
