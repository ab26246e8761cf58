// Packed GEMM (the first half of detail/kernels.hpp): packing A and B, the register-blocked
// micro-kernel and the cache blocking around it, written once against detail::vec (detail/simd.hpp).
#include "attention/detail/kernels.hpp"

#include <algorithm>
#include <cstring>

#include "attention/detail/scratch.hpp"
#include "attention/detail/simd.hpp"
#include "attention/detail/tuning.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

namespace {

/// out[t·out_stride + u] = in[u·in_stride + t] for t, u < lanes: a lanes × lanes block transposed
/// in registers (4 loads, 8 shuffles and 4 stores in wasm instead of 16 scalar loads and stores).
inline void transpose_block(const float* in, std::size_t in_stride, float* out, std::size_t out_stride)
{
    vec block[lanes];
    for (std::size_t u = 0; u < lanes; ++u) block[u] = load(in + u * in_stride);
    transpose(block);
    for (std::size_t t = 0; t < lanes; ++t) store(out + t * out_stride, block[t]);
}

/// Whether packing uses transpose_block: square register transposes are cheap up to 8 lanes
/// (wasm, SSE, AVX2); the scalar variant has nothing to transpose.
constexpr bool pack_with_transposes = lanes > 1 && lanes <= 8;

// ---------------------------------------------------------------------------------------------
// Micro-kernel: C[rows × cols] = alpha · A[kernel_rows × depth] · Bpanel[depth × panel_width] (+ C)
// A comes packed as a sliver: depth steps of kernel_rows contiguous floats (rows past the edge of C
// are zero), B as a packed panel. Per depth step the kernel loads kernel_vectors vectors of B and
// broadcasts kernel_rows elements of A, all at fixed offsets from two pointers: no per-row address
// arithmetic, which matters in WebAssembly where V8 issues every add and shift as written.
// kernel_rows × kernel_vectors accumulators stay in registers for the whole depth loop.
// ---------------------------------------------------------------------------------------------
void micro_kernel(const float* a, const float* b, std::size_t depth, float* c, std::size_t ldc, float alpha,
                  bool accumulate, std::size_t rows, std::size_t cols)
{
    vec acc[kernel_rows][kernel_vectors];
    for (std::size_t r = 0; r < kernel_rows; ++r)
        for (std::size_t v = 0; v < kernel_vectors; ++v) acc[r][v] = broadcast(0.f);

    // One depth step per iteration: acc += A[:, kk] ⊗ B[kk, :]. (Unrolling by two made clang
    // interleave both steps: 4 B vectors + 8 splats + 8 accumulators exceed V8's 15 xmm registers and
    // it spilled accumulators every iteration.)
    // Loop on the A pointer itself: one induction variable fewer than counting kk (measured ≈ 5 %
    // faster in V8, where every scalar add in this loop is an instruction).
    for (const float* const a_end = a + depth * kernel_rows; a != a_end;) {
        vec panel[kernel_vectors];
        for (std::size_t v = 0; v < kernel_vectors; ++v) panel[v] = load(b + v * lanes);
        for (std::size_t r = 0; r < kernel_rows; ++r) {
            const vec a_rk = broadcast(a[r]);
            for (std::size_t v = 0; v < kernel_vectors; ++v) acc[r][v] = multiply_add(a_rk, panel[v], acc[r][v]);
        }
        a += kernel_rows;
        b += panel_width;
    }

    const vec alpha_v = broadcast(alpha);
    if (rows == kernel_rows && cols == panel_width) {
        for (std::size_t r = 0; r < kernel_rows; ++r)
            for (std::size_t v = 0; v < kernel_vectors; ++v) {
                float* target = c + r * ldc + v * lanes;
                vec result = acc[r][v] * alpha_v;
                if (accumulate) result = result + load(target);
                store(target, result);
            }
        return;
    }
    // Bottom or right edge of C: store the whole tile to a buffer, then write the valid part. (All
    // accumulators are stored with constant indices: indexing acc by the runtime row count would
    // force clang to keep the accumulators in memory, zeroed by a memset on every call.)
    float tile[kernel_rows][panel_width];
    for (std::size_t r = 0; r < kernel_rows; ++r)
        for (std::size_t v = 0; v < kernel_vectors; ++v) store(tile[r] + v * lanes, acc[r][v] * alpha_v);
    for (std::size_t r = 0; r < rows; ++r) {
        float* c_row = c + r * ldc;
        for (std::size_t j = 0; j < cols; ++j) c_row[j] = accumulate ? c_row[j] + tile[r][j] : tile[r][j];
    }
}

static_assert(gemm_block_rows % kernel_rows == 0, "a row block must hold whole micro-kernel slivers");

/// C[rows × cols] = alpha · A · B (+ C) over one depth range of `depth` steps. A is packed in
/// slivers (pack_a), sliver s starting at a + s·sliver_stride; B in panels, panel p starting at
/// b + p·panel_stride. Both pointers already point at the first depth step of the range.
void multiply_packed(const float* a, std::size_t sliver_stride, std::size_t rows, const float* b,
                     std::size_t panel_stride, std::size_t depth, std::size_t cols, float* c, std::size_t ldc,
                     float alpha, bool accumulate)
{
    // B panels outer, slivers inner: one panel's depth range (≤ gemm_depth_block × panel_width
    // floats) stays in L1 while every sliver of the row block passes over it.
    for (std::size_t j0 = 0; j0 < cols; j0 += panel_width) {
        const float* panel = b + (j0 / panel_width) * panel_stride;
        const std::size_t width = std::min(panel_width, cols - j0);
        for (std::size_t i = 0; i < rows; i += kernel_rows)
            micro_kernel(a + (i / kernel_rows) * sliver_stride, panel, depth, c + i * ldc + j0, ldc, alpha,
                         accumulate, std::min(kernel_rows, rows - i), width);
    }
}

}  // namespace

