#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 15's figures, side by side in one run on two private engines (tests/docker/engine):
#  1. throughput: `maixcam-convert batch` of 8 projects on slow doubles with one engine, then two;
#  2. copy-mode overhead per step: one project with a 50 MB calibration set converted on an engine
#     that sees our files (mount) and on one that does not (copy), step times from job.json.
# Needs root, docker.io and a build (BUILD, default ./build). Usage: bench/engines/engines_bench.sh [BUILD]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
convert=$build/bin/maixcam-convert
engine=$root/tests/docker/engine
cli=/usr/bin/docker
e1=/tmp/mcw-bench-e1
e2=/var/tmp/mcw-bench-e2
work=$(mktemp -d /tmp/mcw-engines-bench.XXXXXX)
cleanup() { "$engine" stop "$e2" || true; "$engine" stop "$e1" || true; rm -rf "$work"; }
trap cleanup EXIT

"$engine" start "$e1" >/dev/null
DOCKER_HOST=unix://$e1/docker.sock "$root/tests/docker/make-double-image" mcw-bench/base:1 >/dev/null
speed=${MCW_BENCH_SPEED:-4}
printf 'FROM mcw-bench/base:1\nENV FAKE_TPU_SPEED=%s\n' "$speed" | "$cli" -H "unix://$e1/docker.sock" build -q -t mcw-bench/double:1 - >/dev/null
MCW_ENGINE_PRIVATE_TMP=1 "$engine" start "$e2" >/dev/null
"$cli" -H "unix://$e1/docker.sock" save mcw-bench/double:1 | "$cli" -H "unix://$e2/docker.sock" load >/dev/null
h1=unix://$e1/docker.sock
h2=unix://$e2/docker.sock

photos=$HOME/.cache/maixcam-workbench/test-assets/photos
model=$build/tests/models/yolov8n.onnx
make_project() { # make_project DIR DATASET
    mkdir -p "$1"
    cp "$model" "$1/yolov8n.onnx"
    "$convert" init "$1/yolov8n.onnx" -o "$1/yolov8n.yaml" --dataset "$2" --input-num 5 \
        --test-input "$photos/astronaut.png" >/dev/null
    echo "$1/yolov8n.yaml"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%F\ %H:%M) UTC, commit $(git -C "$root" rev-parse --short HEAD)"

# 1. Eight projects, one engine then two (one step at a time per engine); the doubles at
#    MCW_BENCH_SPEED (default 4: their delays x4, waiting the way a step on a real engine waits).
projects=()
for i in 1 2 3 4 5 6 7 8; do projects+=("$(make_project "$work/batch/p$i" "$photos")"); done
run_batch() { # run_batch ENGINE...
    local args=() e start end
    for e in "$@"; do args+=(--engine "$e"); done
    start=$(date +%s.%N)
    DOCKER_HOST=$h1 "$convert" batch "${projects[@]}" "${args[@]}" --image mcw-bench/double:1 --json >"$work/batch.json"
    end=$(date +%s.%N)
    /usr/bin/python3 -c "print('%.1f' % ($end - $start))"
}
one=$(run_batch "$h1")
two=$(run_batch "$h1" "$h2")
echo "batch of 8 (FAKE_TPU_SPEED=$speed): one engine ${one} s, two engines ${two} s, throughput x$(/usr/bin/python3 -c "print('%.2f' % ($one / $two))")"

# 2. A 50 MB calibration set: mount on the first engine, copy on the second.
big=$work/cali50
mkdir -p "$big"
i=0
while [ "$(du -sm "$big" | cut -f1)" -lt 50 ]; do
    for p in "$photos"/*.png; do cp "$p" "$big/$i-$(basename "$p")"; i=$((i + 1)); done
done
fast=mcw-bench/fast:1
printf 'FROM mcw-bench/base:1\nENV FAKE_TPU_SPEED=0\n' | "$cli" -H "$h1" build -q -t "$fast" - >/dev/null
"$cli" -H "$h1" save "$fast" | "$cli" -H "$h2" load >/dev/null
step_times() { # step_times PROJECT: "transform calibration deploy" seconds from the newest job.json
    local job
    job=$(ls -d "$(dirname "$1")"/workspace/*/ | tail -n 1)
    /usr/bin/python3 - "$job/job.json" <<'PY'
import json, sys
from datetime import datetime
j = json.load(open(sys.argv[1]))
def t(s): return datetime.fromisoformat(s.replace('Z', '+00:00'))
print(' '.join('%.2f' % (t(s['finishedAt']) - t(s['startedAt'])).total_seconds() for s in j['steps']))
PY
}
for mode in mount copy; do
    for round in 1 2 3; do
        p=$(make_project "$work/copy-$mode-$round" "$big")
        host=$h1; [ $mode = copy ] && host=$h2
        DOCKER_HOST=$h1 "$convert" run "$p" --image "$fast" --engine "$host" >/dev/null
        echo "$mode round $round (transform calibration deploy, s): $(step_times "$p")"
    done
done
echo "calibration set: $(du -sm "$big" | cut -f1) MB, $(ls "$big" | wc -l) images"
