#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the small ONNX models of the graph view tests (and the 10k-node benchmark graph).

usage: make_viewgraph_models.py OUTDIR
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def save(model, path):
    onnx.checker.check_model(model)
    onnx.save(model, path)


def small_model():
    """Conv(+W,B) -> Relu -> Mul(Constant scalar) -> Add(Constant 4x1x1) -> two heads."""
    w = numpy_helper.from_array(np.arange(4 * 3 * 3 * 3, dtype=np.float32).reshape(4, 3, 3, 3) / 100.0,
                                "model.0.conv.weight")
    b = numpy_helper.from_array(np.array([0.0, 1.0, 2.0, 3.0], dtype=np.float32), "model.0.conv.bias")
    shape = numpy_helper.from_array(np.array([1, 4, -1], dtype=np.int64), "reshape_target")
    nodes = [
        helper.make_node("Conv", ["images", "model.0.conv.weight", "model.0.conv.bias"], ["/model.0/conv/Conv_output_0"],
                         name="/model.0/conv/Conv", kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1], group=1),
        helper.make_node("Relu", ["/model.0/conv/Conv_output_0"], ["/model.0/act/Relu_output_0"], name="/model.0/act/Relu"),
        helper.make_node("Constant", [], ["two"], name="const_two",
                         value=numpy_helper.from_array(np.array(2.5, dtype=np.float32))),
        helper.make_node("Mul", ["/model.0/act/Relu_output_0", "two"], ["scaled"], name="/model.1/Mul"),
        helper.make_node("Constant", [], ["offsets"], name="const_offsets",
                         value=numpy_helper.from_array(np.ones((4, 1, 1), dtype=np.float32))),
        helper.make_node("Add", ["scaled", "offsets"], ["shifted"], name="/model.1/Add"),
        helper.make_node("Reshape", ["shifted", "reshape_target"], ["flat"], name="/model.22/Reshape"),
        helper.make_node("Sigmoid", ["flat"], ["scores"], name="/model.22/Sigmoid"),
        helper.make_node("MaxPool", ["shifted"], ["pooled"], name="/model.2/MaxPool", kernel_shape=[2, 2], strides=[2, 2]),
    ]
    graph = helper.make_graph(
        nodes, "small",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 8, 8])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, [1, 4, 64]),
         helper.make_tensor_value_info("pooled", TensorProto.FLOAT, [1, 4, 4, 4])],
        [w, b, shape])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="viewgraph-test")


def branchy_model():
    """A chain a->b->c with a Split (two outputs) feeding two heads; for cut/pruning tests."""
    nodes = [
        helper.make_node("Relu", ["x"], ["a"], name="A"),
        helper.make_node("Split", ["a"], ["s0", "s1"], name="S", axis=1),
        helper.make_node("Sigmoid", ["s0"], ["h0"], name="H0"),
        helper.make_node("Tanh", ["s1"], ["h1"], name="H1"),
        helper.make_node("Add", ["h0", "h1"], ["sum"], name="Sum"),
        helper.make_node("Neg", ["sum"], ["y"], name="Tail"),
    ]
    graph = helper.make_graph(
        nodes, "branchy",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 2, 2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2, 2, 2])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="viewgraph-test")


def residual_model(count):
    """About `count` nodes: residual blocks (Conv, Relu, Add with skip) and periodic long skips."""
    channels = 8
    w = numpy_helper.from_array(np.zeros((channels, channels, 3, 3), dtype=np.float32), "w")
    nodes = []
    current = "input"
    anchor = current
    index = 0
    while len(nodes) + 3 <= count:
        conv = f"/blocks.{index}/conv"
        nodes.append(helper.make_node("Conv", [current, "w"], [conv + "_out"], name=conv, kernel_shape=[3, 3], pads=[1, 1, 1, 1]))
        nodes.append(helper.make_node("Relu", [conv + "_out"], [f"/blocks.{index}/relu_out"], name=f"/blocks.{index}/relu"))
        skip = anchor if index % 8 == 7 else current
        nodes.append(helper.make_node("Add", [f"/blocks.{index}/relu_out", skip], [f"/blocks.{index}/add_out"], name=f"/blocks.{index}/add"))
        current = f"/blocks.{index}/add_out"
        if index % 8 == 7:
            anchor = current
        index += 1
    graph = helper.make_graph(
        nodes, "residual",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, channels, 16, 16])],
        [helper.make_tensor_value_info(current, TensorProto.FLOAT, [1, channels, 16, 16])], [w])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="viewgraph-bench")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    save(small_model(), os.path.join(out, "small.onnx"))
    save(branchy_model(), os.path.join(out, "branchy.onnx"))
    if len(sys.argv) > 2 and sys.argv[2] == "--bench":
        save(residual_model(10000), os.path.join(out, "residual10k.onnx"))


if __name__ == "__main__":
    main()
