#include "attention/layers.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>
#include <vector>

#include "attention/errors.hpp"
#include "gradient_check.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using attention::token_tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;

namespace {

reference::test_case gradient_case(const char* name)
{
    for (const char* function : {"linear_backward", "layer_norm_backward", "gelu_backward", "embedding_backward",
                                 "cross_entropy", "adamw"})
        for (auto& c : reference::cases_for(function, AW_GRADIENTS_JSON))
            if (c.name == name) return c;
    FAIL("no reference case " << name);
    return {};
}

testing::close_to matches_gradient(const tensor& expected) { return testing::close_to(expected, 1e-4, 2e-5); }

token_tensor tokens_of(const tensor& values)
{
    token_tensor ids = token_tensor::from_shape(values.shape());
    for (std::size_t i = 0; i < values.size(); ++i) ids.data()[i] = static_cast<std::int32_t>(values.data()[i]);
    return ids;
}

double weighted(const std::vector<double>& y, const tensor& g)
{
    double total = 0;
    for (std::size_t i = 0; i < y.size(); ++i) total += y[i] * g.data()[i];
    return total;
}

// double references, from the formulas
std::vector<double> linear_double(const std::vector<double>& x, const std::vector<double>& W,
                                  const std::vector<double>& b, std::size_t din, std::size_t dout)
{
    const std::size_t rows = x.size() / din;
    std::vector<double> y(rows * dout);
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < dout; ++j) {
            double s = b[j];
            for (std::size_t a = 0; a < din; ++a) s += x[i * din + a] * W[a * dout + j];
            y[i * dout + j] = s;
        }
    return y;
}

std::vector<double> layer_norm_double(const std::vector<double>& x, const std::vector<double>& gamma,
                                      const std::vector<double>& beta, std::size_t n, double eps)
{
    std::vector<double> y(x.size());
    for (std::size_t r = 0; r < x.size() / n; ++r) {
        double mean = 0, var = 0;
        for (std::size_t j = 0; j < n; ++j) mean += x[r * n + j] / n;
        for (std::size_t j = 0; j < n; ++j) var += (x[r * n + j] - mean) * (x[r * n + j] - mean) / n;
        for (std::size_t j = 0; j < n; ++j)
            y[r * n + j] = (x[r * n + j] - mean) / std::sqrt(var + eps) * gamma[j] + beta[j];
    }
    return y;
}

double gelu_double(double x)
{
    return 0.5 * x * (1 + std::tanh(std::sqrt(2 / 3.141592653589793) * (x + 0.044715 * x * x * x)));
}

}  // namespace

TEST_CASE("linear backward equals finite differences in double and PyTorch's gradients", "[layers][linear]")
{
    const tensor x = testing::random_normal({2, 3, 4}, 1), W = testing::random_normal({4, 5}, 2),
                 b = testing::random_normal({5}, 3), g = testing::random_normal({2, 3, 5}, 4);
    const auto grads = attention::linear_backward(x, W, g);
    const auto xs = testing::to_doubles(x), Ws = testing::to_doubles(W), bs = testing::to_doubles(b);
    CHECK(testing::worst_ratio(grads.x, testing::numerical_gradient(
        [&](const std::vector<double>& v) { return weighted(linear_double(v, Ws, bs, 4, 5), g); }, xs)) <= 1);
    CHECK(testing::worst_ratio(grads.W, testing::numerical_gradient(
        [&](const std::vector<double>& v) { return weighted(linear_double(xs, v, bs, 4, 5), g); }, Ws)) <= 1);
    CHECK(testing::worst_ratio(grads.b, testing::numerical_gradient(
        [&](const std::vector<double>& v) { return weighted(linear_double(xs, Ws, v, 4, 5), g); }, bs)) <= 1);
    tensor expected = tensor::from_shape({2, 3, 5});
    const auto y = linear_double(xs, Ws, bs, 4, 5);
    std::copy(y.begin(), y.end(), expected.begin());
    CHECK_THAT(attention::linear(x, W, b), testing::close_to(expected, 1e-5, 1e-5));

    const auto c = gradient_case("linear_grad");
    const auto r = attention::linear_backward(c.inputs.at("x"), c.inputs.at("W"), c.inputs.at("grad_output"));
    CHECK_THAT(r.x, matches_gradient(c.expected.at("dx")));
    CHECK_THAT(r.W, matches_gradient(c.expected.at("dW")));
    CHECK_THAT(r.b, matches_gradient(c.expected.at("db")));
    CHECK(attention::linear_backward(x, W, g, false).b.size() == 0);
    CHECK_THROWS_MATCHES(attention::linear_backward(x, W, testing::random_normal({2, 3, 4}, 5)), attention::shape_error,
                         MessageMatches(ContainsSubstring("grad_output must have the shape of the output [..., d_out]; "
                                                          "expected [2, 3, 5], got [2, 3, 4]")));
    CHECK_THROWS_AS(attention::linear(x, testing::random_normal({5, 5}, 6)), attention::shape_error);
}

