# Every fuzz target's corpus and regression inputs replayed through its entry point in the
# normal (g++) build, so a crash once found stays fixed: one ctest per target, label "fuzz".
# Arguments after the fuzzer name are the folders it replays (its corpus and shared test data).
set(mcw_fuzz_dir ${PROJECT_SOURCE_DIR}/tests/fuzz)
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

foreach(entry ${mcw_fuzz_replays})
  string(REPLACE "|" ";" parts "${entry}")
  list(POP_FRONT parts name)
  add_executable(${name}_replay ${mcw_fuzz_dir}/${name}_fuzzer.cpp ${mcw_fuzz_dir}/replay_main.cpp)
  target_link_libraries(${name}_replay PRIVATE mcw_core)
  mcw_set_qt_defines(${name}_replay)
  add_test(NAME fuzz_replay_${name} COMMAND ${name}_replay ${parts})
  set_tests_properties(fuzz_replay_${name} PROPERTIES LABELS fuzz TIMEOUT 300)
endforeach()
add_dependencies(npz_replay mcw_npz_fuzz_seeds)
