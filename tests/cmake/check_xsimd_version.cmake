# cmake -DPREFIX=<folder holding xsimd/config/xsimd_config.hpp> -P check_xsimd_version.cmake
# Runs the configure-time version check on a stand-in header (Debian 12's xsimd 8.1, or 13.2).
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/AwRequireHeaderVersion.cmake")
aw_require_header_version(xsimd "${PREFIX}/xsimd/config/xsimd_config.hpp" XSIMD 13.0)
