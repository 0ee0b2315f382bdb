# Every fuzz target's corpus and regression inputs replayed through its entry point in the
# normal (g++) build, so a crash once found stays fixed: one ctest per target, label "fuzz".
# Arguments after the fuzzer name are the folders it replays (its corpus and shared test data).
set(mcw_fuzz_dir ${PROJECT_SOURCE_DIR}/tests/fuzz)
include(${mcw_fuzz_dir}/targets.cmake)
set(mcw_fuzz_replays
  "onnxloader|${mcw_fuzz_dir}/corpus/onnxloader"
  "mudreader|${mcw_fuzz_dir}/corpus/mud|${PROJECT_SOURCE_DIR}/tests/data/mud"
  "projectfile|${mcw_fuzz_dir}/corpus/project|${PROJECT_SOURCE_DIR}/tests/data/project"
  "logparser|${mcw_fuzz_dir}/corpus/logparser|${PROJECT_SOURCE_DIR}/tests/data/logs"
  "npz|${mcw_fuzz_dir}/corpus/npz|${CMAKE_CURRENT_BINARY_DIR}/npz-seeds"
  "calibrationtable|${mcw_fuzz_dir}/corpus/calibrationtable|${PROJECT_SOURCE_DIR}/tests/data/accuracy"
  "jobrecord|${mcw_fuzz_dir}/corpus/jobrecord"
  "bundleimporter|${mcw_fuzz_dir}/corpus/bundleimporter"
  "pulsar2log|${mcw_fuzz_dir}/corpus/pulsar2log|${PROJECT_SOURCE_DIR}/tests/data/pulsar2")
# The npz seeds are zips: generated here, not kept in the tree.
add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/npz-seeds/stored.npz ${CMAKE_CURRENT_BINARY_DIR}/npz-seeds/deflated.npz
  COMMAND ${MCW_SYSTEM_PYTHON} ${mcw_fuzz_dir}/make_npz_seeds.py ${CMAKE_CURRENT_BINARY_DIR}/npz-seeds
  DEPENDS ${mcw_fuzz_dir}/make_npz_seeds.py)
add_custom_target(mcw_npz_fuzz_seeds DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/npz-seeds/stored.npz)

set(mcw_fuzz_replayed)
foreach(entry ${mcw_fuzz_replays})
  string(REPLACE "|" ";" parts "${entry}")
  list(POP_FRONT parts name)
  list(APPEND mcw_fuzz_replayed ${name})
  # The fuzzer's own source list, not mcw_core: a list that falls behind fails here, in CI.
  add_executable(${name}_replay ${mcw_fuzz_dir}/replay_main.cpp)
  mcw_fuzz_add_sources(${name}_replay ${name})
  add_test(NAME fuzz_replay_${name} COMMAND ${name}_replay ${parts})
  set_tests_properties(fuzz_replay_${name} PROPERTIES LABELS fuzz TIMEOUT 300)
endforeach()
if(NOT mcw_fuzz_replayed STREQUAL mcw_fuzz_targets)
  message(FATAL_ERROR "replay.cmake replays ${mcw_fuzz_replayed}, targets.cmake lists ${mcw_fuzz_targets}: "
                      "every fuzz target needs its replay")
endif()
add_dependencies(npz_replay mcw_npz_fuzz_seeds)
