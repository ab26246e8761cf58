// Every API function against values computed independently in float64 with NumPy:
//  - tests/reference/js_cases.json (tests/reference/generate_js_cases.py): the JS API's own cases,
//    called exactly as a user would (nested options, JS option names);
//  - tests/reference/reference.json (tests/reference/generate.py): the core's cases, mapped to the
//    JS names, so the C++ tests and the JS tests check the same numbers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { assertTensorClose, attention, builds, callApi, referenceFile } from './helpers.mjs';

const jsCases = referenceFile('js_cases.json').cases;

function checkResult(actual, expected, tolerance, label) {
  if ('output' in expected) {
    assertTensorClose(actual.output, expected.output, tolerance, `${label} output`);
    if (expected.weights) assertTensorClose(actual.weights, expected.weights, tolerance, `${label} weights`);
    else assert.equal(actual.weights, undefined, `${label}: no weights were asked for`);
  } else {
    assertTensorClose(actual, expected, tolerance, label);
  }
}

for (const build of builds) {
  describe(`${build} build matches the NumPy reference`, () => {
    for (const [name, c] of Object.entries(jsCases)) {
      test(name, async () => {
        const attn = await attention(build);
        checkResult(callApi(attn, c.function, c.args, c.options), c.expected, c.tolerance, name);
      });
    }
  });
}

// The core's reference cases, translated to the JS API.
const coreCases = referenceFile('reference.json');
const tensorNames = ['mask', 'Wq', 'Wk', 'Wv', 'Wo', 'bq', 'bk', 'bv', 'bo', 'w', 'W'];
const optionNames = { num_heads: 'numHeads', num_kv_heads: 'numKvHeads', top_k: 'topK', mask_kind: 'maskKind', position_offset: 'offset' };

function translateCoreCase({ function: fn, inputs, options }) {
  const opts = {};
  for (const [key, value] of Object.entries(options)) opts[optionNames[key] ?? key] = value;
  for (const name of tensorNames) if (inputs[name]) opts[name] = inputs[name];
  const { x, q, k, v, query, key, value } = inputs;
  switch (fn) {
    case 'softmax': return ['softmax', [x], opts];
    case 'log_softmax': return ['logSoftmax', [x], opts];
    case 'causal_mask': return ['masks.causal', [opts.lq, opts.lk]];
    case 'padding_mask': return ['masks.padding', [opts.valid_lengths, opts.lk]];
    case 'sliding_window_mask': return ['masks.slidingWindow', [opts.n, opts.window], { causal: opts.causal }];
    case 'dot_scores': return ['scores.dot', [q, k]];
    case 'scaled_dot_scores': return ['scores.scaledDot', [q, k], opts];
    case 'additive_scores': return ['scores.additive', [q, k], opts];
    case 'bilinear_scores': return ['scores.bilinear', [q, k], opts];
    case 'scaled_dot_product_attention': return ['scaledDotProductAttention', [q, k, v], opts];
    case 'additive_attention': return ['additiveAttention', [q, k, v], opts];
    case 'hard_attention': return ['hardAttention', [q, k, v], opts];
    case 'multi_head_attention': return ['multiHeadAttention', [query, key, value], opts];
    case 'flash_attention': return ['flashAttention', [q, k, v], opts];
    case 'sinusoidal_encoding': return ['positional.sinusoidal', [opts.n, opts.d]];
    case 'rope': return ['positional.rope', [x], opts];
    default: throw new Error(`no JS translation for the core function ${fn}`);
  }
}

// What float32 really needs here, measured: the largest errors of the wasm build against the float64
// reference are 2.8e-6 relative (a four-head attention output: several projections and a softmax in a
// row, each rounding to 24 bits) and 1.9e-7 absolute (an output near 0.012 after cancellation);
// everything else is within 1e-6. The tolerance leaves a 2.5× margin over that. WebAssembly has no
// FMA and runs the same instructions on every machine, so these results do not vary between hosts;
// 10× tighter fails (the C++ tests allow 2e-5 relative because native builds may fuse multiply-adds).
const coreTolerance = { abs: 5e-7, rel: 5e-6 };

describe('the core reference cases through the JS API (simd build)', () => {
  for (const [name, c] of Object.entries(coreCases)) {
    test(name, async () => {
      const attn = await attention('simd');
      const [path, args, options] = translateCoreCase(c);
      const actual = callApi(attn, path, args, options);
      const expected = Object.values(c.expected);
      if (expected.length === 2) {
        checkResult(actual, { output: c.expected.output, weights: c.expected.weights }, coreTolerance, name);
      } else {
        checkResult(actual, expected[0], coreTolerance, name);
      }
    });
  }
});
