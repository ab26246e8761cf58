#!/usr/bin/env python3
"""Reference values for the attention core, computed independently in float64 with numpy.

Run from anywhere:  /usr/bin/python3 tests/reference/generate.py
Writes tests/reference/reference.json (checked in), read by the Catch2 tests (tests/cpp) and the
JS API tests (tests/js). Format:

    { "<case name>": {   (top level: only cases, in generation order) "function": "<core function>",
                       "inputs":   { "<name>": {"shape": [...], "data": [...]}, ... },
                       "options":  { ... plain numbers / booleans / lists ... },
                       "expected": { "<name>": {"shape": [...], "data": [...]}, ... } } }

Tensors are row-major with flat data. Inputs are drawn from a fixed seed and rounded to float32,
so the C++ and JS code receive exactly the numbers the reference used; expected values are the
float64 results of the definitions below (written from the formulas, not from the core's code).
Mask convention: 1 = may attend. A fully masked row gives zero weights and a zero output.
"""
import json
import math
import os

import numpy as np

SEED = 20240611
rng = np.random.default_rng(SEED)


def f32(a):
    """Round to float32 and back, so the stored inputs are exactly representable."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def normal(*shape):
    return f32(rng.standard_normal(shape))


def enc(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(x) for x in a.reshape(-1)]}


# ---------------------------------------------------------------- definitions (float64)
# Shared with generate_js_cases.py; written from the formulas, not from the core's code.
from reference_math import (additive_scores, hard_attention, log_softmax, masked_scores, multi_head,  # noqa: E402
                            rope, sdpa, sinusoidal, softmax)
from reference_math import causal_allowed as causal  # noqa: E402


# ---------------------------------------------------------------- cases

cases = {}


def case(name, function, inputs, expected, **options):
    cases[name] = {
        "function": function,
        "inputs": {k: enc(v) for k, v in inputs.items()},
        "options": options,
        "expected": {k: enc(v) for k, v in expected.items()},
    }


x = normal(3, 7) * 3
case("softmax_basic", "softmax", {"x": x}, {"y": softmax(x)})
case("softmax_temperature_half", "softmax", {"x": x}, {"y": softmax(x, 0.5)}, temperature=0.5)
case("softmax_temperature_five", "softmax", {"x": x}, {"y": softmax(x, 5.0)}, temperature=5.0)
big = f32([[1e4, -1e4, 0.0, 9999.0], [-1e4, -1e4 + 1, -1e4 + 2, -1e4 + 3]])
case("softmax_extreme_logits", "softmax", {"x": big}, {"y": softmax(big)})
x3 = normal(2, 3, 17)
case("softmax_batched_odd_length", "softmax", {"x": x3}, {"y": softmax(x3)})
case("log_softmax_basic", "log_softmax", {"x": x}, {"y": log_softmax(x)})
case("log_softmax_extreme_logits", "log_softmax", {"x": big}, {"y": log_softmax(big)})

case("causal_mask_square", "causal_mask", {}, {"mask": causal(4, 4)}, lq=4, lk=4)
case("causal_mask_rectangular", "causal_mask", {}, {"mask": causal(3, 5)}, lq=3, lk=5)
pad = np.zeros((3, 1, 5))
for b, n in enumerate([5, 2, 0]):
    pad[b, 0, :n] = 1
case("padding_mask", "padding_mask", {}, {"mask": pad}, valid_lengths=[5, 2, 0], lk=5)
i, j = np.arange(6)[:, None], np.arange(6)[None, :]
case("sliding_window_causal", "sliding_window_mask", {}, {"mask": ((j <= i) & (i - j < 3)).astype(float)},
     n=6, window=3, causal=True)
case("sliding_window_symmetric", "sliding_window_mask", {}, {"mask": (np.abs(i - j) < 2).astype(float)},
     n=6, window=2, causal=False)

q, k = normal(2, 3, 4), normal(2, 5, 4)
case("dot_scores", "dot_scores", {"q": q, "k": k}, {"scores": q @ np.swapaxes(k, -1, -2)})
case("scaled_dot_scores", "scaled_dot_scores", {"q": q, "k": k}, {"scores": q @ np.swapaxes(k, -1, -2) / 2.0})
qa, ka = normal(2, 3, 4), normal(2, 5, 6)
Wq, Wk, w = normal(4, 8), normal(6, 8), normal(8)
case("additive_scores", "additive_scores", {"q": qa, "k": ka, "Wq": Wq, "Wk": Wk, "w": w},
     {"scores": additive_scores(qa, ka, Wq, Wk, w)})
W = normal(4, 6)
case("bilinear_scores", "bilinear_scores", {"q": qa, "k": ka, "W": W},
     {"scores": qa @ W @ np.swapaxes(ka, -1, -2)})

q, k, v = normal(2, 3, 8), normal(2, 5, 8), normal(2, 5, 6)
o, p = sdpa(q, k, v)
case("sdpa_basic", "scaled_dot_product_attention", {"q": q, "k": k, "v": v}, {"output": o, "weights": p})
o, p = sdpa(q, k, v, scale=0.25)
case("sdpa_custom_scale", "scaled_dot_product_attention", {"q": q, "k": k, "v": v}, {"output": o, "weights": p},
     scale=0.25)
qs, ks, vs = normal(6, 4), normal(6, 4), normal(6, 4)
o, p = sdpa(qs, ks, vs, causal=True)
case("sdpa_causal", "scaled_dot_product_attention", {"q": qs, "k": ks, "v": vs}, {"output": o, "weights": p},
     causal=True)
o, p = sdpa(q, k, v, causal=True)
case("sdpa_causal_rectangular", "scaled_dot_product_attention", {"q": q, "k": k, "v": v},
     {"output": o, "weights": p}, causal=True)
mask = np.zeros((2, 1, 5))
mask[0, 0, :4] = 1
mask[1, 0, :2] = 1
o, p = sdpa(q, k, v, mask=mask)
case("sdpa_padding_mask", "scaled_dot_product_attention", {"q": q, "k": k, "v": v, "mask": mask},
     {"output": o, "weights": p}, mask_kind="boolean")
additive = f32(np.where(rng.random((3, 5)) < 0.3, -1e9, rng.standard_normal((3, 5))))
o, p = sdpa(q, k, v, mask=additive, mask_kind="additive")
case("sdpa_additive_mask", "scaled_dot_product_attention", {"q": q, "k": k, "v": v, "mask": additive},
     {"output": o, "weights": p}, mask_kind="additive")
fully = np.ones((3, 5))
fully[1, :] = 0
o, p = sdpa(q, k, v, mask=fully)
case("sdpa_fully_masked_row", "scaled_dot_product_attention", {"q": q, "k": k, "v": v, "mask": fully},
     {"output": o, "weights": p}, mask_kind="boolean")
qh, kh, vh = normal(2, 4, 5, 8), normal(2, 1, 7, 8), normal(2, 1, 7, 3)
o, p = sdpa(qh, kh, vh)
case("sdpa_broadcast_kv_heads", "scaled_dot_product_attention", {"q": qh, "k": kh, "v": vh},
     {"output": o, "weights": p})

qa, ka, va = normal(2, 3, 4), normal(2, 5, 6), normal(2, 5, 3)
s = additive_scores(qa, ka, Wq, Wk, w)
pa = softmax(s)
case("additive_attention", "additive_attention", {"q": qa, "k": ka, "v": va, "Wq": Wq, "Wk": Wk, "w": w},
     {"output": pa @ va, "weights": pa})
pm = softmax(masked_scores(s, mask))
case("additive_attention_masked", "additive_attention",
     {"q": qa, "k": ka, "v": va, "Wq": Wq, "Wk": Wk, "w": w, "mask": mask},
     {"output": pm @ va, "weights": pm}, mask_kind="boolean")

o, p = hard_attention(q, k, v, 1)
case("hard_attention_top1", "hard_attention", {"q": q, "k": k, "v": v}, {"output": o, "weights": p}, top_k=1)
o, p = hard_attention(q, k, v, 3)
case("hard_attention_top3", "hard_attention", {"q": q, "k": k, "v": v}, {"output": o, "weights": p}, top_k=3)
o, p = hard_attention(q, k, v, 3, mask=mask)
case("hard_attention_top3_masked", "hard_attention", {"q": q, "k": k, "v": v, "mask": mask},
     {"output": o, "weights": p}, top_k=3, mask_kind="boolean")

dm = 8
xq, xkv = normal(2, 4, dm), normal(2, 6, dm)
Wq, Wk, Wv, Wo = (normal(dm, dm) / math.sqrt(dm) for _ in range(4))
bq, bk, bv, bo = (normal(dm) * 0.1 for _ in range(4))
o, p = multi_head(xq, xq, xq, 2, 2, Wq, Wk, Wv, Wo, bq, bk, bv, bo)
case("mha_self_attention_with_biases", "multi_head_attention",
     {"query": xq, "key": xq, "value": xq, "Wq": Wq, "Wk": Wk, "Wv": Wv, "Wo": Wo,
      "bq": bq, "bk": bk, "bv": bv, "bo": bo}, {"output": o, "weights": p}, num_heads=2, num_kv_heads=2)
o, p = multi_head(xq, xq, xq, 4, 4, Wq, Wk, Wv, Wo, causal=True)
case("mha_causal_four_heads", "multi_head_attention",
     {"query": xq, "key": xq, "value": xq, "Wq": Wq, "Wk": Wk, "Wv": Wv, "Wo": Wo},
     {"output": o, "weights": p}, num_heads=4, num_kv_heads=4, causal=True)
o, p = multi_head(xq, xkv, xkv, 2, 2, Wq, Wk, Wv, Wo)
case("mha_cross_attention", "multi_head_attention",
     {"query": xq, "key": xkv, "value": xkv, "Wq": Wq, "Wk": Wk, "Wv": Wv, "Wo": Wo},
     {"output": o, "weights": p}, num_heads=2, num_kv_heads=2)
Wk2, Wv2 = normal(dm, 4) / math.sqrt(dm), normal(dm, 4) / math.sqrt(dm)
o, p = multi_head(xq, xkv, xkv, 4, 2, Wq, Wk2, Wv2, Wo)
case("mha_grouped_query", "multi_head_attention",
     {"query": xq, "key": xkv, "value": xkv, "Wq": Wq, "Wk": Wk2, "Wv": Wv2, "Wo": Wo},
     {"output": o, "weights": p}, num_heads=4, num_kv_heads=2)
Wk1, Wv1 = normal(dm, 2) / math.sqrt(dm), normal(dm, 2) / math.sqrt(dm)
o, p = multi_head(xq, xkv, xkv, 4, 1, Wq, Wk1, Wv1, Wo)
case("mha_multi_query", "multi_head_attention",
     {"query": xq, "key": xkv, "value": xkv, "Wq": Wq, "Wk": Wk1, "Wv": Wv1, "Wo": Wo},
     {"output": o, "weights": p}, num_heads=4, num_kv_heads=1)

case("sinusoidal_encoding", "sinusoidal_encoding", {}, {"encoding": sinusoidal(6, 8)}, n=6, d=8)
case("sinusoidal_encoding_odd_width", "sinusoidal_encoding", {}, {"encoding": sinusoidal(4, 5)}, n=4, d=5)
xr = normal(2, 5, 8)
case("rope", "rope", {"x": xr}, {"y": rope(xr)}, base=10000.0, position_offset=0)
case("rope_offset_base", "rope", {"x": xr}, {"y": rope(xr, 500.0, 3)}, base=500.0, position_offset=3)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
with open(out, "w") as f:
    # one case per line: readable diffs when a case changes
    lines = [f"{json.dumps(name)}: {json.dumps(body, allow_nan=False)}" for name, body in cases.items()]
    f.write("{\n" + ",\n".join(lines) + "\n}\n")
print(f"wrote {len(cases)} cases to {out}")
