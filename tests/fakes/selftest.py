#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Self-test of the tpu-mlir / docker test doubles (run by CTest as `fakes_selftest`)."""

import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
from faketpu import npyio  # noqa: E402

try:
    import numpy
except ImportError:
    numpy = None

TRANSFORM = ["--model_name", "yolo", "--model_def", "y.onnx", "--input_shapes", "[[1,3,32,32]]",
             "--mean", "0,0,0", "--scale", "0.0039216,0.0039216,0.0039216", "--pixel_format", "rgb",
             "--output_names", "/model.22/dfl/conv/Conv_output_0,/model.22/Sigmoid_output_0",
             "--test_input", "dog.jpg", "--test_result", "yolo_top_outputs.npz", "--tolerance", "0.99,0.99",
             "--mlir", "yolo.mlir"]


def deploy_args(quant, tol="0.8,0.5", extra=()):
    args = ["--mlir", "yolo.mlir", "--quantize", quant, "--processor", "cv181x", "--test_input", "yolo_in_f32.npz",
            "--test_reference", "yolo_top_outputs.npz", "--tolerance", tol, "--model", "yolo_%s.cvimodel" % quant.lower()]
    if quant.upper() == "INT8":
        args += ["--calibration_table", "yolo_cali_table"]
    return args + list(extra)


class FakeCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="fake tpu 'dir' ")
        os.makedirs(os.path.join(self.dir, "images"))
        for i in range(6):
            open(os.path.join(self.dir, "images", "%d.jpg" % i), "w").close()
        for f in ("dog.jpg", "y.onnx"):
            open(os.path.join(self.dir, f), "w").close()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("FAKE_TPU_", "FAKE_DOCKER_"))}
        self.env.update({"FAKE_TPU_SPEED": "0", "FAKE_TPU_NOW": "2025/02/19 15:50:30"})

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_tool(self, tool, args, **env):
        e = dict(self.env)
        e.update(env)
        r = subprocess.run([os.path.join(HERE, tool)] + args, cwd=self.dir, env=e, capture_output=True, timeout=120)
        # Decoded by hand: text mode would turn the tqdm '\r' into '\n'.
        r.stdout, r.stderr = r.stdout.decode("utf-8"), r.stderr.decode("utf-8")
        return r

    def path(self, name):
        return os.path.join(self.dir, name)

    def transform_and_calibrate(self):
        r = self.run_tool("model_transform.py", TRANSFORM)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.run_tool("run_calibration", ["yolo.mlir", "--dataset", "images", "--input_num", "4", "-o", "yolo_cali_table"])
        self.assertEqual(r.returncode, 0, r.stderr)
        return r


