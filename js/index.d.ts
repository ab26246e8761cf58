// Type declarations of attention-workshop, the JavaScript API of the Attention Workshop core.
// Shapes follow the core: q [..., Lq, d], k [..., Lk, d], v [..., Lk, dv]; leading (batch, head)
// dimensions broadcast numpy-style. Every invalid call throws an Error (TypeError for a wrong type,
// RangeError for a bad size, shape or number) whose message names the function and the argument and gives
// the expected and actual shape or type; the instance keeps working afterwards.
//
// Values are float32. NaN and +Infinity (and numbers beyond ±3.4e38, which become ±Infinity in float32)
// are refused everywhere with a RangeError naming the function, the argument and the first bad index;
// -Infinity is accepted only where it means "hidden": softmax / logSoftmax inputs and additive masks.
// Counts and lengths are integers up to 2³¹ − 1 and reach the core exactly.

/** Nested arrays of numbers (booleans count as 1 / 0), e.g. [[1, 2], [3, 4]]. */
export type NestedArray = ReadonlyArray<number | boolean | NestedArray>;

/** A tensor given as a shape and row-major data; a Tensor is one. */
export interface TensorLike {
  /** Extents, each a positive integer; 1 to 8 dimensions. */
  readonly shape: readonly number[];
  /** shape.reduce((a, b) => a * b) elements in row-major order. */
  readonly data: Float32Array | Float64Array | Int32Array | Uint8Array | ArrayLike<number> | readonly number[];
}

/** Any accepted tensor argument: { shape, data }, nested arrays, or a typed array (a 1-d tensor). */
export type TensorInput = TensorLike | NestedArray | Float32Array | Float64Array | Int32Array | Uint8Array;

/** A dense row-major float32 tensor whose data the caller owns (never a view of wasm memory). */
export declare class Tensor implements TensorLike {
  /** Wraps data (not copied); data.length must equal the product of shape. */
  constructor(shape: readonly number[], data: Float32Array);
  /** Extents, e.g. [2, 10, 64] (frozen). */
  readonly shape: readonly number[];
  /** The values, row-major. */
  readonly data: Float32Array;
  /** Number of dimensions. */
  readonly rank: number;
  /** Number of elements. */
  readonly size: number;
  /** The element at a full index, e.g. t.get(0, 2, 1); negative indices count from the end. */
  get(...index: number[]): number;
  /**
   * The values as nested arrays, e.g. [[1, 2], [3, 4]], nested as deep as the rank. Typed any[] because the rank
   * is known only at run time (a NestedNumbers result could not be indexed twice without a cast).
   */
  toArray(): any[];
  /** { shape, data: number[] }, for JSON.stringify. */
  toJSON(): { shape: number[]; data: number[] };
}

/** Nested arrays of numbers as returned by Tensor.toArray(). */
export type NestedNumbers = number[] | NestedNumbers[];

/** A Tensor from nested arrays, { shape, data } or a typed array, or from flat data and a shape; data is copied. */
export declare function tensor(value: TensorInput | ArrayLike<number>, shape?: readonly number[]): Tensor;

/** Whether this engine runs WebAssembly SIMD; createAttention() falls back to the scalar build without it. */
export declare function isSimdSupported(): boolean;

/** How a mask is applied: 'boolean' (1/true = may attend, 0 = hidden) or 'additive' (added to the scores). */
export type MaskKind = 'boolean' | 'additive';

/** Mask options shared by the attention functions. */
export interface MaskOptions {
  /**
   * Broadcasts (numpy-style, from the right) to the scores [..., Lq, Lk]; rows with no allowed key give zeros.
   * Finite values; an additive mask may also hold -Infinity (the key is hidden, as by a boolean 0).
   */
  mask?: TensorInput;
  /** How mask is applied; default 'boolean'. */
  maskKind?: MaskKind;
}

/** Output and attention weights of an attention call. */
export interface AttentionResult {
  /** [..., Lq, dv] */
  output: Tensor;
  /** [..., Lq, Lk] (multi-head: [..., numHeads, Lq, Lk]); absent when returnWeights is false. */
  weights?: Tensor;
}

