# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fake `run_calibration.py`."""

import argparse
import os
import random
import sys

from . import common, net

TOOL = "run_calibration"
SCRIPT = "run_calibration.py"
CHIPS = ["bm1684x", "bm1684", "bm1688", "bm1690", "cv183x", "cv182x", "cv181x", "cv180x", "cv186x", "mars3", "sgtpuv8"]
IMAGE_EXT = ("jpg", "bmp", "png", "jpeg", "jfif", "npy", "npz")


def build_parser():
    v = common.version_tuple()
    parser = argparse.ArgumentParser(prog=SCRIPT, description="Generate calibration table")
    parser.add_argument("mlir_file", help="mlir file")
    parser.add_argument("--dataset", help="dataset for calibration")
    parser.add_argument("--data_list", help="Input list file contain all input")
    parser.add_argument("--input_num", type=int, default=0, help="num of images for calibration")
    if v >= (1, 14):
        # The search tools (run_qtable, run_sensitive_layer) were folded in with --search.
        parser.add_argument("--inference_num", type=int, default=30)
        parser.add_argument("--bc_inference_num", type=int, default=30)
    parser.add_argument("--tune_list", type=str, default="", help="Tune list file contain all input for tune")
    parser.add_argument("--tune_num", type=int, default=5, help="num of images for tune")
    parser.add_argument("--histogram_bin_num", type=int, default=2048)
    if v >= (1, 30):
        # reference/tpu-mlir.md §10: 1.30.2 adds fast_search, mix_search and the aciq methods.
        parser.add_argument("--smc", action="store_true")
        methods = ["mse", "max", "kl", "percentile9999"] + (["aciq_laplace", "aciq_gauss"] if v >= (1, 30, 2) else [])
        methods += ["use_mse", "use_max", "use_kl", "use_percentile9999"]
        parser.add_argument("--cali_method", type=str, default="use_kl", choices=methods)
        searches = ["search_threshold", "search_qtable"] + (["fast_search", "mix_search"] if v >= (1, 30, 2) else [])
        parser.add_argument("--search", type=str, default="False", choices=searches + ["False"])
    elif v >= (1, 14):
        parser.add_argument("--cali_method", type=str, default="use_kl",
                            choices=["use_mse", "use_max", "use_kl", "use_percentile9999"])
        parser.add_argument("--search", type=str, default="False",
                            choices=["search_threshold", "search_qtable", "False"])
    if v >= (1, 30):
        parser.add_argument("--processor", default="bm1684x", type=str.lower, choices=CHIPS)
    else:
        parser.add_argument("--chip", "--processor", default="bm1684x", type=str.lower, choices=CHIPS)
    if v >= (1, 14):
        _add_search_flags(parser)
    parser.add_argument("-o", "--calibration_table", type=str, help="output threshold table")
    parser.add_argument("--debug_cmd", type=str, default="", help="debug cmd")
    parser.add_argument("--debug_log", action="store_true")
    return parser


def _add_search_flags(parser):
    parser.add_argument("--fp_type", default="auto", type=str, choices=["auto", "F16", "F32", "BF16"])
    parser.add_argument("--post_process", type=str, default=None)
    parser.add_argument("--global_compare_layers", type=str, default="")
    parser.add_argument("--transformer", type=str, default="False")
    parser.add_argument("--quantize_method_list", type=str, default="MSE")
    parser.add_argument("--benchmark_method", type=str, default="cos", choices=["cos", "snr"])
    parser.add_argument("--kurtosis_analysis", action="store_true")
    parser.add_argument("--part_quantize", type=str, default=None, choices=["N_mode", "H_mode", "custom_mode"])
    parser.add_argument("--custom_operator", type=str, default=[])
    if common.renamed_flags():
        parser.add_argument("--part_asymmetric", action="store_true")
    else:
        parser.add_argument("--part_asymmtric", dest="part_asymmetric", action="store_true")
    parser.add_argument("--mix_mode", type=str, default="8_16", choices=["8_16", "4_8"])
    parser.add_argument("--cluster", action="store_true")
    parser.add_argument("--quantize_table", type=str)
    parser.add_argument("--expected_cos", type=float, default=0.99)
    parser.add_argument("--min_layer_cos", type=float, default=0.99)
    parser.add_argument("--max_float_layers", type=int, default=5)
    parser.add_argument("--we", action="store_true")
    parser.add_argument("--bc", action="store_true")
    parser.add_argument("--sq", action="store_true")


def _fail(line, frames=None):
    common.traceback_tail(TOOL, frames or [(common.tool_path(SCRIPT), 212, "<module>", "selector = DataSelector(args.dataset, args.input_num, args.data_list)")], line)
    sys.exit(common.exit_code(1))


