# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fake `model_transform.py`."""

import argparse
import ast
import json
import os
import sys

from . import common, net, npyio

TOOL = "model_transform"
SCRIPT = "model_transform.py"


def add_preprocess_args(parser):
    parser.add_argument("--resize_dims", type=str, help="Image was resize to fixed 'h,w', default is same as net input dims")
    parser.add_argument("--keep_aspect_ratio", action="store_true", help="Resize image by keeping same ratio, any areas which are not taken are filled with pad_value")
    parser.add_argument("--keep_ratio_mode", choices=["letterbox", "short_side_scale"], default="letterbox", help="If use keep_aspect_ratio, different mode for resize")
    parser.add_argument("--mean", default="0,0,0", nargs="?", help="Per Channel image mean values")
    parser.add_argument("--scale", default="1,1,1", help="Per Channel image scale values")
    parser.add_argument("--pixel_format", choices=["rgb", "bgr", "gray", "rgba", "gbrg", "grbg", "bggr", "rggb"], default="bgr", help="fixel format of output data that sent into model")
    parser.add_argument("--channel_format", choices=["nhwc", "nchw", "none"], default="nchw", help="channel first or channel last, or not image")
    parser.add_argument("--pad_value", type=int, default=0, help="pad value when resize ")
    parser.add_argument("--pad_type", type=str, choices=["normal", "center"], default="center", help="type of pad when resize ")
    parser.add_argument("--preprocess_list", type=str, help="choose which input need preprocess, like:'1,3' means input 1&3 need preprocess, default all inputs")
    parser.add_argument("--debug_cmd", type=str, default="", help="debug cmd")
    if common.version_tuple() >= (1, 15):
        parser.add_argument("--yuv_type", type=str, default="", help="type of yuv input")


def build_parser():
    parser = argparse.ArgumentParser(prog=SCRIPT)
    parser.add_argument("--model_name", required=True, help="model name")
    parser.add_argument("--model_def", required=True, help="model definition file.")
    parser.add_argument("--model_data", help="caffemodel, only for caffe model")
    parser.add_argument("--model_extern", type=str, help="extern model file")
    parser.add_argument("--input_shapes", type=str, default=list(), help="list of input shapes, like:[[1,3,224,224],[10],[16]]")
    parser.add_argument("--input_types", type=str, default="", help="list of input types, like:float32,int32. if not set, float32 as default")
    parser.add_argument("--output_names", type=str, default="", help="if set, will find names in model and set as real outputs")
    parser.add_argument("--test_input", default="", type=str, help="input jpg/npy/npz file for inference, if has more than one input, join jpg or npy with semicolon")
    parser.add_argument("--test_result", default="", type=str, help="if input is set, result is mlir inference result")
    parser.add_argument("--tolerance", default="0.99,0.99", help="minimum similarity tolerance to model transform")
    parser.add_argument("--excepts", default="-", help="excepts")
    parser.add_argument("--add_postprocess", default="", type=str.lower, choices=["", "yolov3", "yolov5", "yolov7", "yolov8", "yolov11", "ssd", "bnr"], help="add postprocess for model")
    parser.add_argument("--onnx_sim", default="", type=str, choices=["", "skip_fuse_bn"], help="pass options of onnx-sim")
    parser.add_argument("--dump_final_opt", default=True, help="save final_opt onnx file")
    parser.add_argument("--cache_skip", action="store_true", help="skip checking the correctness when generate same mlir and bmodel.")
    parser.add_argument("--not_inference", action="store_true", help="only convert, no validation")
    parser.add_argument("--dynamic", action="store_true", help="only valid for onnx model.")
    parser.add_argument("--dynamic_shape_input_names", type=str, default="", help="name list of inputs with dynamic shape")
    parser.add_argument("--shape_influencing_input_names", type=str, default="", help="name list of inputs which influence other tensors' shape")
    parser.add_argument("--enable_maskrcnn", action="store_true")
    parser.add_argument("--path_yaml", type=str, default=None)
    parser.add_argument("--patterns_count", type=str, default="{}")
    if common.version_tuple() >= (1, 15):
        parser.add_argument("--op_custom_shape", type=str, default=None)
        parser.add_argument("--replace_topk_indices", type=bool, default=False)
    add_preprocess_args(parser)
    parser.add_argument("--mlir", type=str, required=True, help="output mlir model file")
    parser.add_argument("--debug", action="store_true", help="keep intermediate files for debug")
    return parser


