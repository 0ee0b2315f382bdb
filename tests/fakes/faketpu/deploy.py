# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fake `model_deploy.py`."""

import argparse
import os
import shutil
import sys

from . import common, net, npyio
from .transform import _fail_tensor, _save_stage, _write_build_flag

TOOL = "model_deploy"
SCRIPT = "model_deploy.py"
CHIPS = ["bm1688", "bm1684x", "bm1684", "bm1690", "mars3", "sg2380", "cv183x", "cv182x", "cv181x", "cv180x", "cv186x", "cpu"]
QUANTS = ["F32", "BF16", "F16", "INT8", "INT4", "W8F16", "W8BF16", "W4F16", "W4BF16", "F8E4M3", "F8E5M2", "QDQ"]
FORMATS = ["RGB_PLANAR", "RGB_PACKED", "BGR_PLANAR", "BGR_PACKED", "GRAYSCALE", "YUV420_PLANAR", "YUV_NV21",
           "YUV_NV12", "RGBA_PLANAR", "GBRG_RAW", "GRBG_RAW", "BGGR_RAW", "RGGB_RAW", ""]


def build_parser():
    v = common.version_tuple()
    parser = argparse.ArgumentParser(prog=SCRIPT)
    parser.add_argument("--mlir", required=True, help="optimized mlir fp32 model")
    parser.add_argument("--calibration_table", help="calibration table for int8 quantization")
    parser.add_argument("--quantize_table", help="table of OPs that quantized to specific mode")
    parser.add_argument("--quantize", default="F32", type=str.upper, choices=QUANTS, help="set default qauntization type")
    parser.add_argument("--asymmetric", action="store_true", help="do INT8 asymmetric quantization")
    parser.add_argument("--excepts", default="-", help="excepts")
    parser.add_argument("--tolerance", default="0.8,0.5", help="tolerance")
    parser.add_argument("--chip", "--processor", required=True, type=str.lower, choices=CHIPS, help="chip platform name")
    parser.add_argument("--model", required=True, help="output model")
    parser.add_argument("--test_input", default="", type=str, help="input npy/npz file for inference")
    parser.add_argument("--test_reference", default="", help="reference npz file")
    parser.add_argument("--compare_all", action="store_true", help="Decide if compare all tensors when lowering")
    parser.add_argument("--skip_validation", action="store_true", help="skip checking the correctness of bmodel.")
    parser.add_argument("--cache_skip", action="store_true")
    parser.add_argument("--fazzy_match", action="store_true")
    parser.add_argument("--fuse_preprocess", action="store_true")
    parser.add_argument("--customization_format", default="", type=str.upper, choices=FORMATS)
    parser.add_argument("--aligned_input", action="store_true")
    parser.add_argument("--ignore_f16_overflow", action="store_true")
    parser.add_argument("--q_group_size", default=64, type=int)
    parser.add_argument("--quant_input", action="store_true")
    parser.add_argument("--quant_output", action="store_true")
    parser.add_argument("--quant_input_list", default="", type=str)
    parser.add_argument("--quant_output_list", default="", type=str)
    parser.add_argument("--op_divide", action="store_true")
    parser.add_argument("--merge_weight", action="store_true")
    parser.add_argument("--model_version", default="latest")
    parser.add_argument("--dynamic", action="store_true")
    parser.add_argument("--opt", default=2, type=int, choices=[1, 2, 3] if v >= (1, 15) else [1, 2])
    parser.add_argument("--addr_mode", default="auto", type=str.lower,
                        choices=["auto", "basic", "io_alone", "io_tag", "io_tag_fuse", "io_reloc"] if v >= (1, 15) else ["auto", "basic", "io_alone"])
    parser.add_argument("--disable_layer_group", action="store_true")
    parser.add_argument("--num_device", default=1, type=int)
    if common.renamed_flags():
        parser.add_argument("--num_core", default=1, type=int)
        # Kept so old scripts get a sentence instead of a usage error (see run()).
        parser.add_argument("--io_alone", action="store_true", help="deprecated, use --addr_mode io_alone")
    else:
        parser.add_argument("--core", dest="num_core", default=1, type=int)
        parser.add_argument("--io_alone", action="store_true", help="io alone")
    parser.add_argument("--group_by_cores", default="auto", type=str.lower, choices=["auto", "true", "false"])
    parser.add_argument("--compress_mode", default="none", type=str.lower, choices=["none", "weight", "activation", "all"])
    parser.add_argument("--do_winograd", action="store_true")
    if v >= (1, 15):
        parser.add_argument("--matmul_perchannel", action="store_true")
    parser.add_argument("--debug", action="store_true", help="to keep all intermediate files for debug")
    parser.add_argument("--not_gen_bmodel", action="store_true")
    parser.add_argument("--includeWeight", action="store_true")
    parser.add_argument("--patterns_count", type=str, default="{}")
    return parser


