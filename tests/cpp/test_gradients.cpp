#include "attention/gradients.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "attention/errors.hpp"
#include "attention/softmax.hpp"
#include "gradient_check.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;

namespace {

constexpr double negative_infinity = -std::numeric_limits<double>::infinity();

std::vector<reference::test_case> gradient_cases(const char* function)
{
    return reference::cases_for(function, AW_GRADIENTS_JSON);
}

/// float32 results against float64 autograd gradients.
testing::close_to matches_gradient(const tensor& expected) { return testing::close_to(expected, 1e-4, 2e-5); }

// ---- double reference forwards (from the formulas) ------------------------------------------

std::vector<double> softmax_rows(std::vector<double> x, std::size_t n, double factor)
{
    for (std::size_t r = 0; r < x.size() / n; ++r) {
        double* row = x.data() + r * n;
        double m = negative_infinity;
        for (std::size_t j = 0; j < n; ++j) m = std::max(m, row[j]);
        if (m == negative_infinity) {
            std::fill(row, row + n, 0.0);
            continue;
        }
        double sum = 0;
        for (std::size_t j = 0; j < n; ++j) sum += row[j] = std::exp((row[j] - m) * factor);
        for (std::size_t j = 0; j < n; ++j) row[j] /= sum;
    }
    return x;
}

double weighted_sum(const std::vector<double>& y, const tensor& g)
{
    double total = 0;
    for (std::size_t i = 0; i < y.size(); ++i) total += y[i] * g.data()[i];
    return total;
}

/// Attention in double on [B, H, L, d] operands; k and v may have 1 head (broadcast, i.e. GQA/MQA).
struct attention_shape {
    std::size_t batch, heads, kv_heads, lq, lk, d, dv;
};

std::vector<double> attention_double(const attention_shape& s, const std::vector<double>& q,
                                     const std::vector<double>& k, const std::vector<double>& v, bool causal,
                                     const tensor* mask, bool additive, double scale)
{
    std::vector<double> out(s.batch * s.heads * s.lq * s.dv, 0.0), scores(s.lk);
    for (std::size_t b = 0; b < s.batch; ++b)
        for (std::size_t h = 0; h < s.heads; ++h) {
            const std::size_t kv = b * s.kv_heads + (s.kv_heads == 1 ? 0 : h);
            for (std::size_t i = 0; i < s.lq; ++i) {
                for (std::size_t j = 0; j < s.lk; ++j) {
                    double dot = 0;
                    for (std::size_t a = 0; a < s.d; ++a)
                        dot += q[((b * s.heads + h) * s.lq + i) * s.d + a] * k[(kv * s.lk + j) * s.d + a];
                    double value = scale * dot;
                    if (mask != nullptr) {
                        const double m = mask->data()[i * s.lk + j];
                        value = additive ? value + m : (m == 0 ? negative_infinity : value);
                    }
                    if (causal && j > i + s.lk - s.lq) value = negative_infinity;
                    scores[j] = value;
                }
                const std::vector<double> p = softmax_rows(scores, s.lk, 1.0);
                for (std::size_t j = 0; j < s.lk; ++j)
                    for (std::size_t c = 0; c < s.dv; ++c)
                        out[((b * s.heads + h) * s.lq + i) * s.dv + c] += p[j] * v[(kv * s.lk + j) * s.dv + c];
            }
        }
    return out;
}

}  // namespace

TEST_CASE("softmax backward equals central finite differences of softmax in double", "[gradients][softmax]")
{
    for (const float temperature : {1.f, 0.5f, 3.f}) {
        const tensor x = testing::random_normal({3, 5}, 11, 2.f);
        const tensor g = testing::random_normal({3, 5}, 12);
        const tensor dx = attention::softmax_backward(x, g, temperature);
        const auto numeric = testing::numerical_gradient(
            [&](const std::vector<double>& xs) { return weighted_sum(softmax_rows(xs, 5, 1.0 / temperature), g); },
            testing::to_doubles(x));
        CHECK(testing::worst_ratio(dx, numeric) <= 1.0);
    }
}