def _samples(args):
    if args.data_list:
        if not os.path.exists(args.data_list):
            _fail("FileNotFoundError: [Errno 2] No such file or directory: '%s'" % args.data_list)
        with open(args.data_list) as f:
            files = [l.strip() for l in f if l.strip()]
    elif args.dataset:
        files = []
        for root, _dirs, names in os.walk(args.dataset):
            for n in names:
                if n.rsplit(".", 1)[-1].lower() in IMAGE_EXT:
                    files.append(os.path.join(root, n))
        files.sort()
        random.Random(1684).shuffle(files)
    else:
        _fail("RuntimeError: Please specific dataset path by --dataset")
    if args.input_num > 0:
        files = files[:args.input_num]
    if not files:
        _fail("RuntimeError: There is no inputs")
    return files


def _method(args):
    m = getattr(args, "cali_method", "use_kl")
    for key in ("use_mse", "use_max", "use_percentile9999"):
        if key in args.debug_cmd:
            m = key
    m = m if m.startswith("use_") else "use_" + m
    return m[4:]


def run(args):
    if not os.path.exists(args.mlir_file):
        _fail("FileNotFoundError: [Errno 2] No such file or directory: '%s'" % args.mlir_file,
              [(common.tool_path(SCRIPT), 230, "<module>", "calibrator = CalibrationCalibrator(args, selector)")])
    module_name, tensor_list, _outputs = net.read_mlir(args.mlir_file)
    pp = {"resize_dims": "[640, 640]", "keep_aspect_ratio": False, "keep_ratio_mode": "letterbox", "pad_value": 0,
          "pad_type": "center", "mean": "[0.0, 0.0, 0.0]", "scale": "[0.0039216, 0.0039216, 0.0039216]",
          "pixel_format": "rgb", "channel_format": "nchw"}
    common.log("\n  load_config Preprocess args : \n" + "\n".join(common.preprocess_block(pp)))
    files = _samples(args)
    n = len(files)
    common.out("input_num = %d, ref = %d" % (n, len(files)))
    common.out("real input_num = %d" % n)
    v = common.version_tuple()
    ops = [t for t, _ in tensor_list]
    if v >= (1, 14):
        bar = common.Bar("activation_collect_and_calc_th for sample: 0", n, 0.05, TOOL)
        for i in range(n):
            if i == n // 2:
                common.check_lifecycle(TOOL, "samples")
            bar.update("activation_collect_and_calc_th for sample: %d" % i)
        bar.close()
    elif v >= (1, 7):
        bar = common.Bar("activation_collect_and_calc_th for op: " + ops[0], len(ops), 0.02 * n / 10, TOOL)
        for i, op in enumerate(ops):
            if i == len(ops) // 2:
                common.check_lifecycle(TOOL, "ops")
            bar.update("activation_collect_and_calc_th for op: " + op)
        bar.close()
    else:
        bar = common.Bar("inference and find Min Max *" + os.path.basename(files[0]), n, 0.05, TOOL)
        for i, f in enumerate(files):
            if i == n // 2:
                common.check_lifecycle(TOOL, "samples")
            bar.update("inference and find Min Max *" + os.path.basename(f))
        bar.close()
        common.out("calculate histogram..")
        bar = common.Bar("calc_thresholds: " + os.path.basename(files[0]), n, 0.02, TOOL)
        for f in files:
            bar.update("calc_thresholds: " + os.path.basename(f))
        bar.close()
    method = _method(args)
    if method == "kl":
        bar = common.Bar("[%d] threshold: %s" % (args.histogram_bin_num, ops[0]), len(ops), 0.01, TOOL)
        for op in ops:
            bar.update("[%d] threshold: %s" % (args.histogram_bin_num, op))
        bar.close()
    table = args.calibration_table or (module_name + "_cali_table")
    rows = _thresholds(tensor_list)
    search = getattr(args, "search", "False")
    if search in ("search_qtable", "fast_search", "mix_search"):
        if not os.path.exists(table):
            _write_table(table, args, module_name, n, rows, method)
        return _search_qtable(args, module_name, tensor_list, rows, n)
    if method == "kl" and args.tune_num > 0:
        _write_table(table + ".1", args, module_name, n, rows, method)
        common.out("prepare data from %d" % min(args.tune_num, n))
        bar = common.Bar("tune op: " + ops[1], len(ops) - 1, 0.02, TOOL)
        for op in ops[1:]:
            bar.update("tune op: " + op)
        bar.close()
        common.out("auto tune end, run time:%s" % ("%.6f" % (0.02 * len(ops) * common.speed())))
        os.remove(table + ".1")
    _write_table(table, args, module_name, n, rows, method)
    return 0


def _layer_loss(depth):
    """Deterministic "outputs_cos_los" of keeping only this layer in INT8 (synthetic, no meaning)."""
    return 0.0004 * (1 + (depth * 7) % 5) / (1 + depth / 12.0)


def _float_type(args):
    if args.fp_type != "auto":
        return args.fp_type
    chip = getattr(args, "chip", None) or getattr(args, "processor", "bm1684x")
    if chip.startswith("cv18") and chip != "cv186x":
        return "BF16"
    return "F32" if chip == "bm1684" else "F16"


