# aw_require_header_version(<name> <header> <MACRO_PREFIX> <minimum>): stops the configuration with a
# message naming <name> >= <minimum> when the version in <header> (#define <PREFIX>_VERSION_MAJOR …)
# is lower. Tested by tests/cmake/ (ctest: "cmake: …").
# Debian 12's xsimd 8 has no `wasm` architecture (xtensor would silently fall back to scalar code in
# WebAssembly) and a different API: refuse it here rather than fail deep inside a template.
function(aw_require_header_version name header macro_prefix minimum)
  file(STRINGS "${header}" lines REGEX "#define ${macro_prefix}_VERSION_(MAJOR|MINOR|PATCH) +[0-9]+")
  set(parts "")
  foreach(part IN ITEMS MAJOR MINOR PATCH)
    string(REGEX MATCH "${macro_prefix}_VERSION_${part} +([0-9]+)" match "${lines}")
    list(APPEND parts "${CMAKE_MATCH_1}")
  endforeach()
  list(JOIN parts "." found)
  if(found VERSION_LESS minimum)
    message(FATAL_ERROR "Attention Workshop needs ${name} >= ${minimum}, but ${header} is ${name} ${found}. "
                        "Run scripts/setup.sh (it puts ${name} >= ${minimum} into .deps/), or point "
                        "AW_DEPS_PREFIX / CMAKE_PREFIX_PATH at a newer ${name} (conda-forge, vcpkg).")
  endif()
  message(STATUS "${name} ${found} (>= ${minimum}): ${header}")
endfunction()