TEST_CASE("log-softmax backward equals central finite differences of log-softmax in double", "[gradients][softmax]")
{
    const tensor x = testing::random_normal({4, 6}, 13, 3.f);
    const tensor g = testing::random_normal({4, 6}, 14);
    const tensor dx = attention::log_softmax_backward(x, g, 0.7f);
    const auto numeric = testing::numerical_gradient(
        [&](const std::vector<double>& xs) {
            std::vector<double> y = softmax_rows(xs, 6, 1.0 / 0.7);
            for (auto& value : y) value = std::log(value);
            return weighted_sum(y, g);
        },
        testing::to_doubles(x));
    CHECK(testing::worst_ratio(dx, numeric) <= 1.0);
}

TEST_CASE("softmax and log-softmax backward match PyTorch's float64 gradients", "[gradients][softmax][reference]")
{
    for (const char* function : {"softmax_backward", "log_softmax_backward"})
        for (const auto& c : gradient_cases(function)) {
            INFO(c.name);
            const float temperature = static_cast<float>(c.number("temperature"));
            const tensor dx = std::string(function) == "softmax_backward"
                                  ? attention::softmax_backward(c.inputs.at("x"), c.inputs.at("grad_output"), temperature)
                                  : attention::log_softmax_backward(c.inputs.at("x"), c.inputs.at("grad_output"),
                                                                    temperature);
            CHECK_THAT(dx, matches_gradient(c.expected.at("dx")));
        }
}

TEST_CASE("softmax backward gives 0, not NaN, for −∞ entries and rows of all −∞", "[gradients][softmax]")
{
    const float inf = std::numeric_limits<float>::infinity();
    const tensor x = {{0.f, -inf, 1.f}, {-inf, -inf, -inf}};
    const tensor g = {{1.f, 5.f, -2.f}, {3.f, 1.f, 2.f}};
    const tensor dx = attention::softmax_backward(x, g);
    CHECK(dx(0, 1) == 0.f);
    for (std::size_t j = 0; j < 3; ++j) CHECK(dx(1, j) == 0.f);
    CHECK(std::abs(dx(0, 0) + dx(0, 2)) < 1e-6f);  // rows of a softmax Jacobian sum to 0
}

TEST_CASE("softmax backward rejects a gradient of another shape and a bad temperature", "[gradients][errors]")
{
    const tensor x = testing::random_normal({2, 3}, 1);
    CHECK_THROWS_MATCHES(attention::softmax_backward(x, testing::random_normal({3, 2}, 2)), attention::shape_error,
                         Catch::Matchers::MessageMatches(ContainsSubstring(
                             "softmax_backward: grad_output must have the shape of x; expected [2, 3], got [3, 2]")));
    CHECK_THROWS_AS(attention::log_softmax_backward(x, x, 0.f), attention::argument_error);
}

TEST_CASE("attention backward matches PyTorch's float64 gradients on every reference case", "[gradients][sdpa][reference]")
{
    const auto cases = gradient_cases("sdpa_backward");
    CHECK(cases.size() >= 12);
    for (const auto& c : cases) {
        INFO(c.name);
        attention::sdpa_options options;
        if (c.has_option("scale")) options.scale = static_cast<float>(c.number("scale"));
        if (c.has_option("causal")) options.causal = c.flag("causal");
        if (c.inputs.count("mask"))
            options.mask = attention::attention_mask{c.inputs.at("mask"), c.text("mask_kind") == "additive"
                                                                              ? attention::mask_kind::additive
                                                                              : attention::mask_kind::boolean};
        const auto g = attention::scaled_dot_product_attention_backward(c.inputs.at("q"), c.inputs.at("k"),
                                                                        c.inputs.at("v"), c.inputs.at("grad_output"),
                                                                        options);
        CHECK_THAT(g.q, matches_gradient(c.expected.at("dq")));
        CHECK_THAT(g.k, matches_gradient(c.expected.at("dk")));
        CHECK_THAT(g.v, matches_gradient(c.expected.at("dv")));
    }
}

