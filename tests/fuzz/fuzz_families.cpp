// libFuzzer harness of the attention core: builds shapes and values from the fuzz input — finite
// values of several magnitudes, now and then NaN, +∞ or −∞, extents from 0 (some) to a few hundred —
// calls one entry-point family and checks its invariants:
//   - the call throws exactly when an input holds a value the contract refuses (NaN or +∞ anywhere;
//     −∞ except in softmax inputs and additive masks), and then only an attention::error whose
//     message names the function;
//   - results are finite (no NaN, ever); attention weights rows sum to 1, or are all 0 when every
//     key is hidden; flash attention equals naive attention; hard attention keeps ≤ top_k keys;
//   - masks hold only 0 and 1; sinusoidal encodings lie in [−1, 1]; RoPE keeps each pair's norm.
// Any other exception, a crash or a sanitizer report fails the run. Each fuzz target
// (fuzz_<family>.cpp) calls fuzz_family() with its family.
#include "fuzz_families.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "attention/attention.hpp"

namespace {

using attention::shape_type;
using attention::tensor;

constexpr float inf = std::numeric_limits<float>::infinity();

[[noreturn]] void fail(const char* family, const std::string& what)
{
    std::fprintf(stderr, "fuzz_%s: invariant broken: %s\n", family, what.c_str());
    std::abort();
}

/// Which values an argument may hold (the core's contract).
enum class accepts { finite, finite_or_negative_infinity };

/// Builds tensors from the fuzz input and remembers whether any holds a value its argument refuses.
class input_builder {
public:
    explicit input_builder(FuzzedDataProvider& data) : data_(data) {}

    std::size_t extent(std::size_t max, std::size_t min = 1) { return data_.ConsumeIntegralInRange<std::size_t>(min, max); }
    bool flag() { return data_.ConsumeBool(); }

    tensor values(const shape_type& shape, accepts rule = accepts::finite)
    {
        tensor t = tensor::from_shape(shape);
        // One magnitude per tensor keeps scores within float32 (|q·k| ≤ 64·30² here), as the
        // contract requires; non-finite values appear in about one tensor in eight.
        const float magnitudes[] = {1e-3f, 1.f, 30.f};
        const float magnitude = magnitudes[data_.ConsumeIntegralInRange<int>(0, 2)];
        const bool special = data_.ConsumeIntegralInRange<int>(0, 7) == 0;
        for (float& x : t) {
            x = magnitude * (data_.ConsumeIntegralInRange<int>(-1000, 1000) / 1000.f);
            if (special && data_.ConsumeIntegralInRange<int>(0, 15) == 0) {
                const float choices[] = {std::numeric_limits<float>::quiet_NaN(), inf, -inf};
                x = choices[data_.ConsumeIntegralInRange<int>(0, 2)];
                const bool allowed = x == -inf && rule == accepts::finite_or_negative_infinity;
                refused_ |= !allowed;
            }
        }
        return t;
    }

    /// A 0/1 mask of `shape`, or an additive mask (finite, and −∞ for "hidden").
    attention::attention_mask mask(const shape_type& shape, bool additive)
    {
        if (!additive) {
            tensor t = values(shape);
            for (float& x : t)
                if (std::isfinite(x)) x = x > 0.f ? 1.f : 0.f;  // keeps a refused value where there was one
            return {t, attention::mask_kind::boolean};
        }
        tensor t = values(shape, accepts::finite_or_negative_infinity);
        for (float& x : t)
            if (std::isfinite(x) && data_.ConsumeIntegralInRange<int>(0, 3) == 0) x = -inf;
        return {t, attention::mask_kind::additive};
    }

    bool refused() const { return refused_; }

private:
    FuzzedDataProvider& data_;
    bool refused_ = false;
};

void require_finite(const char* family, const tensor& t, const char* what)
{
    for (std::size_t i = 0; i < t.size(); ++i)
        if (!std::isfinite(t.data()[i])) fail(family, std::string(what) + " holds a non-finite value at flat index " + std::to_string(i));
}

/// Every row of weights [..., n] sums to 1 (within float32 rounding) or is all 0.
void require_rows_normalised(const char* family, const tensor& weights, const char* what)
{
    if (weights.dimension() == 0 || weights.size() == 0) return;
    const std::size_t n = weights.shape().back();
    for (std::size_t r = 0; r < weights.size() / n; ++r) {
        double sum = 0;
        bool all_zero = true;
        for (std::size_t j = 0; j < n; ++j) {
            const float w = weights.data()[r * n + j];
            if (!(w >= 0.f && w <= 1.f)) fail(family, std::string(what) + " has a weight outside [0, 1]");
            sum += w;
            all_zero &= w == 0.f;
        }
        if (!all_zero && std::abs(sum - 1.0) > 2e-6 * static_cast<double>(n) + 1e-5)
            fail(family, std::string(what) + " row " + std::to_string(r) + " sums to " + std::to_string(sum));
    }
}

void require_close(const char* family, const tensor& a, const tensor& b, float tolerance, const char* what)
{
    if (a.shape() != b.shape()) fail(family, std::string(what) + ": shapes differ");
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(std::abs(a.data()[i] - b.data()[i]) <= tolerance))
            fail(family, std::string(what) + ": " + std::to_string(a.data()[i]) + " vs " + std::to_string(b.data()[i]) +
                             " at flat index " + std::to_string(i));
}

