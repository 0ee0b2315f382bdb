#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the small ONNX models the pre-flight and cut tests use.

The heads follow the Ultralytics / YOLOv5 export structure (names included) at a tiny input
size, so the tests check shapes the way real models produce them. Usage: makemodels.py OUTDIR
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


class Builder:
    def __init__(self, h, w, channels=3, dynamic=False):
        self.nodes, self.inits, self.h, self.w = [], [], h, w
        dims = ["batch", channels, "height", "width"] if dynamic else [1, channels, h, w]
        self.inputs = [helper.make_tensor_value_info("images", TensorProto.FLOAT, dims)]
        self.count = 0

    def init(self, name, array):
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(self, op, inputs, name, **attrs):
        out = name + "_output_0"
        self.nodes.append(helper.make_node(op, inputs, [out], name=name, **attrs))
        return out

    def conv(self, x, cin, cout, stride, name):
        w = self.init(name + ".weight", np.full((cout, cin, stride, stride), 0.01, np.float32))
        return self.node("Conv", [x, w], name, kernel_shape=[stride, stride], strides=[stride, stride])

    def reshape(self, x, shape, name):
        s = self.init(name + ".shape", np.array(shape, np.int64))
        return self.node("Reshape", [x, s], name)

    def model(self, outputs, path, metadata=None):
        graph = helper.make_graph(self.nodes, "g", self.inputs,
                                  [helper.make_tensor_value_info(o, TensorProto.FLOAT, None) for o in outputs],
                                  self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="makemodels")
        m.ir_version = 8
        for k, v in (metadata or {}).items():
            m.metadata_props.add(key=k, value=v)
        inferred = onnx.shape_inference.infer_shapes(m)
        known = {vi.name: vi for vi in list(inferred.graph.value_info) + list(inferred.graph.output)}
        for o in m.graph.output:
            if known.get(o.name) is not None and known[o.name].type.tensor_type.HasField("shape"):
                o.type.CopyFrom(known[o.name].type)
        onnx.checker.check_model(m)
        onnx.save(m, path)


