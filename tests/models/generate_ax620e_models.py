#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the ONNX model for the AX620E (Pulsar2, MaixCAM2) operator-limit tests.

Usage: generate_ax620e_models.py OUTDIR

ax620e_limits.onnx: a small Conv backbone ("feat" [1,8,16,16]) feeding one branch per limit of
Pulsar2's AX620E operator list (pulsar2-docs-en source/appendix/op_support_list_ax620e.md, see
maixcam2.md §7). Every branch output is a graph output, and each node is named after what it
shows: "bad_*" nodes break one limit, "ok_*" nodes are the allowed form next to them, and
"unlisted_*" nodes use ops the list does not have. Needs Debian's python3-onnx.
"""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save

RNG = np.random.default_rng(20)
F = TensorProto.FLOAT


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    inits = [const("conv_w", RNG.standard_normal((8, 3, 3, 3)).astype(np.float32)),
             const("conv_b", np.zeros(8, np.float32)),
             const("w8", RNG.standard_normal((8, 8, 3, 3)).astype(np.float32)),
             const("wt8", RNG.standard_normal((8, 8, 2, 2)).astype(np.float32)),
             const("scales2", np.array([1, 1, 2, 2], np.float32)),
             const("scales15", np.array([1, 1, 1.5, 1.5], np.float32)),
             const("idx1d", np.array([0, 2], np.int64)),
             const("idx2d", np.array([[0, 1], [2, 3]], np.int64)),
             const("flat_shape", np.array([1, 2048], np.int64)),
             const("gemm_b", RNG.standard_normal((2048, 4)).astype(np.float32)),
             const("gemm_c", np.zeros(4, np.float32)),
             const("pads", np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64)),
             const("two", np.array(2.0, np.float32)),
             const("ln_scale_w", np.ones(16, np.float32)),
             const("ln_scale_c", np.ones((8, 16, 16), np.float32)),
             const("seq_shape", np.array([16, 1, 128], np.int64)),
             const("batch_shape", np.array([1, 16, 128], np.int64)),
             const("lstm_w", RNG.standard_normal((1, 16, 128)).astype(np.float32)),
             const("lstm_r", RNG.standard_normal((1, 16, 4)).astype(np.float32)),
             const("nms_boxes_shape", np.array([1, 512, 4], np.int64)),
             const("nms_scores_shape", np.array([1, 4, 512], np.int64)),
             const("reduce_axes", np.array([1], np.int64))]
    n = helper.make_node
    nodes = [n("Conv", ["x", "conv_w", "conv_b"], ["conv_out"], name="conv", pads=[1, 1, 1, 1]),
             n("Relu", ["conv_out"], ["feat"], name="relu")]
    outputs = []

    def branch(node):
        nodes.append(node)
        outputs.append(node.output[0])

    # auto_pad must be NOTSET (Conv, ConvTranspose, pools).
    branch(n("Conv", ["feat", "w8"], ["bad_conv_auto_pad"], name="bad_conv_auto_pad", auto_pad="SAME_UPPER"))
    branch(n("Conv", ["feat", "w8"], ["ok_conv"], name="ok_conv", pads=[1, 1, 1, 1]))
    # AveragePool counts padded cells only (count_include_pad 1); without padding it does not matter.
    branch(n("AveragePool", ["feat"], ["bad_avgpool_exclude_pad"], name="bad_avgpool_exclude_pad",
             kernel_shape=[3, 3], pads=[1, 1, 1, 1]))
    branch(n("AveragePool", ["feat"], ["ok_avgpool_include_pad"], name="ok_avgpool_include_pad",
             kernel_shape=[3, 3], pads=[1, 1, 1, 1], count_include_pad=1))
    branch(n("AveragePool", ["feat"], ["ok_avgpool_no_pad"], name="ok_avgpool_no_pad",
             kernel_shape=[2, 2], strides=[2, 2]))
    # MaxPool dilation 1; ConvTranspose dilation 1 and no output_shape.
    branch(n("MaxPool", ["feat"], ["bad_maxpool_dilated"], name="bad_maxpool_dilated",
             kernel_shape=[3, 3], pads=[2, 2, 2, 2], dilations=[2, 2]))
    branch(n("MaxPool", ["feat"], ["ok_maxpool"], name="ok_maxpool", kernel_shape=[3, 3], pads=[1, 1, 1, 1]))
    branch(n("ConvTranspose", ["feat", "wt8"], ["bad_convtranspose_dilated"], name="bad_convtranspose_dilated",
             strides=[2, 2], dilations=[2, 2]))
    branch(n("ConvTranspose", ["feat", "wt8"], ["bad_convtranspose_output_shape"],
             name="bad_convtranspose_output_shape", strides=[2, 2], output_shape=[32, 32]))
    branch(n("ConvTranspose", ["feat", "wt8"], ["ok_convtranspose"], name="ok_convtranspose", strides=[2, 2]))
    # Resize: nearest or linear; nearest with round_prefer_ceil (integer upsampling as in YOLO necks).
    branch(n("Resize", ["feat", "", "scales2"], ["bad_resize_cubic"], name="bad_resize_cubic", mode="cubic"))
    branch(n("Resize", ["feat", "", "scales15"], ["bad_resize_nearest_floor"], name="bad_resize_nearest_floor",
             mode="nearest", nearest_mode="floor"))
    branch(n("Resize", ["feat", "", "scales15"], ["ok_resize_nearest_ceil"], name="ok_resize_nearest_ceil",
             mode="nearest", nearest_mode="round_prefer_ceil"))
    branch(n("Resize", ["feat", "", "scales2"], ["ok_resize_yolo_upsample"], name="ok_resize_yolo_upsample",
             mode="nearest", nearest_mode="floor", coordinate_transformation_mode="asymmetric"))
    branch(n("Resize", ["feat", "", "scales15"], ["ok_resize_linear"], name="ok_resize_linear", mode="linear"))
    # Gather with 1-D indices only.
    branch(n("Gather", ["feat", "idx2d"], ["bad_gather_2d_indices"], name="bad_gather_2d_indices", axis=1))
    branch(n("Gather", ["feat", "idx1d"], ["ok_gather"], name="ok_gather", axis=1))
    # Gemm without alpha/beta.
    nodes.append(n("Reshape", ["feat", "flat_shape"], ["flat"], name="flatten"))
    branch(n("Gemm", ["flat", "gemm_b", "gemm_c"], ["bad_gemm_alpha"], name="bad_gemm_alpha", alpha=0.5))
    branch(n("Gemm", ["flat", "gemm_b", "gemm_c"], ["bad_gemm_beta"], name="bad_gemm_beta", beta=2.0))
    branch(n("Gemm", ["flat", "gemm_b", "gemm_c"], ["ok_gemm"], name="ok_gemm"))
    # Pad constant only.
    branch(n("Pad", ["feat", "pads"], ["bad_pad_reflect"], name="bad_pad_reflect", mode="reflect"))
    branch(n("Pad", ["feat", "pads"], ["ok_pad"], name="ok_pad"))
    # Pow with a scalar initializer exponent.
    branch(n("Pow", ["feat", "feat"], ["bad_pow_tensor_exponent"], name="bad_pow_tensor_exponent"))
    branch(n("Pow", ["feat", "two"], ["ok_pow"], name="ok_pow"))
    # Cast targets without int64.
    branch(n("Cast", ["feat"], ["bad_cast_int64"], name="bad_cast_int64", to=TensorProto.INT64))
    branch(n("Cast", ["feat"], ["ok_cast_int32"], name="ok_cast_int32", to=TensorProto.INT32))
    # LayerNormalization / LpNormalization over the last axis only.
    branch(n("LayerNormalization", ["feat", "ln_scale_c"], ["bad_layernorm_axis1"], name="bad_layernorm_axis1", axis=1))
    branch(n("LayerNormalization", ["feat", "ln_scale_w"], ["ok_layernorm"], name="ok_layernorm"))
    branch(n("LayerNormalization", ["feat", "ln_scale_w"], ["ok_layernorm_axis3"], name="ok_layernorm_axis3", axis=3))
    branch(n("LpNormalization", ["feat"], ["bad_lpnorm_axis1"], name="bad_lpnorm_axis1", axis=1))
    # DepthToSpace DCR only.
    branch(n("DepthToSpace", ["feat"], ["bad_depthtospace_crd"], name="bad_depthtospace_crd", blocksize=2, mode="CRD"))
    branch(n("DepthToSpace", ["feat"], ["ok_depthtospace"], name="ok_depthtospace", blocksize=2))
    # ArgMax select_last_index 0.
    branch(n("ArgMax", ["feat"], ["bad_argmax_last_index"], name="bad_argmax_last_index", axis=1, select_last_index=1))
    branch(n("ArgMax", ["feat"], ["ok_argmax"], name="ok_argmax", axis=1))
    # ReduceSum without noop_with_empty_axes.
    branch(n("ReduceSum", ["feat", "reduce_axes"], ["bad_reducesum_noop"], name="bad_reducesum_noop",
             noop_with_empty_axes=1))
    # LSTM: layout 0, no clip, default activations.
    nodes.append(n("Reshape", ["feat", "seq_shape"], ["seq"], name="to_sequence"))
    nodes.append(n("Reshape", ["feat", "batch_shape"], ["batch_first"], name="to_batch_first"))
    branch(n("LSTM", ["batch_first", "lstm_w", "lstm_r"], ["bad_lstm_layout1"], name="bad_lstm_layout1",
             hidden_size=4, layout=1))
    branch(n("LSTM", ["seq", "lstm_w", "lstm_r"], ["bad_lstm_clip"], name="bad_lstm_clip", hidden_size=4, clip=1.0))
    branch(n("LSTM", ["seq", "lstm_w", "lstm_r"], ["ok_lstm"], name="ok_lstm", hidden_size=4))
    # Reshape / Expand need constant shapes ("shapefn failed").
    branch(n("Reshape", ["feat", "runtime_shape"], ["bad_reshape_runtime_shape"], name="bad_reshape_runtime_shape"))
    branch(n("Expand", ["feat", "runtime_shape"], ["bad_expand_runtime_shape"], name="bad_expand_runtime_shape"))
    # Listed, but Pulsar2 3.3 failed on it.
    branch(n("Sin", ["feat"], ["caveat_sin"], name="caveat_sin"))
    # Post-processing ops the list does not have.
    nodes.append(n("Reshape", ["feat", "nms_boxes_shape"], ["boxes"], name="boxes"))
    nodes.append(n("Reshape", ["feat", "nms_scores_shape"], ["scores"], name="scores"))
    branch(n("NonMaxSuppression", ["boxes", "scores"], ["unlisted_nms"], name="unlisted_nms"))
    branch(n("Mod", ["feat", "two"], ["unlisted_mod"], name="unlisted_mod", fmod=1))
    branch(n("GatherElements", ["feat", "feat_index"], ["unlisted_gatherelements"], name="unlisted_gatherelements", axis=1))
    then_graph = helper.make_graph([n("Identity", ["feat"], ["then_out"])], "then", [],
                                   [helper.make_tensor_value_info("then_out", F, [1, 8, 16, 16])])
    else_graph = helper.make_graph([n("Neg", ["feat"], ["else_out"])], "else", [],
                                   [helper.make_tensor_value_info("else_out", F, [1, 8, 16, 16])])
    branch(n("If", ["flag"], ["unlisted_if"], name="unlisted_if", then_branch=then_graph, else_branch=else_graph))

    inputs = [helper.make_tensor_value_info("x", F, [1, 3, 16, 16]),
              helper.make_tensor_value_info("runtime_shape", TensorProto.INT64, [4]),
              helper.make_tensor_value_info("feat_index", TensorProto.INT64, [1, 8, 16, 16]),
              helper.make_tensor_value_info("flag", TensorProto.BOOL, [])]
    outs = [helper.make_tensor_value_info(o, TensorProto.UNDEFINED, None) for o in outputs]
    graph = helper.make_graph(nodes, "ax620e_limits", inputs, outs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="mcw-opsupport-tests")
    model.ir_version = 8
    save(model, f"{out}/ax620e_limits.onnx")


if __name__ == "__main__":
    main()