TEST_CASE("layer norm backward equals finite differences in double and PyTorch's gradients", "[layers][layer_norm]")
{
    const tensor x = testing::random_normal({3, 6}, 7, 2.f), gamma = testing::random_normal({6}, 8),
                 beta = testing::random_normal({6}, 9), g = testing::random_normal({3, 6}, 10);
    const auto grads = attention::layer_norm_backward(x, gamma, g);
    const auto xs = testing::to_doubles(x), gs = testing::to_doubles(gamma), bs = testing::to_doubles(beta);
    CHECK(testing::worst_ratio(grads.x, testing::numerical_gradient(
        [&](const std::vector<double>& v) { return weighted(layer_norm_double(v, gs, bs, 6, 1e-5), g); }, xs)) <= 1);
    CHECK(testing::worst_ratio(grads.gamma, testing::numerical_gradient(
        [&](const std::vector<double>& v) { return weighted(layer_norm_double(xs, v, bs, 6, 1e-5), g); }, gs)) <= 1);
    CHECK(testing::worst_ratio(grads.beta, testing::numerical_gradient(
        [&](const std::vector<double>& v) { return weighted(layer_norm_double(xs, gs, v, 6, 1e-5), g); }, bs)) <= 1);

    for (const char* name : {"layer_norm_grad", "layer_norm_grad_offset"}) {  // the second: rows offset by 50
        INFO(name);
        const auto c = gradient_case(name);
        const tensor y = attention::layer_norm(c.inputs.at("x"), c.inputs.at("gamma"), c.inputs.at("beta"));
        const auto r = attention::layer_norm_backward(c.inputs.at("x"), c.inputs.at("gamma"), c.inputs.at("grad_output"));
        CHECK_THAT(r.x, testing::close_to(c.expected.at("dx"), 1e-3, 1e-4));
        CHECK_THAT(r.gamma, matches_gradient(c.expected.at("dgamma")));
        CHECK_THAT(r.beta, matches_gradient(c.expected.at("dbeta")));
        CHECK(y.shape() == c.inputs.at("x").shape());
    }
    CHECK_THROWS_AS(attention::layer_norm(x, testing::random_normal({5}, 1), beta), attention::shape_error);
    CHECK_THROWS_AS(attention::layer_norm(x, gamma, beta, 0.f), attention::argument_error);
}

TEST_CASE("GELU (tanh form) and its backward equal the formula, finite differences and PyTorch", "[layers][gelu]")
{
    const tensor x = testing::random_normal({37}, 11, 3.f), g = testing::random_normal({37}, 12);  // 37: vector tails
    const tensor y = attention::gelu(x), dx = attention::gelu_backward(x, g);
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(std::abs(y(i) - gelu_double(x(i))) <= 1e-5 + 1e-5 * std::abs(y(i)));
    const auto numeric = testing::numerical_gradient(
        [&](const std::vector<double>& v) {
            double total = 0;
            for (std::size_t i = 0; i < v.size(); ++i) total += gelu_double(v[i]) * g(i);
            return total;
        },
        testing::to_doubles(x));
    CHECK(testing::worst_ratio(dx, numeric) <= 1);
    const auto c = gradient_case("gelu_grad");
    CHECK_THAT(attention::gelu(c.inputs.at("x")), matches_gradient(c.expected.at("y")));
    CHECK_THAT(attention::gelu_backward(c.inputs.at("x"), c.inputs.at("grad_output")), matches_gradient(c.expected.at("dx")));
}

TEST_CASE("embedding backward adds the gradient rows of repeated ids; ids out of range are errors", "[layers][embedding]")
{
    const auto c = gradient_case("embedding_grad");
    const token_tensor ids = tokens_of(c.inputs.at("ids"));
    CHECK_THAT(attention::embedding(c.inputs.at("table"), ids), matches_gradient(c.expected.at("y")));
    CHECK_THAT(attention::embedding_backward(ids, c.inputs.at("grad_output"), 5), matches_gradient(c.expected.at("dtable")));
    CHECK_THROWS_MATCHES(attention::embedding(c.inputs.at("table"), token_tensor{0, 5}), attention::argument_error,
                         MessageMatches(ContainsSubstring("ids must be integers in [0, vocab_size) = [0, 5); got 5 at flat index 1")));
    CHECK_THROWS_AS(attention::embedding_backward(token_tensor{-1}, testing::random_normal({1, 3}, 1), 5),
                    attention::argument_error);
}

