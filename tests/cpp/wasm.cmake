# The Catch2 suite compiled to WebAssembly (SIMD variant, -msimd128: the 4-lane kernels the site
# runs) and run by Node, as xsimd runs its own suite. Included by CMakeLists.txt under emcmake
# (preset `wasm-tests`).
#
# Catch2 comes from Debian's source package (catch2 3.7.1, bookworm-backports; scripts/setup.sh
# unpacks it into .deps/src/catch2/): its amalgamated extras/catch_amalgamated.{hpp,cpp} compile in
# one translation unit, main() included. The tests include Catch2's per-feature headers, so each
# one used is a one-line forward to the amalgamated header.
set(AW_CATCH2_SOURCE_DIR "${PROJECT_SOURCE_DIR}/.deps/src/catch2" CACHE PATH "Catch2 sources (Debian source package)")
if(NOT EXISTS "${AW_CATCH2_SOURCE_DIR}/extras/catch_amalgamated.cpp")
  message(FATAL_ERROR "Catch2's amalgamated sources are missing in ${AW_CATCH2_SOURCE_DIR}/extras (run scripts/setup.sh)")
endif()
set(aw_catch2_shim "${CMAKE_CURRENT_BINARY_DIR}/catch2-shim")
foreach(header IN ITEMS catch_test_macros.hpp catch_approx.hpp generators/catch_generators.hpp
                        matchers/catch_matchers_exception.hpp matchers/catch_matchers_floating_point.hpp
                        matchers/catch_matchers_string.hpp matchers/catch_matchers_templated.hpp)
  file(CONFIGURE OUTPUT "${aw_catch2_shim}/catch2/${header}" CONTENT "#include \"catch_amalgamated.hpp\"\n")
endforeach()
add_library(aw_catch2_wasm STATIC "${AW_CATCH2_SOURCE_DIR}/extras/catch_amalgamated.cpp")
target_include_directories(aw_catch2_wasm PUBLIC "${aw_catch2_shim}" "${AW_CATCH2_SOURCE_DIR}/extras")
target_compile_options(aw_catch2_wasm PUBLIC -fwasm-exceptions)
# No signal handlers: a WebAssembly trap is not a POSIX signal, and Node reports it itself.
target_compile_definitions(aw_catch2_wasm PUBLIC CATCH_CONFIG_NO_POSIX_SIGNALS)

# nlohmann/json is header-only; only its own folder is exposed (all of /usr/include would put the
# host's C library headers in front of Emscripten's).
find_path(AW_NLOHMANN_INCLUDE nlohmann/json.hpp HINTS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(aw_nlohmann_shim "${CMAKE_CURRENT_BINARY_DIR}/nlohmann-shim")
file(MAKE_DIRECTORY "${aw_nlohmann_shim}")
file(CREATE_LINK "${AW_NLOHMANN_INCLUDE}/nlohmann" "${aw_nlohmann_shim}/nlohmann" SYMBOLIC)

# Everything but the two-thread test (the wasm build is single-threaded).
set(aw_wasm_test_sources ${AW_TEST_SOURCES})
list(FILTER aw_wasm_test_sources EXCLUDE REGEX "test_threads\\.cpp$")
add_executable(aw_tests_wasm ${aw_wasm_test_sources})
target_link_libraries(aw_tests_wasm PRIVATE aw_core_simd aw_catch2_wasm)
target_include_directories(aw_tests_wasm SYSTEM PRIVATE "${aw_nlohmann_shim}")
target_compile_definitions(aw_tests_wasm PRIVATE AW_REFERENCE_JSON="${AW_REFERENCE_JSON}" AW_GRADIENTS_JSON="${AW_GRADIENTS_JSON}")
# NODERAWFS: the tests read tests/reference/{reference,gradients}.json from the real file system.
target_link_options(aw_tests_wasm PRIVATE -fwasm-exceptions -sENVIRONMENT=node -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1
                    -sMAXIMUM_MEMORY=2GB -sEXIT_RUNTIME=1)
# The loader is CommonJS, but this repository's package.json says "type": "module": a package.json
# next to it restores CommonJS. Node's fetch cannot read file paths, which Emscripten 3.1.6's loader
# tries first: --no-experimental-fetch makes it read the .wasm with fs.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/package.json" "{ \"type\": \"commonjs\" }\n")
add_test(NAME "wasm: the Catch2 suite in WebAssembly (Node)"
         COMMAND node --no-experimental-fetch "$<TARGET_FILE:aw_tests_wasm>")
