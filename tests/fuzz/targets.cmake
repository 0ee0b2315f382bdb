# The one list of what each fuzz target compiles: its entry point's core sources and libraries.
# The clang fuzzers (tests/fuzz/CMakeLists.txt) and their replays in the normal build
# (replay.cmake, run by CI) both build from it, so a list that falls behind the core no longer
# links in CI either. Only the sources a reader needs: instrumenting all of mcw_core would spend
# the fuzzers' coverage feedback on code they never reach.
set(mcw_fuzz_core ${PROJECT_SOURCE_DIR}/core)
set(mcw_fuzz_targets onnxloader mudreader projectfile logparser npz calibrationtable jobrecord bundleimporter
                     pulsar2log)

set(mcw_fuzz_onnxloader_sources
  ${mcw_fuzz_core}/onnx/graph.cpp ${mcw_fuzz_core}/onnx/onnxloader.cpp ${mcw_fuzz_core}/onnx/shapefolder.cpp ${mcw_fuzz_core}/onnx/familydetector.cpp
  ${mcw_fuzz_core}/onnx/guardedschemaregistry.cpp)
set(mcw_fuzz_onnxloader_libs onnx onnx_proto protobuf::libprotobuf)

set(mcw_fuzz_mudreader_sources
  ${mcw_fuzz_core}/mud/mudreader.cpp ${mcw_fuzz_core}/project/imageinput.cpp ${mcw_fuzz_core}/project/numberformat.cpp ${mcw_fuzz_core}/atomicfile.cpp ${mcw_fuzz_core}/localpath.cpp)
set(mcw_fuzz_mudreader_libs PkgConfig::INIH)

set(mcw_fuzz_projectfile_sources
  ${mcw_fuzz_core}/project/projectfile.cpp ${mcw_fuzz_core}/project/devicename.cpp ${mcw_fuzz_core}/project/imageinput.cpp
  ${mcw_fuzz_core}/project/numberformat.cpp ${mcw_fuzz_core}/atomicfile.cpp ${mcw_fuzz_core}/localpath.cpp)
set(mcw_fuzz_projectfile_libs yaml-cpp)

set(mcw_fuzz_logparser_sources
  ${mcw_fuzz_core}/logs/logparser.cpp ${mcw_fuzz_core}/logs/compareblockparser.cpp ${mcw_fuzz_core}/logs/tqdmparser.cpp
  ${mcw_fuzz_core}/logs/stagedetector.cpp ${mcw_fuzz_core}/logs/failureclassifier.cpp ${mcw_fuzz_core}/logs/tensornames.cpp
  ${mcw_fuzz_core}/logs/linesplitter.cpp ${mcw_fuzz_core}/logs/logtypes.cpp ${mcw_fuzz_core}/logs/diagnostic.cpp ${mcw_fuzz_core}/logs/errorline.cpp
  ${mcw_fuzz_core}/onnx/graph.cpp)
set(mcw_fuzz_logparser_libs onnx onnx_proto protobuf::libprotobuf)

set(mcw_fuzz_npz_sources ${mcw_fuzz_core}/accuracy/npyarray.cpp ${mcw_fuzz_core}/accuracy/npzfile.cpp ${mcw_fuzz_core}/bundle/archivelimits.cpp)
set(mcw_fuzz_npz_libs PkgConfig::LIBZIP)

set(mcw_fuzz_calibrationtable_sources
  ${mcw_fuzz_core}/accuracy/calibrationtable.cpp ${mcw_fuzz_core}/accuracy/quantizetable.cpp ${mcw_fuzz_core}/atomicfile.cpp)
set(mcw_fuzz_calibrationtable_libs)

set(mcw_fuzz_jobrecord_sources
  ${mcw_fuzz_core}/run/jobrecord.cpp ${mcw_fuzz_core}/logs/diagnostic.cpp ${mcw_fuzz_core}/toolchain/toolinvocation.cpp ${mcw_fuzz_core}/atomicfile.cpp)
set(mcw_fuzz_jobrecord_libs)

set(mcw_fuzz_bundleimporter_sources
  ${mcw_fuzz_core}/bundle/ziparchive.cpp ${mcw_fuzz_core}/bundle/archivelimits.cpp ${mcw_fuzz_core}/mud/mudreader.cpp
  ${mcw_fuzz_core}/project/numberformat.cpp ${mcw_fuzz_core}/project/imageinput.cpp ${mcw_fuzz_core}/atomicfile.cpp ${mcw_fuzz_core}/localpath.cpp)
set(mcw_fuzz_bundleimporter_libs PkgConfig::LIBZIP PkgConfig::INIH)

set(mcw_fuzz_pulsar2log_sources
  ${mcw_fuzz_core}/logs/pulsar2failure.cpp ${mcw_fuzz_core}/logs/pulsar2progress.cpp ${mcw_fuzz_core}/logs/diagnostic.cpp
  ${mcw_fuzz_core}/pulsar2/precisiontable.cpp ${mcw_fuzz_core}/atomicfile.cpp)
set(mcw_fuzz_pulsar2log_libs)

# Gives TARGET the entry point of fuzz target NAME, NAME's sources and libraries, and Qt Core.
function(mcw_fuzz_add_sources target name)
  target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/fuzz/${name}_fuzzer.cpp ${mcw_fuzz_${name}_sources})
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_features(${target} PRIVATE cxx_std_20)
  target_link_libraries(${target} PRIVATE Qt6::Core ${mcw_fuzz_${name}_libs})
  mcw_set_qt_defines(${target})
endfunction()