/** Options of scaledDotProductAttention. */
export interface ScaledDotProductAttentionOptions extends MaskOptions {
  /** Hide keys j > i + (Lk − Lq); default false. */
  causal?: boolean;
  /** Multiplies q·kᵀ; default 1/√d. */
  scale?: number;
  /** Copy the weights out; default true (false saves Lq·Lk floats per head for long sequences). */
  returnWeights?: boolean;
  /** Write the results into these buffers (exactly the result's size) instead of fresh ones; no weights with returnWeights: false. */
  out?: OutputBuffers;
}

/** Caller-provided Float32Arrays an attention call writes into; the returned Tensors wrap them. */
export interface OutputBuffers {
  /** Receives the output [..., Lq, dv]. */
  output?: Float32Array;
  /** Receives the weights [..., Lq, Lk]. */
  weights?: Float32Array;
}

/** Options of additiveAttention (all three weights are required). */
export interface AdditiveAttentionOptions extends MaskOptions {
  /** Query projection [dq, h]. */
  Wq: TensorInput;
  /** Key projection [dk, h]. */
  Wk: TensorInput;
  /** Scoring vector [h]. */
  w: TensorInput;
}

/** Options of hardAttention. */
export interface HardAttentionOptions extends MaskOptions {
  /** Keys kept per query (1 ≤ topK); default 1 (one-hot weights). */
  topK?: number;
  /** Multiplies q·kᵀ; default 1/√d. */
  scale?: number;
}

/** Options of multiHeadAttention: head count, projections (x·W + b) and masking. */
export interface MultiHeadAttentionOptions extends MaskOptions {
  /** Number of query heads H; must divide the projected width. */
  numHeads: number;
  /** K/V heads (grouped-query attention; 1 = multi-query); must divide numHeads; default numHeads. */
  numKvHeads?: number;
  /** [dModel, H·dHead]; head h uses columns h·dHead … (h+1)·dHead − 1. */
  Wq: TensorInput;
  /** [dModel, numKvHeads·dHead]. */
  Wk: TensorInput;
  /** [dModel, numKvHeads·dv]. */
  Wv: TensorInput;
  /** [H·dv, dModel]. */
  Wo: TensorInput;
  /** Optional bias [H·dHead]. */
  bq?: TensorInput;
  /** Optional bias [numKvHeads·dHead]. */
  bk?: TensorInput;
  /** Optional bias [numKvHeads·dv]. */
  bv?: TensorInput;
  /** Optional bias [dModel]. */
  bo?: TensorInput;
  /** Hide future keys in every head; default false. */
  causal?: boolean;
  /** Copy the per-head weights out; default true. */
  returnWeights?: boolean;
}

/** Options of flashAttention. */
export interface FlashAttentionOptions extends MaskOptions {
  /** Hide keys j > i + (Lk − Lq); fully hidden key blocks are skipped. Default false. */
  causal?: boolean;
  /** Multiplies q·kᵀ; default 1/√d. */
  scale?: number;
  /** Tile size: one number for query rows and keys, or [queryRows, keys]; default: the core's tuned sizes. */
  blockSize?: number | readonly number[];
  /** Write the output into out.output (exactly its size) instead of a fresh Float32Array. */
  out?: { output?: Float32Array };
}

/** Score (alignment) functions, before the softmax: all return [..., Lq, Lk]. */
export interface Scores {
  /** q·kᵀ (Luong "dot"). */
  dot(q: TensorInput, k: TensorInput): Tensor;
  /** scale · q·kᵀ, scale defaulting to 1/√d (Vaswani et al.). */
  scaledDot(q: TensorInput, k: TensorInput, options?: { scale?: number }): Tensor;
  /** wᵀ tanh(q·Wq + k·Wk) (Bahdanau); Wq [dq, h], Wk [dk, h], w [h]. */
  additive(q: TensorInput, k: TensorInput, options: { Wq: TensorInput; Wk: TensorInput; w: TensorInput }): Tensor;
  /** q·W·kᵀ (Luong "general"); W [dq, dk]. */
  bilinear(q: TensorInput, k: TensorInput, options: { W: TensorInput }): Tensor;
}

