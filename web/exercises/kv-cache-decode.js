// Exercise 16 · kv-cache-decode: one step of autoregressive decoding with a KV cache. The new token's key and value
// join the cache, its query attends over every cached position — which is exactly the last row of full causal
// attention over the sequence so far — and the cache of the whole model holds
// 2 (K and V) · layers · kvHeads · headDim · length · batch · bytesPerValue bytes.
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, judge, toTensor, property, valueOf } from '../src/exercises/checker.js';

const PARAMS = ['kCache', 'vCache', 'q', 'k', 'v', 'model'];
const bytesOf = ({ layers, kvHeads, batch, bytesPerValue }, headDim, length, { kAndV = 2, bits = false, useLayers = true } = {}) =>
  kAndV * (useLayers ? layers : 1) * kvHeads * headDim * length * batch * bytesPerValue * (bits ? 8 : 1);
/** The new token's output in float64, attending over `keys`/`values`. */
const attendOver = (q, keys, values, options) => attention2d([q], keys, values, options)[0];

const FIELDS = {
  output: [
    { message: say('the new token\'s key and value were not added before attending: its query must also see itself (the last row of causal attention includes the diagonal).',
      '注意力计算之前没有加入新词元的键和值：它的查询也必须看到它自己（因果注意力的最后一行包含对角线）。'),
      compute: (kc, vc, q) => attendOver(q, kc, vc) },
    { message: say('only the new key was attended to (the output is just v): attend over the whole cache plus the new token.',
      '只关注了新的键（输出就是 v）：要关注整个缓存再加上新词元。'),
      compute: (kc, vc, q, k, v) => v },
    { message: say('no 1/√d scale on the scores.', '分数没有乘以 1/√d。'),
      compute: (kc, vc, q, k, v) => attendOver(q, [...kc, k], [...vc, v], { scale: 1 }) },
  ],
  bytes: [
    { message: say('the factor 2 is missing: the cache stores K AND V, each layers · kvHeads · headDim · length · batch values.',
      '少了因子 2：缓存里既有 K 也有 V，各有 layers · kvHeads · headDim · length · batch 个值。'),
      compute: (kc, vc, q, k, v, model) => bytesOf(model, q.length, kc.length + 1, { kAndV: 1 }) },
    { message: say('you counted bits, not bytes: bytesPerValue is already in bytes (2 for fp16).', '你算的是比特而不是字节：bytesPerValue 已经是字节数（fp16 为 2）。'),
      compute: (kc, vc, q, k, v, model) => bytesOf(model, q.length, kc.length + 1, { bits: true }) },
    { message: say('the layers are missing: every layer keeps its own cache.', '漏掉了层数：每一层都有自己的缓存。'),
      compute: (kc, vc, q, k, v, model) => bytesOf(model, q.length, kc.length + 1, { useLayers: false }) },
    { message: say('the length is the cache BEFORE this step: after appending the new token it holds kCache.length + 1 positions.',
      '长度用的是这一步之前的缓存：加入新词元之后，缓存有 kCache.length + 1 个位置。'),
      compute: (kc, vc, q, k, v, model) => bytesOf(model, q.length, kc.length) },
  ],
  kCache: [
    { message: say('the new key was put first: append it at the end, after the earlier positions.', '新的键被放在了最前面：应当追加在末尾，放在之前的位置之后。'),
      compute: (kc, vc, q, k) => [k, ...kc] },
    { message: say('the returned K cache is the old one: append the new key (return a new array).', '返回的 K 缓存还是旧的：要追加新的键（返回一个新数组）。'),
      compute: (kc) => kc },
  ],
  vCache: [
    { message: say('the returned V cache is the old one: append the new value (return a new array).', '返回的 V 缓存还是旧的：要追加新的值（返回一个新数组）。'),
      compute: (kc, vc) => vc },
  ],
};

/** A property case that checks one field of the returned object against `expected`, with that field's mistakes. */
function fieldCase(name, args, field, expected, tolerance) {
  return {
    name,
    property: property(async (call, context) => {
      const result = valueOf(await call(...args));
      if (!result || typeof result !== 'object' || Array.isArray(result) || !(field in result)) {
        return say(`Return an object { kCache, vCache, output, bytes }; yours has no ${field}.`,
          `请返回对象 { kCache, vCache, output, bytes }；你的结果里没有 ${field}。`);
      }
      const mistakes = FIELDS[field].map((m) => ({ message: m.message, compute: (...a) => m.compute(...a.slice(0, 6)) }));
      const failure = judge(result[field], expected(context, ...structuredClone(args)), { args, argNames: PARAMS, tolerance, mistakes, context });
      return failure && say(`${field}: ${failure.en}`, `${field}：${failure.zh}`);
    }),
  };
}

