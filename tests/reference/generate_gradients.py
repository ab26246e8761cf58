#!/usr/bin/env python3
"""Reference gradients for the training part of the core, computed once in float64 with PyTorch autograd.

Run from anywhere (needs Debian's python3-torch; only to regenerate the checked-in file — no test
imports torch):   /usr/bin/python3 tests/reference/generate_gradients.py
Writes tests/reference/gradients.json, read by the Catch2 tests (tests/cpp/test_gradients.cpp,
test_layers.cpp) and the JS API tests (tests/js/gradients.test.mjs). Same format as reference.json:

    { "<case>": { "function": "...", "inputs": {...}, "options": {...}, "expected": {...} } }

Inputs are drawn from a fixed seed and rounded to float32, so the core receives exactly the numbers
the reference used. Each case has a random "grad_output" (the gradient of a loss with respect to the
forward output); "expected" holds the float64 gradients autograd computes for the inputs.
JSON has no infinity: a hidden entry of an additive mask (−∞) is stored as -1e300, which becomes −∞
when read as float32 (JavaScript's Float32Array and the C++ readers both convert it so).
The forward definitions are written from the formulas with torch operations, not from the core's code;
a query row with no allowed key gets zero weights and zero gradients (the core's rule), which plain
torch.softmax would turn into NaN, so such rows are zeroed explicitly.
"""
import json
import math
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
SEED = 20261130
rng = np.random.default_rng(SEED)
NEG_INF_JSON = -1e300


def normal(*shape, std=1.0):
    """float32-rounded normal samples as a float64 tensor that requires grad."""
    a = np.asarray(rng.standard_normal(shape) * std, dtype=np.float32).astype(np.float64)
    return torch.tensor(a, requires_grad=True)


def enc(t):
    a = t.detach().numpy() if isinstance(t, torch.Tensor) else np.asarray(t, dtype=np.float64)
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [NEG_INF_JSON if x == -math.inf else float(x) for x in a.reshape(-1)]}


cases = {}


def case(name, function, inputs, expected, **options):
    cases[name] = {"function": function, "inputs": {k: enc(v) for k, v in inputs.items()}, "options": options,
                   "expected": {k: enc(v) for k, v in expected.items()}}


def grads_of(output, grad_output, tensors):
    """Vector–Jacobian product: d Σ(grad_output ∘ output) / d tensors."""
    return torch.autograd.grad(output, tensors, grad_outputs=grad_output, allow_unused=True)


# ---------------------------------------------------------------- definitions (float64, torch autograd)

def allowed_positions(lq, lk, mask=None, mask_kind="boolean", causal=False, shape=None):
    """Boolean [..., Lq, Lk] of keys a query may see (additive −∞ counts as hidden)."""
    allowed = torch.ones(shape, dtype=torch.bool)
    if mask is not None:
        m = torch.broadcast_to(mask, shape)
        allowed = allowed & ((m != 0) if mask_kind == "boolean" else (m != -math.inf))
    if causal:
        i = torch.arange(lq)[:, None]
        j = torch.arange(lk)[None, :]
        allowed = allowed & (j <= i + (lk - lq))
    return allowed


def attention_weights(s, allowed, additive=None):
    """softmax over allowed keys (additive values added), zero rows where nothing is allowed."""
    if additive is not None:
        s = s + torch.where(torch.isinf(additive), torch.zeros_like(additive), additive)
    row_has_key = allowed.any(-1, keepdim=True)
    s = s.masked_fill(~allowed, -math.inf).masked_fill(~row_has_key, 0.0)
    return torch.softmax(s, -1) * row_has_key


def sdpa(q, k, v, scale=None, mask=None, mask_kind="boolean", causal=False):
    d = q.shape[-1]
    scale = 1.0 / math.sqrt(d) if scale is None else scale
    s = scale * q @ k.transpose(-1, -2)
    allowed = allowed_positions(q.shape[-2], k.shape[-2], mask, mask_kind, causal, s.shape)
    additive = torch.broadcast_to(mask, s.shape) if (mask is not None and mask_kind == "additive") else None
    return attention_weights(s, allowed, additive) @ v


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


# ---------------------------------------------------------------- softmax / log-softmax

def softmax_case(name, x, temperature=1.0, log=False):
    y = (torch.log_softmax if log else torch.softmax)(x / temperature, -1)
    g = normal(*y.shape)
    (dx,) = grads_of(y, g, [x])
    case(name, "log_softmax_backward" if log else "softmax_backward", {"x": x, "grad_output": g},
         {"dx": dx}, temperature=temperature)


softmax_case("softmax_grad_basic", normal(3, 7))
softmax_case("softmax_grad_temperature", normal(2, 5), temperature=0.5)
x_inf = normal(2, 6)
with torch.no_grad():
    x_inf[0, 1] = -math.inf
    x_inf[1, 4] = -math.inf
