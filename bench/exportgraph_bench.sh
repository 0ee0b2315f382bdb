#!/bin/sh
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Headless graph export against Graphviz, whole processes, on the same generated graphs:
#   bench/exportgraph_bench.sh BUILD_DIR [NODES] [RUNS]
# A 10-node chain and an NODES-node Conv/Relu/Add residual tower (bench/onnxload_bench.py);
# `maixcam-workbench --export-graph tower.onnx out.svg` and `dot -Tsvg` on the same boxes
# (bench/exportgraph_dot.py; dot without edge labels: with them it takes several times longer).
# Runs alternate; prints the median wall and CPU (user + sys) seconds and the SVG size.
# Needs graphviz (dot), GNU time and Debian's python3-onnx.
set -eu
build=$(cd "$1" && pwd)
nodes=${2:-3000}
runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 "$here/onnxload_bench.py" generate "$work/tiny.onnx" 10
/usr/bin/python3 "$here/onnxload_bench.py" generate "$work/tower.onnx" "$nodes"
/usr/bin/python3 "$here/exportgraph_dot.py" "$work/tiny.onnx" "$work/tiny.dot" --no-edge-labels
/usr/bin/python3 "$here/exportgraph_dot.py" "$work/tower.onnx" "$work/tower.dot" --no-edge-labels

# time_one NAME CMD...: appends "wall cpu" to $work/NAME.times
time_one() {
    name=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null 2>&1
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/t" >>"$work/$name.times"
}

i=0
while [ "$i" -lt "$runs" ]; do
    for g in tiny tower; do
        QT_QPA_PLATFORM=offscreen time_one "ours-$g" "$build/bin/maixcam-workbench" --export-graph "$work/$g.onnx" "$work/ours-$g.svg"
        time_one "dot-$g" dot -Tsvg "$work/$g.dot" -o "$work/dot-$g.svg"
    done
    i=$((i + 1))
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "| graph | tool | median wall s | median CPU s | SVG bytes |"
echo "|---|---|---:|---:|---:|"
for g in tiny tower; do
    for tool in ours dot; do
        wall=$(cut -d' ' -f1 "$work/$tool-$g.times" | median)
        cpu=$(cut -d' ' -f2 "$work/$tool-$g.times" | median)
        echo "| $g | $tool | $wall | $cpu | $(wc -c <"$work/$tool-$g.svg") |"
    done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