export default {
  id: 'kv-cache-decode',
  entry: 'decodeStep',
  params: PARAMS,
  forbidden: ['scaledDotProductAttention', 'flashAttention', 'multiHeadAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function decodeStep(kCache, vCache, q, k, v, model) {
  // the new token joins the cache first (new arrays: the caller keeps the old cache)
  const keys = [...kCache, k], values = [...vCache, v];
  const d = q.length;
  const scores = keys.map((kj) => q.reduce((s, x, c) => s + x * kj[c], 0) / Math.sqrt(d));
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const total = e.reduce((a, b) => a + b, 0);
  const output = v.map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * values[j][c], 0));
  // K and V (2) for every layer, KV head, position and sequence of the batch
  const { layers, kvHeads, batch, bytesPerValue } = model;
  const bytes = 2 * layers * kvHeads * d * keys.length * batch * bytesPerValue;
  return { kCache: keys, vCache: values, output, bytes };
}`,
  cases: ({ normal, attn }) => {
    // A sequence of t + 1 tokens: the first t are in the cache, the last one is decoded now.
    const sequence = (t, d, seed) => {
      const Q = normal([t + 1, d], seed), K = normal([t + 1, d], seed + 1), V = normal([t + 1, d], seed + 2);
      return { Q, K, V, args: (model) => [K.slice(0, t), V.slice(0, t), Q[t], K[t], V[t], model] };
    };
    const small = { layers: 2, kvHeads: 4, batch: 1, bytesPerValue: 4 };
    // expected output: the LAST ROW of the core's full causal attention over the whole sequence
    const lastCausalRow = (S) => () => {
      const out = attn.scaledDotProductAttention(S.Q, S.K, S.V, { causal: true, returnWeights: false }).output.toArray();
      return out[out.length - 1];
    };
    const s5 = sequence(5, 4, 501), s0 = sequence(0, 4, 504), s12 = sequence(12, 8, 507);
    const llama = sequence(9, 128, 510);
    const bytes = (_, kc, vc, q, k, v, model) => bytesOf(model, q.length, kc.length + 1);
    return [
      fieldCase(say('output = last row of causal attention (5 cached tokens, d = 4)', 'output = 因果注意力的最后一行（缓存 5 个词元，d = 4）'), s5.args(small), 'output', lastCausalRow(s5)),
      fieldCase(say('output with an empty cache (the first token sees only itself)', '缓存为空时的 output（第一个词元只看到它自己）'), s0.args(small), 'output', lastCausalRow(s0)),
      fieldCase(say('output after 12 cached tokens, d = 8', '缓存 12 个词元之后的 output，d = 8'), s12.args(small), 'output', lastCausalRow(s12)),
      fieldCase(say('kCache grows by the new key, at the end', 'kCache 在末尾多了新的键'), s5.args(small), 'kCache', () => s5.K),
      fieldCase(say('vCache grows by the new value, at the end', 'vCache 在末尾多了新的值'), s5.args(small), 'vCache', () => s5.V),
      fieldCase(say('bytes: 2 layers, 4 KV heads, d = 4, 6 positions, float32', 'bytes：2 层，4 个 KV 头，d = 4，6 个位置，float32'), s5.args(small), 'bytes', bytes, { abs: 0.5, rel: 0 }),
      fieldCase(say('bytes: 32 layers, 8 KV heads of 128, 10 positions, batch 4, fp16', 'bytes：32 层，8 个宽 128 的 KV 头，10 个位置，批次 4，fp16'),
        llama.args({ layers: 32, kvHeads: 8, batch: 4, bytesPerValue: 2 }), 'bytes', bytes, { abs: 0.5, rel: 0 }),
      {
        name: say('decoding token by token from an empty cache = full causal attention, row by row', '从空缓存开始逐个词元解码 = 完整的因果注意力，逐行相同'),
        property: property(async (call) => {
          const L = 6, d = 4;
          const Q = normal([L, d], 520), K = normal([L, d], 521), V = normal([L, d], 522);
          const full = attn.scaledDotProductAttention(Q, K, V, { causal: true, returnWeights: false }).output.toArray();
          let kCache = [], vCache = [];
          for (let t = 0; t < L; t += 1) {
            const step = valueOf(await call(kCache, vCache, Q[t], K[t], V[t], small));
            const rows = toTensor(step?.kCache ?? []).shape[0];
            if (rows !== t + 1) {
              return say(`After step ${t} the returned kCache has ${rows ?? 0} rows, expected ${t + 1}: return the grown cache, the next step starts from it.`,
                `第 ${t} 步之后返回的 kCache 有 ${rows ?? 0} 行，期望 ${t + 1} 行：要返回增长后的缓存，下一步从它开始。`);
            }
            const failure = judge(step.output, full[t], { args: [Q[t]], argNames: ['q'], tolerance: { abs: 1e-5, rel: 1e-4 } });
            if (failure) return say(`Step ${t}: the output differs from row ${t} of full causal attention. ${failure.en}`, `第 ${t} 步：output 与完整因果注意力的第 ${t} 行不同。${failure.zh}`);
            ({ kCache, vCache } = step);
          }
          return null;
        }),
      },
    ];
  },
};
