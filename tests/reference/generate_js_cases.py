#!/usr/bin/env python3
"""Reference cases for the JavaScript API tests (tests/js/reference.test.mjs).

Computes every API function with NumPy in float64 from the definitions (not from the core's code) and
writes js_cases.json beside this file. Inputs are rounded to float32 first, so the JavaScript side
feeds exactly the same numbers to the float32 core.

    /usr/bin/python3 tests/reference/generate_js_cases.py

Each case: {"function": "scores.additive", "args": [...], "options": {...}, "expected": ..., "tolerance": {...}}
where tensors are {"shape": [...], "data": [...]} and an attention result is {"output": T, "weights": T}.
"""
import json
import math
from pathlib import Path

import numpy as np

rng = np.random.default_rng(20240611)


def f32(a):
    """Rounds to float32 and back: the values the core will see."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def normal(*shape, scale=1.0):
    return f32(rng.standard_normal(shape) * scale)


def T(a):
    a = np.asarray(a, dtype=np.float64)
    # 9 significant digits: exact for the float32 inputs, far below every tolerance for the outputs.
    return {"shape": list(a.shape), "data": [float("%.9g" % x) for x in a.ravel()]}


# The definitions live in reference_math.py, shared with generate.py.
from reference_math import (additive_attention, additive_scores, causal_allowed, hard_attention, log_softmax,  # noqa: E402
                            masked_scores, multi_head, padding, rope, sdpa, sinusoidal, sliding, softmax)


def random_mask(*shape):
    m = (rng.random(shape) < 0.6).astype(np.float64)
    m[..., 0] = 1.0  # every row keeps at least one key
    return m


# ---- cases -------------------------------------------------------------------------------------

cases = {}
TIGHT = {"abs": 2e-6, "rel": 1e-5}
ATTN = {"abs": 2e-5, "rel": 1e-4}
LOOSE = {"abs": 1e-4, "rel": 1e-3}


def case(name, function, args, expected, options=None, tolerance=ATTN):
    cases[name] = {"function": function, "args": args, "options": options, "expected": expected, "tolerance": tolerance}


def result(o, p=None):
    r = {"output": T(o)}
    if p is not None:
        r["weights"] = T(p)
    return r


x = normal(3, 7, scale=3.0)
case("softmax: random logits", "softmax", [T(x)], T(softmax(x)), tolerance=TIGHT)
case("softmax: temperature 0.5 sharpens", "softmax", [T(x)], T(softmax(x, 0.5)), {"temperature": 0.5}, TIGHT)
case("softmax: temperature 5 flattens", "softmax", [T(x)], T(softmax(x, 5.0)), {"temperature": 5.0}, TIGHT)
big = f32([[1e4, -1e4, 0.0, 9999.0], [-1e4, -1e4 + 1, -1e4 + 2, -1e4 + 3]])
case("softmax: logits of ±1e4 stay exact", "softmax", [T(big)], T(softmax(big)), tolerance=TIGHT)
x4 = normal(2, 3, 4, 5)
case("softmax: rank 4 along the last axis", "softmax", [T(x4)], T(softmax(x4)), tolerance=TIGHT)
case("logSoftmax: random logits", "logSoftmax", [T(x)], T(log_softmax(x)), tolerance=TIGHT)
case("logSoftmax: temperature 2", "logSoftmax", [T(x)], T(log_softmax(x, 2.0)), {"temperature": 2.0}, TIGHT)
case("logSoftmax: logits of ±1e4 stay finite", "logSoftmax", [T(big)], T(log_softmax(big)), tolerance={"abs": 2e-3, "rel": 1e-6})

q, k, v = normal(2, 4, 8), normal(2, 6, 8), normal(2, 6, 5)
case("sdpa: plain", "scaledDotProductAttention", [T(q), T(k), T(v)], result(*sdpa(q, k, v)))
case("sdpa: causal with Lq < Lk", "scaledDotProductAttention", [T(q), T(k), T(v)], result(*sdpa(q, k, v, causal=True)), {"causal": True})
case("sdpa: explicit scale", "scaledDotProductAttention", [T(q), T(k), T(v)], result(*sdpa(q, k, v, scale=0.3)), {"scale": 0.3})
m = random_mask(4, 6)
case("sdpa: boolean mask broadcast over the batch", "scaledDotProductAttention", [T(q), T(k), T(v)], result(*sdpa(q, k, v, mask=m)), {"mask": T(m)})
am = normal(2, 4, 6)
case("sdpa: additive mask", "scaledDotProductAttention", [T(q), T(k), T(v)], result(*sdpa(q, k, v, mask=am, mask_kind="additive")), {"mask": T(am), "maskKind": "additive"})
mz = random_mask(4, 6)
mz[2, :] = 0.0
case("sdpa: fully masked row gives zeros", "scaledDotProductAttention", [T(q), T(k), T(v)], result(*sdpa(q, k, v, mask=mz)), {"mask": T(mz)})
case("sdpa: returnWeights false gives only the output", "scaledDotProductAttention", [T(q), T(k), T(v)], result(sdpa(q, k, v)[0]), {"returnWeights": False})
qh, kh, vh = normal(2, 3, 5, 4), normal(2, 1, 7, 4), normal(2, 1, 7, 6)
case("sdpa: k and v broadcast over heads", "scaledDotProductAttention", [T(qh), T(kh), T(vh)], result(*sdpa(qh, kh, vh)))
q1, k1, v1 = normal(1, 16), normal(9, 16), normal(9, 3)
case("sdpa: rank-2 inputs", "scaledDotProductAttention", [T(q1), T(k1), T(v1)], result(*sdpa(q1, k1, v1)))

Wq, Wk, w = normal(4, 7), normal(6, 7), normal(7)
qa, ka, va = normal(2, 3, 4), normal(2, 5, 6), normal(2, 5, 3)
case("additiveAttention: different query and key sizes", "additiveAttention", [T(qa), T(ka), T(va)],
     result(*additive_attention(qa, ka, va, Wq, Wk, w)), {"Wq": T(Wq), "Wk": T(Wk), "w": T(w)})
ma = random_mask(3, 5)
case("additiveAttention: with a mask", "additiveAttention", [T(qa), T(ka), T(va)],
     result(*additive_attention(qa, ka, va, Wq, Wk, w, mask=ma)), {"Wq": T(Wq), "Wk": T(Wk), "w": T(w), "mask": T(ma)})

case("hardAttention: top-1 is one-hot", "hardAttention", [T(q), T(k), T(v)], result(*hard_attention(q, k, v)))
case("hardAttention: top-3 with a scale", "hardAttention", [T(q), T(k), T(v)], result(*hard_attention(q, k, v, top_k=3, scale=0.5)), {"topK": 3, "scale": 0.5})
case("hardAttention: top-2 with a mask", "hardAttention", [T(q), T(k), T(v)], result(*hard_attention(q, k, v, top_k=2, mask=m)), {"topK": 2, "mask": T(m)})

dm = 8
xq, xkv = normal(2, 5, dm), normal(2, 6, dm)
W = {n: normal(dm, dm, scale=0.4) for n in ("Wq", "Wk", "Wv", "Wo")}
b = {n: normal(dm, scale=0.1) for n in ("bq", "bk", "bv", "bo")}
opts = {n: T(a) for n, a in W.items()}
case("multiHeadAttention: 2 heads, cross-attention", "multiHeadAttention", [T(xq), T(xkv), T(xkv)],
     result(*multi_head(xq, xkv, xkv, 2, 0, **W)), {"numHeads": 2, **opts}, LOOSE)
case("multiHeadAttention: 4 heads with biases, causal self-attention", "multiHeadAttention", [T(xq), T(xq), T(xq)],
     result(*multi_head(xq, xq, xq, 4, 0, **W, **b, causal=True)), {"numHeads": 4, "causal": True, **opts, **{n: T(a) for n, a in b.items()}}, LOOSE)
Wk_g, Wv_g = normal(dm, 4, scale=0.4), normal(dm, 4, scale=0.4)
case("multiHeadAttention: grouped-query, 4 heads sharing 2 K/V heads", "multiHeadAttention", [T(xq), T(xkv), T(xkv)],
     result(*multi_head(xq, xkv, xkv, 4, 2, W["Wq"], Wk_g, Wv_g, W["Wo"])),
     {"numHeads": 4, "numKvHeads": 2, "Wq": opts["Wq"], "Wk": T(Wk_g), "Wv": T(Wv_g), "Wo": opts["Wo"]}, LOOSE)
Wk_m, Wv_m = normal(dm, 2, scale=0.4), normal(dm, 2, scale=0.4)
mm = random_mask(5, 6)
case("multiHeadAttention: multi-query with a mask", "multiHeadAttention", [T(xq), T(xkv), T(xkv)],
     result(*multi_head(xq, xkv, xkv, 4, 1, W["Wq"], Wk_m, Wv_m, W["Wo"], mask=mm)),
     {"numHeads": 4, "numKvHeads": 1, "Wq": opts["Wq"], "Wk": T(Wk_m), "Wv": T(Wv_m), "Wo": opts["Wo"], "mask": T(mm)}, LOOSE)

qf, kf, vf = normal(2, 70, 16), normal(2, 70, 16), normal(2, 70, 8)
case("flashAttention: default blocks", "flashAttention", [T(qf), T(kf), T(vf)], result(sdpa(qf, kf, vf)[0]))
case("flashAttention: causal, blocks of 16", "flashAttention", [T(qf), T(kf), T(vf)], result(sdpa(qf, kf, vf, causal=True)[0]), {"causal": True, "blockSize": 16})
mf = random_mask(70, 70)
case("flashAttention: mask, blocks [7, 5]", "flashAttention", [T(qf), T(kf), T(vf)], result(sdpa(qf, kf, vf, mask=mf)[0]), {"mask": T(mf), "blockSize": [7, 5]})
case("flashAttention: explicit scale", "flashAttention", [T(q), T(k), T(v)], result(sdpa(q, k, v, scale=0.2)[0]), {"scale": 0.2})

case("scores.dot", "scores.dot", [T(q), T(k)], T(q @ np.swapaxes(k, -1, -2)))
case("scores.scaledDot: default 1/sqrt(d)", "scores.scaledDot", [T(q), T(k)], T(q @ np.swapaxes(k, -1, -2) / math.sqrt(8)))
case("scores.scaledDot: explicit scale", "scores.scaledDot", [T(q), T(k)], T(0.7 * (q @ np.swapaxes(k, -1, -2))), {"scale": 0.7})
case("scores.additive", "scores.additive", [T(qa), T(ka)], T(additive_scores(qa, ka, Wq, Wk, w)), {"Wq": T(Wq), "Wk": T(Wk), "w": T(w)})
Wb = normal(4, 6)
case("scores.bilinear: dq differs from dk", "scores.bilinear", [T(qa), T(ka)], T(qa @ Wb @ np.swapaxes(ka, -1, -2)), {"W": T(Wb)})

case("masks.causal: square", "masks.causal", [5], T(causal_allowed(5, 5)), tolerance={"abs": 0, "rel": 0})
case("masks.causal: Lq < Lk", "masks.causal", [3, 5], T(causal_allowed(3, 5)), tolerance={"abs": 0, "rel": 0})
case("masks.padding", "masks.padding", [[2, 4, 1], 5], T(padding([2, 4, 1], 5)), tolerance={"abs": 0, "rel": 0})
case("masks.slidingWindow: causal", "masks.slidingWindow", [6, 2], T(sliding(6, 2)), tolerance={"abs": 0, "rel": 0})
case("masks.slidingWindow: symmetric", "masks.slidingWindow", [6, 2], T(sliding(6, 2, causal=False)), {"causal": False}, {"abs": 0, "rel": 0})

case("positional.sinusoidal: even d", "positional.sinusoidal", [6, 8], T(sinusoidal(6, 8)), tolerance={"abs": 2e-6, "rel": 1e-5})
case("positional.sinusoidal: odd d", "positional.sinusoidal", [5, 7], T(sinusoidal(5, 7)), tolerance={"abs": 2e-6, "rel": 1e-5})
xr = normal(2, 5, 8)
case("positional.rope: defaults", "positional.rope", [T(xr)], T(rope(xr)), tolerance={"abs": 1e-5, "rel": 1e-5})
case("positional.rope: base 100, offset 3", "positional.rope", [T(xr)], T(rope(xr, 100.0, 3)), {"base": 100, "offset": 3}, {"abs": 1e-5, "rel": 1e-5})

out = Path(__file__).with_name("js_cases.json")
out.write_text(json.dumps({"generator": "tests/reference/generate_js_cases.py (NumPy float64)", "cases": cases}, indent=None, separators=(",", ":")) + "\n")
print(f"wrote {len(cases)} cases to {out}")