float max_abs(const tensor& t)
{
    float m = 0.f;
    for (float x : t) m = std::max(m, std::abs(x));
    return m;
}

/// q [B?, lq, d], k [B?, lk, d], v [B?, lk, dv] with a broadcastable batch axis.
struct qkv {
    tensor q, k, v;
    std::size_t lq, lk;
};

qkv attention_inputs(input_builder& in, std::size_t max_length)
{
    const bool batched = in.flag();
    const std::size_t batch = in.extent(3);
    const std::size_t lq = in.extent(max_length), lk = in.extent(max_length, 0), d = in.extent(64), dv = in.extent(16);
    auto shape = [&](std::size_t rows, std::size_t cols, bool own_batch) {
        return batched ? shape_type{own_batch ? batch : 1, rows, cols} : shape_type{rows, cols};
    };
    qkv result{in.values(shape(lq, d, true)), in.values(shape(lk, d, in.flag())), in.values(shape(lk, dv, in.flag())), lq, lk};
    return result;
}

/// Runs one family's call: returns normally, or throws attention::error exactly when refused.
template <class Call>
void expect_contract(const char* family, const input_builder& in, Call&& call)
{
    bool threw = false;
    try {
        call();
    } catch (const attention::error& e) {
        threw = true;
        if (!in.refused()) fail(family, std::string("valid input was refused: ") + e.what());
    } catch (const std::exception& e) {
        fail(family, std::string("an exception that is not attention::error: ") + e.what());
    }
    if (in.refused() && !threw) fail(family, "a NaN or infinity the contract refuses was accepted");
}

void fuzz_softmax(input_builder& in)
{
    const tensor x = in.values({in.extent(4), in.extent(300)}, accepts::finite_or_negative_infinity);
    const float temperature = in.flag() ? 1.f : 0.05f + static_cast<float>(in.extent(100)) / 10.f;
    expect_contract("softmax", in, [&] {
        const tensor y = attention::softmax(x, temperature);
        require_finite("softmax", y, "softmax");
        require_rows_normalised("softmax", y, "softmax");
        const tensor log_y = attention::log_softmax(x, temperature);
        for (std::size_t i = 0; i < x.size(); ++i)
            if (std::isnan(log_y.data()[i]) || log_y.data()[i] == inf) fail("softmax", "log_softmax gave NaN or +inf");
    });
}

void fuzz_masks(input_builder& in)
{
    const std::size_t lq = in.extent(200), lk = in.extent(200), window = in.extent(300);
    std::vector<std::size_t> lengths(in.extent(4));
    for (auto& length : lengths) length = in.extent(lk, 0);
    for (const tensor& mask : {attention::causal_mask(lq, lk), attention::padding_mask(lengths, lk),
                               attention::sliding_window_mask(lq, window, in.flag())})
        for (float x : mask)
            if (x != 0.f && x != 1.f) fail("masks", "a mask value other than 0 or 1");
    // a padding length beyond lk is an attention::error, nothing else
    try {
        (void)attention::padding_mask({lk + 1}, lk);
        fail("masks", "a padding length beyond lk was accepted");
    } catch (const attention::error&) {
    }
}

void fuzz_sdpa(input_builder& in)
{
    const qkv p = attention_inputs(in, 96);
    attention::sdpa_options options;
    options.causal = in.flag();
    if (in.flag()) options.mask = in.mask({p.lq, p.lk}, in.flag());
    expect_contract("sdpa", in, [&] {
        const auto result = attention::scaled_dot_product_attention(p.q, p.k, p.v, options);
        require_finite("sdpa", result.output, "output");
        require_rows_normalised("sdpa", result.weights, "weights");
    });
}

void fuzz_flash(input_builder& in)
{
    const qkv p = attention_inputs(in, 300);
    attention::flash_options options;
    options.causal = in.flag();
    options.block_q = in.extent(300, 0);
    options.block_k = in.extent(300, 0);
    if (in.flag()) options.mask = in.mask({p.lq, p.lk}, in.flag());
    expect_contract("flash", in, [&] {
        const tensor tiled = attention::flash_attention(p.q, p.k, p.v, options);
        require_finite("flash", tiled, "output");
        attention::sdpa_options naive_options;
        naive_options.causal = options.causal;
        naive_options.mask = options.mask;
        naive_options.return_weights = false;
        const tensor naive = attention::scaled_dot_product_attention(p.q, p.k, p.v, naive_options).output;
        require_close("flash", tiled, naive, 1e-4f * (1.f + max_abs(p.v)), "flash vs naive");
    });
}

