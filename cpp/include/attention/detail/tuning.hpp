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

// --- tiled (flash) attention ---
// A query tile of block_q rows is packed once and keeps its output accumulator; each key block of
// block_k keys is packed once per query tile (K and V), so a larger block_q amortises that packing
// over more rows. The scores are not computed for the whole tile at once but flash_score_rows rows
// at a time: S, the exponentials and the packed P of those rows stay in L1/L2 between the two
// products. Scratch is O((block_q + block_k)·d + flash_score_rows·block_k), whatever L is: about
// 320 KiB at d = 64.
// Measured in wasm at L = 512 … 8192 (d = 64, 8 heads): block_q ∈ {256, 512, 1024} × block_k ∈
// {128, 256, 512} and flash_score_rows ∈ {8 … 64} all land within this machine's noise (± 5 %) of
// each other once the exponential was made cheaper; 512-row tiles were ≈ 2 % faster before that,
// but 256 keeps scratch independent of L from L = 256 up.
inline constexpr std::size_t default_flash_block_q = 256;
inline constexpr std::size_t default_flash_block_k = 256;
inline constexpr std::size_t flash_score_rows = 32;
static_assert(flash_score_rows % kernel_rows == 0, "score rows must be whole micro-kernel slivers");

// --- naive attention ---
// Naive attention materialises the [Lq, Lk] scores, but goes through them a row block at a time:
// the block's scores are computed, turned into weights and multiplied by V while they are still in
// cache, so the big matrix is written once and never read back from memory. A block has about
// naive_block_floats scores (rows = naive_block_floats / Lk, at least one sliver, at most
// naive_block_max_rows). 16 Ki, 32 Ki and 64 Ki floats measured alike in wasm at L = 512 … 8192.
inline constexpr std::size_t naive_block_floats = 32 * 1024;
inline constexpr std::size_t naive_block_max_rows = 128;

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