TEST_CASE("cross-entropy with a loss mask matches PyTorch's loss, accuracy and gradient", "[layers][cross_entropy]")
{
    const auto c = gradient_case("cross_entropy_masked");
    const token_tensor targets = tokens_of(c.inputs.at("targets"));
    const tensor& mask = c.inputs.at("loss_mask");
    const auto r = attention::cross_entropy(c.inputs.at("logits"), targets, &mask);
    CHECK(std::abs(r.loss - c.expected.at("loss")(0)) <= 1e-5 * std::abs(c.expected.at("loss")(0)) + 1e-6);
    CHECK(std::abs(r.accuracy - c.expected.at("accuracy")(0)) <= 1e-6);
    CHECK_THAT(r.grad_logits, matches_gradient(c.expected.at("dlogits")));
}

TEST_CASE("cross-entropy's gradient equals finite differences in double; an all-zero mask gives 0, not NaN",
          "[layers][cross_entropy]")
{
    const tensor logits = testing::random_normal({3, 5}, 13, 2.f);
    const token_tensor targets = {4, 0, 2};
    const tensor mask = {1.f, 0.f, 2.f};
    const auto r = attention::cross_entropy(logits, targets, &mask);
    const auto numeric = testing::numerical_gradient(
        [&](const std::vector<double>& z) {
            double loss = 0, weights = 0;
            for (std::size_t i = 0; i < 3; ++i) {
                double sum = 0;
                for (std::size_t j = 0; j < 5; ++j) sum += std::exp(z[i * 5 + j]);
                loss += mask(i) * (std::log(sum) - z[i * 5 + targets(i)]);
                weights += mask(i);
            }
            return loss / weights;
        },
        testing::to_doubles(logits));
    CHECK(testing::worst_ratio(r.grad_logits, numeric) <= 1);
    const tensor zeros = {0.f, 0.f, 0.f};
    const auto none = attention::cross_entropy(logits, targets, &zeros);
    CHECK(none.loss == 0.f);
    for (float value : none.grad_logits) CHECK(value == 0.f);
    CHECK_THROWS_MATCHES(attention::cross_entropy(logits, token_tensor{4, 5, 0}), attention::argument_error,
                         MessageMatches(ContainsSubstring("targets must be integers in [0, C) = [0, 5); got 5")));
    const tensor negative = {1.f, -1.f, 1.f};
    CHECK_THROWS_AS(attention::cross_entropy(logits, targets, &negative), attention::argument_error);
}

TEST_CASE("AdamW matches torch.optim.AdamW over three steps; weight decay 0 is Adam", "[layers][adamw]")
{
    const auto c = gradient_case("adamw_three_steps");
    attention::adamw_options options;
    options.learning_rate = static_cast<float>(c.number("learning_rate"));
    options.beta1 = static_cast<float>(c.number("beta1"));
    options.beta2 = static_cast<float>(c.number("beta2"));
    options.epsilon = static_cast<float>(c.number("epsilon"));
    options.weight_decay = static_cast<float>(c.number("weight_decay"));
    tensor p = c.inputs.at("p");
    attention::adam_state state;
    for (const char* g : {"g1", "g2", "g3"}) attention::adamw_step(p, c.inputs.at(g), state, options);
    CHECK(state.step == 3);
    CHECK_THAT(p, testing::close_to(c.expected.at("p"), 1e-5, 1e-6));

    // Adam's first step moves every parameter by lr·sign(g) (bias-corrected m/√v = g/|g|).
    tensor q = {1.f, -2.f, 3.f};
    attention::adam_state fresh;
    attention::adamw_step(q, tensor{0.5f, -4.f, 1e-3f}, fresh, attention::adamw_options{0.1f});
    CHECK_THAT(q, testing::close_to(tensor{0.9f, -1.9f, 2.9f}, 1e-4, 1e-5));
    CHECK_THROWS_AS(attention::adamw_step(q, tensor{1.f}, fresh), attention::shape_error);
    CHECK_THROWS_AS(attention::adamw_step(q, q, fresh, attention::adamw_options{-1.f}), attention::argument_error);
}