TEST_CASE("attention backward equals central finite differences in double (causal, masks, GQA broadcast, scale)",
          "[gradients][sdpa]")
{
    struct scenario {
        const char* name;
        attention_shape shape;
        bool causal;
        std::optional<tensor> mask;
        bool additive;
        std::optional<float> scale;
    };
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<scenario> scenarios = {
        {"plain, Lq ≠ Lk, dv ≠ d", {1, 1, 1, 3, 5, 4, 2}, false, std::nullopt, false, std::nullopt},
        {"causal with heads", {2, 2, 2, 4, 4, 3, 3}, true, std::nullopt, false, std::nullopt},
        {"boolean mask with a fully masked row", {1, 2, 2, 3, 4, 3, 2}, false,
         tensor{{1.f, 0.f, 1.f, 1.f}, {0.f, 0.f, 0.f, 0.f}, {0.f, 1.f, 1.f, 0.f}}, false, std::nullopt},
        {"additive mask with −∞ and a fully masked row", {1, 1, 1, 3, 4, 2, 3}, false,
         tensor{{0.5f, -inf, 0.f, -1.f}, {-inf, -inf, -inf, -inf}, {2.f, 0.f, -inf, 0.f}}, true, 0.8f},
        {"grouped-query: one K/V head for three query heads, causal", {2, 3, 1, 4, 4, 2, 3}, true, std::nullopt,
         false, std::nullopt},
    };
    for (const auto& s : scenarios) {
        INFO(s.name);
        const auto& a = s.shape;
        const tensor q = testing::random_normal({a.batch, a.heads, a.lq, a.d}, 21);
        const tensor k = testing::random_normal({a.batch, a.kv_heads, a.lk, a.d}, 22);
        const tensor v = testing::random_normal({a.batch, a.kv_heads, a.lk, a.dv}, 23);
        const tensor g = testing::random_normal({a.batch, a.heads, a.lq, a.dv}, 24);
        attention::sdpa_options options;
        options.causal = s.causal;
        options.scale = s.scale;
        if (s.mask) options.mask = attention::attention_mask{*s.mask, s.additive ? attention::mask_kind::additive
                                                                                 : attention::mask_kind::boolean};
        const auto grads = attention::scaled_dot_product_attention_backward(q, k, v, g, options);
        const double scale = s.scale ? *s.scale : 1.0 / std::sqrt(double(a.d));
        const tensor* mask = s.mask ? &*s.mask : nullptr;
        auto qs = testing::to_doubles(q), ks = testing::to_doubles(k), vs = testing::to_doubles(v);
        const auto dq = testing::numerical_gradient(
            [&](const std::vector<double>& x) {
                return weighted_sum(attention_double(a, x, ks, vs, s.causal, mask, s.additive, scale), g);
            },
            qs);
        const auto dk = testing::numerical_gradient(
            [&](const std::vector<double>& x) {
                return weighted_sum(attention_double(a, qs, x, vs, s.causal, mask, s.additive, scale), g);
            },
            ks);
        const auto dv = testing::numerical_gradient(
            [&](const std::vector<double>& x) {
                return weighted_sum(attention_double(a, qs, ks, x, s.causal, mask, s.additive, scale), g);
            },
            vs);
        CHECK(testing::worst_ratio(grads.q, dq) <= 1.0);
        CHECK(testing::worst_ratio(grads.k, dk) <= 1.0);
        CHECK(testing::worst_ratio(grads.v, dv) <= 1.0);
    }
}

