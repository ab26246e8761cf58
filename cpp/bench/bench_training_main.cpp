// Training benchmark: the lab's default tiny Transformer (vocab 16, L 12, d_model 32, 4 heads,
// 2 layers, MLP 4×, batch 32, Adam) on the reverse task, SIMD and scalar builds side by side.
//
//   aw_bench_training [--quick]                        (native)
//   node build/wasm/cpp/bench/aw_bench_training.js     (WebAssembly)
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "bench_training.hpp"

namespace aw_bench_training {
namespace simd {
const char* arch();
result run(int timed_steps, int max_steps);
}  // namespace simd
namespace scalar {
const char* arch();
result run(int timed_steps, int max_steps);
}  // namespace scalar
}  // namespace aw_bench_training

int main(int argc, char** argv)
{
    bool quick = std::getenv("AW_BENCH_QUICK") != nullptr;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    const int timed = quick ? 10 : 50, max_steps = quick ? 100 : 1000;
    namespace t = aw_bench_training;
    std::printf("tiny Transformer training step (≈ 60 MFLOP), batch 32 × L 12, one thread\n");
    std::printf("%-8s %-22s %10s %9s %14s %12s\n", "build", "arch", "ms/step", "steps/s", "steps to 99 %", "time to 99 %");
    const t::result simd = t::simd::run(timed, max_steps);
    const t::result scalar = t::scalar::run(timed, max_steps);
    auto print = [](const char* name, const char* arch, const t::result& r) {
        char steps[32] = "-", seconds[32] = "-";
        if (r.steps_to_99 > 0) {
            std::snprintf(steps, sizeof steps, "%d", r.steps_to_99);
            std::snprintf(seconds, sizeof seconds, "%.2f s", r.seconds_to_99);
        }
        std::printf("%-8s %-22s %10.3f %9.0f %14s %12s\n", name, arch, r.milliseconds_per_step,
                    1000.0 / r.milliseconds_per_step, steps, seconds);
    };
    print("simd", t::simd::arch(), simd);
    print("scalar", t::scalar::arch(), scalar);
    std::printf("SIMD speed-up per step: %.1fx\n", scalar.milliseconds_per_step / simd.milliseconds_per_step);
    return 0;
}