def _fail(frames, line):
    common.traceback_tail(TOOL, frames, line)
    sys.exit(common.exit_code(1))


def _main_frames():
    return [(common.tool_path(SCRIPT), 505, "<module>", "tool = get_model_transform(args)"),
            (common.tool_path(SCRIPT), 432, "get_model_transform",
             "tool = OnnxTransformer(args.model_name, args.model_def, args.input_shapes, args.output_names,")]


def _preprocess_dict(args, shape):
    def pylist(values):
        return "[" + ", ".join(repr(float(v)) for v in values) + "]"
    mean = common.float_list(args.mean, [0, 0, 0])
    scale = common.float_list(args.scale, [1, 1, 1])
    resize = args.resize_dims
    return {
        "resize_dims": "[" + ", ".join(resize.split(",")) + "]" if resize else "same to net input dims",
        "keep_aspect_ratio": args.keep_aspect_ratio,
        "keep_ratio_mode": args.keep_ratio_mode,
        "pad_value": args.pad_value,
        "pad_type": args.pad_type,
        "mean": pylist(mean),
        "scale": pylist(scale),
        "pixel_format": args.pixel_format,
        "channel_format": args.channel_format,
    }


def banner(pp):
    """The preprocess banner, logged as one multi-line message (real format, tab-indented)."""
    lines = ["", "\t " + "_" * 53 + " ",
             "\t|" + " preprocess:".ljust(55) + "|",
             "\t|" + "   (x - mean) * scale".ljust(55) + "|",
             "\t'" + "-" * 55 + "'",
             "  config Preprocess args : "] + common.preprocess_block(pp) + [""]
    common.log("\n".join(lines))


