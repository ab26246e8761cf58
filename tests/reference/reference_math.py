"""The attention functions, defined in float64 with numpy straight from their formulas.

This is the independent reference the core is checked against: written from the definitions (Vaswani et al.
2017; Bahdanau et al. 2014; Su et al. 2021 for RoPE), never from the core's code. Both generators import it:
generate.py (cases for the Catch2 tests and the JS tests) and generate_js_cases.py (cases for the JS API).
Mask convention: 1 = may attend. A query row with no allowed key gets zero weights and a zero output.
"""
import math

import numpy as np


def softmax(x, temperature=1.0):
    z = x / temperature
    m = np.max(z, axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(z - m)
    s = np.sum(e, axis=-1, keepdims=True)
    return np.where(s > 0, e / np.where(s > 0, s, 1.0), 0.0)


def log_softmax(x, temperature=1.0):
    z = x / temperature
    m = np.max(z, axis=-1, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))


def causal_allowed(lq, lk):
    i = np.arange(lq)[:, None]
    j = np.arange(lk)[None, :]
    return (j <= i + (lk - lq)).astype(np.float64)


def masked_scores(s, mask=None, mask_kind="boolean", causal=False):
    s = s.copy()
    if mask is not None:
        if mask_kind == "additive":
            s = s + mask
        else:
            s = np.where(np.broadcast_to(mask, s.shape) != 0, s, -np.inf)
    if causal:
        s = np.where(causal_allowed(s.shape[-2], s.shape[-1]) != 0, s, -np.inf)
    return s


def sdpa(q, k, v, scale=None, mask=None, mask_kind="boolean", causal=False):
    if scale is None:
        scale = 1.0 / math.sqrt(q.shape[-1])
    s = scale * (q @ np.swapaxes(k, -1, -2))
    p = softmax(masked_scores(s, mask, mask_kind, causal))
    return p @ v, p


def additive_scores(q, k, Wq, Wk, w):
    hq = q @ Wq  # [..., Lq, h]
    hk = k @ Wk  # [..., Lk, h]
    return np.tanh(hq[..., :, None, :] + hk[..., None, :, :]) @ w


def additive_attention(q, k, v, Wq, Wk, w, mask=None):
    p = softmax(masked_scores(additive_scores(q, k, Wq, Wk, w), mask))
    return p @ v, p


def hard_attention(q, k, v, top_k=1, scale=None, mask=None):
    if scale is None:
        scale = 1.0 / math.sqrt(q.shape[-1])
    s = masked_scores(scale * (q @ np.swapaxes(k, -1, -2)), mask)
    kept = np.full(s.shape, -np.inf)
    flat_s = s.reshape(-1, s.shape[-1])
    flat_kept = kept.reshape(-1, s.shape[-1])
    for r, row in enumerate(flat_s):
        order = sorted(range(len(row)), key=lambda j: (-row[j], j))  # ties: lower key index first
        for j in [j for j in order if np.isfinite(row[j])][:top_k]:
            flat_kept[r, j] = row[j]
    p = softmax(kept)
    return p @ v, p


def multi_head(query, key, value, H, Hkv, Wq, Wk, Wv, Wo, bq=None, bk=None, bv=None, bo=None, causal=False, mask=None):
    Hkv = Hkv or H
    Q = query @ Wq + (0 if bq is None else bq)
    K = key @ Wk + (0 if bk is None else bk)
    V = value @ Wv + (0 if bv is None else bv)
    dh = Q.shape[-1] // H
    dv = V.shape[-1] // Hkv
    heads, weights = [], []
    for h in range(H):
        g = h // (H // Hkv)
        o, p = sdpa(Q[..., h * dh:(h + 1) * dh], K[..., g * dh:(g + 1) * dh], V[..., g * dv:(g + 1) * dv],
                    mask=mask, causal=causal)
        heads.append(o)
        weights.append(p)
    out = np.concatenate(heads, axis=-1) @ Wo + (0 if bo is None else bo)
    return out, np.stack(weights, axis=-3)


def sinusoidal(n, d):
    pe = np.zeros((n, d))
    for p in range(n):
        for c in range(d):
            i = c // 2
            angle = p / 10000 ** (2 * i / d)
            pe[p, c] = math.sin(angle) if c % 2 == 0 else math.cos(angle)
    return pe


def rope(x, base=10000.0, offset=0):
    L, d = x.shape[-2], x.shape[-1]
    y = x.copy()
    for p in range(L):
        for i in range(d // 2):
            theta = (p + offset) * base ** (-2 * i / d)
            c, s = math.cos(theta), math.sin(theta)
            a, b = x[..., p, 2 * i], x[..., p, 2 * i + 1]
            y[..., p, 2 * i] = a * c - b * s
            y[..., p, 2 * i + 1] = a * s + b * c
    return y


def padding(lengths, n):
    return np.array([[[1.0 if j < L else 0.0 for j in range(n)]] for L in lengths])


def sliding(n, window, causal=True):
    i = np.arange(n)[:, None]
    j = np.arange(n)[None, :]
    keep = ((i - window < j) & (j <= i)) if causal else (np.abs(i - j) < window)
    return keep.astype(np.float64)
