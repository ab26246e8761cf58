// Attention benchmark: scaled dot-product (naive) and tiled attention, SIMD and scalar builds side
// by side, d = 64, 8 heads, one thread, after warm-up.
//
//   aw_bench [--quick] [--lengths 128,512] [--no-scalar] [--block-q N --block-k N]   (native)
//   node build/wasm/cpp/bench/aw_bench.js [--quick] ...          (WebAssembly)
// AW_BENCH_QUICK=1 in the environment is the same as --quick (smoke run: L = 128, 256, one repetition).
//
// GFLOP/s counts the two matrix products, 4·h·Lq·Lk·d per call (softmax is extra work on top).
// "scratch" is the peak temporary memory the core allocated during one call (packed panels, score
// tiles, …; result tensors not included), counted by the core's own allocator.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench_variant.hpp"

namespace {

constexpr std::size_t heads = 8, head_dim = 64;

attention::tensor random_tensor(std::size_t length, std::uint32_t seed)
{
    attention::tensor t = attention::tensor::from_shape({heads, length, head_dim});
    std::mt19937 generator(seed);
    std::normal_distribution<float> normal(0.f, 1.f);
    for (auto& x : t) x = normal(generator);
    return t;
}

double gflops(std::size_t length, double seconds)
{
    return 4.0 * heads * double(length) * double(length) * head_dim / seconds / 1e9;
}

std::string mebibytes(std::size_t bytes)
{
    char text[32];
    if (bytes < 1024 * 1024) std::snprintf(text, sizeof text, "%.0f KiB", bytes / 1024.0);
    else std::snprintf(text, sizeof text, "%.1f MiB", bytes / (1024.0 * 1024.0));
    return text;
}

/// Enough repetitions for about `budget` seconds of timing, at least `minimum`.
int repetitions_for(std::size_t length, double budget, double expected_gflops, int minimum)
{
    const double seconds = 4.0 * heads * double(length) * double(length) * head_dim / (expected_gflops * 1e9);
    return std::max(minimum, std::min(25, static_cast<int>(budget / seconds)));
}

}  // namespace

