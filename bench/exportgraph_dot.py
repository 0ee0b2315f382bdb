#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the Graphviz reference of an ONNX graph for bench/exportgraph_bench.sh.

  exportgraph_dot.py MODEL.onnx OUT.dot [--no-edge-labels]

The same boxes and labels our export draws: one box per node (op type over its weights and
attributes), an input and an output pill, one edge per producer -> consumer with the tensor's
shape as label (dot needs far longer with edge labels: --no-edge-labels leaves them out). Needs Debian's python3-onnx (/usr/bin/python3).
"""
import sys

import onnx
from onnx import shape_inference


TIMES = "\u00d7"


def dims(t):
    return TIMES.join(str(d.dim_value) if d.HasField("dim_value") else "?" for d in t.type.tensor_type.shape.dim)


def main(model_path, out_path, edge_labels=True):
    model = shape_inference.infer_shapes(onnx.load(model_path))
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    shapes = {v.name: dims(v) for v in list(g.value_info) + list(g.input) + list(g.output)}
    producer = {}
    lines = ["digraph G {", "  node [shape=box, style=rounded, fontname=\"Sans\", fontsize=10];",
             "  edge [fontname=\"Sans\", fontsize=9];"]
    for i in g.input:
        if i.name not in inits:
            lines.append(f'  "in:{i.name}" [label="{i.name}", shape=oval];')
            producer[i.name] = f"in:{i.name}"
    for n, node in enumerate(g.node):
        body = [node.op_type]
        for name in node.input:
            if name in inits:
                shape = TIMES.join(map(str, inits[name].dims))
                body.append(f"{name} \u27e8{shape}\u27e9")
        for a in node.attribute:
            body.append(f"{a.name} = {onnx.helper.get_attribute_value(a)}")
        label = "\\n".join(s.replace('"', "'") for s in body)
        lines.append(f'  "n{n}" [label="{label}"];')
        for out in node.output:
            producer[out] = f"n{n}"
    for o in g.output:
        lines.append(f'  "out:{o.name}" [label="{o.name}", shape=oval];')
    edges = []
    for n, node in enumerate(g.node):
        for name in node.input:
            if name in producer:
                edges.append((producer[name], f"n{n}", name))
    for o in g.output:
        edges.append((producer[o.name], f"out:{o.name}", o.name))
    for a, b, t in edges:
        if edge_labels:
            lines.append(f'  "{a}" -> "{b}" [label="{shapes.get(t, "")}"];')
        else:
            lines.append(f'  "{a}" -> "{b}";')
    lines.append("}")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--no-edge-labels" not in sys.argv[3:])