/** Mask builders: 0/1 float tensors (1 = may attend). */
export interface Masks {
  /** [lq, lk] with 1 where key j ≤ i + (lk − lq); lk defaults to lq (lower-triangular). */
  causal(lq: number, lk?: number): Tensor;
  /** [B, 1, n] with 1 for the first lengths[b] keys of row b (integers 0 … n, exact); broadcasts against scores [B, Lq, n]. */
  padding(lengths: ArrayLike<number>, n: number): Tensor;
  /** [n, n]: causal (default) keeps i − window < j ≤ i; { causal: false } keeps |i − j| < window. */
  slidingWindow(n: number, window: number, options?: { causal?: boolean }): Tensor;
}

/** Positional encodings. */
export interface Positional {
  /** [n, d]: PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)). */
  sinusoidal(n: number, d: number): Tensor;
  /** Rotary embedding of x [..., L, d] (d even) on pairs (2i, 2i+1) at positions offset … offset + L − 1. */
  rope(x: TensorInput, options?: { base?: number; offset?: number }): Tensor;
}

/** Seeded random tensors (xoshiro128**; identical on every machine and in both builds). */
export interface Random {
  /** Samples of N(mean, std²); a seed (or { seed }) gives an independent repeatable stream, none uses the shared stream. */
  normal(shape: number | readonly number[], options?: number | { seed?: number; mean?: number; std?: number }): Tensor;
  /** Samples in [min, max) (default [0, 1)); seeded like normal(). */
  uniform(shape: number | readonly number[], options?: number | { seed?: number; min?: number; max?: number }): Tensor;
  /** Restarts the shared stream (initially seed 0) used by calls without a seed. */
  seed(seed: number): void;
}

/** What createAttention() loaded. */
export interface AttentionInfo {
  /** Version of the core, e.g. "0.1.0". */
  version: string;
  /** true for the SIMD build, false for the scalar build. */
  simd: boolean;
  /** Instruction set of the build: "wasm" (SIMD128) or "scalar". */
  arch: string;
  /** float32 lanes per vector: 4 for SIMD128, 1 for scalar. */
  lanes: number;
  /** Current size of this instance's WebAssembly memory in bytes (grows on demand, up to 2 GiB). */
  memoryBytes: number;
  /** Bytes allocated inside that memory right now; back to the same value after every call (no leaks). */
  heapBytes: number;
}

/** Options of grad.scaledDotProductAttention: those of the forward call (returnWeights aside). */
export interface AttentionGradientOptions extends MaskOptions {
  /** Hide keys j > i + (Lk − Lq); default false. */
  causal?: boolean;
  /** Score scale; default 1/√d. */
  scale?: number;
}

/** Backward passes: given d loss / d output, the gradients w.r.t. the inputs of the forward call. */
export interface Gradients {
  /** d loss / d x of softmax(x / T): y ∘ (dy − Σ_j y_j dy_j) / T; gradOutput has the shape of x. */
  softmax(x: TensorInput, gradOutput: TensorInput, options?: { temperature?: number }): Tensor;
  /** d loss / d x of logSoftmax(x / T): (dy − softmax(x / T) · Σ_j dy_j) / T. */
  logSoftmax(x: TensorInput, gradOutput: TensorInput, options?: { temperature?: number }): Tensor;
  /** Gradients of scaledDotProductAttention w.r.t. q, k, v (their shapes; broadcast operands get the sum); gradOutput [..., Lq, dv]. Fully masked rows give zeros. */
  scaledDotProductAttention(q: TensorInput, k: TensorInput, v: TensorInput, gradOutput: TensorInput, options?: AttentionGradientOptions): { q: Tensor; k: Tensor; v: Tensor };
}

