# Small helpers shared by every target of the project.

# Warnings are set per target; global flags are never edited.
function(mcw_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                             -Wnon-virtual-dtor -Wcast-qual -Wformat=2)
    if(MCW_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()

# The Qt defines that keep string conversions explicit (Tiled / Qt Creator habit).
function(mcw_set_qt_defines target)
  target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII
                                               QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH
                                               QT_NO_CONTEXTLESS_CONNECT)
endfunction()

# mcw_add_test(NAME name SOURCES ... LIBS ... [GUI] [ASSETS] [PROPERTIES prop value ...])
# One GoogleTest executable per area; GUI tests run on the offscreen platform. ASSETS makes every
# test of the executable run after fetch_test_assets (ordering, not a fixture: when a download
# fails, the tests that need it fail naming the download and the rest still run);
# PROPERTIES are set on every discovered test.
function(mcw_add_test)
  cmake_parse_arguments(ARG "GUI;ASSETS" "NAME" "SOURCES;LIBS;PROPERTIES" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  if(ARG_GUI)
    target_sources(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support/guimain.cpp)
  else()
    target_sources(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support/coremain.cpp)
  endif()
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock mcw_testsupport)
  if(TARGET maixcam-process-guard)
    add_dependencies(${ARG_NAME} maixcam-process-guard) # every tool a test runs goes through it
  endif()
  target_compile_definitions(${ARG_NAME} PRIVATE
    MCW_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    MCW_TEST_BINARY_DIR="${PROJECT_BINARY_DIR}/tests")
  mcw_set_warnings(${ARG_NAME})
  mcw_set_qt_defines(${ARG_NAME})
  # No empty ENVIRONMENT: its missing value would swallow the next property name.
  set(properties "")
  if(ARG_GUI)
    list(APPEND properties ENVIRONMENT QT_QPA_PLATFORM=offscreen)
  endif()
  if(ARG_ASSETS)
    list(APPEND properties DEPENDS fetch_test_assets)
  endif()
  if(TARGET mcw_test_models)
    add_dependencies(${ARG_NAME} mcw_test_models)
  endif()
  gtest_discover_tests(${ARG_NAME} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
                       PROPERTIES ${properties} ${ARG_PROPERTIES})
endfunction()
