// @ts-check
// Type-level twin of tests/js/errors.test.mjs, checked by `tsc --noEmit` (scripts/typecheck.mjs) and never run.
// Every call below is one the runtime refuses with a TypeError; each carries @ts-expect-error, so if the types ever
// accepted one of them, the directive would be unused and the type check would fail. The calls at the end are
// right ones written differently, which the types must accept.
import { createAttention } from 'attention-workshop';

const attn = await createAttention();
const q = attn.random.normal([2, 4, 8], 1);
const k = attn.random.normal([2, 6, 8], 2);
const v = attn.random.normal([2, 6, 5], 3);
const W = attn.random.normal([8, 8], 4);

// ---- refused at run time, and by the types ----
// @ts-expect-error a string is no tensor
attn.softmax('logits');
// @ts-expect-error x is required
attn.softmax();
// @ts-expect-error a string inside nested arrays
attn.softmax([[1, 2], [3, '4']]);
// @ts-expect-error an object in data
attn.softmax({ shape: [2], data: [1, {}] });
// @ts-expect-error data of the wrong type
attn.softmax({ shape: [2], data: 'ab' });
// @ts-expect-error a shape that is not an array
attn.softmax({ shape: 3, data: [1, 2, 3] });
// @ts-expect-error options that are not an object
attn.softmax([1, 2], 2);
// @ts-expect-error a misspelt option
attn.softmax([1, 2], { temprature: 2 });
// @ts-expect-error a non-boolean causal
attn.scaledDotProductAttention(q, k, v, { causal: 'yes' });
// @ts-expect-error an unknown mask kind
attn.scaledDotProductAttention(q, k, v, { mask: [[1]], maskKind: 'soft' });
// @ts-expect-error a blockSize that is not a number
attn.flashAttention(q, k, v, { blockSize: 'big' });
// @ts-expect-error padding lengths that are not an array
attn.masks.padding('3', 5);
// @ts-expect-error additiveAttention without options
attn.additiveAttention(q, k, v);
// @ts-expect-error additiveAttention without w
attn.additiveAttention(q, k, v, { Wq: W, Wk: W });
// @ts-expect-error multiHeadAttention without numHeads
attn.multiHeadAttention(q, q, q, { Wq: W, Wk: W, Wv: W, Wo: W });
// @ts-expect-error multiHeadAttention without Wo
attn.multiHeadAttention(q, q, q, { numHeads: 2, Wq: W, Wk: W, Wv: W });
// @ts-expect-error scores.bilinear without W
attn.scores.bilinear(q, k, {});
// @ts-expect-error scores.additive without options
attn.scores.additive(q, k);
// @ts-expect-error scaledDotProductAttention without v
attn.scaledDotProductAttention(q, k);
// @ts-expect-error createAttention with a non-boolean simd
await createAttention({ simd: 'yes' });
// @ts-expect-error createAttention with an unknown option
await createAttention({ threads: 2 });

// ---- right, written differently: accepted ----
attn.softmax([1, 2, 3]);
attn.softmax([[1, 2], [3, 4]], { temperature: 0.5 });
attn.softmax(new Float64Array([1, 2]));
attn.softmax({ shape: [2], data: [1, 2] });
attn.softmax({ shape: [2], data: new Float32Array([1, 2]) });
attn.softmax(q);
attn.scaledDotProductAttention(q, k, v, { mask: [[true, false, true, true, true, true]], causal: false });
attn.scaledDotProductAttention(q, k, v, { mask: attn.masks.causal(4, 6), maskKind: 'additive', returnWeights: false });
attn.flashAttention(q, k, v, { blockSize: 64 });
attn.flashAttention(q, k, v, { blockSize: [16, 32] });
const sizes = [16, 32];
attn.flashAttention(q, k, v, { blockSize: sizes });
attn.masks.padding([3, 1], 4);
attn.random.normal([2, 2], { seed: 1, std: 0.5 });
const rows = attn.softmax([[1, 2], [3, 4]]).toArray();
const first = rows[0][1];
export { first };