softmax_case("softmax_grad_neg_inf_entries", x_inf)
softmax_case("softmax_grad_large_logits", normal(2, 4, std=100.0))
softmax_case("log_softmax_grad_basic", normal(3, 6), log=True)
softmax_case("log_softmax_grad_temperature", normal(2, 5), temperature=2.0, log=True)


# ---------------------------------------------------------------- scaled dot-product attention

def sdpa_case(name, q, k, v, mask=None, mask_kind="boolean", **options):
    o = sdpa(q, k, v, mask=mask, mask_kind=mask_kind, **options)
    g = normal(*o.shape)
    dq, dk, dv = grads_of(o, g, [q, k, v])
    inputs = {"q": q, "k": k, "v": v, "grad_output": g}
    if mask is not None:
        inputs["mask"] = mask
        options["mask_kind"] = mask_kind
    case(name, "sdpa_backward", inputs, {"dq": dq, "dk": dk, "dv": dv}, **options)


sdpa_case("sdpa_grad_square", normal(5, 4), normal(5, 4), normal(5, 4))
sdpa_case("sdpa_grad_lq_ne_lk", normal(4, 5), normal(7, 5), normal(7, 5))
sdpa_case("sdpa_grad_dv_ne_dk", normal(5, 4), normal(6, 4), normal(6, 7))
sdpa_case("sdpa_grad_causal", normal(6, 4), normal(6, 4), normal(6, 4), causal=True)
sdpa_case("sdpa_grad_causal_kv_cache", normal(3, 4), normal(7, 4), normal(7, 3), causal=True)
boolean_mask = torch.tensor([[1, 0, 1, 1, 0, 1], [1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 1]],
                            dtype=torch.float64)
sdpa_case("sdpa_grad_boolean_mask_fully_masked_row", normal(4, 5), normal(6, 5), normal(6, 3), mask=boolean_mask)
additive_mask = torch.tensor(np.asarray(rng.standard_normal((4, 5)), dtype=np.float32).astype(np.float64))
additive_mask[1, :] = -math.inf
additive_mask[3, 0] = -math.inf
additive_mask[3, 2] = -math.inf
sdpa_case("sdpa_grad_additive_mask_fully_masked_row", normal(4, 3), normal(5, 3), normal(5, 4), mask=additive_mask,
          mask_kind="additive")
sdpa_case("sdpa_grad_batch_heads", normal(2, 3, 5, 4), normal(2, 3, 6, 4), normal(2, 3, 6, 3))
sdpa_case("sdpa_grad_kv_broadcast_over_heads", normal(2, 3, 4, 4), normal(2, 1, 6, 4), normal(2, 1, 6, 5))
sdpa_case("sdpa_grad_gqa_causal", normal(2, 2, 3, 5, 4), normal(2, 2, 1, 5, 4), normal(2, 2, 1, 5, 4), causal=True)
padding = torch.tensor([[[1, 1, 1, 0, 0]], [[1, 1, 1, 1, 1]]], dtype=torch.float64)  # [B, 1, Lk]
sdpa_case("sdpa_grad_padding_mask_scale", normal(2, 4, 3), normal(2, 5, 3), normal(2, 5, 3), mask=padding, scale=0.3)
sdpa_case("sdpa_grad_causal_and_mask", normal(5, 4), normal(5, 4), normal(5, 4), causal=True,
          mask=torch.tensor([[1, 0, 1, 1, 1]] * 5, dtype=torch.float64))
sdpa_case("sdpa_grad_q_broadcast", normal(1, 4, 4), normal(3, 6, 4), normal(3, 6, 2))


# ---------------------------------------------------------------- multi-head attention (GQA)

def mha_case(name, batch, lq, lk, d_model, heads, kv_heads, causal=False, bias=True):
    dh = d_model // heads
    query, key, value = normal(batch, lq, d_model), normal(batch, lk, d_model), normal(batch, lk, d_model)
    Wq, Wk, Wv = normal(d_model, heads * dh, std=0.4), normal(d_model, kv_heads * dh, std=0.4), normal(d_model, kv_heads * dh, std=0.4)
    Wo = normal(heads * dh, d_model, std=0.4)
    b = [normal(n, std=0.2) for n in (heads * dh, kv_heads * dh, kv_heads * dh, d_model)] if bias else [None] * 4

    def proj(x, W, bb):
        return x @ W + (bb if bb is not None else 0)

    Q = proj(query, Wq, b[0]).reshape(batch, lq, heads, dh).transpose(1, 2)
    K = proj(key, Wk, b[1]).reshape(batch, lk, kv_heads, dh).transpose(1, 2)
    V = proj(value, Wv, b[2]).reshape(batch, lk, kv_heads, dh).transpose(1, 2)
    group = heads // kv_heads
    K = K.repeat_interleave(group, dim=1)
    V = V.repeat_interleave(group, dim=1)
    heads_out = sdpa(Q, K, V, causal=causal)
    out = proj(heads_out.transpose(1, 2).reshape(batch, lq, heads * dh), Wo, b[3])
    g = normal(*out.shape)
    params = [query, key, value, Wq, Wk, Wv, Wo] + ([t for t in b] if bias else [])
    grads = grads_of(out, g, params)
    names = ["query", "key", "value", "Wq", "Wk", "Wv", "Wo"] + (["bq", "bk", "bv", "bo"] if bias else [])
    inputs = dict(zip(names, params))
    inputs["grad_output"] = g
    case(name, "mha_backward", inputs, {"d" + n: gr for n, gr in zip(names, grads)}, num_heads=heads,
         num_kv_heads=kv_heads, causal=causal)