/** Configuration of createTransformer; every field is optional (defaults: the lab's model). */
export interface TransformerConfig {
  /** Token ids are 0 … vocabSize − 1; default 16. */
  vocabSize?: number;
  /** Longest sequence (learned position embeddings); default 12. */
  maxLength?: number;
  /** Width of the residual stream; a multiple of numHeads; default 32. */
  dModel?: number;
  /** Attention heads per layer (each dModel / numHeads wide); default 4. */
  numHeads?: number;
  /** Transformer blocks; default 2. */
  numLayers?: number;
  /** MLP hidden width = mlpRatio · dModel; default 4. */
  mlpRatio?: number;
  /** Seed of the initial weights (an integer ≥ 0); default 0. */
  seed?: number;
}

/** Options of Transformer.trainStep: AdamW settings and the loss mask. */
export interface TrainStepOptions {
  /** Default 0.003. */
  learningRate?: number;
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.98. */
  beta2?: number;
  /** Default 1e-8. */
  epsilon?: number;
  /** Decoupled weight decay (AdamW); default 0 (Adam). */
  weightDecay?: number;
  /** [batch, L] weights ≥ 0 (1 = count this position in the loss, 0 = skip); default all 1. */
  lossMask?: TensorInput;
}

/** A tiny decoder-only Transformer (pre-LN, causal, learned positions, GELU MLP) living in wasm memory. */
export interface Transformer {
  /** The configuration, defaults filled in. */
  readonly config: Readonly<Required<TransformerConfig>>;
  /** Number of trainable parameters. */
  readonly parameterCount: number;
  /** One step of AdamW on the masked next-token cross-entropy; inputs, targets: integer tokens [batch, L ≤ maxLength]. Loss and accuracy are those before the update. */
  trainStep(inputs: TensorInput, targets: TensorInput, options?: TrainStepOptions): { loss: number; accuracy: number };
  /** Logits [batch, L, vocabSize] and every layer's and head's attention weights [numLayers, batch, numHeads, L, L]. */
  forward(inputs: TensorInput): { logits: Tensor; attention: Tensor };
  /** The weights as compact bytes: "AWTF", the configuration, float32 parameters (about 4 bytes per parameter). */
  save(): Uint8Array;
  /** Loads bytes from save() of a model with the same configuration (Adam restarts); throws and changes nothing otherwise. */
  load(bytes: Uint8Array | ArrayBuffer): void;
  /** Frees the model's memory; later calls throw. */
  dispose(): void;
  /** Mean ms per training step (default AdamW settings) timed inside C++, for benchmarks. Default 10 steps. */
  timeTrainStep(inputs: TensorInput, targets: TensorInput, options?: { steps?: number; lossMask?: TensorInput }): number;
}