class ToolTests(FakeCase):
    def test_transform_output_and_files(self):
        r = self.run_tool("model_transform", TRANSFORM)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "2025/02/19 15:50:30 - INFO : TPU-MLIR v1.15.1-20250208")
        self.assertIn("\t|   (x - mean) * scale                                  |", lines)
        self.assertEqual(lines[1], "2025/02/19 15:50:30 - INFO : ")
        self.assertIn("[Running]: tpuc-opt yolo_origin.mlir --shape-infer --canonicalize --extra-optimize -o yolo.mlir", lines)
        self.assertIn("2025/02/19 15:50:30 - INFO : Mlir file generated:yolo.mlir", lines)
        self.assertIn("[Success]: npz_tool.py compare yolo_top_outputs.npz yolo_ref_outputs.npz --tolerance 0.99,0.99 --except - -vv", lines)
        self.assertIn("npz compare PASSED.", lines)
        self.assertIn("\r", r.stderr)
        self.assertRegex(r.stderr, r"compare /model\.22/Sigmoid_output_0_Sigmoid: 100%\|█+\| 39/39 \[")
        for f in ("yolo_origin.mlir", "yolo.mlir", "yolo_top_f32_all_weight.npz", "yolo_in_f32.npz",
                  "yolo_top_outputs.npz", "final_opt.onnx", "build_flag.json"):
            self.assertTrue(os.path.exists(self.path(f)), f)
        self.assertFalse(os.path.exists(self.path("yolo_ref_outputs.npz")))
        names = [n for n, _ in npyio.load_npz(self.path("yolo_top_outputs.npz"))]
        self.assertEqual(len(names), 39)
        self.assertEqual(names[-2:], ["/model.22/dfl/conv/Conv_output_0_Conv", "/model.22/Sigmoid_output_0_Sigmoid"])

    def test_debug_keeps_reference(self):
        r = self.run_tool("model_transform", TRANSFORM + ["--debug"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(self.path("yolo_ref_outputs.npz")))

    def test_full_pipeline_int8_and_bf16(self):
        r = self.transform_and_calibrate()
        self.assertIn("\rtune op: ", r.stderr)
        self.assertIn("activation_collect_and_calc_th for sample: 3", r.stderr)
        with open(self.path("yolo_cali_table")) as f:
            table = f.read().splitlines()
        self.assertEqual(table[:8], ["# mlir version: v1.15.1-20250208", "# mlir: yolo.mlir",
                                     "# genetated time: 2025-02-19 15:50:30", "# histogram number: 2048",
                                     "# sample number: 4", "# tune number: 5", "###", "# op_name    threshold    min    max"])
        self.assertRegex(table[8], r"^images 1\.0000080 0\.0000000 1\.0000080$")
        for row in table[9:]:
            self.assertRegex(row, r"^\S+ -?\d+\.\d{7} -?\d+\.\d{7} -?\d+\.\d{7}$")
        r = self.run_tool("model_deploy", deploy_args("INT8"))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn('--import-calibration-table="file=yolo_cali_table asymmetric=False"', r.stdout)
        for f in ("yolo_cv181x_int8_sym_tpu.mlir", "yolo_cv181x_int8_sym_final.mlir", "yolo_int8.cvimodel",
                  "yolo_int8_tensor_info.txt", "yolo_int8/final.mlir"):
            self.assertTrue(os.path.exists(self.path(f)), f)
        self.assertFalse(os.path.exists(self.path("yolo_cv181x_int8_sym_tpu_outputs.npz")))
        self.assertIn("[Running]: npz_tool.py compare yolo_cv181x_int8_sym_model_outputs.npz "
                      "yolo_cv181x_int8_sym_tpu_outputs.npz --tolerance 0.99,0.90 --except - -vv", r.stdout)
        r = self.run_tool("model_deploy", deploy_args("bf16", extra=["--debug", "--compare_all"]))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertTrue(os.path.exists(self.path("yolo_cv181x_bf16_tpu_outputs.npz")))
        self.assertTrue(os.path.exists(self.path("yolo_cv181x_bf16_model_outputs.npz")))

    def first_failure(self, quant, tol):
        self.transform_and_calibrate()
        r = self.run_tool("model_deploy", deploy_args(quant, tol, ["--compare_all"]))
        m = re.search(r"^\[(.*?)\s*\]\s+NOT_SIMLIAR \[FAILED\]$", r.stdout, re.M)
        return r, m.group(1) if m else None

    def test_int8_decays_faster_than_bf16(self):
        r, first = self.first_failure("INT8", "0.99,0.9")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(first, "/model.5/conv/Conv_output_0_Conv")
        self.assertTrue(r.stderr.rstrip().endswith(
            "RuntimeError: [!Error]: npz_tool.py compare yolo_cv181x_int8_sym_tpu_outputs.npz yolo_top_outputs.npz "
            "--tolerance 0.99,0.9 --except - -vv"))
        self.assertFalse(os.path.exists(self.path("yolo_int8.cvimodel")))
        r, first = self.first_failure("BF16", "0.99,0.9")
        self.assertEqual(r.returncode, 0, r.stdout[-2000:])
        self.assertIsNone(first)

    def test_similarity_values_decay_with_depth(self):
        self.transform_and_calibrate()
        r = self.run_tool("model_deploy", deploy_args("INT8", "0.1,0.1", ["--compare_all"]))
        self.assertEqual(r.returncode, 0, r.stdout[-2000:])
        eucs = [float(x) for x in re.findall(r"euclidean_similarity   = (-?[\d.]+)", r.stdout.split("Target")[0])]
        self.assertGreater(len(eucs), 30)
        self.assertEqual(eucs, sorted(eucs, reverse=True))

    @unittest.skipIf(numpy is None, "numpy not available")
    def test_npz_files_are_numpy_compatible_and_metrics_match(self):
        self.transform_and_calibrate()
        r = self.run_tool("model_deploy", deploy_args("INT8", "0.1,0.1", ["--compare_all", "--debug"]))
        self.assertEqual(r.returncode, 0)
        t = numpy.load(self.path("yolo_cv181x_int8_sym_tpu_outputs.npz"))
        ref = numpy.load(self.path("yolo_top_outputs.npz"))
        name = "/model.3/act/Mul_output_0_Mul"
        a = t[name].astype(numpy.float64).flatten()
        b = ref[name].astype(numpy.float64).flatten()
        cos = a.dot(b) / (numpy.linalg.norm(a) * numpy.linalg.norm(b))
        euc = 1 - numpy.linalg.norm(a - b) / (numpy.linalg.norm((a + b) / 2) + 1e-7)
        block = r.stdout.split("[%s" % name)[1]
        self.assertIn("    cosine_similarity      = %.6f" % cos, block)
        self.assertIn("    euclidean_similarity   = %.6f" % euc, block)
        self.assertEqual(ref["images"].shape, (1, 3, 32, 32))
        self.assertEqual(ref["images"].dtype, numpy.float32)

    def test_sim_fail_at_tensor(self):
        self.transform_and_calibrate()
        r = self.run_tool("model_deploy", deploy_args("INT8", extra=["--compare_all"]),
                          FAKE_TPU_SCENARIO="sim_fail@/model.3/conv/Conv_output_0_Conv")
        self.assertEqual(r.returncode, 1)
        failed = re.findall(r"^\[(.*?)\s*\]\s+NOT_SIMLIAR \[FAILED\]$", r.stdout, re.M)
        self.assertEqual(failed, ["/model.3/conv/Conv_output_0_Conv"])
        self.assertIn("npz compare FAILED.", r.stdout)

    def test_npz_tool_direct_exit_codes(self):
        self.transform_and_calibrate()
        self.run_tool("model_deploy", deploy_args("INT8", "0.1,0.1", ["--compare_all", "--debug"]))
        args = ["compare", "yolo_cv181x_int8_sym_tpu_outputs.npz", "yolo_top_outputs.npz", "--tolerance", "0.99,0.99", "--except", "-", "-vv"]
        self.assertEqual(self.run_tool("npz_tool.py", args).returncode, 255)
        self.assertEqual(self.run_tool("npz_tool", args, FAKE_TPU_WRAPPED="1").returncode, 1)
        r = self.run_tool("npz_tool", args[:3] + ["--tolerance", "0.5,0.5", "--excepts", "images"])
        self.assertEqual(r.returncode, 0)
        self.assertNotIn("[images", r.stdout)

    def test_usage_errors(self):
        r = self.run_tool("model_deploy.py", ["--mlir", "x.mlir", "--chip", "k230", "--model", "x.cvimodel"])
        self.assertEqual(r.returncode, 2)
        self.assertTrue(r.stderr.startswith("usage: model_deploy.py [-h] --mlir MLIR"))
        self.assertIn("error: argument --chip/--processor: invalid choice: 'k230' (choose from", r.stderr)
        r = self.run_tool("model_deploy", ["--mlir", "x.mlir"], FAKE_TPU_WRAPPED="1")
        self.assertEqual(r.returncode, 1)
        self.assertIn("error: the following arguments are required: --chip/--processor, --model", r.stderr)
        r = self.run_tool("run_calibration", ["x.mlir", "--chip", "cv181x"], FAKE_TPU_VERSION="1.30")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unrecognized arguments: --chip cv181x", r.stderr)

    def test_release_switch_follows_the_renames(self):
        help_of = lambda tool, v: self.run_tool(tool, ["--help"], FAKE_TPU_VERSION=v).stdout
        old, new = help_of("model_deploy", "1.15"), help_of("model_deploy", "1.21")
        self.assertIn("--core NUM_CORE", old)
        self.assertNotIn("--num_core", old)
        self.assertIn("--num_core NUM_CORE", new)
        self.assertIn("--part_asymmtric", help_of("run_calibration", "1.15"))
        cal = help_of("run_calibration", "1.28.1")
        self.assertTrue(cal.startswith("TPU-MLIR v1.28.1-20260429\n"))
        self.assertIn("--part_asymmetric", cal)
        self.assertIn("--search {search_threshold,search_qtable,False}", cal)
        self.assertIn("--chip {", cal)
        self.assertIn("--search {search_threshold,search_qtable,False}", help_of("run_calibration", "1.30"))
        cal = help_of("run_calibration", "1.30.2")
        self.assertIn("--search {search_threshold,search_qtable,fast_search,mix_search,False}", cal)
        self.assertNotIn("--chip", cal)
        self.assertNotIn("--expected_cos", help_of("run_calibration", "1.7"))
        self.run_tool("model_transform", TRANSFORM)
        r = self.run_tool("model_deploy", deploy_args("BF16", extra=["--io_alone"]), FAKE_TPU_VERSION="1.21")
        self.assertEqual(r.returncode, 1)
        self.assertIn("RuntimeError: --io_alone is deprecated, please use --addr_mode io_alone", r.stderr)
        r = self.run_tool("model_deploy", deploy_args("BF16", extra=["--io_alone"]), FAKE_TPU_VERSION="1.15")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("addr_mode=io_alone", r.stdout)

    def test_search_qtable_proposes_float_layers_for_the_chip(self):
        self.run_tool("model_transform", TRANSFORM)
        args = ["yolo.mlir", "--dataset", "images", "--search", "search_qtable", "--expected_cos", "0.985",
                "--max_float_layers", "4", "--calibration_table", "yolo_cali_table", "--quantize_table", "yolo_qtable"]
        r = self.run_tool("run_calibration", args + ["--processor", "cv181x"], FAKE_TPU_VERSION="1.28.1")
        self.assertEqual(r.returncode, 0, r.stderr)
        losses = [(m.group(1), float(m.group(2))) for m in
                  re.finditer(r"^the layer (\S+) is \d+ sensitive layer, loss is (\S+), type is top\.\w+$", r.stdout, re.M)]
        self.assertEqual(len(losses), 38)
        int8 = float(re.search(r"int8 outputs_cos:(\S+) old", r.stdout).group(1))
        self.assertAlmostEqual(int8, 1 - sum(l for _, l in losses), places=5)
        # The fewest most-sensitive layers that reach --expected_cos, at most --max_float_layers.
        want, cos = [], int8
        for name, loss in losses:
            if cos >= 0.985 or len(want) >= 4:
                break
            want.append(name)
            cos += loss
        with open(self.path("yolo_qtable")) as f:
            rows = f.read().splitlines()
        self.assertEqual(rows[0], "# op_name   quantize_mode")
        self.assertEqual(rows[1:], ["%s BF16" % n for n in want])
        # new_cali_table.txt: the same tensors as the calibration table, each body layer with
        # its own (here smaller) threshold, min and max unchanged.
        def table_rows(name):
            with open(self.path(name)) as f:
                return [l.split() for l in f.read().splitlines() if l and not l.startswith("#")]
        old_rows, new_rows = table_rows("yolo_cali_table"), table_rows("new_cali_table.txt")
        self.assertEqual([r[0] for r in new_rows], [r[0] for r in old_rows])
        self.assertEqual(new_rows[0], old_rows[0])
        for before, after in zip(old_rows[1:], new_rows[1:]):
            self.assertLess(float(after[1]), float(before[1]))
            self.assertEqual(after[2:], before[2:])
        self.assertTrue(r.stdout.rstrip().endswith("success search qtable"))
        # Without --processor the default bm1684x gets an F16 table: the trap the workbench avoids.
        r = self.run_tool("run_calibration", args, FAKE_TPU_VERSION="1.28.1")
        with open(self.path("yolo_qtable")) as f:
            self.assertIn(" F16", f.read())

    def test_model_tool_info_describes_the_cvimodel(self):
        self.run_tool("model_transform", TRANSFORM)
        self.assertEqual(self.run_tool("model_deploy", deploy_args("BF16"), FAKE_TPU_VERSION="1.28.1").returncode, 0)
        r = self.run_tool("model_tool", ["--info", "yolo_bf16.cvimodel"], FAKE_TPU_VERSION="1.28.1")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[:2], ["Mlir Version: v1.28.1-20260429", "Cvimodel Version: 1.4.0"])
        self.assertIn("For cv181x chip ONLY", lines)
        sections = [l.split() for l in lines if re.match(r"^\d{3}  ", l)]
        self.assertEqual(sections[0][1:3], ["weight", "weight"])
        self.assertEqual([s[5:7] for s in sections], [["False", "False"]] * len(sections))
        # Offsets follow the sizes; the ION figure is weight + cmdbuf + shared gmem + input.
        for a, b in zip(sections, sections[1:]):
            self.assertEqual(int(a[4]) + int(a[3]), int(b[4]))
        shared = int(re.search(r"shared_gmem_size: (\d+)", r.stdout).group(1))
        ion = float(re.search(r"Need ION Memory Size: \(([0-9.]+) MB\)", r.stdout).group(1))
        total = sum(int(s[3]) for s in sections) + shared + 1 * 3 * 32 * 32 * 2
        self.assertAlmostEqual(ion, total / 1048576.0, places=2)
        self.assertEqual(len(re.findall(r"^    %\d{3} tpu$", r.stdout, re.M)), len(sections) - 1)
        r = self.run_tool("model_tool", ["--info", "yolo_bf16.cvimodel"], FAKE_TPU_VERSION="1.15")
        self.assertNotIn("ENCRYPT", r.stdout)

    def test_model_runner_runs_the_cvimodel_on_an_input_npz(self):
        from faketpu import net
        self.run_tool("model_transform", TRANSFORM)
        self.assertEqual(self.run_tool("model_deploy", deploy_args("BF16")).returncode, 0)
        image = npyio.Array((1, 3, 32, 32), [0.25] * (3 * 32 * 32))
        npyio.save_npz(self.path("a_in_f32.npz"), [("images", image)])
        r = self.run_tool("model_runner", ["--input", "a_in_f32.npz", "--model", "yolo_bf16.cvimodel",
                                           "--output", "a_out.npz"])
        self.assertEqual(r.returncode, 0, r.stderr)
        names = [n for n, _ in npyio.load_npz(self.path("a_out.npz"))]
        self.assertEqual(names, [n for n, _ in net.output_tensors(TRANSFORM[TRANSFORM.index("--output_names") + 1].split(","))])
        # The real tool indexes the npz by the model's input name and reshapes to its shape.
        npyio.save_npz(self.path("b_in_f32.npz"), [("input0", image)])
        r = self.run_tool("model_runner", ["--input", "b_in_f32.npz", "--model", "yolo_bf16.cvimodel",
                                           "--output", "b_out.npz"])
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.rstrip().endswith("KeyError: 'images'"), r.stderr)
        npyio.save_npz(self.path("c_in_f32.npz"), [("images", npyio.Array((1, 3, 16, 16), [0.0] * 768))])
        r = self.run_tool("model_runner", ["--input", "c_in_f32.npz", "--model", "yolo_bf16.cvimodel",
                                           "--output", "c_out.npz"])
        self.assertIn("ValueError: cannot reshape array of size 768 into shape (1, 3, 32, 32)", r.stderr)
        self.assertFalse(os.path.exists(self.path("c_out.npz")))

    def test_int8_deploy_compiles_the_quantize_table_layers_in_bf16(self):
        self.transform_and_calibrate()
        with open(self.path("yolo_qtable"), "w") as f:
            f.write("# op_name   quantize_mode\n/model.3/conv/Conv_output_0_Conv BF16\n")
        r = self.run_tool("model_deploy", deploy_args("INT8", extra=["--quantize_table", "yolo_qtable"]))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(self.path("yolo_int8_tensor_info.txt")) as f:
            rows = [line.split() for line in f if line[:1].isdigit()]
        types = {row[1]: row[8] for row in rows}
        self.assertEqual(types["/model.3/conv/Conv_output_0_Conv"], "bf16")
        self.assertEqual(sorted(set(types.values())), ["bf16", "fp32", "int8"])

    def test_op_unsupported_and_input_errors(self):
        r = self.run_tool("model_transform", TRANSFORM, FAKE_TPU_SCENARIO="op_unsupported")
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.rstrip().endswith("RuntimeError: Op not support:{'Mod', 'Size'}"))
        self.assertFalse(os.path.exists(self.path("yolo.mlir")))
        args = list(TRANSFORM)
        args[args.index("dog.jpg")] = "cat.jpg"
        r = self.run_tool("model_transform", args)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.rstrip().endswith("AssertionError: test_input cat.jpg not exist!"))

    def test_crashes(self):
        self.transform_and_calibrate()
        os.rename(self.path("yolo_cali_table"), self.path("moved_table"))
        r = self.run_tool("model_deploy", deploy_args("INT8"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("can't open calibration table file!\nUNREACHABLE executed at ", r.stderr)
        self.assertRegex(r.stderr.rstrip().splitlines()[-1], r"^RuntimeError: \[!Error\]: tpuc-opt yolo\.mlir --processor-assign=")
        os.rename(self.path("moved_table"), self.path("yolo_cali_table"))
        r = self.run_tool("model_deploy", deploy_args("INT8"), FAKE_TPU_SCENARIO="tpuc_crash")
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"UNREACHABLE executed at \S+\.cpp:\d+!")
        self.assertIn("--address-assign", r.stderr.rstrip().splitlines()[-1])
        r = self.run_tool("model_deploy", deploy_args("INT8"), FAKE_TPU_SCENARIO="model_stage_fail")
        self.assertEqual(r.returncode, 1)
        self.assertTrue(os.path.exists(self.path("yolo_int8.cvimodel")))
        self.assertIn("Target    yolo_cv181x_int8_sym_model_outputs.npz", r.stdout)

    def test_oom_and_hang(self):
        r = self.run_tool("model_transform", TRANSFORM, FAKE_TPU_SCENARIO="oom")
        self.assertEqual(r.returncode, 137)
        self.transform_and_calibrate()
        e = dict(self.env, FAKE_TPU_SCENARIO="hang", FAKE_TPU_SCENARIO_TOOL="run_calibration")
        p = subprocess.Popen([os.path.join(HERE, "run_calibration"), "yolo.mlir", "--dataset", "images", "-o", "t"],
                             cwd=self.dir, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)
        self.assertIsNone(p.poll())
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(timeout=10), -signal.SIGTERM)
        p.stdout.close()
        p.stderr.close()