def run(args):
    name = args.model_name
    common.say(common.version_line())
    if not args.mlir.endswith(".mlir"):
        _fail([(common.tool_path(SCRIPT), 510, "<module>", "tool.model_transform(args.mlir, args.add_postprocess, args.patterns_count)")],
              "RuntimeError: your mlir file should endswith .mlir, not:%s" % args.mlir)
    suffix = os.path.splitext(args.model_def)[1].lower()
    if suffix not in (".onnx", ".prototxt", ".tflite", ".pt", ".mlir"):
        _fail(_main_frames()[:1] + [(common.tool_path(SCRIPT), 455, "get_model_transform", "raise RuntimeError(\"unsupport model:{}\".format(args.model_def))")],
              "RuntimeError: unsupport model:%s" % args.model_def)
    if args.test_input:
        for f in common.str2list(args.test_input):
            if not os.path.exists(f):
                _fail([(common.tool_path(SCRIPT), 500, "<module>", "assert os.path.exists(args.test_input), \"test_input {} not exist!\".format(args.test_input)")],
                      "AssertionError: test_input %s not exist!" % args.test_input)
        if not args.test_result:
            _fail([(common.tool_path(SCRIPT), 502, "<module>", "assert args.test_result")], "AssertionError")
    if not os.path.exists(args.model_def):
        _fail(_main_frames() + [("%s/python/transform/OnnxConverter.py" % common.PKG_ROOT, 231, "__init__",
                                 "self.load_onnx_model(onnx_file, input_shapes, output_names, static_shape, dump_final_opt)")],
              "FileNotFoundError: [Errno 2] No such file or directory: '%s'" % args.model_def)
    try:
        shapes = ast.literal_eval(args.input_shapes) if args.input_shapes else [[1, 3, 640, 640]]
    except (ValueError, SyntaxError):
        _fail([(common.tool_path(SCRIPT), 490, "<module>", "args.input_shapes = str2shape(args.input_shapes)")],
              "SyntaxError: invalid syntax")
    if shapes and not isinstance(shapes[0], list):
        shapes = [shapes]
    shape = tuple(shapes[0])
    pp = _preprocess_dict(args, shape)
    banner(pp)
    sc = common.scenario(TOOL)
    common.pause(0.05, TOOL)
    common.say("Input_shape assigned")
    common.check_lifecycle(TOOL, "frontend")
    if sc == "op_unsupported":
        ops = os.environ.get("FAKE_TPU_UNSUPPORTED_OPS", "Mod,Size")
        ops_repr = "{" + ", ".join(repr(o) for o in common.str2list(ops)) + "}"
        _fail(_main_frames() + [
            ("%s/python/transform/OnnxConverter.py" % common.PKG_ROOT, 231, "__init__",
             "self.load_onnx_model(onnx_file, input_shapes, output_names, static_shape, dump_final_opt)"),
            ("%s/python/transform/OnnxConverter.py" % common.PKG_ROOT, 498, "load_onnx_model",
             'raise RuntimeError("Op not support:{}".format(unsupported))')],
            "RuntimeError: Op not support:" + ops_repr)
    outputs = common.str2list(args.output_names)
    if sc == "frontend_error":
        missing = outputs[0] if outputs else "/model.22/Concat_output_0"
        _fail(_main_frames() + [
            ("%s/python/transform/OnnxConverter.py" % common.PKG_ROOT, 717, "convert_node", "operand = self.getOperand(name)"),
            ("%s/python/transform/BaseConverter.py" % common.PKG_ROOT, 64, "getOperand",
             'raise KeyError("operand {} not found".format(name))')],
            "KeyError: 'operand %s not found'" % missing)
    common.say("ConstantFolding finished")
    common.say(("skip_fuse_bn: %s" if common.old_print() else "skip_fuse_bn:%s") % (args.onnx_sim == "skip_fuse_bn"))
    common.pause(0.05, TOOL)
    common.say("Onnxsim opt finished")
    common.say("ConstantFolding finished")
    tensor_list = net.tensors(shape, outputs)
    out_names = [n for n, _ in net.output_tensors(outputs)]
    origin = name + "_origin.mlir"
    net.write_mlir(origin, name, "TOP_F32", tensor_list, out_names)
    weights = [("w%d" % i, npyio.Array((4,), [0.5, -0.25, 0.125, 1.0])) for i in range(3)]
    npyio.save_npz(name + "_top_f32_all_origin_weight.npz", weights)
    if os.path.splitext(args.model_def)[1].lower() == ".onnx":
        with open(name + "_opt.onnx.prototxt", "w") as f:
            f.write('ir_version: 8\nproducer_name: "fake-tpu"\ngraph {\n  name: "%s"\n}\n' % name)
        with open("final_opt.onnx", "wb") as f:
            f.write(b"\x08\x08\x12\x08fake-tpu")
    common.say("Save mlir file: " + origin)
    cmd = "tpuc-opt %s --shape-infer --canonicalize --extra-optimize -o %s" % (origin, args.mlir)
    if common.version_tuple() < (1, 14):
        cmd = "tpuc-opt %s --shape-infer --canonicalize --after-optimize -o %s" % (origin, args.mlir)
    common.out("[Running]: " + cmd)
    common.pause(0.1, TOOL)
    net.write_mlir(args.mlir, name, "TOP_F32", tensor_list, out_names)
    npyio.save_npz(name + "_top_f32_all_weight.npz", weights)
    common.out("[Success]: " + cmd)
    common.log("Mlir file generated:" + args.mlir)
    keep = [origin, args.mlir, name + "_top_f32_all_weight.npz", name + "_opt.onnx.prototxt", "final_opt.onnx"]
    if args.test_input and not args.not_inference:
        loaded = dict(pp)
        if not args.resize_dims and len(shape) >= 2:
            loaded["resize_dims"] = "[%d, %d]" % (shape[-2], shape[-1])
        common.log("\n  load_config Preprocess args : \n" + "\n".join(common.preprocess_block(loaded)))
        in_f32 = name + "_in_f32.npz"
        npyio.save_npz(in_f32, [("images", net.input_array(shape))])
        ref = name + "_ref_outputs.npz"
        common.out("[CMD]: model_runner.py --input %s --model %s --output %s" % (in_f32, args.model_def, ref))
        common.pause(0.1, TOOL)
        _save_stage(ref, tensor_list, "ref", None)
        common.out("Saving " + ref)
        common.out("[CMD]: model_runner.py --input %s --model %s --output %s" % (in_f32, args.mlir, args.test_result))
        common.pause(0.1, TOOL)
        fail = _fail_tensor("transform")
        _save_stage(args.test_result, tensor_list, "transform", fail)
        common.out("Saving " + args.test_result)
        keep += [in_f32, args.test_result]
        cmd = "npz_tool.py compare %s %s --tolerance %s --except %s -vv" % (args.test_result, ref, args.tolerance, args.excepts)
        code = common.run_child([sys.executable, common.npz_tool_script(), "compare",
                                 args.test_result, ref, "--tolerance", args.tolerance, "--except", args.excepts, "-vv"], cmd)
        if code != 0:
            common.raise_os_system(TOOL, [
                (common.tool_path(SCRIPT), 520, "<module>", "tool.model_validate(args.test_input, args.tolerance, args.excepts, args.test_result)"),
                (common.tool_path(SCRIPT), 160, "model_validate", "f32_blobs_compare(self.test_result, ref_npz, tolerance, excepts=excepts)"),
                ("%s/python/utils/mlir_shell.py" % common.PKG_ROOT, 370, "f32_blobs_compare", "_os_system(cmd)")], cmd)
        common.out("[Success]: " + cmd)
    _write_build_flag(args)
    keep.append("build_flag.json")
    if common.version_tuple() >= (1, 15):
        with open(name + ".ref_files.json", "w") as f:
            json.dump({"files": keep, "command": " ".join(sys.argv)}, f, indent=2)
    if not args.debug:
        for f in (name + "_ref_outputs.npz",) + ((name + "_top_f32_all_origin_weight.npz",) if common.version_tuple() >= (1, 15) else ()):
            if os.path.exists(f):
                os.remove(f)
    return 0


