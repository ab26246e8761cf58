// The lab's default model written in TensorFlow.js, for the training benchmark (scripts/bench-training-tfjs.mjs) only:
// the same architecture as the core's (cpp/include/attention/transformer.hpp) — token + learned position
// embeddings, pre-LN blocks of causal multi-head self-attention and a tanh-GELU MLP (r·D wide), final LayerNorm,
// output projection with bias; masked mean cross-entropy; Adam (β1 0.9, β2 0.98, ε 1e-8). Parameter count matches
// the core's (26 896 for the default), so the two do the same arithmetic per step.

/**
 * Builds the model on the current backend of `tf`. config: { vocabSize, maxLength, dModel, numHeads, numLayers,
 * mlpRatio, seed }. Returns { parameterCount, trainStep(batch) → { loss }, dispose() } where batch is a toy task's
 * { inputs, targets, lossMask } (float32 token ids).
 */
export function createTfjsTransformer(tf, { vocabSize, maxLength, dModel, numHeads, numLayers, mlpRatio, seed }, learningRate) {
  const D = dModel;
  const H = numHeads;
  const dh = D / H;
  const hidden = mlpRatio * D;
  let nextSeed = seed;
  const weight = (shape, std) => tf.variable(tf.randomNormal(shape, 0, std, 'float32', nextSeed++));
  const zeros = (shape) => tf.variable(tf.zeros(shape));
  const ones = (shape) => tf.variable(tf.ones(shape));

  const params = {
    token: weight([vocabSize, D], 0.02),
    position: weight([maxLength, D], 0.02),
    layers: Array.from({ length: numLayers }, () => ({
      ln1g: ones([D]), ln1b: zeros([D]),
      wqkv: weight([D, 3 * D], 0.02), bqkv: zeros([3 * D]),
      wo: weight([D, D], 0.02), bo: zeros([D]),
      ln2g: ones([D]), ln2b: zeros([D]),
      w1: weight([D, hidden], 0.02), b1: zeros([hidden]),
      w2: weight([hidden, D], 0.02), b2: zeros([D]),
    })),
    lnfg: ones([D]), lnfb: zeros([D]),
    wout: weight([D, vocabSize], 0.02), bout: zeros([vocabSize]),
  };
  const variables = [params.token, params.position, ...params.layers.flatMap(Object.values), params.lnfg, params.lnfb, params.wout, params.bout];
  const parameterCount = variables.reduce((sum, v) => sum + v.size, 0);
  const optimizer = tf.train.adam(learningRate, 0.9, 0.98, 1e-8);

  const layerNorm = (x, g, b) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(g).add(b);
  };
  const gelu = (x) => x.mul(0.5).mul(tf.tanh(x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1));
  const linear = (x, w, b) => {
    const shape = x.shape;
    return x.reshape([-1, shape[shape.length - 1]]).matMul(w).add(b).reshape([...shape.slice(0, -1), w.shape[1]]);
  };

  function loss(inputs, targets, lossMask, B, L) {
    const causal = tf.linalg.bandPart(tf.ones([L, L]), -1, 0).sub(1).mul(1e9); // 0 on and below the diagonal
    // Embedding as one-hot × table: the wasm backend has no kernel for the gradient of gather (UnsortedSegmentSum).
    let x = tf.oneHot(inputs.reshape([-1]), vocabSize).matMul(params.token).reshape([B, L, D]).add(params.position.slice([0, 0], [L, D]));
    for (const p of params.layers) {
      const qkv = linear(layerNorm(x, p.ln1g, p.ln1b), p.wqkv, p.bqkv).reshape([B, L, 3, H, dh]).transpose([2, 0, 3, 1, 4]);
      const [q, k, v] = tf.unstack(qkv);
      const weights = tf.softmax(tf.matMul(q, k, false, true).mul(1 / Math.sqrt(dh)).add(causal));
      const heads = tf.matMul(weights, v).transpose([0, 2, 1, 3]).reshape([B, L, D]);
      x = x.add(linear(heads, p.wo, p.bo));
      x = x.add(linear(gelu(linear(layerNorm(x, p.ln2g, p.ln2b), p.w1, p.b1)), p.w2, p.b2));
    }
    const logits = linear(layerNorm(x, params.lnfg, params.lnfb), params.wout, params.bout);
    const losses = tf.losses.softmaxCrossEntropy(tf.oneHot(targets, vocabSize), logits, undefined, 0, tf.Reduction.NONE);
    return losses.mul(lossMask).sum().div(lossMask.sum());
  }

  return {
    parameterCount,
    trainStep(batch) {
      const [B, L] = batch.inputs.shape;
      const value = tf.tidy(() => {
        const inputs = tf.tensor2d(Int32Array.from(batch.inputs.data), [B, L], 'int32');
        const targets = tf.tensor2d(Int32Array.from(batch.targets.data), [B, L], 'int32');
        const mask = tf.tensor2d(batch.lossMask.data, [B, L]);
        return optimizer.minimize(() => loss(inputs, targets, mask, B, L), true, variables);
      });
      const result = value.dataSync()[0]; // waits for the step, as the core's synchronous call does
      value.dispose();
      return { loss: result };
    },
    dispose() {
      optimizer.dispose();
      for (const v of variables) v.dispose();
    },
  };
}
