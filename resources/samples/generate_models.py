#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes Ultralytics-shaped ONNX models (and a small Softmax classifier) with random weights.

The graphs reproduce the node and tensor names that `yolo export format=onnx opset=17` gives
for YOLOv5s (v6/v7 head), YOLOv8n, YOLO11n and YOLO26n: the same backbone stages, channel
counts, head convolutions and post-processing tails, so that family detection, cut presets,
pre-flight shape checks and the graph view can be tested without downloading real weights.
Weights are small random values; only names, shapes and topology matter.

Usage: generate_models.py OUT_DIR [MODEL ...] [--nc N] [--imgsz H,W] [--suffix S]
  MODEL is one of: yolov5s yolov8n yolov8n-pose yolov8n-seg yolov8n-obb yolo11n yolo11n-pose
  yolo11n-seg yolo11n-obb yolo26n classifier (default: all of them).
Needs Debian's python3-onnx and python3-numpy (/usr/bin/python3).
"""

import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

COCO80 = [
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
    "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
    "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
    "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
    "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant",
    "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
    "teddy bear", "hair dryer", "toothbrush",
]
DOTA15 = [
    "plane", "ship", "storage tank", "baseball diamond", "tennis court", "basketball court",
    "ground track field", "harbor", "bridge", "large vehicle", "small vehicle", "helicopter",
    "roundabout", "soccer ball field", "swimming pool",
]


class GraphBuilder:
    """Accumulates nodes/initializers; names follow torch.onnx's '/scope/Op_N' convention."""

    def __init__(self, seed):
        self.nodes = []
        self.inits = []
        self.counters = {}
        self.rng = np.random.default_rng(seed)

    def _node_name(self, scope, op):
        key = (scope, op)
        n = self.counters.get(key, 0)
        self.counters[key] = n + 1
        return f"{scope}/{op}" if n == 0 else f"{scope}/{op}_{n}"

    def op(self, scope, op, inputs, n_out=1, out_names=None, **attrs):
        name = self._node_name(scope, op)
        outs = out_names or [f"{name}_output_{i}" for i in range(n_out)]
        self.nodes.append(helper.make_node(op, inputs, outs, name=name, **attrs))
        return outs[0] if n_out == 1 else outs

    def const(self, scope, value, dtype=np.int64):
        arr = np.array(value, dtype=dtype)
        name = self._node_name(scope, "Constant")
        out = f"{name}_output_0"
        self.nodes.append(helper.make_node("Constant", [], [out], name=name,
                                           value=numpy_helper.from_array(arr, out)))
        return out

    def init(self, name, shape, scale=0.05):
        arr = (self.rng.standard_normal(shape) * scale).astype(np.float32)
        self.inits.append(numpy_helper.from_array(arr, name))
        return name

    # --- Ultralytics building blocks ----------------------------------------------------------

    def conv(self, scope, x, c1, c2, k=1, s=1, p=None, g=1, act=True):
        """ultralytics.nn.modules.Conv with BN fused: Conv(+bias) then SiLU = Sigmoid*Mul."""
        p = k // 2 if p is None else p
        wname = scope.strip("/").replace("/", ".")
        w = self.init(f"{wname}.conv.weight", (c2, c1 // g, k, k))
        b = self.init(f"{wname}.conv.bias", (c2,))
        y = self.op(f"{scope}/conv", "Conv", [x, w, b], dilations=[1, 1], group=g,
                    kernel_shape=[k, k], pads=[p, p, p, p], strides=[s, s])
        if not act:
            return y
        sig = self.op(f"{scope}/act", "Sigmoid", [y])
        return self.op(f"{scope}/act", "Mul", [y, sig])

    def conv2d(self, scope, x, c1, c2, k=1):
        """A plain nn.Conv2d with bias (head output convs)."""
        wname = scope.strip("/").replace("/", ".")
        w = self.init(f"{wname}.weight", (c2, c1, k, k))
        b = self.init(f"{wname}.bias", (c2,))
        return self.op(scope, "Conv", [x, w, b], dilations=[1, 1], group=1,
                       kernel_shape=[k, k], pads=[k // 2] * 4, strides=[1, 1])

    def bottleneck(self, scope, x, c1, c2, shortcut, e=1.0, k=(3, 3)):
        c_ = int(c2 * e)
        y = self.conv(f"{scope}/cv1", x, c1, c_, k[0])
        y = self.conv(f"{scope}/cv2", y, c_, c2, k[1])
        return self.op(scope, "Add", [x, y]) if shortcut and c1 == c2 else y

    def c2f(self, scope, x, c1, c2, n, shortcut, e=0.5, inner=None):
        c = int(c2 * e)
        y = self.conv(f"{scope}/cv1", x, c1, 2 * c, 1)
        split = self.const(scope, [c, c])
        a, b = self.op(scope, "Split", [y, split], n_out=2, axis=1)
        parts = [a, b]
        for i in range(n):
            block = inner or (lambda s, t: self.bottleneck(s, t, c, c, shortcut, e=1.0))
            parts.append(block(f"{scope}/m.{i}", parts[-1]))
        cat = self.op(scope, "Concat", parts, axis=1)
        return self.conv(f"{scope}/cv2", cat, (2 + n) * c, c2, 1)

    def c3(self, scope, x, c1, c2, n, shortcut, e=0.5):
        c_ = int(c2 * e)
        a = self.conv(f"{scope}/cv1", x, c1, c_, 1)
        for i in range(n):
            a = self.bottleneck(f"{scope}/m/m.{i}", a, c_, c_, shortcut, e=1.0, k=(1, 3))
        b = self.conv(f"{scope}/cv2", x, c1, c_, 1)
        cat = self.op(scope, "Concat", [a, b], axis=1)
        return self.conv(f"{scope}/cv3", cat, 2 * c_, c2, 1)

    def c3k2(self, scope, x, c1, c2, n, c3k, e=0.5, shortcut=True):
        c = int(c2 * e)

        def inner(s, t):
            if not c3k:
                return self.bottleneck(s, t, c, c, shortcut, e=1.0)
            return self.c3(s, t, c, c, 2, shortcut)
        return self.c2f(scope, x, c1, c2, n, shortcut, e=e, inner=inner)

    def sppf(self, scope, x, c1, c2):
        c_ = c1 // 2
        y = self.conv(f"{scope}/cv1", x, c1, c_, 1)
        outs = [y]
        for i, sub in enumerate(["m", "m_1", "m_2"]):
            outs.append(self.op(f"{scope}/{sub}", "MaxPool", [outs[-1]], ceil_mode=0,
                                dilations=[1, 1], kernel_shape=[5, 5], pads=[2, 2, 2, 2],
                                strides=[1, 1]))
        cat = self.op(scope, "Concat", outs, axis=1)
        return self.conv(f"{scope}/cv2", cat, c_ * 4, c2, 1)

    def upsample(self, scope, x):
        scales = self.const(scope, [1.0, 1.0, 2.0, 2.0], np.float32)
        return self.op(scope, "Resize", [x, "", scales], coordinate_transformation_mode="asymmetric",
                       cubic_coeff_a=-0.75, mode="nearest", nearest_mode="floor")

    def concat(self, scope, xs):
        return self.op(scope, "Concat", xs, axis=1)

    def attention(self, scope, x, c, grid):
        """C2PSA's Attention: qkv conv, per-head MatMul + Softmax, positional conv, proj."""
        heads = max(1, c // 64)
        head_dim = c // heads
        key_dim = head_dim // 2
        n = grid[0] * grid[1]
        qkv = self.conv(f"{scope}/qkv", x, c, c + 2 * key_dim * heads, 1, act=False)
        r = self.op(scope, "Reshape", [qkv, self.const(scope, [1, heads, 2 * key_dim + head_dim, n])])
        split = self.const(scope, [key_dim, key_dim, head_dim])
        q, k, v = self.op(scope, "Split", [r, split], n_out=3, axis=2)
        qt = self.op(scope, "Transpose", [q], perm=[0, 1, 3, 2])
        attn = self.op(scope, "MatMul", [qt, k])
        attn = self.op(scope, "Mul", [attn, self.const(scope, np.float32(key_dim ** -0.5), np.float32)])
        attn = self.op(scope, "Softmax", [attn], axis=-1)
        at = self.op(scope, "Transpose", [attn], perm=[0, 1, 3, 2])
        out = self.op(scope, "MatMul", [v, at])
        image_shape = self.const(scope, [1, c, grid[0], grid[1]])
        out = self.op(scope, "Reshape", [out, image_shape])
        vr = self.op(scope, "Reshape", [v, image_shape])
        pe = self.conv(f"{scope}/pe", vr, c, c, 3, g=c, act=False)
        out = self.op(scope, "Add", [out, pe])
        return self.conv(f"{scope}/proj", out, c, c, 1, act=False)

    def c2psa(self, scope, x, c1, c2, grid):
        c = int(c1 * 0.5)
        y = self.conv(f"{scope}/cv1", x, c1, 2 * c, 1)
        split = self.const(scope, [c, c])
        a, b = self.op(scope, "Split", [y, split], n_out=2, axis=1)
        blk = f"{scope}/m/m.0"
        att = self.attention(f"{blk}/attn", b, c, grid)
        b = self.op(blk, "Add", [b, att])
        f = self.conv(f"{blk}/ffn/ffn.0", b, c, c * 2, 1)
        f = self.conv(f"{blk}/ffn/ffn.1", f, c * 2, c, 1, act=False)
        b = self.op(blk, "Add", [b, f])
        cat = self.op(scope, "Concat", [a, b], axis=1)
        return self.conv(f"{scope}/cv2", cat, 2 * c, c2, 1)


def grid_sizes(h, w):
    return [(h // s, w // s) for s in (8, 16, 32)]


def anchor_count(h, w):
    return sum(a * b for a, b in grid_sizes(h, w))


# --- heads ------------------------------------------------------------------------------------

def v8_box_class_branches(gb, head, feats, chans, nc, yolo11):
    """cv2 (box, 4*reg_max) and cv3 (class) per level, concatenated per level."""
    c2 = max(16, chans[0] // 4, 64)
    c3 = max(chans[0], min(nc, 100))
    levels = []
    for i, (x, ch) in enumerate(zip(feats, chans)):
        b = gb.conv(f"{head}/cv2.{i}/cv2.{i}.0", x, ch, c2, 3)
        b = gb.conv(f"{head}/cv2.{i}/cv2.{i}.1", b, c2, c2, 3)
        b = gb.conv2d(f"{head}/cv2.{i}/cv2.{i}.2", b, c2, 64)
        if yolo11:
            c = gb.conv(f"{head}/cv3.{i}/cv3.{i}.0/cv3.{i}.0.0", x, ch, ch, 3, g=ch)
            c = gb.conv(f"{head}/cv3.{i}/cv3.{i}.0/cv3.{i}.0.1", c, ch, c3, 1)
            c = gb.conv(f"{head}/cv3.{i}/cv3.{i}.1/cv3.{i}.1.0", c, c3, c3, 3, g=c3)
            c = gb.conv(f"{head}/cv3.{i}/cv3.{i}.1/cv3.{i}.1.1", c, c3, c3, 1)
        else:
            c = gb.conv(f"{head}/cv3.{i}/cv3.{i}.0", x, ch, c3, 3)
            c = gb.conv(f"{head}/cv3.{i}/cv3.{i}.1", c, c3, c3, 3)
        c = gb.conv2d(f"{head}/cv3.{i}/cv3.{i}.2", c, c3, nc)
        levels.append((b, c))
    return levels


def extra_branch(gb, head, feats, chans, tag, n_out):
    """cv4 per level (pose keypoints, seg mask coefficients, obb angle) → Reshape → Concat."""
    c4 = max(chans[0] // 4, n_out)
    outs = []
    for i, (x, ch) in enumerate(zip(feats, chans)):
        y = gb.conv(f"{head}/cv4.{i}/cv4.{i}.0", x, ch, c4, 3)
        y = gb.conv(f"{head}/cv4.{i}/cv4.{i}.1", y, c4, c4, 3)
        y = gb.conv2d(f"{head}/cv4.{i}/cv4.{i}.2", y, c4, n_out)
        shape = gb.const(head, [1, n_out, -1])
        outs.append(gb.op(head, "Reshape", [y, shape]))
    return gb.op(head, "Concat", outs, axis=2)  # '{head}/Concat' ([1, n_out, A])


def v8_detect_tail(gb, head, levels, nc, h, w, task):
    """Detect._inference: x_cat, Split box/cls, DFL, dist2bbox, strides, cls Sigmoid."""
    no = 64 + nc
    # Per-level head concats: YOLO11 detect names them Concat, Concat_1, Concat_2; every other
    # variant (YOLOv8 detect and all pose/seg/obb) uses Concat_1..3 (maixpy-mud.md §3.2).
    heads = []
    for b, c in levels:
        heads.append(gb.op(head, "Concat", [b, c], axis=1))
    flat = []
    for x in heads:
        shape = gb.const(head, [1, no, -1])
        flat.append(gb.op(head, "Reshape", [x, shape]))
    x_cat = gb.op(head, "Concat", flat, axis=2)
    split = gb.const(head, [64, nc])
    box, cls = gb.op(head, "Split", [x_cat, split], n_out=2, axis=1)
    a = anchor_count(h, w)
    dfl = f"{head}/dfl"
    s1 = gb.const(dfl, [1, 4, 16, a])
    y = gb.op(dfl, "Reshape", [box, s1])
    y = gb.op(dfl, "Transpose", [y], perm=[0, 2, 1, 3])
    y = gb.op(dfl, "Softmax", [y], axis=1)
    wdfl = np.arange(16, dtype=np.float32).reshape(1, 16, 1, 1)
    gb.inits.append(numpy_helper.from_array(wdfl, f"model.{head.split('.')[-1]}.dfl.conv.weight"))
    y = gb.op(f"{dfl}/conv", "Conv", [y, gb.inits[-1].name], dilations=[1, 1], group=1,
              kernel_shape=[1, 1], pads=[0, 0, 0, 0], strides=[1, 1])  # [1,1,4,A]
    s2 = gb.const(dfl, [1, 4, a])
    dist = gb.op(dfl, "Reshape", [y, s2])
    # dist2bbox with constant anchors and strides (as the export folds them)
    anchors = []
    strides = []
    for (gh, gw), s in zip(grid_sizes(h, w), (8, 16, 32)):
        sy, sx = np.meshgrid(np.arange(gh) + 0.5, np.arange(gw) + 0.5, indexing="ij")
        anchors.append(np.stack([sx.ravel(), sy.ravel()], 0))
        strides.append(np.full((1, gh * gw), s))
    anc = gb.const(head, np.concatenate(anchors, 1)[None].astype(np.float32), np.float32)
    lt_rb = gb.const(head, [2, 2])
    lt, rb = gb.op(head, "Split", [dist, lt_rb], n_out=2, axis=1)
    x1y1 = gb.op(head, "Sub", [anc, lt])
    x2y2 = gb.op(head, "Add", [anc, rb])
    cxy = gb.op(head, "Add", [x1y1, x2y2])
    two = gb.const(head, np.float32(2.0), np.float32)
    cxy = gb.op(head, "Div", [cxy, two])
    wh = gb.op(head, "Sub", [x2y2, x1y1])
    dbox = gb.op(head, "Concat", [cxy, wh], axis=1)
    st = gb.const(head, np.concatenate(strides, 1).astype(np.float32), np.float32)
    dbox = gb.op(head, "Mul", [dbox, st])
    return heads, dbox, cls


def neck(gb, first, p3, p4, p5, block, inputs):
    """The FPN + PAN neck both YOLOv8 and YOLO11 use, as layers first..first+11; `block` is C2f or
    C3k2 and `inputs` are the four blocks' input channels (they differ between the two)."""
    m = lambda i: f"/model.{first + i}"  # noqa: E731
    x = gb.upsample(m(0), p5)
    x = gb.concat(m(1), [x, p4])
    top = x = block(m(2), x, inputs[0], 128)
    x = gb.upsample(m(3), x)
    x = gb.concat(m(4), [x, p3])
    o3 = x = block(m(5), x, inputs[1], 64)
    x = gb.conv(m(6), x, 64, 64, 3, 2)
    x = gb.concat(m(7), [x, top])
    o4 = x = block(m(8), x, inputs[2], 128)
    x = gb.conv(m(9), x, 128, 128, 3, 2)
    x = gb.concat(m(10), [x, p5])
    return o3, o4, block(m(11), x, inputs[3], 256)


def build_detector(family, task, nc, h, w):
    yolo11 = family in ("yolo11", "yolo26")
    head_index = 22 if family == "yolov8" else 23
    gb = GraphBuilder(seed=hash((family, task)) & 0xFFFF)
    x = "images"
    if family == "yolov8":
        x = gb.conv("/model.0", x, 3, 16, 3, 2)
        x = gb.conv("/model.1", x, 16, 32, 3, 2)
        x = gb.c2f("/model.2", x, 32, 32, 1, True)
        x = gb.conv("/model.3", x, 32, 64, 3, 2)
        p3 = x = gb.c2f("/model.4", x, 64, 64, 2, True)
        x = gb.conv("/model.5", x, 64, 128, 3, 2)
        p4 = x = gb.c2f("/model.6", x, 128, 128, 2, True)
        x = gb.conv("/model.7", x, 128, 256, 3, 2)
        x = gb.c2f("/model.8", x, 256, 256, 1, True)
        p5 = x = gb.sppf("/model.9", x, 256, 256)
        o3, o4, o5 = neck(gb, 10, p3, p4, p5, lambda s, t, c1, c2: gb.c2f(s, t, c1, c2, 1, False),
                          (384, 192, 192, 384))
    else:
        x = gb.conv("/model.0", x, 3, 16, 3, 2)
        x = gb.conv("/model.1", x, 16, 32, 3, 2)
        x = gb.c3k2("/model.2", x, 32, 64, 1, False, e=0.25)
        x = gb.conv("/model.3", x, 64, 64, 3, 2)
        p3 = x = gb.c3k2("/model.4", x, 64, 128, 1, False, e=0.25)
        x = gb.conv("/model.5", x, 128, 128, 3, 2)
        p4 = x = gb.c3k2("/model.6", x, 128, 128, 1, True)
        x = gb.conv("/model.7", x, 128, 256, 3, 2)
        x = gb.c3k2("/model.8", x, 256, 256, 1, True)
        x = gb.sppf("/model.9", x, 256, 256)
        p5 = x = gb.c2psa("/model.10", x, 256, 256, (h // 32, w // 32))
        # Only YOLO11's last neck block (model.22) uses C3k inside C3k2.
        o3, o4, o5 = neck(gb, 11, p3, p4, p5,
                          lambda s, t, c1, c2: gb.c3k2(s, t, c1, c2, 1, c3k=(s == "/model.22")),
                          (384, 256, 192, 384))

    feats, chans = [o3, o4, o5], [64, 128, 256]
    head = f"/model.{head_index}"
    a = anchor_count(h, w)
    outputs = []

    if family == "yolo26":
        # NMS-free one2one head: per level a 4-channel box map and an nc-channel class map.
        boxes, classes = [], []
        c3 = max(64, min(nc, 100))
        for i, (x, ch) in enumerate(zip(feats, chans)):
            b = gb.conv(f"{head}/one2one_cv2.{i}/one2one_cv2.{i}.0", x, ch, 64, 3)
            b = gb.conv(f"{head}/one2one_cv2.{i}/one2one_cv2.{i}.1", b, 64, 64, 3)
            boxes.append(gb.conv2d(f"{head}/one2one_cv2.{i}/one2one_cv2.{i}.2", b, 64, 4))
            c = gb.conv(f"{head}/one2one_cv3.{i}/one2one_cv3.{i}.0/one2one_cv3.{i}.0.0", x, ch, ch,
                        3, g=ch)
            c = gb.conv(f"{head}/one2one_cv3.{i}/one2one_cv3.{i}.0/one2one_cv3.{i}.0.1", c, ch, c3, 1)
            classes.append(gb.conv2d(f"{head}/one2one_cv3.{i}/one2one_cv3.{i}.2", c, c3, nc))
        flat_b = [gb.op(head, "Reshape", [t, gb.const(head, [1, 4, -1])]) for t in boxes]
        flat_c = [gb.op(head, "Reshape", [t, gb.const(head, [1, nc, -1])]) for t in classes]
        box = gb.op(head, "Concat", flat_b, axis=2)
        cls = gb.op(head, "Concat", flat_c, axis=2)
        cls = gb.op(head, "Sigmoid", [cls])
        scores = gb.op(head, "ReduceMax", [cls], axes=[1], keepdims=0)
        k = gb.const(head, [300])
        top, idx = gb.op(head, "TopK", [scores, k], n_out=2, axis=-1, largest=1, sorted=1)
        boxt = gb.op(head, "Transpose", [box], perm=[0, 2, 1])
        idx3 = gb.op(head, "Unsqueeze", [idx, gb.const(head, [-1])])
        idx3 = gb.op(head, "Expand", [idx3, gb.const(head, [1, 300, 4])])
        sel = gb.op(head, "GatherElements", [boxt, idx3], axis=1)
        top3 = gb.op(head, "Unsqueeze", [top, gb.const(head, [-1])])
        lab = gb.op(head, "Cast", [gb.op(head, "Unsqueeze", [idx, gb.const(head, [-1])])],
                    to=TensorProto.FLOAT)
        gb.op(head, "Concat", [sel, top3, lab], axis=2, out_names=["output0"])
        outputs.append(("output0", [1, 300, 6]))
        return gb, outputs, {"task": "detect"}

    extra = None
    if task == "pose":
        extra = extra_branch(gb, head, feats, chans, "pose", 51)
    elif task == "seg":
        extra = extra_branch(gb, head, feats, chans, "seg", 32)
        # Proto: cv1 3x3, ConvTranspose x2, cv2 3x3, cv3 1x1 → output1 [1,32,H/4,W/4]
        p = gb.conv(f"{head}/proto/cv1", o3, 64, 64, 3)
        wt = gb.init(f"model.{head_index}.proto.upsample.weight", (64, 64, 2, 2))
        bt = gb.init(f"model.{head_index}.proto.upsample.bias", (64,))
        p = gb.op(f"{head}/proto/upsample", "ConvTranspose", [p, wt, bt], dilations=[1, 1],
                  group=1, kernel_shape=[2, 2], pads=[0, 0, 0, 0], strides=[2, 2])
        p = gb.conv(f"{head}/proto/cv2", p, 64, 64, 3)
        gb.conv(f"{head}/proto/cv3", p, 64, 32, 1)
        gb.nodes[-1].output[0] = "output1"  # the export names the prototype tensor output1
        outputs.append(("output1", [1, 32, h // 4, w // 4]))
    elif task == "obb":
        extra = extra_branch(gb, head, feats, chans, "obb", 1)
        angle = gb.op(head, "Sigmoid", [extra])  # '{head}/Sigmoid' [1,1,A]
        quarter = gb.const(head, np.float32(0.25), np.float32)
        angle = gb.op(head, "Sub", [angle, quarter])
        pi = gb.const(head, np.float32(np.pi), np.float32)
        extra = gb.op(head, "Mul", [angle, pi])

    if family == "yolov8" and task == "detect":
        # Reserve the plain 'Concat' name so the per-level heads become Concat_1..3.
        gb.counters[(head, "Concat")] = 1
    levels = v8_box_class_branches(gb, head, feats, chans, nc, yolo11)
    heads, dbox, cls = v8_detect_tail(gb, head, levels, nc, h, w, task)
    sig = gb.op(head, "Sigmoid", [cls])  # scheme 2 class tensor [1,nc,A]
    parts = [dbox, sig]
    if task in ("pose", "seg", "obb"):
        parts.append(extra)
    gb.op(head, "Concat", parts, axis=1, out_names=["output0"])
    extra_ch = {"detect": 0, "pose": 51, "seg": 32, "obb": 1}[task]
    outputs.insert(0, ("output0", [1, 4 + nc + extra_ch, a]))
    return gb, outputs, {"task": {"detect": "detect", "pose": "pose", "seg": "segment",
                                  "obb": "obb"}[task]}


def build_yolov5(nc, h, w):
    gb = GraphBuilder(seed=5)
    x = gb.conv("/model.0", "images", 3, 32, 6, 2, 2)
    x = gb.conv("/model.1", x, 32, 64, 3, 2)
    x = gb.c3("/model.2", x, 64, 64, 1, True)
    x = gb.conv("/model.3", x, 64, 128, 3, 2)
    p3 = x = gb.c3("/model.4", x, 128, 128, 2, True)
    x = gb.conv("/model.5", x, 128, 256, 3, 2)
    p4 = x = gb.c3("/model.6", x, 256, 256, 3, True)
    x = gb.conv("/model.7", x, 256, 512, 3, 2)
    x = gb.c3("/model.8", x, 512, 512, 1, True)
    x = gb.sppf("/model.9", x, 512, 512)
    h10 = x = gb.conv("/model.10", x, 512, 256, 1)
    x = gb.upsample("/model.11", x)
    x = gb.concat("/model.12", [x, p4])
    x = gb.c3("/model.13", x, 512, 256, 1, False)
    h14 = x = gb.conv("/model.14", x, 256, 128, 1)
    x = gb.upsample("/model.15", x)
    x = gb.concat("/model.16", [x, p3])
    o3 = x = gb.c3("/model.17", x, 256, 128, 1, False)
    x = gb.conv("/model.18", x, 128, 128, 3, 2)
    x = gb.concat("/model.19", [x, h14])
    o4 = x = gb.c3("/model.20", x, 256, 256, 1, False)
    x = gb.conv("/model.21", x, 256, 256, 3, 2)
    x = gb.concat("/model.22", [x, h10])
    o5 = gb.c3("/model.23", x, 512, 512, 1, False)
    no = nc + 5
    outs = []
    for i, (f, ch, (gh, gw)) in enumerate(zip([o3, o4, o5], [128, 256, 512], grid_sizes(h, w))):
        y = gb.conv2d(f"/model.24/m.{i}", f, ch, 3 * no)  # '/model.24/m.i/Conv_output_0'
        y = gb.op("/model.24", "Reshape", [y, gb.const("/model.24", [1, 3, no, gh, gw])])
        y = gb.op("/model.24", "Transpose", [y], perm=[0, 1, 3, 4, 2])
        y = gb.op("/model.24", "Sigmoid", [y])
        outs.append(gb.op("/model.24", "Reshape", [y, gb.const("/model.24", [1, -1, no])]))
    gb.op("/model.24", "Concat", outs, axis=1, out_names=["output0"])
    return gb, [("output0", [1, 3 * anchor_count(h, w), no])], {}


def build_classifier(nc, h, w):
    gb = GraphBuilder(seed=7)
    x = gb.conv("/features/features.0", "input", 3, 16, 3, 2)
    x = gb.conv("/features/features.1", x, 16, 32, 3, 2)
    x = gb.bottleneck("/features/features.2", x, 32, 32, True)
    x = gb.conv("/features/features.3", x, 32, 64, 3, 2)
    x = gb.op("/pool", "GlobalAveragePool", [x])
    x = gb.op("/flatten", "Flatten", [x], axis=1)
    wfc = gb.init("classifier.weight", (nc, 64))
    bfc = gb.init("classifier.bias", (nc,))
    x = gb.op("/classifier", "Gemm", [x, wfc, bfc], alpha=1.0, beta=1.0, transB=1)
    gb.op("/softmax", "Softmax", [x], axis=1, out_names=["output"])
    return gb, [("output", [1, nc])], {}


def finish(gb, input_name, h, w, outputs, family, task_meta, nc, names):
    inputs = [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, [1, 3, h, w])]
    outs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in outputs]
    graph = helper.make_graph(gb.nodes, "main_graph" if family != "classifier" else "classifier",
                              inputs, outs, initializer=gb.inits)
    model = helper.make_model(graph, producer_name="pytorch", producer_version="2.5.1",
                              opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    if family != "classifier":
        meta = {
            "description": f"Ultralytics {family} model (workbench test double, random weights)",
            "author": "Ultralytics", "version": "8.3.240", "license": "AGPL-3.0 License",
            "stride": "32", "batch": "1", "imgsz": f"[{h}, {w}]",
            "names": "{" + ", ".join(f"{i}: '{n}'" for i, n in enumerate(names)) + "}",
        }
        meta.update(task_meta)
        for k, v in meta.items():
            entry = model.metadata_props.add()
            entry.key, entry.value = k, v
    onnx.checker.check_model(model)
    return model


def class_names(task, nc):
    base = DOTA15 if task == "obb" else COCO80
    return [base[i] if i < len(base) else f"class{i}" for i in range(nc)]


def build(name, nc, h, w):
    if name == "classifier":
        gb, outputs, meta = build_classifier(nc or 10, h or 224, w or 224)
        return finish(gb, "input", h or 224, w or 224, outputs, "classifier", meta, nc, [])
    if name == "yolov5s":
        nc = nc or 80
        h, w = h or 640, w or 640
        gb, outputs, meta = build_yolov5(nc, h, w)
        return finish(gb, "images", h, w, outputs, "yolov5", {"task": "detect"}, nc,
                      class_names("detect", nc))
    family, _, task = name.partition("-")
    family = {"yolov8n": "yolov8", "yolo11n": "yolo11", "yolo26n": "yolo26"}[family]
    task = task or "detect"
    default_nc = {"detect": 80, "pose": 1, "seg": 80, "obb": 15}[task]
    nc = nc or default_nc
    h, w = h or 640, w or 640
    gb, outputs, meta = build_detector(family, task, nc, h, w)
    return finish(gb, "images", h, w, outputs, family, meta, nc, class_names(task, nc))


ALL = ["yolov5s", "yolov8n", "yolov8n-pose", "yolov8n-seg", "yolov8n-obb", "yolo11n",
       "yolo11n-pose", "yolo11n-seg", "yolo11n-obb", "yolo26n", "classifier"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("models", nargs="*", default=ALL)
    parser.add_argument("--nc", type=int, default=0, help="class count (default per task)")
    parser.add_argument("--imgsz", default="", help="H,W (default 640,640; classifier 224,224)")
    parser.add_argument("--suffix", default="", help="appended to each output file name")
    args = parser.parse_args()
    h = w = 0
    if args.imgsz:
        h, w = (int(v) for v in args.imgsz.split(","))
    os.makedirs(args.out_dir, exist_ok=True)
    for name in args.models:
        if name not in ALL:
            sys.exit(f"generate_models.py: unknown model '{name}' (choose from {', '.join(ALL)})")
        model = build(name, args.nc, h, w)
        path = os.path.join(args.out_dir, f"{name}{args.suffix}.onnx")
        tmp = path + ".tmp"
        onnx.save(model, tmp)
        os.replace(tmp, path)


if __name__ == "__main__":
    main()