TEST_CASE("a fully masked query row gives exactly zero gradients and no NaN anywhere", "[gradients][sdpa]")
{
    const tensor q = testing::random_normal({2, 3, 4}, 31), k = testing::random_normal({2, 5, 4}, 32),
                 v = testing::random_normal({2, 5, 2}, 33), g = testing::random_normal({2, 3, 2}, 34);
    attention::sdpa_options options;
    options.mask = attention::attention_mask{tensor{{1.f, 1.f, 0.f, 1.f, 1.f}, {0.f, 0.f, 0.f, 0.f, 0.f},
                                                    {1.f, 0.f, 0.f, 0.f, 0.f}}};
    const auto grads = attention::scaled_dot_product_attention_backward(q, k, v, g, options);
    for (std::size_t b = 0; b < 2; ++b)
        for (std::size_t a = 0; a < 4; ++a) CHECK(grads.q(b, 1, a) == 0.f);
    for (const tensor* t : {&grads.q, &grads.k, &grads.v})
        for (float value : *t) CHECK(std::isfinite(value));
    // key 2 is hidden from every query: no gradient reaches it
    for (std::size_t b = 0; b < 2; ++b) {
        for (std::size_t a = 0; a < 4; ++a) CHECK(grads.k(b, 2, a) == 0.f);
        for (std::size_t a = 0; a < 2; ++a) CHECK(grads.v(b, 2, a) == 0.f);
    }
}

TEST_CASE("attention backward rejects a gradient that is not the output's shape", "[gradients][errors]")
{
    const tensor q = testing::random_normal({2, 3, 4}, 1), k = testing::random_normal({2, 5, 4}, 2),
                 v = testing::random_normal({2, 5, 6}, 3);
    CHECK_THROWS_MATCHES(
        attention::scaled_dot_product_attention_backward(q, k, v, testing::random_normal({2, 3, 4}, 4)),
        attention::shape_error,
        Catch::Matchers::MessageMatches(ContainsSubstring("grad_output must have the shape of the output [..., Lq, dv]; "
                                                          "expected [2, 3, 6], got [2, 3, 4]")));
    CHECK_THROWS_AS(attention::scaled_dot_product_attention_backward(q, testing::random_normal({2, 5, 3}, 5), v,
                                                                     testing::random_normal({2, 3, 6}, 4)),
                    attention::shape_error);
}

TEST_CASE("multi-head attention backward matches PyTorch's float64 gradients (self, cross, GQA, MQA)",
          "[gradients][mha][reference]")
{
    for (const auto& c : gradient_cases("mha_backward")) {
        INFO(c.name);
        const bool bias = c.inputs.count("bq") > 0;
        attention::mha_weights w{static_cast<std::size_t>(c.number("num_heads")),
                                 static_cast<std::size_t>(c.number("num_kv_heads")),
                                 c.inputs.at("Wq"), c.inputs.at("Wk"), c.inputs.at("Wv"), c.inputs.at("Wo")};
        if (bias) {
            w.bq = c.inputs.at("bq");
            w.bk = c.inputs.at("bk");
            w.bv = c.inputs.at("bv");
            w.bo = c.inputs.at("bo");
        }
        attention::mha_options options;
        options.causal = c.flag("causal");
        const auto g = attention::multi_head_attention_backward(c.inputs.at("query"), c.inputs.at("key"),
                                                                c.inputs.at("value"), w, c.inputs.at("grad_output"),
                                                                options);
        CHECK_THAT(g.query, matches_gradient(c.expected.at("dquery")));
        CHECK_THAT(g.key, matches_gradient(c.expected.at("dkey")));
        CHECK_THAT(g.value, matches_gradient(c.expected.at("dvalue")));
        CHECK_THAT(g.Wq, matches_gradient(c.expected.at("dWq")));
        CHECK_THAT(g.Wk, matches_gradient(c.expected.at("dWk")));
        CHECK_THAT(g.Wv, matches_gradient(c.expected.at("dWv")));
        CHECK_THAT(g.Wo, matches_gradient(c.expected.at("dWo")));
        if (bias) {
            CHECK_THAT(g.bq, matches_gradient(c.expected.at("dbq")));
            CHECK_THAT(g.bk, matches_gradient(c.expected.at("dbk")));
            CHECK_THAT(g.bv, matches_gradient(c.expected.at("dbv")));
            CHECK_THAT(g.bo, matches_gradient(c.expected.at("dbo")));
        } else {
            CHECK(g.bq.size() == 0);
            CHECK(g.bo.size() == 0);
        }
    }
}