int main(int argc, char** argv)
{
    using aw_bench::algorithm;
    bool quick = std::getenv("AW_BENCH_QUICK") != nullptr && std::string(std::getenv("AW_BENCH_QUICK")) != "0";
    bool with_scalar = true;
    std::vector<std::size_t> lengths = {128, 512, 2048, 8192};
    bool lengths_given = false;
    std::size_t block_q = 0, block_k = 0;  // 0: the core's tuned defaults
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--quick") quick = true;
        else if (arg == "--no-scalar") with_scalar = false;
        else if (arg == "--lengths" && i + 1 < argc) {
            lengths.clear();
            std::stringstream list(argv[++i]);
            for (std::string item; std::getline(list, item, ',');) lengths.push_back(std::stoul(item));
            lengths_given = true;
        } else if (arg == "--block-q" && i + 1 < argc) {
            block_q = std::stoul(argv[++i]);
        } else if (arg == "--block-k" && i + 1 < argc) {
            block_k = std::stoul(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: aw_bench [--quick] [--lengths 128,512,...] [--no-scalar] [--block-q N] [--block-k N]\n");
            return 2;
        }
    }
    if (quick && !lengths_given) lengths = {128, 256};
    const double budget = quick ? 0.05 : 1.0;  // seconds of timing per measurement

    const auto simd_info = aw_bench::simd::info();
    std::printf("attention benchmark: d = %zu, %zu heads, 1 thread; SIMD build: %s (%zu lanes)%s\n", head_dim, heads,
                simd_info.arch, simd_info.lanes, with_scalar ? "; scalar build alongside" : "");
    std::printf("GFLOP/s = 4*h*L*L*d / time (fastest of several calls, after warm-up)\n\n");

    // Warm-up: WebAssembly runs first calls in V8's baseline compiler (Liftoff) and has no
    // on-stack replacement, so every path is called a few times before anything is timed.
    {
        const auto q = random_tensor(256, 1), k = random_tensor(256, 2), v = random_tensor(256, 3);
        for (int r = 0; r < 3; ++r) {
            aw_bench::simd::run(algorithm::naive, q, k, v, 1, false, block_q, block_k);
            aw_bench::simd::run(algorithm::tiled, q, k, v, 1, false, block_q, block_k);
            if (with_scalar) {
                aw_bench::scalar::run(algorithm::naive, q, k, v, 1, false, block_q, block_k);
                aw_bench::scalar::run(algorithm::tiled, q, k, v, 1, false, block_q, block_k);
            }
        }
    }

    std::printf("%6s | %-24s | %-24s | %-13s | %-8s | %-21s\n", "L", "naive SDPA GFLOP/s", "tiled GFLOP/s",
                "SIMD/scalar", "tiled", "scratch memory");
    std::printf("%6s | %11s %12s | %11s %12s | %6s %6s | %-8s | %10s %10s\n", "", "SIMD", "scalar", "SIMD", "scalar",
                "naive", "tiled", "speedup", "naive", "tiled");
    for (std::size_t length : lengths) {
        const auto q = random_tensor(length, 10), k = random_tensor(length, 11), v = random_tensor(length, 12);
        // The SIMD figures are the headline: at least 3 calls even at L = 8192, so that one call
        // disturbed by another process cannot decide them. The scalar build is 3-4x slower: 1 call.
        const int reps = repetitions_for(length, budget, 40.0, quick ? 1 : 3);
        const int scalar_reps = repetitions_for(length, budget, 10.0, 1);
        const auto naive = aw_bench::simd::run(algorithm::naive, q, k, v, reps, false, block_q, block_k);
        const auto tiled = aw_bench::simd::run(algorithm::tiled, q, k, v, reps, false, block_q, block_k);
        aw_bench::measurement naive_scalar{0, 0, 0, 0}, tiled_scalar{0, 0, 0, 0};
        if (with_scalar) {
            naive_scalar = aw_bench::scalar::run(algorithm::naive, q, k, v, scalar_reps, false, block_q, block_k);
            tiled_scalar = aw_bench::scalar::run(algorithm::tiled, q, k, v, scalar_reps, false, block_q, block_k);
        }
        auto cell = [&](const aw_bench::measurement& m) {
            return m.seconds_per_call > 0 ? gflops(length, m.seconds_per_call) : 0.0;
        };
        // Without the scalar build its columns print "-" rather than a made-up 0.
        auto scalar_cell = [&](const aw_bench::measurement& m) {
            char text[16];
            if (with_scalar) std::snprintf(text, sizeof text, "%.1f", cell(m));
            else std::snprintf(text, sizeof text, "-");
            return std::string(text);
        };
        auto ratio_cell = [&](const aw_bench::measurement& scalar, const aw_bench::measurement& simd) {
            char text[16];
            if (with_scalar) std::snprintf(text, sizeof text, "%.1fx", scalar.seconds_per_call / simd.seconds_per_call);
            else std::snprintf(text, sizeof text, "-");
            return std::string(text);
        };
        std::printf("%6zu | %11.1f %12s | %11.1f %12s | %6s %6s | %7.2fx | %10s %10s\n", length, cell(naive),
                    scalar_cell(naive_scalar).c_str(), cell(tiled), scalar_cell(tiled_scalar).c_str(),
                    ratio_cell(naive_scalar, naive).c_str(), ratio_cell(tiled_scalar, tiled).c_str(),
                    naive.seconds_per_call / tiled.seconds_per_call, mebibytes(naive.scratch_peak_bytes).c_str(),
                    mebibytes(tiled.scratch_peak_bytes).c_str());
        if (std::abs(naive.checksum - tiled.checksum) > 1e-3f * (1.f + std::abs(naive.checksum)))
            std::printf("       warning: naive and tiled checksums differ (%g vs %g)\n", naive.checksum, tiled.checksum);
        std::fflush(stdout);
    }
    const std::size_t largest = lengths.back();
    {
        // Every call first scans its inputs for NaN and infinities (the non-finite contract): O(L·d)
        // against the O(L²·d) of attention. Its cost, side by side with one naive call.
        const auto q = random_tensor(largest, 10), k = random_tensor(largest, 11), v = random_tensor(largest, 12);
        const double check = aw_bench::simd::seconds_to_check_inputs(q, k, v, 20);
        const auto naive = aw_bench::simd::run(algorithm::naive, q, k, v, quick ? 1 : 3, false, block_q, block_k);
        std::printf("\ninput check (NaN/infinity scan of q, k, v) at L = %zu: %.3f ms = %.2f %% of one naive SDPA call (%.2f ms)\n",
                    largest, check * 1e3, 100.0 * check / naive.seconds_per_call, naive.seconds_per_call * 1e3);
    }
    std::printf("\nscratch memory grows as O(L^2) for naive (one [L, L] score matrix per head; with weights returned,\n"
                "the result alone is h*L*L*4 bytes = %s at L = %zu) and stays O(block*d) for tiled.\n",
                mebibytes(heads * largest * largest * sizeof(float)).c_str(), largest);
    return 0;
}