std::size_t packed_a_size(std::size_t rows, std::size_t depth)
{
    return (rows + kernel_rows - 1) / kernel_rows * kernel_rows * depth;
}

void pack_a(const float* a, std::size_t lda, std::size_t rows, std::size_t depth, float* packed)
{
    for (std::size_t i0 = 0; i0 < rows; i0 += kernel_rows) {
        const std::size_t height = std::min(kernel_rows, rows - i0);
        std::size_t k0 = 0;
        if constexpr (pack_with_transposes && kernel_rows % lanes == 0) {
            // full slivers: lanes × lanes blocks of A become lanes depth steps of the sliver
            if (height == kernel_rows)
                for (; k0 + lanes <= depth; k0 += lanes)
                    for (std::size_t r0 = 0; r0 < kernel_rows; r0 += lanes)
                        transpose_block(a + (i0 + r0) * lda + k0, lda, packed + k0 * kernel_rows + r0, kernel_rows);
        }
        for (std::size_t r = 0; r < kernel_rows; ++r) {
            if (r < height) {
                const float* source = a + (i0 + r) * lda;
                for (std::size_t kk = k0; kk < depth; ++kk) packed[kk * kernel_rows + r] = source[kk];
            } else {
                for (std::size_t kk = k0; kk < depth; ++kk) packed[kk * kernel_rows + r] = 0.f;
            }
        }
        packed += depth * kernel_rows;
    }
}

std::size_t packed_size(std::size_t depth, std::size_t cols)
{
    const std::size_t panels = (cols + panel_width - 1) / panel_width;
    return panels * panel_width * depth;
}

void pack_rows(const float* b, std::size_t ldb, std::size_t depth, std::size_t cols, float* packed)
{
    for (std::size_t j0 = 0; j0 < cols; j0 += panel_width) {
        const std::size_t width = std::min(panel_width, cols - j0);
        if (width == panel_width) {
            // full panel: kernel_vectors vector copies per row (std::copy of a runtime width became a
            // memcpy call per row in wasm)
            for (std::size_t kk = 0; kk < depth; ++kk, packed += panel_width)
                for (std::size_t v = 0; v < kernel_vectors; ++v)
                    store(packed + v * lanes, load(b + kk * ldb + j0 + v * lanes));
            continue;
        }
        for (std::size_t kk = 0; kk < depth; ++kk) {
            const float* source = b + kk * ldb + j0;
            std::copy(source, source + width, packed);
            std::fill(packed + width, packed + panel_width, 0.f);
            packed += panel_width;
        }
    }
}

