# Sanitizer builds (see CMakePresets.json): MCW_SANITIZERS is a comma list handed to
# -fsanitize=, e.g. "address,undefined" or "thread". Every target of the tree is instrumented;
# Debian's Qt, libonnx, protobuf and OpenCV are not (their own bugs show only as crashes).
set(MCW_SANITIZERS "" CACHE STRING "Sanitizers for every target (address,undefined | thread)")
if(MCW_SANITIZERS)
  # Recoverable UBSan findings would scroll by in a passing test; make them fail it instead.
  set(mcw_sanitizer_flags -fsanitize=${MCW_SANITIZERS} -fno-omit-frame-pointer)
  if(MCW_SANITIZERS MATCHES "undefined")
    list(APPEND mcw_sanitizer_flags -fno-sanitize-recover=undefined)
  endif()
  add_compile_options(${mcw_sanitizer_flags})
  add_link_options(${mcw_sanitizer_flags})
  message(STATUS "Sanitizers: ${MCW_SANITIZERS}")
endif()
