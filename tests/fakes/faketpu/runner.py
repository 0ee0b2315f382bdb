# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fake `model_runner --input X.npz --model M.cvimodel --output Y.npz` (tpu-mlir's inference tool)
for the cvimodels the fake deploy writes: checks the input as the real tool does (an array under
the model's input name, reshapeable to the input shape) and writes the model's outputs, named as
the cvimodel names them (`<onnx name>_<OpType>`), with the values of the fake deploy's final stage."""

import argparse
import os
import sys

from . import common, net, npyio

TOOL = "model_runner"
SCRIPT = "model_runner.py"


def build_parser():
    p = argparse.ArgumentParser(prog=SCRIPT, description="run model inference")
    p.add_argument("--input", required=True, help="input npz/npy file for inference")
    p.add_argument("--model", required=True, help="mlir/pytorch/onnx/tflite/bmodel/cvimodel file")
    p.add_argument("--output", default="_output.npz", help="output npz file")
    p.add_argument("--dump_all_tensors", action="store_true", help="dump all tensors to output file")
    return p


def _fail(exc_line, line, code):
    common.traceback_tail(SCRIPT, [(common.tool_path(SCRIPT), line, "<module>", code)], exc_line)
    sys.exit(common.exit_code(1))


def _read_header(path):
    with open(path, "rb") as f:
        data = f.read(256)
    if not data.startswith(b"CviModel"):
        return None
    line = data[12:].split(b"\n", 1)[0].decode("utf-8", "replace").split()
    return line[1:] if len(line) == 4 and line[0] == "fake-tpu" else None


def run(args):
    for path in (args.input, args.model):
        if not os.path.exists(path):
            _fail("FileNotFoundError: [Errno 2] No such file or directory: '%s'" % path, 301,
                  "output = model_inference(data, args.model)")
    if not args.model.endswith(".cvimodel"):
        _fail("RuntimeError: this test double runs .cvimodel files only: %s" % args.model, 301,
              "output = model_inference(data, args.model)")
    head = _read_header(args.model)
    if head is None:
        common.err("[cviruntime] %s is not a cvimodel" % args.model)
        _fail("RuntimeError: load cvimodel failed", 213, "model = pyruntime_cvi.Model(model_file, output_all_tensors=dump_all)")
    _module, _chip, quantize = head
    _name, tensor_list, outputs = net.read_mlir(os.path.join(os.path.splitext(args.model)[0], "final.mlir"))
    inputs = dict(npyio.load_npz(args.input))
    in_name, in_shape = tensor_list[0]
    if in_name not in inputs:
        _fail("KeyError: '%s'" % in_name, 215, "input = inputs[i.name]")
    size = 1
    for d in inputs[in_name].shape:
        size *= d
    want = 1
    for d in in_shape:
        want *= d
    if size != want:
        _fail("ValueError: cannot reshape array of size %d into shape %s" % (size, tuple(in_shape)), 224,
              "i.data[:] = input.reshape(i.data.shape)")
    common.check_lifecycle(TOOL, "inference")
    common.pause(0.05, TOOL)
    arrays = [(name, net.stage_values(name, shape, depth, "final", quantize))
              for depth, (name, shape) in enumerate(tensor_list) if name in outputs]
    npyio.save_npz(args.output, arrays)
    return 0


def main(argv=None):
    args = build_parser().parse_args(argv)
    return common.exit_code(run(args))
