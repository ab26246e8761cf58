// Emscripten gives a program its own small environment (USER, PATH, …), not Node's. Copy Node's
// variables in before main() runs, so that getenv("AW_BENCH_QUICK") sees `AW_BENCH_QUICK=1 node aw_bench.js`.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof process === 'object' && process.env) Object.assign(ENV, process.env);
});
