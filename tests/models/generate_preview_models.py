#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes crafted head models for the preview decoder tests (tests/core/preview).

Usage: generate_preview_models.py OUTDIR

Each model takes an image [1,3,256,256] and returns the tensors a MaixPy decoder reads, with the
ONNX names and shapes of Ultralytics exports cut at the MaixCAM presets. The values are
constants that encode known objects (box, class, score, keypoints, mask, angle): every output
is `zero-weight Conv(image) + constant`, so OpenCV computes it like a real head. Next to each
model, NAME.expected.json holds the objects a MaixCDK decoder must report, computed here from
the ground truth with the published formulas (Ultralytics dist2bbox / dist2rbox, YOLOv5 v6
box formula), for two images: one of the input size (no resize) and a 512x256 one letterboxed
into the input (scale 0.5, bars of 64 px above and below). The images are written as PPM.

Needs Debian's python3-onnx and python3-numpy (/usr/bin/python3).
"""
import json
import math
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save

H = W = 256
STRIDES = (8, 16, 32)
GRIDS = [(H // s, W // s) for s in STRIDES]
A = sum(h * w for h, w in GRIDS)
REG_MAX = 16
LOW = -10.0  # a logit far below every threshold


def logit(p):
    return math.log(p / (1.0 - p))


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


class Builder:
    def __init__(self, name, channels=3):
        self.name = name
        self.channels = channels
        self.nodes = []
        self.inits = []
        self.outputs = []
        self.count = 0

    def _uid(self, base):
        self.count += 1
        return f"{base}_{self.count}"

    def const_map(self, values, out_name=None, weights=None):
        """zero Conv(image) with stride s + constant [1,C,h,w] -> a tensor OpenCV computes.
        \a weights [C, channels, s, s] make it depend on the image instead."""
        c, h, w = values.shape[1:]
        s = H // h
        wname = self._uid("zero_w")
        cname = self._uid("const")
        if weights is None:
            weights = np.zeros((c, self.channels, s, s), np.float32)
        self.inits.append(numpy_helper.from_array(weights.astype(np.float32), wname))
        self.inits.append(numpy_helper.from_array(values.astype(np.float32), cname))
        conv = self._uid("zero_conv")
        self.nodes.append(helper.make_node("Conv", ["images", wname], [conv], name=conv,
                                           kernel_shape=[s, s], strides=[s, s]))
        out = out_name or self._uid("map")
        self.nodes.append(helper.make_node("Add", [conv, cname], [out], name=out + "_add"))
        return out

    def per_anchor(self, values, out_name):
        """values [C, A] -> tensor [1,C,A] built per stride like the Ultralytics heads."""
        parts = []
        start = 0
        for h, w in GRIDS:
            block = values[:, start:start + h * w].reshape(1, -1, h, w)
            start += h * w
            m = self.const_map(block)
            shape = self._uid("shape")
            self.inits.append(numpy_helper.from_array(np.array([1, values.shape[0], h * w], np.int64), shape))
            r = self._uid("flat")
            self.nodes.append(helper.make_node("Reshape", [m, shape], [r], name=r))
            parts.append(r)
        self.nodes.append(helper.make_node("Concat", parts, [out_name], name=out_name + "_concat", axis=2))
        return out_name

    def reshape(self, x, shape, out_name):
        sname = self._uid("shape")
        self.inits.append(numpy_helper.from_array(np.array(shape, np.int64), sname))
        self.nodes.append(helper.make_node("Reshape", [x, sname], [out_name], name=out_name + "_reshape"))
        return out_name

    def transpose(self, x, perm, out_name):
        self.nodes.append(helper.make_node("Transpose", [x], [out_name], name=out_name + "_transpose", perm=perm))
        return out_name

    def output(self, name, shape):
        self.outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))

    def save(self, out_dir):
        graph = helper.make_graph(self.nodes, self.name,
                                  [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, self.channels, H, W])],
                                  self.outputs, self.inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="mcw-preview-tests")
        m.ir_version = 8
        save(m, os.path.join(out_dir, self.name + ".onnx"))


def anchor_of(level, ax, ay):
    start = sum(h * w for h, w in GRIDS[:level])
    return start + ay * GRIDS[level][1] + ax


# --- ground truth -------------------------------------------------------------------------------
# Objects: (level, ax, ay, class, score, (l, t, r, b) in grid units). B overlaps A (same class,
# IoU > 0.45) and must be suppressed; C overlaps A with another class and stays.
OBJECTS = [
    dict(level=1, ax=5, ay=6, cls=2, score=0.9, ltrb=(2, 2, 3, 1)),
    dict(level=1, ax=6, ay=6, cls=2, score=0.8, ltrb=(3, 2, 2, 1)),
    dict(level=1, ax=5, ay=7, cls=0, score=0.7, ltrb=(2, 3, 3, 0)),
    dict(level=0, ax=20, ay=3, cls=1, score=0.6, ltrb=(1, 1, 2, 2)),
    dict(level=2, ax=4, ay=4, cls=1, score=0.95, ltrb=(3, 2, 2, 3)),
]
NC = 3


def box_of(o):
    s = STRIDES[o["level"]]
    l, t, r, b = o["ltrb"]
    x = (o["ax"] + 0.5 - l) * s
    y = (o["ay"] + 0.5 - t) * s
    return [x, y, (o["ax"] + 0.5 + r) * s - x, (o["ay"] + 0.5 + b) * s - y]


def iou(a, b):
    wi = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    hi = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    inter = max(wi, 0) * max(hi, 0)
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def nms(objs, thr=0.45):
    objs = sorted(objs, key=lambda o: -o["score"])
    kept = []
    for o in objs:
        if all(k["class_id"] != o["class_id"] or iou(k["box"], o["box"]) <= thr for k in kept):
            kept.append(o)
    return kept


def clip(box, w, h):
    x, y, bw, bh = box
    if x < 0:
        bw += x
        x = 0
    if y < 0:
        bh += y
        y = 0
    bw = min(bw, w - x)
    bh = min(bh, h - y)
    return [x, y, bw, bh]


# The letterboxed image: 512x256 into 256x256 -> scale 0.5, bars of 64 px at top and bottom.
LB_W, LB_H, LB_SCALE, LB_PAD_Y = 512, 256, 0.5, 64.0


def to_letterbox_source(o):
    x, y, w, h = o["box"]
    out = dict(o)
    out["box"] = clip([x / LB_SCALE, (y - LB_PAD_Y) / LB_SCALE, w / LB_SCALE, h / LB_SCALE], LB_W, LB_H)
    if "keypoints" in o:
        # The device stores keypoints as ints: truncated toward zero.
        out["keypoints"] = [[-1, -1] if p == [-1, -1] else [float(int(p[0] / LB_SCALE)), float(int((p[1] - LB_PAD_Y) / LB_SCALE))]
                            for p in o["keypoints"]]
    return out


def expected(objs):
    return {"identity": objs, "letterbox": [to_letterbox_source(o) for o in objs]}


def detections(labels, with_classes=True):
    out = []
    for o in OBJECTS:
        d = {"class_id": o["cls"], "label": labels[o["cls"]], "score": o["score"], "box": box_of(o)}
        out.append(d)
    return [dict(d, box=clip(d["box"], W, H)) for d in nms(out)]


LABELS = ["cat", "dog", "bird"]


def dfl_logits(ltrb):
    """[64] logits whose softmax expectation per side is the integer distance."""
    v = np.full((4, REG_MAX), -20.0, np.float32)
    for k, d in enumerate(ltrb):
        v[k, d] = 20.0
    return v.reshape(-1)


def scheme1_maps(nc, objects, low=LOW):
    maps = []
    for level, (h, w) in enumerate(GRIDS):
        m = np.zeros((1, 64 + nc, h, w), np.float32)
        m[0, :64] = np.tile(dfl_logits((1, 1, 1, 1))[:, None, None], (1, h, w))
        m[0, 64:] = low
        for o in objects:
            if o["level"] == level:
                m[0, :64, o["ay"], o["ax"]] = dfl_logits(o["ltrb"])
                m[0, 64 + o["cls"], o["ay"], o["ax"]] = logit(o["score"])
        maps.append(m)
    return maps


def scheme2_tensors(nc, objects):
    dist = np.ones((4, A), np.float32)
    prob = np.full((nc, A), 0.01, np.float32)
    for o in objects:
        a = anchor_of(o["level"], o["ax"], o["ay"])
        dist[:, a] = o["ltrb"]
        prob[o["cls"], a] = o["score"]
    return dist, prob


def write_ppm(path, w, h, seed):
    rng = np.random.default_rng(seed)
    img = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (w, h))
        f.write(img.tobytes())


def yolov8_detect(out_dir, scheme, nhwc=False):
    name = f"preview_yolov8_detect_s{scheme}" + ("_nhwc" if nhwc else "")
    b = Builder(name)
    if scheme == 1:
        for i, m in enumerate(scheme1_maps(NC, OBJECTS)):
            out = f"/model.22/Concat_{i + 1}_output_0"
            if nhwc:
                b.const_map(m, out + "_nchw")
                b.transpose(out + "_nchw", [0, 2, 3, 1], out)
                b.output(out, [1, m.shape[2], m.shape[3], m.shape[1]])
            else:
                b.const_map(m, out)
                b.output(out, list(m.shape))
    else:
        dist, prob = scheme2_tensors(NC, OBJECTS)
        b.per_anchor(dist, "dfl_flat")
        b.reshape("dfl_flat", [1, 1, 4, A], "/model.22/dfl/conv/Conv_output_0")
        b.per_anchor(prob, "/model.22/Sigmoid_output_0")
        b.output("/model.22/dfl/conv/Conv_output_0", [1, 1, 4, A])
        b.output("/model.22/Sigmoid_output_0", [1, NC, A])
    b.save(out_dir)
    return name, dict(model_type="yolov8", task="detector", labels=LABELS, expected=expected(detections(LABELS)))


POSE_K = 17


def pose_objects():
    # One class ("person"); A suppresses B; keypoints on the grid in steps of 1/8 (exact floats).
    objs = [dict(level=1, ax=5, ay=6, cls=0, score=0.9, ltrb=(2, 2, 3, 1)),
            dict(level=1, ax=6, ay=6, cls=0, score=0.8, ltrb=(3, 2, 2, 1)),
            dict(level=2, ax=4, ay=4, cls=0, score=0.95, ltrb=(3, 2, 2, 3))]
    for n, o in enumerate(objs):
        kp = []
        for k in range(POSE_K):
            raw_x = ((k % 5) - 2) * 0.125 + n * 0.25
            raw_y = ((k // 5) - 1) * 0.125
            visible = k % 4 != 3
            kp.append((raw_x, raw_y, 5.0 if visible else -5.0))
        o["kp"] = kp
    return objs


def pose_expected(objs, labels):
    dets = []
    for o in objs:
        s = STRIDES[o["level"]]
        points = []
        for raw_x, raw_y, v in o["kp"]:
            if sigmoid(v) > 0.5:
                points.append([float(int((raw_x * 2 + o["ax"]) * s)), float(int((raw_y * 2 + o["ay"]) * s))])
            else:
                points.append([-1, -1])
        dets.append({"class_id": 0, "label": labels[0], "score": o["score"], "box": box_of(o), "keypoints": points})
    return [dict(d, box=clip(d["box"], W, H)) for d in nms(dets)]


def kp_tensor(objs):
    kp = np.zeros((3 * POSE_K, A), np.float32)
    kp[2::3] = -5.0
    for o in objs:
        a = anchor_of(o["level"], o["ax"], o["ay"])
        for k, (x, y, v) in enumerate(o["kp"]):
            kp[3 * k, a], kp[3 * k + 1, a], kp[3 * k + 2, a] = x, y, v
    return kp


def yolo11_pose(out_dir, scheme):
    name = f"preview_yolo11_pose_s{scheme}"
    b = Builder(name)
    objs = pose_objects()
    if scheme == 1:
        for i, m in enumerate(scheme1_maps(1, objs)):
            out = f"/model.23/Concat_{i + 1}_output_0"
            b.const_map(m, out)
            b.output(out, list(m.shape))
    else:
        dist, prob = scheme2_tensors(1, objs)
        b.per_anchor(dist, "dfl_flat")
        b.reshape("dfl_flat", [1, 1, 4, A], "/model.23/dfl/conv/Conv_output_0")
        b.output("/model.23/dfl/conv/Conv_output_0", [1, 1, 4, A])
        b.per_anchor(prob, "/model.23/Sigmoid_output_0")
        b.output("/model.23/Sigmoid_output_0", [1, 1, A])
    b.per_anchor(kp_tensor(objs), "/model.23/Concat_output_0")
    b.output("/model.23/Concat_output_0", [1, 3 * POSE_K, A])
    b.save(out_dir)
    labels = ["person"]
    return name, dict(model_type="yolo11", task="pose", labels=labels, expected=expected(pose_expected(objs, labels)))


def seg_model(out_dir, scheme):
    name = f"preview_yolov8_seg_s{scheme}"
    b = Builder(name)
    objs = [dict(level=1, ax=5, ay=6, cls=1, score=0.9, ltrb=(2, 2, 3, 1)),
            dict(level=2, ax=5, ay=5, cls=0, score=0.8, ltrb=(2, 2, 2, 2))]
    coeff = np.zeros((32, A), np.float32)
    for o in objs:
        coeff[0, anchor_of(o["level"], o["ax"], o["ay"])] = 1.0
    # Prototype 0: +10 inside a rectangle of the 64x64 mask grid, -10 elsewhere.
    mh, mw = H // 4, W // 4
    proto = np.full((1, 32, mh, mw), 0.0, np.float32)
    proto[0, 0] = -10.0
    rx0, ry0, rx1, ry1 = 20, 22, 40, 30
    proto[0, 0, ry0:ry1, rx0:rx1] = 10.0
    if scheme == 1:
        for i, m in enumerate(scheme1_maps(2, objs)):
            out = f"/model.22/Concat_{i + 1}_output_0"
            b.const_map(m, out)
            b.output(out, list(m.shape))
    else:
        dist, prob = scheme2_tensors(2, objs)
        b.per_anchor(dist, "dfl_flat")
        b.reshape("dfl_flat", [1, 1, 4, A], "/model.22/dfl/conv/Conv_output_0")
        b.output("/model.22/dfl/conv/Conv_output_0", [1, 1, 4, A])
        b.per_anchor(prob, "/model.22/Sigmoid_output_0")
        b.output("/model.22/Sigmoid_output_0", [1, 2, A])
    b.per_anchor(coeff, "/model.22/Concat_output_0")
    b.output("/model.22/Concat_output_0", [1, 32, A])
    b.const_map(proto, "output1")
    b.output("output1", [1, 32, mh, mw])
    b.save(out_dir)
    labels = ["car", "bus"]
    dets = []
    for o in objs:
        box = clip(box_of(o), W, H)
        x0, y0 = int(box[0] * mw / W), int(box[1] * mh / H)
        x1, y1 = int((box[0] + box[2]) * mw / W), int((box[1] + box[3]) * mh / H)
        inside = max(0, min(x1, rx1) - max(x0, rx0)) * max(0, min(y1, ry1) - max(y0, ry0))
        dets.append({"class_id": o["cls"], "label": labels[o["cls"]], "score": o["score"], "box": box,
                     "mask": {"width": x1 - x0, "height": y1 - y0, "pixels_inside": inside}})
    dets = nms(dets)
    return name, dict(model_type="yolov8", task="seg", labels=labels, expected=expected(dets))


def obb_model(out_dir, scheme):
    name = f"preview_yolo11_obb_s{scheme}"
    b = Builder(name)
    objs = [dict(level=1, ax=7, ay=8, cls=1, score=0.9, ltrb=(2, 1, 4, 3), theta=math.pi / 6),
            dict(level=2, ax=3, ay=4, cls=0, score=0.85, ltrb=(2, 2, 2, 2), theta=-math.pi / 8)]
    raw_angle = np.full((1, A), logit(0.25) if scheme == 1 else 0.25, np.float32)
    for o in objs:
        units = o["theta"] / math.pi + 0.25
        raw_angle[0, anchor_of(o["level"], o["ax"], o["ay"])] = logit(units) if scheme == 1 else units
    if scheme == 1:
        for i, m in enumerate(scheme1_maps(2, objs)):
            out = f"/model.23/Concat_{i + 1}_output_0"
            b.const_map(m, out)
            b.output(out, list(m.shape))
        b.per_anchor(raw_angle, "/model.23/Concat_output_0")
        b.output("/model.23/Concat_output_0", [1, 1, A])
    else:
        dist, prob = scheme2_tensors(2, objs)
        b.per_anchor(dist, "dfl_flat")
        b.reshape("dfl_flat", [1, 1, 4, A], "/model.23/dfl/conv/Conv_output_0")
        b.output("/model.23/dfl/conv/Conv_output_0", [1, 1, 4, A])
        b.per_anchor(prob, "/model.23/Sigmoid_1_output_0")
        b.output("/model.23/Sigmoid_1_output_0", [1, 2, A])
        b.per_anchor(raw_angle, "/model.23/Sigmoid_output_0")
        b.output("/model.23/Sigmoid_output_0", [1, 1, A])
    b.save(out_dir)
    labels = ["ship", "plane"]
    dets = []
    for o in objs:
        # Ultralytics dist2rbox: centre offset rotated by theta, size l+r by t+b.
        s = STRIDES[o["level"]]
        l, t, r, bt = o["ltrb"]
        c, sn = math.cos(o["theta"]), math.sin(o["theta"])
        xf, yf = (r - l) / 2, (bt - t) / 2
        cx = (xf * c - yf * sn + o["ax"] + 0.5) * s
        cy = (xf * sn + yf * c + o["ay"] + 0.5) * s
        w, h = (l + r) * s, (t + bt) * s
        dets.append({"class_id": o["cls"], "label": labels[o["cls"]], "score": o["score"],
                     "box": clip([cx - w / 2, cy - h / 2, w, h], W, H), "angle": o["theta"] / math.pi})
    return name, dict(model_type="yolo11", task="obb", labels=labels, expected=expected(nms(dets)))


V5_ANCHORS = [10, 13, 16, 30, 33, 23, 30, 61, 62, 45, 59, 119, 116, 90, 156, 198, 373, 326]


def yolov5_model(out_dir):
    name = "preview_yolov5"
    b = Builder(name)
    nc = 2
    # (level, anchor, x, y, cls, obj, cls_p, sx, sy, sw, sh): sigmoid outputs chosen directly.
    objs = [(1, 0, 5, 6, 1, 0.95, 0.9, 0.75, 0.5, 0.6, 0.7),
            (2, 2, 3, 2, 0, 0.9, 0.95, 0.25, 0.5, 0.5, 0.4)]
    labels = ["apple", "pear"]
    dets = []
    for level, (h, w) in enumerate(GRIDS):
        m = np.full((1, 3 * (5 + nc), h, w), LOW, np.float32)
        for (lv, a, x, y, c, obj, cp, sx, sy, sw, sh) in objs:
            if lv != level:
                continue
            base = a * (5 + nc)
            for k, p in enumerate((sx, sy, sw, sh)):
                m[0, base + k, y, x] = logit(p)
            m[0, base + 4, y, x] = logit(obj)
            m[0, base + 5 + c, y, x] = logit(cp)
            stride = STRIDES[level]
            aw, ah = V5_ANCHORS[(level * 3 + a) * 2], V5_ANCHORS[(level * 3 + a) * 2 + 1]
            bw, bh = (sw * 2) ** 2 * aw, (sh * 2) ** 2 * ah
            cx, cy = (sx * 2 + x - 0.5) * stride, (sy * 2 + y - 0.5) * stride
            dets.append({"class_id": c, "label": labels[c], "score": obj * cp,
                         "box": clip([cx - bw / 2, cy - bh / 2, bw, bh], W, H)})
        # Names sort in stride order, as the device needs.
        out = f"/model.24/m.{level}/Conv_output_0"
        b.const_map(m, out)
        b.output(out, list(m.shape))
    b.save(out_dir)
    return name, dict(model_type="yolov5", task="", labels=labels, anchors=V5_ANCHORS, expected=expected(nms(dets)))


def yolo26_model(out_dir):
    name = "preview_yolo26"
    b = Builder(name)
    nc = 3
    objs = [dict(level=0, ax=10, ay=12, cls=2, score=0.9, ltrb=(1.5, 2.0, 2.5, 1.0)),
            dict(level=2, ax=2, ay=5, cls=0, score=0.7, ltrb=(1.0, 1.0, 1.0, 2.0)),
            # logit below the device's -0.2 floor: dropped even with a low threshold
            dict(level=1, ax=3, ay=3, cls=1, score=0.44, ltrb=(1, 1, 1, 1))]
    labels = ["a", "b", "c"]
    outs = []
    for level, (h, w) in enumerate(GRIDS):
        box = np.ones((1, 4, h, w), np.float32)
        cls = np.full((1, nc, h, w), LOW, np.float32)
        for o in objs:
            if o["level"] == level:
                box[0, :, o["ay"], o["ax"]] = o["ltrb"]
                cls[0, o["cls"], o["ay"], o["ax"]] = logit(o["score"])
        bname = f"/model.23/one2one_cv2.{level}/one2one_cv2.{level}.2/Conv_output_0"
        cname = f"/model.23/one2one_cv3.{level}/one2one_cv3.{level}.2/Conv_output_0"
        b.const_map(box, bname)
        b.const_map(cls, cname)
        outs.append((bname, list(box.shape)))
        outs.append((cname, list(cls.shape)))
    for n, s in outs[0::2] + outs[1::2]:  # boxes first, then classes, like the preset
        b.output(n, s)
    b.save(out_dir)
    dets = []
    for o in objs:
        if logit(o["score"]) < -0.2 or o["score"] <= 0.5:
            continue
        s = STRIDES[o["level"]]
        l, t, r, bt = o["ltrb"]
        x = max(0.0, (o["ax"] + 0.5) * s - l * s)
        y = max(0.0, (o["ay"] + 0.5) * s - t * s)
        dets.append({"class_id": o["cls"], "label": labels[o["cls"]], "score": o["score"],
                     "box": [x, y, min((l + r) * s, W - x), min((t + bt) * s, H - y)]})
    return name, dict(model_type="yolo26", task="", labels=labels, expected=expected(dets))


def classifier_model(out_dir):
    name = "preview_classifier"
    b = Builder(name)
    nc = 10
    logits = np.array([0.5, 3.0, -1.0, 2.5, 0.0, 1.0, 4.0, -2.0, 2.0, 0.25], np.float32)
    b.const_map(logits.reshape(1, nc, 1, 1), "logits_map")
    b.reshape("logits_map", [1, nc], "logits")
    b.output("logits", [1, nc])
    b.save(out_dir)
    p = np.exp(logits - logits.max())
    p /= p.sum()
    order = np.argsort(-p, kind="stable")[:5]
    labels = [f"label{i}" for i in range(nc)]
    classes = [{"class_id": int(i), "label": labels[i], "score": float(p[i])} for i in order]
    return name, dict(model_type="classifier", task="", labels=labels, classes=classes)


def unsupported_model(out_dir):
    """A Mod node, which OpenCV 4.6 has no layer for: the preview must name it and its op."""
    b = Builder("preview_unsupported_mod")
    b.const_map(np.zeros((1, 4, 32, 32), np.float32), "feature")
    b.inits.append(numpy_helper.from_array(np.full((1, 4, 32, 32), 3.0, np.float32), "divisor"))
    b.nodes.append(helper.make_node("Mod", ["feature", "divisor"], ["remainder"], name="head/Mod", fmod=1))
    b.output("remainder", [1, 4, 32, 32])
    b.save(out_dir)


def gray_classifier_model(out_dir):
    """A one-channel input (MaixPy's gray input_type, like the built-in face_emotion.mud)."""
    b = Builder("preview_gray_classifier", channels=1)
    b.const_map(np.zeros((1, 4, 1, 1), np.float32), "logits_map")
    b.reshape("logits_map", [1, 4], "logits")
    b.output("logits", [1, 4])
    b.save(out_dir)


def mean_sensitive_model(out_dir):
    """One object whose class logit is 20 * (mean input value of its 32x32 cell) - 10: with the
    right preprocessing (0..1) a white cell gives a sure detection; a wrong mean (127.5 with
    scale 1/255 -> -0.5..0.5) brings the score down to 0.5 and MaixPy's threshold hides it."""
    b = Builder("preview_mean_sensitive")
    obj = dict(level=2, ax=3, ay=3, cls=0, score=0.5, ltrb=(1, 1, 1, 1))
    for i, m in enumerate(scheme1_maps(1, [obj], low=-40.0)):
        weights = None
        if i == 2:
            m[0, 64, obj["ay"], obj["ax"]] = -10.0
            weights = np.zeros((m.shape[1], 3, 32, 32), np.float32)
            weights[64] = 20.0 / (3 * 32 * 32)
        out = f"/model.22/Concat_{i + 1}_output_0"
        b.const_map(m, out, weights)
        b.output(out, list(m.shape))
    b.save(out_dir)
    img = np.zeros((H, W, 3), np.uint8)
    img[96:128, 96:128] = 255
    with open(os.path.join(out_dir, "preview_white_cell.ppm"), "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (W, H))
        f.write(img.tobytes())


def write_npz(path, arrays):
    np.savez(path, **arrays)


def int8_run(out_dir):
    """A run folder of preview_yolov8_detect_s2 as tpu-mlir leaves it with a test image and
    --debug, whose INT8 outputs differ from FP32 by design: A shifted (IoU 0.8), C unchanged, D
    class changed, E missed, one extra object."""
    name = "preview_yolov8_detect_s2"
    run = os.path.join(out_dir, name + "_run")
    os.makedirs(run, exist_ok=True)
    rng = np.random.default_rng(3)
    write_npz(os.path.join(run, name + "_in_f32.npz"),
              {"images": rng.random((1, 3, H, W), dtype=np.float32)})
    objs = [dict(o) for o in OBJECTS]
    objs[0]["ltrb"] = (2, 2, 2, 1)  # A: 80 -> 64 px wide, IoU 0.8 with FP32
    objs[3]["cls"] = 0              # D: class 1 -> 0
    del objs[4]                     # E: gone
    objs.append(dict(level=2, ax=1, ay=1, cls=0, score=0.75, ltrb=(1, 1, 1, 1)))  # extra
    dist, prob = scheme2_tensors(NC, objs)
    write_npz(os.path.join(run, name + "_cv181x_int8_sym_tpu_outputs.npz"),
              {"/model.22/dfl/conv/Conv_output_0_Conv": dist.reshape(1, 1, 4, A),
               "/model.22/Sigmoid_output_0_Sigmoid": prob.reshape(1, NC, A)})
    # A folder run (what model_runner leaves per image in RUN/preview): image a unchanged by
    # INT8, image b with the differences above.
    folder = os.path.join(run, "preview")
    os.makedirs(folder, exist_ok=True)
    same_dist, same_prob = scheme2_tensors(NC, OBJECTS)
    for stem, (d, p) in {"a": (same_dist, same_prob), "b": (dist, prob)}.items():
        write_npz(os.path.join(folder, stem + "_in_f32.npz"), {"images": rng.random((1, 3, H, W), dtype=np.float32)})
        write_npz(os.path.join(folder, stem + "_int8_outputs.npz"),
                  {"/model.22/dfl/conv/Conv_output_0_Conv": d.reshape(1, 1, 4, A),
                   "/model.22/Sigmoid_output_0_Sigmoid": p.reshape(1, NC, A)})
    fp32 = {d["label"] + str(d["box"]): d for d in detections(LABELS)}
    a = box_of(OBJECTS[0])
    a8 = box_of(objs[0])
    expected_counts = {"matched": 1, "shifted": 1, "class_changed": 1, "missed": 1, "extra": 1,
                       "mean_iou": (1.0 + iou(a, a8) + 1.0) / 3}
    with open(os.path.join(run, "expected.json"), "w") as f:
        json.dump({"counts": expected_counts, "fp32_detections": len(fp32)}, f, indent=1)


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    cases = [yolov8_detect(out_dir, 1), yolov8_detect(out_dir, 2), yolov8_detect(out_dir, 1, nhwc=True),
             yolo11_pose(out_dir, 1), yolo11_pose(out_dir, 2), seg_model(out_dir, 1), seg_model(out_dir, 2),
             obb_model(out_dir, 1), obb_model(out_dir, 2), yolov5_model(out_dir), yolo26_model(out_dir),
             classifier_model(out_dir)]
    for name, spec in cases:
        spec["input_shape"] = [1, 3, H, W]
        with open(os.path.join(out_dir, name + ".expected.json"), "w") as f:
            json.dump(spec, f, indent=1)
    int8_run(out_dir)
    unsupported_model(out_dir)
    gray_classifier_model(out_dir)
    mean_sensitive_model(out_dir)
    write_ppm(os.path.join(out_dir, "preview_identity.ppm"), W, H, 1)
    write_ppm(os.path.join(out_dir, "preview_letterbox.ppm"), LB_W, LB_H, 2)


if __name__ == "__main__":
    main()