def _fail_tensor(stage):
    sc = common.scenario(TOOL if stage == "transform" else "model_deploy")
    if not sc.startswith("sim_fail@"):
        return None
    spec = sc[len("sim_fail@"):]
    st = "tpu"
    head, sep, tail = spec.rpartition("@")
    if sep and tail in ("transform", "tpu", "final"):
        spec, st = head, tail
    return (spec, st) if st == stage else None


def _save_stage(path, tensor_list, stage, fail, quantize="F32", only=None, broken=False):
    arrays = []
    for depth, (tname, shape) in enumerate(tensor_list):
        if only is not None and tname not in only:
            continue
        if depth == 0:
            arrays.append((tname, net.input_array(shape)))
        else:
            arrays.append((tname, net.stage_values(tname, shape, depth, stage, quantize, fail, broken)))
    npyio.save_npz(path, arrays)


def _write_build_flag(args):
    data = {}
    if os.path.exists("build_flag.json"):
        try:
            with open("build_flag.json") as f:
                data = json.load(f)
        except ValueError:
            data = {}
    data[args.mlir] = {"model_name": args.model_name, "tolerance": args.tolerance}
    with open("build_flag.json", "w") as f:
        json.dump(data, f, indent=4)


def main(argv=None):
    parser = build_parser()
    try:
        args, _unknown = parser.parse_known_args(argv)
    except SystemExit as e:
        sys.exit(common.exit_code(e.code or 0))
    return run(args)
