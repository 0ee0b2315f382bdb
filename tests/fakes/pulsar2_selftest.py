#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the pulsar2 double against shared/reference/maixcam2.md (CTest pulsar2_fake_selftest).
Builds its models with the real onnx package, and reads the .axmodel back with it."""
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import unittest

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.realpath(__file__))
PULSAR2 = os.path.join(HERE, "pulsar2.py")


def small_model(path, extra_op=None, leaky=False):
    """images [1,3,32,32] → Conv → (LeakyRelu|Sigmoid) → Concat head [1,6,16,16] (+ a 3-D output)."""
    w = helper.make_tensor("w", TensorProto.FLOAT, [6, 3, 3, 3], [0.1] * 162)
    nodes = [helper.make_node("Conv", ["images", "w"], ["c"], name="/model.0/conv/Conv", strides=[2, 2], pads=[1, 1, 1, 1]),
             helper.make_node("LeakyRelu" if leaky else "Sigmoid", ["c"], ["s"], name="/model.0/act/Act"),
             helper.make_node("Concat", ["s", "c"], ["head"], name="/model.22/Concat_1", axis=1),
             helper.make_node("Reshape", ["head", "shape"], ["flat"], name="/model.22/Reshape")]
    shape = helper.make_tensor("shape", TensorProto.INT64, [3], [1, 12, 256])
    if extra_op:
        nodes.append(helper.make_node(extra_op, ["flat", "flat"], ["odd"], name="/model.23/" + extra_op))
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 32, 32])],
                              [helper.make_tensor_value_info("head", TensorProto.FLOAT, [1, 12, 16, 16]),
                               helper.make_tensor_value_info("flat", TensorProto.FLOAT, [1, 12, 256])],
                              [w, shape],
                              value_info=[helper.make_tensor_value_info("c", TensorProto.FLOAT, [1, 6, 16, 16])])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), path)


def archive(path, count=3):
    with tarfile.open(path, "w") as t:
        for i in range(count):
            data = b"\xff\xd8fake%d" % i
            info = tarfile.TarInfo("./%06d_img.jpg" % i)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))


def config(npu_mode="NPU2", perms=None, precision=True, layer_configs=None):
    cfg = {"model_type": "ONNX", "npu_mode": npu_mode,
           "quant": {"input_configs": [{"tensor_name": "images", "calibration_dataset": "cal.tar",
                                        "calibration_format": "Image", "calibration_size": 64,
                                        "calibration_mean": [0, 0, 0], "calibration_std": [255, 255, 255]}],
                     "calibration_method": "MinMax", "precision_analysis": precision},
           "output_processors": [{"tensor_name": "head", "dst_perm": [0, 2, 3, 1]}, {"tensor_name": "flat"}]}
    if perms is not None:
        cfg["output_processors"] = perms
    if layer_configs:
        cfg["quant"]["layer_configs"] = layer_configs
    return cfg


class Pulsar2Double(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        small_model(os.path.join(self.dir, "m.onnx"))
        archive(os.path.join(self.dir, "cal.tar"))

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(data)

    def run_tool(self, args, version="6.0", scenario="", cfg=None, text=None):
        if cfg is not None or text is not None:
            with open(os.path.join(self.dir, "c.json"), "w") as f:
                f.write(text if text is not None else json.dumps(cfg))
        env = dict(os.environ, FAKE_PULSAR2_VERSION=version, FAKE_PULSAR2_SPEED="0", FAKE_PULSAR2_SCENARIO=scenario)
        return subprocess.run([sys.executable, PULSAR2] + args, cwd=self.dir, env=env, capture_output=True, text=True)

    def build(self, **kw):
        args = ["build", "--target_hardware", "AX620E", "--input", "m.onnx", "--output_dir", "out", "--config", "c.json"]
        return self.run_tool(args + kw.pop("extra", []), **kw)

    def test_version_and_help_per_release(self):
        self.assertEqual(self.run_tool(["version"]).stdout, "version: 6.0\ncommit: 48520c11\n")
        self.assertTrue(self.run_tool(["version"], version="7.0").stdout.startswith("version: 7.0\ncommit: "))
        self.assertEqual(self.run_tool(["--help"]).stdout.splitlines()[0],
                         "usage: main.py [-h] {version,build,run,llm_build} ...")
        self.assertEqual(self.run_tool(["--help"], version="7.0").stdout.splitlines()[0],
                         "usage: pulsar2 [-h] {version,build,run} ...")

    def test_build_writes_the_tree_the_log_and_the_table(self):
        r = self.build(cfg=config())
        self.assertEqual(r.returncode, 0, r.stderr)
        out = os.path.join(self.dir, "out")
        for rel in ("compiled.axmodel", "build_context.json", "frontend/optimized.onnx", "quant/quant_axmodel.onnx",
                    "quant/quant_axmodel.json", "quant/dataset/images/000000_img.jpg",
                    "quant/debug/precision_analysis_table.txt", "quant/debug/precision_analysis.mmd"):
            self.assertTrue(os.path.exists(os.path.join(out, rel)), rel)
        self.assertIn("3 File(s) Loaded.", r.stdout)
        self.assertRegex(r.stderr.splitlines()[-1],
                         r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \| INFO     \| yamain\.command\.build:compile_ptq_model:940 - fuse 1 subgraph\(s\)$")
        self.assertIn("Calibration Progress(Phase 1): 100%|██████████| 3/3 [", r.stderr)
        self.assertIn("Quant Precision Table【PerLayer Reference】", r.stdout)
        with open(os.path.join(out, "quant/debug/precision_analysis_table.txt"), encoding="utf-8") as f:
            table = f.read()
        self.assertIn(table, r.stdout)
        self.assertIn("│ /model.0/conv/Conv", table)
        model = onnx.load(os.path.join(out, "compiled.axmodel"))
        self.assertEqual(model.producer_name, "Pulsar2")
        self.assertEqual(model.graph.node[0].op_type, "neu mode")
        dims = lambda v: [d.dim_value for d in v.type.tensor_type.shape.dim]  # noqa: E731
        self.assertEqual(dims(model.graph.input[0]), [1, 32, 32, 3])
        self.assertEqual(model.graph.input[0].type.tensor_type.elem_type, TensorProto.UINT8)
        self.assertEqual([dims(o) for o in model.graph.output], [[1, 16, 16, 12], [1, 12, 256]])

    def test_cli_overrides_config_and_relaxed_json(self):
        text = "// comment\n" + json.dumps(config(precision=True)).replace('"ONNX",', '"ONNX", # trailing\n')
        r = self.build(text=text, extra=["--quant.precision_analysis", "0"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("Quant Precision Table", r.stdout)

    def test_a_4d_perm_on_a_3d_tensor_is_an_index_error(self):
        r = self.build(cfg=config(perms=[{"tensor_name": "flat", "dst_perm": [0, 2, 3, 1]}]))
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.stderr.splitlines()[-1], "IndexError: list assignment index out of range")
        self.assertFalse(os.path.exists(os.path.join(self.dir, "out", "compiled.axmodel")))

    def test_failures_end_in_one_code_exception_line(self):
        cases = [
            (lambda: self.write("m.onnx", b"\x00garbage"), config(), "",
             "(<ErrorCode.QuantError: 3>, DecodeError(\"Error parsing message with type 'onnx.ModelProto'\"))"),
            (lambda: small_model(os.path.join(self.dir, "m.onnx"), extra_op="Mod"), config(), "",
             "(<ErrorCode.OnnxOptimizationError: 13>, AssertionError(\"check onnx parser e2e failed, ['output0']\"))"),
            (lambda: small_model(os.path.join(self.dir, "m.onnx"), leaky=True),
             config(layer_configs=[{"layer_name": "/model.0/act/Act", "data_type": "FP32"}]), "",
             "(<ErrorCode.NPUBackendError: 8>, OpBuildException(\"op: AxLeakyRelu, 'dont support lut_float opr in AXOPS'\"))"),
            (lambda: None, config(npu_mode="NPU1"), "ocm",
             "(<ErrorCode.NPUBackendError: 8>, AssertionError('ocm alloc with size 2097152 failed'))"),
        ]
        for prepare, cfg, scenario, tail in cases:
            small_model(os.path.join(self.dir, "m.onnx"))
            prepare()
            r = self.build(cfg=cfg, scenario=scenario)
            self.assertEqual(r.returncode, 1, tail)
            self.assertEqual(r.stderr.splitlines()[-1], "yamain.common.error.CodeException: " + tail)
            self.assertIn('File "<frozen yamain.command.build>", line 507, in build', r.stderr)
            self.assertFalse(os.path.exists(os.path.join(self.dir, "out", "compiled.axmodel")))
        # The OCM shortage hits the half-NPU build only.
        small_model(os.path.join(self.dir, "m.onnx"))
        self.assertEqual(self.build(cfg=config(npu_mode="NPU2"), scenario="ocm").returncode, 0)

    def test_rejects_other_npu_modes_on_ax620e_and_unknown_flags(self):
        r = self.build(cfg=config(npu_mode="NPU3"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("CodeException", r.stderr.splitlines()[-1])
        r = self.build(cfg=config(), extra=["--no_such_flag", "1"])
        self.assertEqual(r.returncode, 2)

    def test_a_second_build_into_the_same_folder_warns_about_overwriting(self):
        self.assertEqual(self.build(cfg=config()).returncode, 0)
        r = self.build(cfg=config())
        self.assertIn("[Warning]File out/quant/quant_axmodel.onnx has already exist, quant exporter will overwrite it.",
                      r.stdout)


if __name__ == "__main__":
    unittest.main()
