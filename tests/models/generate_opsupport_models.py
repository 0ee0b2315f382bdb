#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes small ONNX models for the operator-support tests (tests/core/opsupport).

Usage: generate_opsupport_models.py OUTDIR

Each model contains nodes of one support class on CV18xx (see tpu-mlir-ops.md), behind a
small Conv backbone whose output tensor is called "feat":
  frontend.onnx    Mish and the opset-20 Gelu (not accepted by tpu-mlir's ONNX frontend)
  target.onnx      Round, Mod, Greater and NonMaxSuppression (no CV18xx lowering)
  cpu.onnx         TopK (indices unused) and GridSample (CPU layers)
  bf16.onnx        Softmax and LayerNormalization (BF16 under INT8)
  conditions.onnx  Resize/Pad/Gather/Equal/TopK conditions and folded shape arithmetic
  tail.onnx        one op of every class, all after "feat" (for the cut tests)
  input_round.onnx Round reading the model input (no cut can leave it to the CPU)
  mish_inside.onnx Mish between two Convs (inside the network, not post-processing)
Needs Debian's python3-onnx (run with /usr/bin/python3). Weights are deterministic.
"""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save, shape_inference

RNG = np.random.default_rng(9)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def backbone(channels=8):
    """x [1,3,16,16] -> Conv -> Relu -> feat [1,channels,16,16]."""
    inits = [const("conv_w", RNG.standard_normal((channels, 3, 3, 3)).astype(np.float32)),
             const("conv_b", np.zeros(channels, np.float32))]
    nodes = [helper.make_node("Conv", ["x", "conv_w", "conv_b"], ["conv_out"], name="conv",
                              pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["conv_out"], ["feat"], name="relu")]
    return nodes, inits


def model(path, nodes, inits, outputs, opset=13, extra_inputs=()):
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])]
    inputs += list(extra_inputs)
    outs = [helper.make_tensor_value_info(o[0], o[1], o[2] if len(o) > 2 else None) for o in outputs]
    graph = helper.make_graph(nodes, os.path.basename(path)[:-5], inputs, outs, inits)
    # No checker: opset 20 is beyond libonnx 1.12, the workbench loader accepts up to 23.
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                          producer_name="mcw-opsupport-tests")
    m.ir_version = 8
    if opset <= 18:
        # Give the outputs their inferred shapes (the checker wants a shape on every output).
        inferred = shape_inference.infer_shapes(m, data_prop=True)
        known = {v.name: v for v in list(inferred.graph.value_info) + list(inferred.graph.output)}
        for o in m.graph.output:
            if not o.type.tensor_type.HasField("shape") and o.name in known \
                    and known[o.name].type.tensor_type.HasField("shape"):
                o.type.CopyFrom(known[o.name].type)
    save(m, path)


F = TensorProto.FLOAT


def frontend(out):
    nodes, inits = backbone()
    nodes += [helper.make_node("Mish", ["feat"], ["mish_out"], name="mish"),
              helper.make_node("Gelu", ["mish_out"], ["gelu_out"], name="gelu")]
    model(f"{out}/frontend.onnx", nodes, inits, [("gelu_out", F)], opset=20)


def target_ops():
    """Round, Mod, Greater and NonMaxSuppression fed by feat (NMS via boxes/scores)."""
    inits = [const("two", np.array(2.0, np.float32)),
             const("half", np.array(0.5, np.float32)),
             const("flat_shape", np.array([1, 8, 256], np.int64)),
             const("box_starts", np.array([0], np.int64)), const("box_ends", np.array([4], np.int64)),
             const("score_starts", np.array([4], np.int64)),
             const("score_ends", np.array([6], np.int64)),
             const("axis1", np.array([1], np.int64)),
             const("max_out", np.array([10], np.int64)),
             const("iou", np.array([0.5], np.float32)), const("score_th", np.array([0.2], np.float32))]
    nodes = [helper.make_node("Round", ["feat"], ["round_out"], name="round"),
             helper.make_node("Mod", ["feat", "two"], ["mod_out"], name="mod", fmod=1),
             helper.make_node("Greater", ["feat", "half"], ["greater_out"], name="greater"),
             helper.make_node("Reshape", ["feat", "flat_shape"], ["flat"], name="flatten"),
             helper.make_node("Slice", ["flat", "box_starts", "box_ends", "axis1"], ["box_cf"],
                              name="slice_boxes"),
             helper.make_node("Transpose", ["box_cf"], ["boxes"], name="boxes_t", perm=[0, 2, 1]),
             helper.make_node("Slice", ["flat", "score_starts", "score_ends", "axis1"], ["scores"],
                              name="slice_scores"),
             helper.make_node("NonMaxSuppression", ["boxes", "scores", "max_out", "iou", "score_th"],
                              ["selected"], name="nms")]
    outputs = [("round_out", F), ("mod_out", F), ("greater_out", TensorProto.BOOL),
               ("selected", TensorProto.INT64)]
    return nodes, inits, outputs


def target(out):
    nodes, inits = backbone()
    n, i, o = target_ops()
    model(f"{out}/target.onnx", nodes + n, inits + i, o)


def cpu(out):
    nodes, inits = backbone()
    inits += [const("k", np.array([3], np.int64)),
              const("grid", RNG.uniform(-1, 1, (1, 4, 4, 2)).astype(np.float32))]
    nodes += [helper.make_node("TopK", ["feat", "k"], ["topk_values", "topk_indices"], name="topk",
                               axis=3),
              helper.make_node("GridSample", ["feat", "grid"], ["sampled"], name="grid_sample")]
    model(f"{out}/cpu.onnx", nodes, inits, [("topk_values", F), ("sampled", F)], opset=16)


def bf16(out):
    nodes, inits = backbone()
    inits += [const("ln_scale", np.ones(16, np.float32)), const("ln_bias", np.zeros(16, np.float32))]
    nodes += [helper.make_node("Softmax", ["feat"], ["softmax_out"], name="softmax", axis=1),
              helper.make_node("LayerNormalization", ["softmax_out", "ln_scale", "ln_bias"],
                               ["ln_out"], name="layernorm", axis=-1)]
    model(f"{out}/bf16.onnx", nodes, inits, [("ln_out", F)], opset=17)


def conditions(out):
    nodes, inits = backbone()
    inits += [
        const("scales_x2", np.array([1, 1, 2, 2], np.float32)),
        const("scales_x15", np.array([1, 1, 1.5, 1.5], np.float32)),
        const("pads", np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64)),
        const("idx_scalar", np.array(2, np.int64)),
        const("idx_even", np.array([0, 2, 4], np.int64)),
        const("idx_uneven", np.array([0, 3, 1], np.int64)),
        const("table", RNG.standard_normal((10, 4)).astype(np.float32)),
        const("zero", np.array(0.0, np.float32)),
        const("one", np.array(1.0, np.float32)),
        const("k", np.array([3], np.int64)),
        const("idx0", np.array(0, np.int64)),
        const("minus1", np.array([-1], np.int64)),
        const("axes0", np.array([0], np.int64)),
    ]
    nodes += [
        helper.make_node("Resize", ["feat", "", "scales_x2"], ["up_nearest"], name="resize_nearest",
                         mode="nearest"),
        helper.make_node("Resize", ["feat", "", "scales_x15"], ["up_linear"], name="resize_linear",
                         mode="linear", coordinate_transformation_mode="asymmetric"),
        helper.make_node("Resize", ["feat", "", "dyn_scales"], ["up_dynamic"], name="resize_dynamic",
                         mode="nearest"),
        helper.make_node("Pad", ["feat", "pads"], ["pad_c"], name="pad_constant", mode="constant"),
        helper.make_node("Pad", ["feat", "pads"], ["pad_r"], name="pad_reflect", mode="reflect"),
        helper.make_node("Gather", ["feat", "idx_scalar"], ["g_scalar"], name="gather_scalar", axis=1),
        helper.make_node("Gather", ["feat", "idx_even"], ["g_even"], name="gather_even", axis=1),
        helper.make_node("Gather", ["feat", "idx_uneven"], ["g_uneven"], name="gather_uneven", axis=1),
        helper.make_node("Gather", ["table", "ids"], ["g_embed"], name="gather_embedding", axis=0),
        helper.make_node("Equal", ["feat", "zero"], ["eq0"], name="equal_zero"),
        helper.make_node("Equal", ["feat", "one"], ["eq1"], name="equal_one"),
        helper.make_node("TopK", ["feat", "k"], ["tk_v", "tk_i"], name="topk_indices_used", axis=3),
        # Shape arithmetic on static shapes: folded by tpu-mlir, so the Reshape gets a constant.
        helper.make_node("Shape", ["feat"], ["feat_shape"], name="shape"),
        helper.make_node("Gather", ["feat_shape", "idx0"], ["batch"], name="shape_gather", axis=0),
        helper.make_node("Unsqueeze", ["batch", "axes0"], ["batch1"], name="shape_unsqueeze"),
        helper.make_node("Concat", ["batch1", "minus1"], ["flat_shape"], name="shape_concat", axis=0),
        helper.make_node("Reshape", ["feat", "flat_shape"], ["flat"], name="reshape"),
        helper.make_node("Cast", ["flat"], ["flat_cast"], name="cast", to=TensorProto.FLOAT),
        helper.make_node("Identity", ["flat_cast"], ["flat_id"], name="identity"),
    ]
    extra = [helper.make_tensor_value_info("dyn_scales", F, [4]),
             helper.make_tensor_value_info("ids", TensorProto.INT64, [5])]
    outputs = [(n, F) for n in ("up_nearest", "up_linear", "up_dynamic", "pad_c", "pad_r",
                                "g_scalar", "g_even", "g_uneven", "g_embed", "tk_v")]
    outputs += [("flat_id", F, [1, 2048])]
    outputs += [("eq0", TensorProto.BOOL), ("eq1", TensorProto.BOOL), ("tk_i", TensorProto.INT64)]
    model(f"{out}/conditions.onnx", nodes, inits, outputs, opset=13, extra_inputs=extra)


def tail(out):
    """Every class after feat: with the cut at feat nothing unsupported remains."""
    nodes, inits = backbone()
    n, i, o = target_ops()
    nodes += n
    inits += i + [const("k", np.array([3], np.int64))]
    nodes += [helper.make_node("TopK", ["feat", "k"], ["topk_values", "topk_indices"], name="topk",
                               axis=3),
              helper.make_node("Softmax", ["feat"], ["softmax_out"], name="softmax", axis=1),
              helper.make_node("Mish", ["feat"], ["mish_out"], name="mish")]
    o += [("topk_values", F), ("softmax_out", F), ("mish_out", F, [1, 8, 16, 16])]
    model(f"{out}/tail.onnx", nodes, inits, o, opset=18)


def input_round(out):
    nodes, inits = backbone()
    nodes.append(helper.make_node("Round", ["x"], ["rounded"], name="round_input"))
    model(f"{out}/input_round.onnx", nodes, inits, [("feat", F), ("rounded", F)])


def mish_inside(out):
    nodes, inits = backbone()
    inits.append(const("conv2_w", RNG.standard_normal((4, 8, 1, 1)).astype(np.float32)))
    nodes += [helper.make_node("Mish", ["feat"], ["mish_out"], name="mish"),
              helper.make_node("Conv", ["mish_out", "conv2_w"], ["out"], name="conv2")]
    model(f"{out}/mish_inside.onnx", nodes, inits, [("out", F, [1, 4, 16, 16])], opset=18)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for generate in (frontend, target, cpu, bf16, conditions, tail, input_round,
                     mish_inside):
        generate(out)


if __name__ == "__main__":
    main()