mha_case("mha_grad_self_causal", 2, 5, 5, 8, 2, 2, causal=True)
mha_case("mha_grad_cross_gqa", 2, 4, 6, 8, 4, 2)
mha_case("mha_grad_mqa_no_bias", 1, 5, 5, 6, 3, 1, causal=True, bias=False)


# ---------------------------------------------------------------- layers

x = normal(2, 3, 5)
W = normal(5, 4)
bias = normal(4)
y = x @ W + bias
g = normal(*y.shape)
case("linear_grad", "linear_backward", {"x": x, "W": W, "b": bias, "grad_output": g},
     dict(zip(["dx", "dW", "db"], grads_of(y, g, [x, W, bias]))))

for name, offset in (("layer_norm_grad", 0.0), ("layer_norm_grad_offset", 50.0)):
    x = normal(4, 6)
    with torch.no_grad():
        x += offset
    gamma, beta = normal(6), normal(6)
    y = torch.nn.functional.layer_norm(x, (6,), gamma, beta, eps=1e-5)
    g = normal(*y.shape)
    case(name, "layer_norm_backward", {"x": x, "gamma": gamma, "beta": beta, "grad_output": g},
         dict(zip(["dx", "dgamma", "dbeta"], grads_of(y, g, [x, gamma, beta]))), eps=1e-5)

x = normal(3, 7, std=2.0)
y = gelu_tanh(x)
assert torch.allclose(y, torch.nn.functional.gelu(x, approximate="tanh"))
g = normal(*y.shape)
case("gelu_grad", "gelu_backward", {"x": x, "grad_output": g}, {"y": y, "dx": grads_of(y, g, [x])[0]})

table = normal(5, 3)
ids = torch.tensor([[0, 3, 3], [4, 1, 0]])
y = table[ids]
g = normal(*y.shape)
case("embedding_grad", "embedding_backward", {"table": table, "ids": ids.double(), "grad_output": g},
     {"y": y, "dtable": grads_of(y, g, [table])[0]})

logits = normal(2, 4, 6, std=2.0)
targets = torch.tensor([[1, 0, 5, 2], [3, 3, 0, 4]])
mask = torch.tensor([[1, 1, 0, 1], [0, 1, 1, 0.5]])
per_position = torch.nn.functional.cross_entropy(logits.reshape(-1, 6), targets.reshape(-1), reduction="none")
loss = (per_position * mask.reshape(-1)).sum() / mask.sum()
accuracy = ((logits.argmax(-1) == targets).double() * mask).sum() / mask.sum()
(dlogits,) = torch.autograd.grad(loss, [logits])
case("cross_entropy_masked", "cross_entropy", {"logits": logits, "targets": targets.double(), "loss_mask": mask},
     {"loss": torch.tensor([loss.item()]), "accuracy": torch.tensor([accuracy.item()]), "dlogits": dlogits})

# AdamW: three steps of torch.optim.AdamW from zero state, with given gradients.
p0 = normal(7)
grads_seq = [normal(7) for _ in range(3)]
param = torch.nn.Parameter(p0.detach().clone())
optimizer = torch.optim.AdamW([param], lr=0.01, betas=(0.9, 0.98), eps=1e-8, weight_decay=0.1)
for step_grad in grads_seq:
    optimizer.zero_grad()
    param.grad = step_grad.detach().clone()
    optimizer.step()
case("adamw_three_steps", "adamw", {"p": p0, "g1": grads_seq[0], "g2": grads_seq[1], "g3": grads_seq[2]},
     {"p": param.detach()}, learning_rate=0.01, beta1=0.9, beta2=0.98, epsilon=1e-8, weight_decay=0.1)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gradients.json")
with open(out, "w") as f:
    f.write("{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in cases.items()) + "\n}\n")
print(f"wrote {len(cases)} cases to {out}")