void pack_transposed(const float* x, std::size_t ldx, std::size_t cols, std::size_t depth, float* packed)
{
    for (std::size_t j0 = 0; j0 < cols; j0 += panel_width) {
        const std::size_t width = std::min(panel_width, cols - j0);
        std::size_t k0 = 0;
        if constexpr (pack_with_transposes) {
            // full panels: lanes × lanes blocks of X become lanes depth steps of the panel
            if (width == panel_width)
                for (; k0 + lanes <= depth; k0 += lanes)
                    for (std::size_t jj = 0; jj < panel_width; jj += lanes)
                        transpose_block(x + (j0 + jj) * ldx + k0, ldx, packed + k0 * panel_width + jj, panel_width);
        }
        for (std::size_t jj = 0; jj < panel_width; ++jj) {
            if (jj < width) {
                const float* source = x + (j0 + jj) * ldx;
                for (std::size_t kk = k0; kk < depth; ++kk) packed[kk * panel_width + jj] = source[kk];
            } else {
                for (std::size_t kk = k0; kk < depth; ++kk) packed[kk * panel_width + jj] = 0.f;
            }
        }
        packed += depth * panel_width;
    }
}

void gemm_packed(const float* a, std::size_t lda, std::size_t rows, std::size_t depth, const float* packed_b,
                 std::size_t cols, float* c, std::size_t ldc, float alpha, bool accumulate)
{
    if (depth == 0) {
        if (!accumulate)
            for (std::size_t i = 0; i < rows; ++i) std::fill(c + i * ldc, c + i * ldc + cols, 0.f);
        return;
    }
    // One A block (gemm_block_rows × gemm_depth_block floats, 64 KiB) packed at a time. A fixed
    // thread_local buffer rather than a counted allocation: its size never depends on the arguments,
    // the tiled kernel calls this twice per tile, and each thread that calls the core has its own.
    thread_local float packed_a[gemm_block_rows * gemm_depth_block];
    // Loop order (outer → inner): depth blocks, row blocks, B panels, slivers. A depth block of one
    // B panel (gemm_depth_block × panel_width floats) stays in L1 while every sliver of the packed A
    // block passes over it; the packed A block stays in L1/L2 while all panels pass.
    for (std::size_t k0 = 0; k0 < depth; k0 += gemm_depth_block) {
        const std::size_t depth_here = std::min(gemm_depth_block, depth - k0);
        const bool add_to_c = accumulate || k0 > 0;
        for (std::size_t i0 = 0; i0 < rows; i0 += gemm_block_rows) {
            const std::size_t rows_here = std::min(gemm_block_rows, rows - i0);
            pack_a(a + i0 * lda + k0, lda, rows_here, depth_here, packed_a);
            multiply_packed(packed_a, depth_here * kernel_rows, rows_here, packed_b + k0 * panel_width,
                            depth * panel_width, depth_here, cols, c + i0 * ldc, ldc, alpha, add_to_c);
        }
    }
}

void gemm_prepacked(const float* packed_a, std::size_t rows, std::size_t depth, const float* packed_b,
                    std::size_t panel_stride, std::size_t cols, float* c, std::size_t ldc, float alpha,
                    bool accumulate)
{
    if (depth == 0) {
        if (!accumulate)
            for (std::size_t i = 0; i < rows; ++i) std::fill(c + i * ldc, c + i * ldc + cols, 0.f);
        return;
    }
    // The same blocking as gemm_packed, without the packing: row i0 (a multiple of kernel_rows)
    // starts sliver i0 / kernel_rows, i0·depth floats in, and a depth range k0 … starts
    // k0·kernel_rows floats into each sliver.
    for (std::size_t k0 = 0; k0 < depth; k0 += gemm_depth_block) {
        const std::size_t depth_here = std::min(gemm_depth_block, depth - k0);
        const bool add_to_c = accumulate || k0 > 0;
        for (std::size_t i0 = 0; i0 < rows; i0 += gemm_block_rows)
            multiply_packed(packed_a + i0 * depth + k0 * kernel_rows, depth * kernel_rows,
                            std::min(gemm_block_rows, rows - i0), packed_b + k0 * panel_width, panel_stride,
                            depth_here, cols, c + i0 * ldc, ldc, alpha, add_to_c);
    }
}

void matmul(const float* a, std::size_t lda, std::size_t rows, std::size_t depth, const float* b, std::size_t ldb,
            std::size_t cols, float* c, std::size_t ldc)
{
    scratch_buffer packed(packed_size(depth, cols));
    pack_rows(b, ldb, depth, cols, packed.data());
    gemm_packed(a, lda, rows, depth, packed.data(), cols, c, ldc, 1.f, false);
}

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