def _search_qtable(args, module_name, tensor_list, rows, n):
    """search_qtable as quick_start 07_quantization shows it: sensitive layers by loss, run result,
    the qtable (--quantize_table), new_cali_table.txt and the Search_Qtable log in the cwd."""
    layers = []
    for depth, (name, _shape) in enumerate(tensor_list):
        if depth == 0:
            continue
        op = name.rsplit("_", 1)[-1] if "_" in name else "Conv"
        layers.append((name, _layer_loss(depth), "top." + op))
    layers.sort(key=lambda x: x[1], reverse=True)
    inference = min(args.inference_num, n)
    bar = common.Bar("search_sensitve_layer", len(layers), 0.01 * inference, TOOL)
    for _ in layers:
        bar.update()
    bar.close()
    for i, (name, loss, op) in enumerate(layers):
        common.out("the layer %s is %d sensitive layer, loss is %s, type is %s" % (name, i, repr(loss), op))
    total = sum(l for _, l, _ in layers)
    int8_cos = 1.0 - total
    chosen = []
    mix_cos = int8_cos
    for name, loss, _op in layers:
        if mix_cos >= args.expected_cos or len(chosen) >= args.max_float_layers:
            break
        chosen.append(name)
        mix_cos += loss
    qtable = args.quantize_table or (module_name + "_qtable")
    common.out("run result:")
    common.out("int8 outputs_cos:%f old" % int8_cos)
    common.out("mix model outputs_cos:%f" % mix_cos)
    common.out("Output mix quantization table to %s" % qtable)
    common.out("total time:%s" % repr(0.5 * len(layers) * inference * common.speed()))
    common.out("success search qtable")
    fp = _float_type(args)
    with open(qtable, "w") as f:
        f.write("# op_name   quantize_mode\n")
        for name in chosen:
            f.write("%s %s\n" % (name, fp))
    # The real search keeps, per layer, the threshold of the best method it tried
    # (set_layer_new_th → cali_table.update_to("new_cali_table.txt", ...)); min and max stay.
    _write_table("new_cali_table.txt", args, module_name, n, _best_thresholds(rows), "kl")
    with open("Search_Qtable", "w") as f:
        f.write("INFO:root:quantize_method_list =['%s']\n" % args.quantize_method_list)
        f.write("INFO:root:all_int8_cos=%s\n" % repr(int8_cos))
        f.write("INFO:root:all layer number: %d\n" % (len(layers) + 1))
    return 0


def _best_thresholds(rows):
    """Synthetic "best method" thresholds: the input as it was, body layers scaled by 0.93–0.97."""
    return [rows[0]] + [(name, th * (0.93 + 0.01 * (depth % 5)), lo, hi)
                        for depth, (name, th, lo, hi) in enumerate(rows) if depth > 0]


def _thresholds(tensor_list):
    rows = []
    for depth, (name, shape) in enumerate(tensor_list):
        if depth == 0:
            rows.append((name, 1.0000080, 0.0, 1.0000080))
            continue
        values = net.reference_values(name, (1, min(8, shape[1]), 2, 2))
        lo, hi = min(values), max(values)
        th = max(abs(lo), abs(hi)) * (0.9 + 0.01 * (depth % 7))
        rows.append((name, th, lo, hi))
    return rows


def _write_table(path, args, module_name, n, rows, method):
    v = common.version_tuple()
    lines = []
    if v >= (1, 30):
        lines.append("# mlir version: %s cali version 1.0" % common.short_version())
    if (1, 14) <= v < (1, 30):
        lines.append("# mlir version: %s" % common.short_version())
    if v >= (1, 14):
        lines.append("# mlir: %s" % args.mlir_file)
    lines.append("# genetated time: %s" % str(common.now()))
    if v >= (1, 30):
        lines.append("# quantization threshold calculation method: %s" % method)
    lines.append("# histogram number: %d" % args.histogram_bin_num)
    lines.append("# sample number: %d" % n)
    if v >= (1, 30):
        lines.append("###")
        lines.append("# tune number: %d" % args.tune_num)
    elif args.tune_num > 0:
        lines.append("# tune number: %d" % args.tune_num)
    lines.append("###")
    lines.append("# op_name    threshold    min    max")
    for name, th, lo, hi in rows:
        lines.append("%s %s %s %s" % (name, "{:.7f}".format(th), "{:.7f}".format(lo), "{:.7f}".format(hi)))
    if "int4" in args.debug_cmd:
        lines.append("")
        lines.append("#int4_th")
        for name, th, lo, hi in rows[1:]:
            t4 = th / 2.67
            lines.append("%s %s %s %s" % (name, "{:.7f}".format(t4), "{:.7f}".format(-t4 * 8 / 7), "{:.7f}".format(t4)))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main(argv=None):
    # The real script prints its version before argparse runs, so `--help` shows it too (#284).
    common.out(common.version_line())
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        sys.exit(common.exit_code(e.code or 0))
    return run(args)
