// Internal kernels on raw row-major float pointers: packed GEMM (src/gemm.cpp) and row-wise softmax
// pieces (src/row_kernels.cpp). They never throw and never allocate (callers pass scratch), except
// matmul() which packs B.
#pragma once

#include <cstddef>

#include "attention/config.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

// ---------------------------------------------------------------------------------------------
// GEMM on packed B.
// B (depth × cols) is stored as ⌈cols / panel_width⌉ panels; panel p holds columns
// p·panel_width … p·panel_width + panel_width − 1 as depth rows of panel_width contiguous floats
// (columns past `cols` are zero). The micro-kernel then streams B contiguously and broadcasts one
// element of A per row — the layout BLIS and XNNPACK use.
// ---------------------------------------------------------------------------------------------

/// Floats needed to pack a depth × cols matrix.
std::size_t packed_size(std::size_t depth, std::size_t cols);

/// Packs B[kk][j] = b[kk·ldb + j] (B given row-major, e.g. V or a weight matrix).
void pack_rows(const float* b, std::size_t ldb, std::size_t depth, std::size_t cols, float* packed);

/// Packs B[kk][j] = x[j·ldx + kk], i.e. B = Xᵀ for X row-major [cols, depth] (e.g. Kᵀ for Q·Kᵀ).
void pack_transposed(const float* x, std::size_t ldx, std::size_t cols, std::size_t depth, float* packed);

/// Floats needed to pack rows × depth of A into micro-kernel slivers.
std::size_t packed_a_size(std::size_t rows, std::size_t depth);

/// Packs A (rows × depth, row stride lda) into slivers of kernel_rows rows: sliver s holds, for each
/// kk, A[s·kernel_rows + r][kk] for r = 0 … kernel_rows − 1 (zero past the last row), so sliver s
/// starts at packed + s·kernel_rows·depth. Packing A once lets a caller reuse it across several
/// products (a query tile against every key block).
void pack_a(const float* a, std::size_t lda, std::size_t rows, std::size_t depth, float* packed);

/// C[rows × cols] = alpha · A · B  (+ C when accumulate), A packed by pack_a (rows × depth), B packed
/// in panels of `depth` rows, panel p starting at packed_b + p·panel_stride (depth · panel_width for
/// a whole packed matrix; larger for a depth slice of a taller one, e.g. a key block of packed V).
void gemm_prepacked(const float* packed_a, std::size_t rows, std::size_t depth, const float* packed_b,
                    std::size_t panel_stride, std::size_t cols, float* c, std::size_t ldc, float alpha,
                    bool accumulate);

/// C[rows × cols] = alpha · A[rows × depth] · B  (+ C when accumulate)
/// A row-major with row stride lda; C row-major with row stride ldc; B packed as above.
void gemm_packed(const float* a, std::size_t lda, std::size_t rows, std::size_t depth, const float* packed_b,
                 std::size_t cols, float* c, std::size_t ldc, float alpha, bool accumulate);

/// C[rows × cols] = A[rows × depth] · B[depth × cols], all row-major; packs B into counted scratch.
void matmul(const float* a, std::size_t lda, std::size_t rows, std::size_t depth, const float* b, std::size_t ldb,
            std::size_t cols, float* c, std::size_t ldc);

// ---------------------------------------------------------------------------------------------
// Row-wise softmax pieces (vectorised; tails handled with the same operations on one lane).
// ---------------------------------------------------------------------------------------------

/// max_j row[j]; −∞ for n = 0 or a row of −∞.
float row_max(const float* row, std::size_t n);

/// row[j] ← exp((row[j] − shift) · factor); returns Σ_j row[j]. Entries of −∞ become 0.
float exp_shifted_and_sum(float* row, std::size_t n, float shift, float factor);

/// out[j] ← row[j] · factor.
void scale_row(const float* row, std::size_t n, float factor, float* out);

/// Numerically stable softmax of one row in place: row ← softmax(row · factor).
/// A row with no finite maximum (all −∞) becomes all zeros.
void softmax_row(float* row, std::size_t n, float factor);

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

/// Σ_a w[a] · tanh(x[a] + y[a]) over a < n: one additive (Bahdanau) score.
float tanh_dot(const float* x, const float* y, const float* w, std::size_t n);

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