def _frames(*extra):
    return [(common.tool_path(SCRIPT), 560, "<module>", "tool.build_model()")] + list(extra)


def _fail(line, frames=None):
    common.traceback_tail(TOOL, frames or _frames(), line)
    sys.exit(common.exit_code(1))


def _stack_dump(cmd_args):
    common.err("PLEASE submit a bug report to https://github.com/llvm/llvm-project/issues/ and include the crash backtrace.")
    common.err("Stack dump:")
    common.err("0.\tProgram arguments: " + " ".join(cmd_args))
    common.err(" #0 0x00007f3a1c2b5e3f llvm::sys::PrintStackTrace(llvm::raw_ostream&, int) (%s/lib/libLLVM.so+0x1a5e3f)" % common.PKG_ROOT)
    common.err(" #1 0x00007f3a1c2b3b84 llvm::sys::RunSignalHandlers() (%s/lib/libLLVM.so+0x1a3b84)" % common.PKG_ROOT)
    common.err(" #2 0x00007f3a1c2b64ba SignalHandler(int) Signals.cpp:0:0")
    common.err(" #3 0x00007f3a1b442520 (/lib/x86_64-linux-gnu/libc.so.6+0x42520)")
    common.err(" #4 0x00007f3a1b4969fc pthread_kill (/lib/x86_64-linux-gnu/libc.so.6+0x969fc)")


def _opt(cmd, tool_cmd_args, crash=None):
    """One tpuc-opt run bracketed by [Running]/[Success]; `crash` = (message lines, file, line)."""
    common.out("[Running]: " + cmd)
    common.pause(0.15, TOOL)
    if crash:
        lines, path, lineno = crash
        for l in lines:
            common.err(l)
        common.err("UNREACHABLE executed at %s:%d!" % (path, lineno))
        _stack_dump(tool_cmd_args)
        common.raise_os_system(TOOL, _frames(
            (common.tool_path(SCRIPT), 330, "build_model", "self.lowering()" if "convert-top-to-tpu" in cmd else "tpu_opt / codegen"),
            ("%s/python/utils/mlir_shell.py" % common.PKG_ROOT, 190, "mlir_lowering" if "convert-top-to-tpu" in cmd else "mlir_to_model",
             "_os_system(cmd)")), cmd)
    common.out("[Success]: " + cmd)