void fuzz_mha(input_builder& in)
{
    const std::size_t heads = in.extent(4), kv_heads_choice = in.extent(3, 0), d_head = in.extent(8);
    const std::size_t kv_heads = kv_heads_choice == 0 ? 0 : (heads % kv_heads_choice == 0 ? kv_heads_choice : 1);
    const std::size_t kv = kv_heads == 0 ? heads : kv_heads;
    const std::size_t d_model = in.extent(24), lq = in.extent(40), lk = in.extent(40);
    const tensor query = in.values({lq, d_model}), key = in.values({lk, d_model});
    attention::mha_weights weights{heads, kv_heads, in.values({d_model, heads * d_head}), in.values({d_model, kv * d_head}),
                                   in.values({d_model, kv * d_head}), in.values({heads * d_head, d_model}), {}, {}, {}, {}};
    if (in.flag()) weights.bq = in.values({heads * d_head});
    if (in.flag()) weights.bo = in.values({d_model});
    attention::mha_options options;
    options.causal = in.flag();
    if (in.flag()) options.mask = in.mask({lq, lk}, in.flag());
    expect_contract("mha", in, [&] {
        const auto result = attention::multi_head_attention(query, key, key, weights, options);
        require_finite("mha", result.output, "output");
        require_rows_normalised("mha", result.weights, "weights");
    });
}

void fuzz_additive(input_builder& in)
{
    const qkv p = attention_inputs(in, 48);
    const std::size_t d = p.q.shape().back(), hidden = in.extent(16);
    const tensor Wq = in.values({d, hidden}), Wk = in.values({d, hidden}), w = in.values({hidden});
    attention::additive_options options;
    if (in.flag()) options.mask = in.mask({p.lq, p.lk}, in.flag());
    expect_contract("additive", in, [&] {
        const auto result = attention::additive_attention(p.q, p.k, p.v, Wq, Wk, w, options);
        require_finite("additive", result.output, "output");
        require_rows_normalised("additive", result.weights, "weights");
    });
}

void fuzz_hard(input_builder& in)
{
    const qkv p = attention_inputs(in, 64);
    attention::hard_options options;
    options.top_k = in.extent(std::max<std::size_t>(p.lk, 1));
    if (in.flag()) options.mask = in.mask({p.lq, p.lk}, in.flag());
    const bool top_k_valid = p.lk >= 1;
    bool threw = false;
    try {
        const auto result = attention::hard_attention(p.q, p.k, p.v, options);
        require_finite("hard", result.output, "output");
        require_rows_normalised("hard", result.weights, "weights");
        const std::size_t n = p.lk;
        for (std::size_t r = 0; n != 0 && r < result.weights.size() / n; ++r) {
            std::size_t kept = 0;
            for (std::size_t j = 0; j < n; ++j) kept += result.weights.data()[r * n + j] > 0.f;
            if (kept > options.top_k) fail("hard", "more than top_k keys kept");
        }
    } catch (const attention::error& e) {
        threw = true;
        if (!in.refused() && top_k_valid) fail("hard", std::string("valid input was refused: ") + e.what());
    }
    if ((in.refused() || !top_k_valid) && !threw) fail("hard", "refused input was accepted");
}

void fuzz_positional(input_builder& in)
{
    const std::size_t n = in.extent(300), d = in.extent(64);
    for (float x : attention::sinusoidal_encoding(n, d))
        if (!(x >= -1.f && x <= 1.f)) fail("positional", "a sinusoidal value outside [-1, 1]");
    const std::size_t half = in.extent(16);
    const tensor x = in.values({in.extent(3), in.extent(40), 2 * half});
    const std::size_t offset = in.extent(100000, 0);
    expect_contract("positional", in, [&] {
        const tensor y = attention::rope(x, 10000.f, offset);
        require_finite("positional", y, "rope");
        for (std::size_t i = 0; i < x.size(); i += 2) {
            const float before = std::hypot(x.data()[i], x.data()[i + 1]), after = std::hypot(y.data()[i], y.data()[i + 1]);
            if (!(std::abs(before - after) <= 1e-5f + 1e-5f * before)) fail("positional", "rope changed a pair's norm");
        }
    });
}

}  // namespace

int fuzz_family(family which, const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider provider(data, size);
    input_builder in(provider);
    switch (which) {
    case family::softmax: fuzz_softmax(in); break;
    case family::masks: fuzz_masks(in); break;
    case family::sdpa: fuzz_sdpa(in); break;
    case family::flash: fuzz_flash(in); break;
    case family::mha: fuzz_mha(in); break;
    case family::additive: fuzz_additive(in); break;
    case family::hard: fuzz_hard(in); break;
    case family::positional: fuzz_positional(in); break;
    }
    return 0;
}