class DockerTests(FakeCase):
    def docker(self, args, **env):
        e = dict(self.env, FAKE_DOCKER_STATE=os.path.join(self.dir, ".docker"))
        e.update(env)
        return subprocess.run([os.path.join(HERE, "docker")] + args, cwd="/", env=e, capture_output=True, text=True, timeout=60)

    def run_argv(self, name, tool_args):
        return ["run", "--rm", "--name", name, "-v", "%s:%s" % (self.dir, self.dir), "-w", self.dir,
                "-e", "PYTHONUNBUFFERED=1", "--user", "%d:%d" % (os.getuid(), os.getgid()), "sophgo/tpuc_dev:v3.4"] + tool_args

    def test_run_maps_tool(self):
        r = self.docker(self.run_argv("mcw-1", ["model_transform"] + TRANSFORM))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("npz compare PASSED.", r.stdout)
        self.assertTrue(os.path.exists(self.path("yolo.mlir")))

    def test_bad_argv(self):
        argv = self.run_argv("mcw-2", ["model_transform"] + TRANSFORM)
        argv[argv.index("-v") + 1] = "%s:/workspace" % self.dir
        r = self.docker(argv)
        self.assertEqual(r.returncode, 125)
        self.assertIn("same absolute path", r.stderr)

    def test_modes(self):
        r = self.docker(["version"], FAKE_DOCKER_MODE="no_daemon")
        self.assertEqual(r.returncode, 1)
        self.assertIn("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?", r.stderr)
        r = self.docker(["version", "--format", "{{.Server.Version}}"], FAKE_DOCKER_MODE="permission_denied")
        self.assertIn("connect: permission denied", r.stderr)
        r = self.docker(["image", "inspect", "sophgo/tpuc_dev:v3.4"], FAKE_DOCKER_MODE="no_image")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "[]\n")
        self.assertEqual(r.stderr.strip(), "Error: No such image: sophgo/tpuc_dev:v3.4")
        r = self.docker(["image", "inspect", "--format", "{{.Id}}", "sophgo/tpuc_dev:v3.4"], FAKE_DOCKER_MODE="no_image")
        self.assertEqual((r.returncode, r.stdout), (1, ""))
        # With a template docker prints the rendered template, not the JSON description.
        r = self.docker(["image", "inspect", "--format", "{{.Id}}", "sophgo/tpuc_dev:v3.4"])
        self.assertEqual((r.returncode, r.stdout), (0, "sha256:" + "ab" * 32 + "\n"))
        r = self.docker(["image", "inspect", "-f", "{{.Os}}/{{.Architecture}} {{.RepoTags}}", "sophgo/tpuc_dev:v3.4"])
        self.assertEqual(r.stdout, "linux/amd64 [sophgo/tpuc_dev:v3.4]\n")
        r = self.docker(self.run_argv("mcw-3", ["model_transform"] + TRANSFORM), FAKE_DOCKER_MODE="no_image")
        self.assertEqual(r.returncode, 125)
        self.assertIn("Unable to find image 'sophgo/tpuc_dev:v3.4' locally", r.stderr)

    def test_context_ls(self):
        # EngineCheck.parseContextList reads these JSON lines; the first context is current.
        r = self.docker(["--host", "tcp://x:2376", "context", "ls", "--format", "{{json .}}"],
                        FAKE_DOCKER_CONTEXTS="default,gpu-box")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual([(c["Name"], c["Current"]) for c in lines], [("default", True), ("gpu-box", False)])
        self.assertEqual(lines[1]["DockerEndpoint"], "ssh://user@gpu-box")
        r = self.docker(["context", "ls"])
        self.assertEqual([json.loads(line)["Name"] for line in r.stdout.splitlines()], ["default"])

    def test_kill_running_container(self):
        e = dict(self.env, FAKE_DOCKER_STATE=os.path.join(self.dir, ".docker"), FAKE_TPU_SCENARIO="hang")
        p = subprocess.Popen([os.path.join(HERE, "docker")] + self.run_argv("mcw-4", ["model_transform.py"] + TRANSFORM),
                             env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        self.assertIsNone(p.poll())
        r = self.docker(["kill", "mcw-4"])
        self.assertEqual((r.returncode, r.stdout.strip()), (0, "mcw-4"))
        self.assertEqual(p.wait(timeout=10), 137)
        left = subprocess.run(["pgrep", "-f", self.dir], capture_output=True, text=True).stdout.split()
        self.assertEqual(left, [])
        r = self.docker(["kill", "mcw-4"])
        self.assertEqual(r.returncode, 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