def ultralytics(path, task="detect", nc=80, h=64, w=96, head="/model.22"):
    b = Builder(h, w)
    heads, extras = [], []
    for i, s in enumerate((8, 16, 32)):
        box = b.conv("images", 3, 64, s, f"{head}/cv2.{i}/Conv")
        cls = b.conv("images", 3, nc, s, f"{head}/cv3.{i}/Conv")
        heads.append(b.node("Concat", [box, cls], f"{head}/Concat_{i + 1}", axis=1))
        if task in ("pose", "seg", "obb"):
            c = {"pose": 51, "seg": 32, "obb": 1}[task]
            e = b.conv("images", 3, c, s, f"{head}/cv4.{i}/Conv")
            extras.append(b.reshape(e, [1, c, -1], f"{head}/Reshape_e{i}"))
    flat = [b.reshape(x, [1, 64 + nc, -1], f"{head}/Reshape_{i}") for i, x in enumerate(heads)]
    cat = b.node("Concat", flat, f"{head}/Concat_4", axis=2)
    split = b.init(f"{head}/split", np.array([64, nc], np.int64))
    b.nodes.append(helper.make_node("Split", [cat, split], [f"{head}/Split_output_0", f"{head}/Split_output_1"],
                                    name=f"{head}/Split", axis=1))
    a = (h // 8) * (w // 8) + (h // 16) * (w // 16) + (h // 32) * (w // 32)
    d = b.reshape(f"{head}/Split_output_0", [1, 4, 16, a], f"{head}/dfl/Reshape")
    d = b.node("Transpose", [d], f"{head}/dfl/Transpose", perm=[0, 2, 1, 3])
    d = b.node("Softmax", [d], f"{head}/dfl/Softmax", axis=1)
    dfl = b.conv(d, 16, 1, 1, f"{head}/dfl/conv/Conv")
    boxes = b.reshape(dfl, [1, 4, a], f"{head}/dfl/Reshape_1")
    cls_name = f"{head}/Sigmoid_1" if task == "obb" else f"{head}/Sigmoid"
    scores = b.node("Sigmoid", [f"{head}/Split_output_1"], cls_name)
    parts = [boxes, scores]
    if extras:
        extra = b.node("Concat", extras, f"{head}/Concat", axis=2)
        if task == "obb":
            extra = b.node("Sigmoid", [extra], f"{head}/Sigmoid")
        parts.append(extra)
    out = b.node("Concat", parts, f"{head}/Concat_5", axis=1)
    b.nodes[-1].output[0] = "output0"
    outputs = ["output0"]
    if task == "seg":
        proto = b.conv("images", 3, 32, 4, "/model.22/proto/Conv")
        b.nodes.append(helper.make_node("Identity", [proto], ["output1"], name="proto_out"))
        outputs.append("output1")
    names = "{" + ", ".join(f"{i}: 'class{i}'" for i in range(nc)) + "}"
    b.model(outputs, path, {"names": names, "task": task})


def yolo11_flattened(path, h=96, w=96):
    """A newer Ultralytics YOLO11 head as in MaixPy#208 (96×96, 1 class): the per-scale heads are
    concatenated across scales, so /model.23/Concat*_output_0 are [1,64,189], [1,1,189], [1,4,189]."""
    b = Builder(h, w)
    parts = {64: [], 1: [], 4: []}
    for i, s in enumerate((8, 16, 32)):
        for c in parts:
            x = b.conv("images", 3, c, s, f"/model.23/cv{c}.{i}/Conv")
            parts[c].append(b.reshape(x, [1, c, -1], f"/model.23/Reshape_{c}_{i}"))
    outs = [b.node("Concat", parts[64], "/model.23/Concat", axis=2),
            b.node("Concat", parts[1], "/model.23/Concat_1", axis=2),
            b.node("Concat", parts[4], "/model.23/Concat_2", axis=2)]
    b.model(outs, path)


def yolov5(path, nc=80, h=64, w=96, swap=False):
    b = Builder(h, w)
    outs = []
    strides = (32, 16, 8) if swap else (8, 16, 32)
    for i, s in enumerate(strides):
        c = b.conv("images", 3, 3 * (5 + nc), s, f"/model.24/m.{i}/Conv")
        r = b.reshape(c, [1, 3, 5 + nc, -1], f"/model.24/Reshape_{i}")
        outs.append(b.node("Sigmoid", [r], f"/model.24/Sigmoid_{i}"))
    b.node("Concat", outs, "/model.24/Concat", axis=3)
    b.nodes[-1].output[0] = "output0"
    b.model(["output0"], path)


def classifier(path, nc=10, h=32, w=32, dynamic=False, channels=3):
    b = Builder(h, w, channels, dynamic)
    c = b.conv("images", channels, 8, 2, "/features/Conv")
    p = b.node("GlobalAveragePool", [c], "/pool/GlobalAveragePool")
    f = b.node("Flatten", [p], "/Flatten", axis=1)
    wt = b.init("fc.weight", np.full((nc, 8), 0.1, np.float32))
    g = b.node("Gemm", [f, wt], "/fc/Gemm", transB=1)
    b.node("Softmax", [g], "/Softmax", axis=1)
    b.nodes[-1].output[0] = "probs"
    b.model(["probs"], path)


def unrecognised(path, h=32, w=32):
    b = Builder(h, w)
    b.conv("images", 3, 8, 2, "/features/Conv")
    b.nodes[-1].output[0] = "features"
    b.model(["features"], path)


def classifier_nhwc(path, nc=10, h=256, w=256):
    """Channels-last input as tf2onnx and MediaPipe export it (1xHxWx3), transposed inside."""
    b = Builder(h, w)
    b.inputs = [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, h, w, 3])]
    t = b.node("Transpose", ["images"], "/Transpose", perm=[0, 3, 1, 2])
    c = b.conv(t, 3, 8, 2, "/features/Conv")
    p = b.node("GlobalAveragePool", [c], "/pool/GlobalAveragePool")
    f = b.node("Flatten", [p], "/Flatten", axis=1)
    wt = b.init("fc.weight", np.full((nc, 8), 0.1, np.float32))
    g = b.node("Gemm", [f, wt], "/fc/Gemm", transB=1)
    b.node("Softmax", [g], "/Softmax", axis=1)
    b.nodes[-1].output[0] = "probs"
    b.model(["probs"], path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n + ".onnx")
    ultralytics(p("v8_detect"))
    ultralytics(p("v8_detect_nc4"), nc=4)
    ultralytics(p("v8_pose"), task="pose", nc=1)
    ultralytics(p("v8_pose_nc3"), task="pose", nc=3)
    ultralytics(p("v8_seg"), task="seg", nc=80)
    ultralytics(p("v8_obb"), task="obb", nc=15)
    ultralytics(p("v11_detect_128x64"), nc=80, h=128, w=64, head="/model.23")
    yolo11_flattened(p("v11_flattened_96x96"))
    yolov5(p("v5"))
    yolov5(p("v5_swapped"), swap=True)
    classifier(p("classifier"))
    classifier(p("classifier_dynamic"), dynamic=True)
    classifier(p("classifier_gray"), channels=1)
    classifier_nhwc(p("classifier_nhwc"))
    unrecognised(p("unrecognised"))


if __name__ == "__main__":
    main()
