// For each step of the query-steps lab, the lines of the C++ core that do it, quoted verbatim (leading spaces
// aside) from cpp/src. tests/site/query-steps-kernel-lines.test.mjs fails when a quoted line no longer exists there,
// so the lab never shows code the core has stopped running.

/** step name → { file, lines } */
export const KERNEL_LINES = {
  dot: {
    file: 'cpp/src/attention_kernels.cpp',
    lines: [
      '// S = scale · Q·Kᵀ for this row block   [rows, lk]',
      'pack_a(q + i0 * p.d, p.d, rows, p.d, packed_q.data());',
      'gemm_prepacked(packed_q.data(), rows, p.d, packed_k.data(), p.d * panel_width, p.lk, s, p.lk, p.scale,',
    ],
  },
  scale: {
    file: 'cpp/src/attention_kernels.cpp',
    lines: [
      'problem.scale = resolve_scale(function, scale, problem.d);',
      'gemm_prepacked(packed_q.data(), rows, p.d, packed_k.data(), p.d * panel_width, p.lk, s, p.lk, p.scale,',
    ],
  },
  mask: {
    file: 'cpp/src/attention_kernels.cpp',
    lines: ['if (mask.active()) mask.apply(b / p.mask_group, s, p.lk, i0, rows, 0, p.lk);'],
  },
  max: {
    file: 'cpp/src/kernels.cpp',
    lines: [
      'const float m = row_max(row, n);',
      'if (!(m > negative_infinity)) {  // every entry −∞ (fully masked) or n = 0: zeros, not NaN',
      'std::fill(row, row + n, 0.f);',
    ],
  },
  subtract: {
    file: 'cpp/src/kernels.cpp',
    lines: ['const vec e = exp(x - shift_v);'],
  },
  exp: {
    file: 'cpp/src/kernels.cpp',
    lines: ['// The padding of the tail is −∞, whose exp is 0, so it adds nothing to the sum.', 'const vec e = exp(x - shift_v);'],
  },
  sum: {
    file: 'cpp/src/kernels.cpp',
    lines: ['sum = sum + e;', 'return reduce_add(sum);'],
  },
  divide: {
    file: 'cpp/src/kernels.cpp',
    lines: [
      'const float sum = exp_shifted_and_sum(row, n, m, factor);  // sum ≥ 1: the maximum contributes exp(0)',
      'scale_row(row, n, 1.f / sum, row);',
    ],
  },
  output: {
    file: 'cpp/src/attention_kernels.cpp',
    lines: [
      '// O = P·V for this row block   [rows, dv]',
      'pack_a(s, p.lk, rows, p.lk, packed_p.data());',
      'gemm_prepacked(packed_p.data(), rows, p.lk, packed_v.data(), p.lk * panel_width, p.dv, out + i0 * p.dv,',
    ],
  },
};
