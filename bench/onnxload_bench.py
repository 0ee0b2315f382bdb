#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Python side of bench/onnxload_bench: the reference path and the 10k-node model generator.

  onnxload_bench.py time MODEL RUNS   -> one JSON line: load + infer_shapes timings and peak RSS
  onnxload_bench.py generate PATH N   -> writes a model with N nodes (Conv/Relu/Add residual chain)
Needs Debian's python3-onnx and python3-numpy (/usr/bin/python3).
"""
import json
import resource
import sys
import time


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def time_model(path, runs):
    import onnx
    from onnx import shape_inference
    baseline = rss_kb()
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        model = onnx.load(path)
        model = shape_inference.infer_shapes(model)
        times.append((time.perf_counter() - start) * 1000.0)
        cpu.append((time.process_time() - start_cpu) * 1000.0)
        del model
    times.sort()
    cpu.sort()
    print(json.dumps({"median_ms": times[len(times) // 2], "min_ms": times[0],
                      "cpu_median_ms": cpu[len(cpu) // 2],
                      "peak_rss_kb": rss_kb(), "baseline_rss_kb": baseline}))


def generate(path, nodes):
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper, TensorProto
    rng = np.random.default_rng(0)
    c = 8
    graph_nodes, inits = [], []
    current = "images"
    i = 0
    while len(graph_nodes) + 3 <= nodes:
        w = numpy_helper.from_array(rng.standard_normal((c, c, 3, 3)).astype(np.float32) * 0.05, f"w{i}")
        inits.append(w)
        graph_nodes.append(helper.make_node("Conv", [current, f"w{i}"], [f"conv{i}"], name=f"/block{i}/Conv", pads=[1, 1, 1, 1]))
        graph_nodes.append(helper.make_node("Relu", [f"conv{i}"], [f"relu{i}"], name=f"/block{i}/Relu"))
        graph_nodes.append(helper.make_node("Add", [f"relu{i}", current], [f"add{i}"], name=f"/block{i}/Add"))
        current = f"add{i}"
        i += 1
    while len(graph_nodes) < nodes:
        graph_nodes.append(helper.make_node("Relu", [current], [f"tail{len(graph_nodes)}"]))
        current = graph_nodes[-1].output[0]
    graph = helper.make_graph(graph_nodes, "chain",
                              [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, c, 32, 32])],
                              [helper.make_tensor_value_info(current, TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="mcw-bench")
    model.ir_version = 8
    onnx.save(model, path)


if __name__ == "__main__":
    if sys.argv[1] == "time":
        time_model(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit("usage: onnxload_bench.py time MODEL RUNS | generate PATH NODES")
