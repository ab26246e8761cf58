// A minimal ONNX model of scaled dot-product attention, encoded here so the benchmark needs no Python
// and no model file: softmax((q · scale) · kᵀ) · v for q, k, v [heads, n, d] with a symbolic n —
// the MatMul/Softmax/MatMul graph an ONNX exporter emits for attention (PERFORMANCE.md: the fused
// Attention/MultiHeadAttention ops run at the same speed in onnxruntime-web's wasm backend).
//
// Protocol Buffers wire format: a field is a key varint (number << 3 | wire type) followed by a
// varint (type 0), a length-delimited payload (type 2) or 4 bytes (type 5). Field numbers from onnx.proto.

const encoder = new TextEncoder();

function varint(value) {
  const bytes = [];
  let v = BigInt(value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return bytes;
}

const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) { out.set(part, offset); offset += part.length; }
  return out;
};
const intField = (field, value) => Uint8Array.from([...varint((field << 3) | 0), ...varint(value)]);
const bytesField = (field, payload) => concat([Uint8Array.from([...varint((field << 3) | 2), ...varint(payload.length)]), payload]);
const stringField = (field, text) => bytesField(field, encoder.encode(text));
const message = (...fields) => concat(fields.flat());

const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTRIBUTE_INTS = 7;

/** ValueInfoProto of a float tensor; a string extent is a symbolic dimension. */
function tensorValue(name, shape) {
  const dims = shape.map((extent) => bytesField(1, typeof extent === 'string' ? stringField(2, extent) : intField(1, extent)));
  const tensorType = message(intField(1, FLOAT), bytesField(2, message(...dims)));
  return message(stringField(1, name), bytesField(2, message(bytesField(1, tensorType))));
}

function node(opType, inputs, outputs, attributes = []) {
  return message(...inputs.map((name) => stringField(1, name)), ...outputs.map((name) => stringField(2, name)),
    stringField(3, `${opType}_${outputs[0]}`), stringField(4, opType), ...attributes.map((a) => bytesField(5, a)));
}

function scalarInitializer(name, value) {
  const data = new Uint8Array(new Float32Array([value]).buffer);
  return message(intField(2, FLOAT), stringField(8, name), bytesField(9, data)); // dims [] = a scalar
}

/** The serialized ModelProto (opset 17) for inputs q, k, v [heads, n, d] and output [heads, n, d]. */
export function attentionModel({ heads, width }) {
  const perm = message(stringField(1, 'perm'), intField(20, ATTRIBUTE_INTS), ...[0, 2, 1].map((axis) => intField(8, axis)));
  const graph = message(
    bytesField(1, node('Mul', ['q', 'scale'], ['q_scaled'])),
    bytesField(1, node('Transpose', ['k'], ['k_t'], [perm])),
    bytesField(1, node('MatMul', ['q_scaled', 'k_t'], ['scores'])),
    bytesField(1, node('Softmax', ['scores'], ['weights'])), // opset ≥ 13: along the last axis
    bytesField(1, node('MatMul', ['weights', 'v'], ['output'])),
    stringField(2, 'scaled_dot_product_attention'),
    bytesField(5, scalarInitializer('scale', 1 / Math.sqrt(width))),
    ...['q', 'k', 'v'].map((name) => bytesField(11, tensorValue(name, [heads, 'n', width]))),
    bytesField(12, tensorValue('output', [heads, 'n', width])),
  );
  return message(intField(1, 8), stringField(2, 'attention-workshop bench'), bytesField(7, graph),
    bytesField(8, message(stringField(1, ''), intField(2, 17))));
}