def run(args):
    common.say(common.version_line())
    if not os.path.exists(args.mlir):
        _fail("FileNotFoundError: [Errno 2] No such file or directory: '%s'" % args.mlir,
              [(common.tool_path(SCRIPT), 540, "<module>", "tool = DeployTool(args)"),
               (common.tool_path(SCRIPT), 80, "__init__", "self.module = MlirParser(args.mlir)")])
    if args.customization_format and not args.fuse_preprocess:
        _fail("AssertionError: customization_format only used for fuse_preprocess",
              [(common.tool_path(SCRIPT), 540, "<module>", "tool = DeployTool(args)")])
    if args.aligned_input and not args.fuse_preprocess:
        _fail("RuntimeError: Not support now, aligned_input requires fuse_preprocess to be set to True.",
              [(common.tool_path(SCRIPT), 540, "<module>", "tool = DeployTool(args)")])
    if args.io_alone and common.renamed_flags():
        _fail("RuntimeError: --io_alone is deprecated, please use --addr_mode io_alone",
              [(common.tool_path(SCRIPT), 540, "<module>", "tool = DeployTool(args)")])
    if args.io_alone:
        args.addr_mode = "io_alone"
    module_name, tensor_list, outputs = net.read_mlir(args.mlir)
    pp = {"resize_dims": "[640, 640]", "keep_aspect_ratio": False, "keep_ratio_mode": "letterbox", "pad_value": 0,
          "pad_type": "center", "mean": "[0.0, 0.0, 0.0]", "scale": "[0.0039216, 0.0039216, 0.0039216]",
          "pixel_format": "rgb", "channel_format": "nchw"}
    common.log("\n  load_config Preprocess args : \n" + "\n".join(common.preprocess_block(pp)))
    q = args.quantize
    prefix = "%s_%s_%s" % (module_name, args.chip, q.lower())
    if q in ("INT8", "INT4"):
        prefix += "_asym" if args.asymmetric else "_sym"
    sc = common.scenario(TOOL)
    in_f32 = module_name + "_in_f32.npz"
    top_outputs = module_name + "_top_outputs.npz"
    validate = bool(args.test_input)
    if validate:
        for f in common.str2list(args.test_input):
            if not os.path.exists(f):
                _fail("AssertionError: test_input %s not exist!" % f)
        if args.test_reference:
            top_outputs = args.test_reference
            if not os.path.exists(top_outputs):
                _fail("AssertionError: test_reference %s not exist!" % top_outputs)
        else:
            common.out("[CMD]: model_runner.py --input %s --model %s --output %s" % (in_f32, args.mlir, top_outputs))
            common.pause(0.1, TOOL)
            _save_stage(top_outputs, tensor_list, "transform", None)
        test_input = common.str2list(args.test_input)[0]
        if not test_input.endswith(".npz"):
            npyio.save_npz(in_f32, [("images", net.input_array(tensor_list[0][1]))])
            test_input = in_f32

    common.check_lifecycle(TOOL, "lowering")
    cali = ""
    crash = None
    if q in ("INT8", "INT4", "F8E4M3", "F8E5M2"):
        cali = ' --import-calibration-table="file=%s asymmetric=%s"' % (args.calibration_table, args.asymmetric)
        if sc == "missing_cali_table" or not args.calibration_table or not os.path.exists(args.calibration_table):
            crash = (["can't open calibration table file!"],
                     "/workspace/tpu-mlir/lib/Dialect/Top/Transforms/ImportCalibration.cpp", 77)
    if args.chip.startswith("cv18") and q not in ("BF16", "INT8") and not crash:
        crash = (["%s DO NOT Support %s now" % (args.chip.upper(), q)],
                 "/workspace/tpu-mlir/lib/Conversion/TopToTpu/CV18xx/LoweringCV18xx.cpp", 94)
    if sc == "unsupported_on_target" and not crash:
        crash = (["Not Implemented", "unimplemented tpu dialect for cv18xx: tpu.GridSampler"],
                 "/workspace/tpu-mlir/lib/Conversion/TopToTpu/CV18xx/GridSampler.cpp", 23)
    lower_cmd = ('tpuc-opt %s --processor-assign="chip=%s mode=%s num_device=%d num_core=%d addr_mode=%s"%s '
                 '--processor-top-optimize --convert-top-to-tpu="asymmetric=%s doWinograd=False ignore_f16_overflow=False '
                 'q_group_size=0 matmul_perchannel=False gelu_mode=normal" --canonicalize --weight-fold -o %s_tpu.mlir'
                 % (args.mlir, args.chip, q, args.num_device, args.num_core, args.addr_mode, cali, args.asymmetric, prefix))
    _opt(lower_cmd, ["tpuc-opt", args.mlir, "--processor-assign=chip=%s mode=%s" % (args.chip, q), "-o", prefix + "_tpu.mlir"], crash)
    net.write_mlir(prefix + "_tpu.mlir", module_name, "TPU_LOWERED", tensor_list, outputs,
                   ', module.chip = "%s", module.mode = "%s"' % (args.chip, q))
    npyio.save_npz(prefix + "_tpu_weight.npz", [("w0", npyio.Array((2,), [0.5, 1.0]))])

    tpu_outputs = prefix + "_tpu_outputs.npz"
    if validate:
        common.out("[CMD]: model_runner.py --input %s --model %s_tpu.mlir --output %s" % (test_input, prefix, tpu_outputs))
        common.pause(0.1, TOOL)
        only = None if args.compare_all else set(outputs)
        _save_stage(tpu_outputs, tensor_list, "tpu", _fail_tensor("tpu"), q, only)
        cmd = "npz_tool.py compare %s %s --tolerance %s --except %s -vv" % (tpu_outputs, top_outputs, args.tolerance, args.excepts)
        code = common.run_child([sys.executable, common.npz_tool_script(), "compare", tpu_outputs,
                                 top_outputs, "--tolerance", args.tolerance, "--except", args.excepts, "-vv"], cmd)
        if code != 0:
            common.raise_os_system(TOOL, _frames(
                (common.tool_path(SCRIPT), 335, "build_model", "self.validate_tpu_mlir()"),
                (common.tool_path(SCRIPT), 290, "validate_tpu_mlir", "f32_blobs_compare(self.tpu_npz, self.ref_npz, self.tolerance, self.excepts)"),
                ("%s/python/utils/mlir_shell.py" % common.PKG_ROOT, 370, "f32_blobs_compare", "_os_system(cmd)")), cmd)
        common.out("[Success]: " + cmd)
    if args.not_gen_bmodel:
        return 0

    crash = None
    if sc == "tpuc_crash":
        crash = (["terminate called after throwing an instance of 'std::out_of_range'", "  what():  map::at"],
                 "/workspace/tpu-mlir/lib/Dialect/Tpu/Transforms/AddressAssign/CV18xx/CVAddressAssign.cpp", 283)
    final = prefix + "_final.mlir"
    opt_cmd = ('tpuc-opt %s_tpu.mlir --mlir-disable-threading --strip-io-quant="quant_input=%s quant_output=%s '
               'quant_input_list=%s quant_output_list=%s" --processor-tpu-optimize --layer-group="opt=%d group_by_cores=%s '
               'compress_mode=%s" --address-assign -o %s'
               % (prefix, args.quant_input, args.quant_output, args.quant_input_list, args.quant_output_list, args.opt,
                  args.group_by_cores, args.compress_mode, final))
    _opt(opt_cmd, ["tpuc-opt", prefix + "_tpu.mlir", "--layer-group", "--address-assign", "-o", final], crash)
    net.write_mlir(final, module_name, "TPU_ADDRESSED", tensor_list, outputs, ', module.chip = "%s"' % args.chip)
    codegen_cmd = ('tpuc-opt %s --codegen="model_file=%s embed_debug_info=%s model_version=%s bmodel_only=False" -o /dev/null'
                   % (final, args.model, args.debug, args.model_version))
    _opt(codegen_cmd, ["tpuc-opt", final, "--codegen=model_file=" + args.model, "-o", "/dev/null"])
    with open(args.model, "wb") as f:
        f.write(b"CviModel" + bytes([0, 1, 4, 0]) + ("fake-tpu %s %s %s\n" % (module_name, args.chip, q)).encode() + bytes(64))
    base = os.path.splitext(args.model)[0]
    os.makedirs(base, exist_ok=True)
    shutil.copyfile(final, os.path.join(base, "final.mlir"))
    if args.chip.startswith("cv18"):
        info = args.model[:-9] + "_tensor_info.txt"
        # Layers the quantize table keeps in a float mode are compiled in it (bf16 on CV18xx).
        kept = set()
        if args.quantize_table and os.path.exists(args.quantize_table):
            with open(args.quantize_table) as table:
                kept = {line.split()[0] for line in table if line.strip() and not line.startswith("#")}
        with open(info, "w") as f:
            f.write("Cmdbuf0: layer_id, tensor_name, inGroup, ignore, gaddr, g_shape, lg_idx_slice, laddr, qtype, qscale. \n")
            for i, (tname, shape) in enumerate(tensor_list):
                qt = "int8" if q == "INT8" and i else ("bf16" if q == "BF16" and i else "fp32")
                if qt == "int8" and tname in kept:
                    qt = "bf16"
                f.write("%d %s false false 0x%x %s x x %s %s\n" % (i, tname, 0x1000 * i, ",".join(str(d) for d in (list(shape) + [1, 1, 1, 1])[:4]), qt,
                                                                   "0.0312500" if qt == "int8" else "x"))
    model_outputs = prefix + "_model_outputs.npz"
    failed = False
    if validate and not args.skip_validation:
        common.out("[CMD]: model_runner.py --input %s --model %s --output %s" % (test_input, args.model, model_outputs))
        common.pause(0.1, TOOL)
        _save_stage(model_outputs, tensor_list, "final", _fail_tensor("final"), q, set(outputs), sc == "model_stage_fail")
        tol = "0.99,0.85" if args.quantize_table else "0.99,0.90"
        cmd = "npz_tool.py compare %s %s --tolerance %s --except - -vv" % (model_outputs, tpu_outputs, tol)
        code = common.run_child([sys.executable, common.npz_tool_script(), "compare", model_outputs,
                                 tpu_outputs, "--tolerance", tol, "--except", "-", "-vv"], cmd)
        if code != 0:
            failed = True
        else:
            common.out("[Success]: " + cmd)
    _write_build_flag_deploy(args)
    if not args.debug:
        for f in (prefix + "_tpu_weight.npz", tpu_outputs, model_outputs):
            if os.path.exists(f):
                os.remove(f)
    if failed:
        common.raise_os_system(TOOL, _frames(
            (common.tool_path(SCRIPT), 345, "build_model", "self.validate_model()"),
            (common.tool_path(SCRIPT), 300, "validate_model", "f32_blobs_compare(self.model_npz, self.tpu_npz, tolerance, self.excepts)"),
            ("%s/python/utils/mlir_shell.py" % common.PKG_ROOT, 370, "f32_blobs_compare", "_os_system(cmd)")), cmd)
    return 0


def _write_build_flag_deploy(args):
    class A:
        pass
    a = A()
    a.mlir = args.model
    a.model_name = os.path.basename(args.model)
    a.tolerance = args.tolerance
    _write_build_flag(a)


def main(argv=None):
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        sys.exit(common.exit_code(e.code or 0))
    return run(args)