/** The API object returned by createAttention(). */
export interface Attention {
  /** softmax(x / T) along the last axis; x [..., n] → [..., n]. Default temperature 1. -Infinity in x gets weight 0; NaN / +Infinity are refused. */
  softmax(x: TensorInput, options?: { temperature?: number }): Tensor;
  /** log softmax(x / T) along the last axis, computed directly so it stays finite; -Infinity in x gives -Infinity. */
  logSoftmax(x: TensorInput, options?: { temperature?: number }): Tensor;
  /** softmax(scale·q·kᵀ + mask)·v: q [..., Lq, d], k [..., Lk, d], v [..., Lk, dv]. */
  scaledDotProductAttention(q: TensorInput, k: TensorInput, v: TensorInput, options?: ScaledDotProductAttentionOptions): AttentionResult;
  /** Additive (Bahdanau) attention: softmax(wᵀ tanh(q·Wq + k·Wk))·v. */
  additiveAttention(q: TensorInput, k: TensorInput, v: TensorInput, options: AdditiveAttentionOptions): Required<AttentionResult>;
  /** Top-k hard attention: softmax over the topK best scaled scores per query, 0 elsewhere. */
  hardAttention(q: TensorInput, k: TensorInput, v: TensorInput, options?: HardAttentionOptions): Required<AttentionResult>;
  /** Multi-head (and grouped-/multi-query) attention; weights [..., numHeads, Lq, Lk]. */
  multiHeadAttention(query: TensorInput, key: TensorInput, value: TensorInput, options: MultiHeadAttentionOptions): AttentionResult;
  /** Tiled attention with online softmax: the same output as scaledDotProductAttention in O(block·d) memory. */
  flashAttention(q: TensorInput, k: TensorInput, v: TensorInput, options?: FlashAttentionOptions): { output: Tensor };
  /** Score functions (dot, scaledDot, additive, bilinear). */
  readonly scores: Scores;
  /** Mask builders (causal, padding, slidingWindow). */
  readonly masks: Masks;
  /** Positional encodings (sinusoidal, rope). */
  readonly positional: Positional;
  /** Seeded random tensors (normal, uniform, seed). */
  readonly random: Random;
  /** Gradients (backward passes) of softmax, logSoftmax and scaledDotProductAttention. */
  readonly grad: Gradients;
  /** A tiny Transformer to train in the page: seeded weights, trainStep, forward with attention maps. */
  createTransformer(config?: TransformerConfig): Transformer;
  /** Same as the package's tensor(): builds a Tensor from nested arrays or flat data and a shape. */
  tensor(value: TensorInput | ArrayLike<number>, shape?: readonly number[]): Tensor;
  /** Version, build (simd, arch, lanes) and current wasm memory size. */
  info(): AttentionInfo;
  /** Mean ms per scaledDotProductAttention call timed inside C++ (no copies): the core's own speed. Default 10 iterations, no weights. */
  timeScaledDotProductAttention(q: TensorInput, k: TensorInput, v: TensorInput, options?: { iterations?: number; returnWeights?: boolean }): number;
  /** Bytes of temporary memory the core's kernels hold now and at peak (since the last reset). */
  scratchMemory(options?: { resetPeak?: boolean }): { currentBytes: number; peakBytes: number };
}

/** Options of createAttention. */
export interface CreateAttentionOptions {
  /** true: SIMD build (an error if unsupported); false: scalar build; default: SIMD where supported. */
  simd?: boolean;
}

/** Loads the WebAssembly core (Node 20, browsers, module Web Workers) and returns the API; each call gets its own memory. */
export declare function createAttention(options?: CreateAttentionOptions): Promise<Attention>;

/** Options of createAttentionPool. */
export interface CreateAttentionPoolOptions {
  /** Number of workers, 1 to 256; default navigator.hardwareConcurrency (Node: os.availableParallelism()). */
  workers?: number;
  /** As in createAttention: true SIMD, false scalar, default SIMD where supported. */
  simd?: boolean;
}

/** What an AttentionPool runs. */
export interface AttentionPoolInfo {
  /** Version of the core, e.g. "0.1.0". */
  version: string;
  /** true for the SIMD build, false for the scalar build. */
  simd: boolean;
  /** Instruction set of the build: "wasm" (SIMD128) or "scalar". */
  arch: string;
  /** float32 lanes per vector: 4 for SIMD128, 1 for scalar. */
  lanes: number;
  /** Number of workers, each with its own WebAssembly instance. */
  workers: number;
}

/** An abort signal for the pool's calls. */
export interface PoolCallOptions {
  /** Aborting rejects the call with signal.reason; a running call's workers are stopped and restarted. */
  signal?: AbortSignal;
}

/**
 * One attention call spread over workers (module Web Workers, or worker_threads in Node), each with its
 * own WebAssembly instance; data moves in transferred ArrayBuffers, so no SharedArrayBuffer and no
 * cross-origin isolation (COOP/COEP) is needed. The problems of the leading (batch, head) dimensions are
 * split into one contiguous range per worker. Results and errors are those of the synchronous API.
 */