TEST_CASE("multi-head attention backward equals central finite differences of the float forward",
          "[gradients][mha]")
{
    // The forward here is the core's own multi_head_attention (float), differenced with a step large
    // enough for float: a consistency check of forward and backward, complementing the float64
    // PyTorch reference above.
    const tensor x = testing::random_normal({1, 4, 6}, 41);
    attention::mha_weights w{3, 1, testing::random_normal({6, 6}, 42, 0.5f), testing::random_normal({6, 2}, 43, 0.5f),
                             testing::random_normal({6, 2}, 44, 0.5f), testing::random_normal({6, 6}, 45, 0.5f),
                             testing::random_normal({6}, 46), tensor(), tensor(), testing::random_normal({6}, 47)};
    w.bk = tensor::from_shape({0});
    w.bv = tensor::from_shape({0});
    const tensor g = testing::random_normal({1, 4, 6}, 48);
    attention::mha_options options;
    options.causal = true;
    const auto grads = attention::multi_head_attention_backward(x, x, x, w, g, options);
    auto loss = [&](attention::mha_weights& weights, const tensor& input) {
        const tensor y = attention::multi_head_attention(input, input, input, weights, options).output;
        double total = 0;
        for (std::size_t i = 0; i < y.size(); ++i) total += double(y.data()[i]) * g.data()[i];
        return total;
    };
    const double h = 1e-2;
    for (tensor* parameter : {&w.Wk, &w.bq}) {
        const tensor& analytic = parameter == &w.Wk ? grads.Wk : grads.bq;
        for (std::size_t i = 0; i < parameter->size(); ++i) {
            const float saved = parameter->data()[i];
            parameter->data()[i] = saved + float(h);
            const double up = loss(w, x);
            parameter->data()[i] = saved - float(h);
            const double down = loss(w, x);
            parameter->data()[i] = saved;
            CHECK(std::abs(analytic.data()[i] - (up - down) / (2 * h)) <= 2e-3 + 1e-2 * std::abs(analytic.data()[i]));
        }
    }
    // Self-attention: the gradient of the shared input is the sum of the three input gradients.
    const tensor total = grads.query + grads.key + grads.value;
    tensor xp = x;
    for (std::size_t i : {0u, 7u, 23u}) {
        const float saved = xp.data()[i];
        xp.data()[i] = saved + float(h);
        const double up = loss(w, xp);
        xp.data()[i] = saved - float(h);
        const double down = loss(w, xp);
        xp.data()[i] = saved;
        CHECK(std::abs(total.data()[i] - (up - down) / (2 * h)) <= 2e-3 + 1e-2 * std::abs(total.data()[i]));
    }
}

TEST_CASE("the finite-difference comparison rejects wrong gradients and accepts a right one written differently",
          "[gradients][checker]")
{
    const tensor x = testing::random_normal({2, 4}, 51), g = testing::random_normal({2, 4}, 52);
    const auto numeric = testing::numerical_gradient(
        [&](const std::vector<double>& xs) { return weighted_sum(softmax_rows(xs, 4, 1.0), g); }, testing::to_doubles(x));
    const tensor right = attention::softmax_backward(x, g);
    CHECK(testing::worst_ratio(right, numeric) <= 1.0);
    // Right, written differently: the double numbers rounded to float directly.
    tensor rounded = tensor::from_shape(x.shape());
    for (std::size_t i = 0; i < numeric.size(); ++i) rounded.data()[i] = static_cast<float>(numeric[i]);
    CHECK(testing::worst_ratio(rounded, numeric) <= 1.0);
    // Wrong: one element off by 1e-2, the gradient of the wrong temperature, a transposed layout, a wrong size.
    tensor nudged = right;
    nudged(1, 2) += 1e-2f;
    CHECK(testing::worst_ratio(nudged, numeric) > 1.0);
    CHECK(testing::worst_ratio(attention::softmax_backward(x, g, 1.1f), numeric) > 1.0);
    tensor transposed = tensor::from_shape({2, 4});
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 4; ++j) transposed.data()[j * 2 + i] = right(i, j);
    CHECK(testing::worst_ratio(transposed, numeric) > 1.0);
    CHECK(testing::worst_ratio(testing::random_normal({3}, 1), numeric) > 1.0);
}