export interface AttentionPool {
  /** Number of workers. */
  readonly size: number;
  /** The build the workers run, and how many there are. */
  info(): AttentionPoolInfo;
  /** scaledDotProductAttention of createAttention(), run in parallel; calls queue, one at a time. */
  scaledDotProductAttention(q: TensorInput, k: TensorInput, v: TensorInput, options?: ScaledDotProductAttentionOptions & PoolCallOptions): Promise<AttentionResult>;
  /** flashAttention of createAttention(), run in parallel. */
  flashAttention(q: TensorInput, k: TensorInput, v: TensorInput, options?: FlashAttentionOptions & PoolCallOptions): Promise<{ output: Tensor }>;
  /** Stops every worker; running and later calls reject. Also available as [Symbol.asyncDispose] (`await using`). */
  dispose(): Promise<void>;
}

/** Starts the workers and resolves once each has loaded the core. */
export declare function createAttentionPool(options?: CreateAttentionPoolOptions): Promise<AttentionPool>;
/** The built-in toy tasks of the training lab. */
export type ToyTaskName = 'reverse' | 'sort' | 'induction' | 'translate';
/** The names of the built-in toy tasks, in the lab's order. */
export declare function toyTaskNames(): ToyTaskName[];
/** A text in both languages of the site. */
export interface LocalisedText {
  /** Chinese. */
  zh: string;
  /** English. */
  en: string;
}
/** One batch of a toy task: float32 token ids and the loss mask, each [batch, length]. */
export interface ToyBatch {
  /** Token ids [batch, length]. */
  inputs: TensorData;
  /** The next token of each position [batch, length]. */
  targets: TensorData;
  /** 1 where the target is an answer token, else 0 [batch, length]. */
  lossMask: TensorData;
}
/** Plain tensor data: a shape and row-major values. */
export interface TensorData {
  /** Extents. */
  shape: number[];
  /** Row-major values. */
  data: Float32Array;
}
/**
 * A toy task with its seeded generator (pure JavaScript, no wasm): next-token prediction on prompt ++ answer, the
 * loss kept on the answer positions only.
 */
export interface ToyTask {
  /** Its name. */
  readonly name: ToyTaskName;
  /** Its name for people. */
  readonly title: LocalisedText;
  /** What the model must do, in a sentence. */
  readonly description: LocalisedText;
  /** The attention pattern a trained model shows, in words. */
  readonly expectedPattern: LocalisedText;
  /** What to type as a prompt. */
  readonly inputHint: LocalisedText;
  /** 16: token ids are 0 … 15. */
  readonly vocabSize: number;
  /** Positions the model sees: promptLength + answerLength − 1 (≤ 12). */
  readonly length: number;
  /** Tokens of a prompt (the separator included). */
  readonly promptLength: number;
  /** Tokens of an answer. */
  readonly answerLength: number;
  /** How each token id is written. */
  readonly tokenNames: readonly string[];
  /** A fresh random prompt (token ids). */
  prompt(): number[];
  /** The right answer to a prompt. */
  answer(prompt: readonly number[]): number[];
  /** The expected alignment: for each answer token, the position of the token it is made from (the key its query should attend to). */
  alignment(prompt: readonly number[]): number[];
  /** Reads typed text into a prompt; throws a RangeError naming what is wrong. */
  parsePrompt(text: string): number[];
  /** Token ids → text. */
  format(tokens: ArrayLike<number>): string;
  /** `size` fresh examples for Transformer.trainStep. */
  batch(size: number): ToyBatch;
}
/** A built-in task; the same seed (default 0) gives the same batches on every machine. */
export declare function createToyTask(name: ToyTaskName, options?: { seed?: number }): ToyTask;
/** Token accuracy of logits [batch, L, vocab] on the positions the batch's lossMask keeps (teacher forcing). */
export declare function maskedTokenAccuracy(logits: { shape: readonly number[]; data: ArrayLike<number> }, batch: ToyBatch): number;
/** Greedy decoding of task.answerLength tokens after `prompt`; attention: the maps of the last forward pass. */
export declare function generateAnswer(model: Transformer, task: ToyTask, prompt: number[]): { answer: number[]; sequence: number[]; attention: Tensor };
