# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`pulsar2 version|build|--help` as maixcam2.md §1.1, §1.3, §2, §4 describe it."""

import json
import os
import re
import shutil
import sys
import tarfile

from . import console as c
from . import onnxwire

BUILD_FLAGS = {
    "input", "output_dir", "config", "target_hardware", "npu_mode", "output_name", "work_dir", "input_shapes",
    "model_type", "onnx_opt.enable_onnxsim", "onnx_opt.disable_onnx_optimization", "onnx_opt.model_check",
    "quant.precision_analysis", "quant.precision_analysis_method", "quant.precision_analysis_mode",
    "quant.calibration_method", "compiler.check", "compiler.check_mode", "compiler.check_cosine_simularity",
}
BOOL_FLAGS = {"onnx_opt.enable_onnxsim", "onnx_opt.disable_onnx_optimization", "onnx_opt.model_check",
              "quant.precision_analysis"}
# The AX620E NPU list has these; everything a YOLO/classifier backbone uses (maixcam2.md §7).
UNSUPPORTED = {"NonMaxSuppression", "Loop", "If", "SequenceEmpty", "SequenceInsert", "SequenceAt"}


def usage():
    if c.version() == "6.0":
        return "usage: main.py [-h] {version,build,run,llm_build} ..."
    return "usage: pulsar2 [-h] {version,build,run} ..."


def relaxed_json(text):
    """Pulsar2 accepts JSON with // and # comments (outside strings)."""
    cleaned = []
    for line in text.splitlines():
        in_string = False
        cut = len(line)
        i = 0
        while i < len(line):
            ch = line[i]
            if ch == '"' and (i == 0 or line[i - 1] != "\\"):
                in_string = not in_string
            elif not in_string and (ch == "#" or line.startswith("//", i)):
                cut = i
                break
            i += 1
        cleaned.append(line[:cut])
    return json.loads("\n".join(cleaned))


def parse_bool(flag, value):
    v = value.lower()
    if v in ("1", "true"):
        return True
    if v in ("0", "false"):
        return False
    c.err(usage())
    c.err("main.py build: error: argument --%s: invalid bool value: '%s'" % (flag, value))
    sys.exit(2)


def parse_args(argv):
    """--flag value pairs (dotted names), merged over the config later."""
    args = {}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            c.out("usage: main.py build [-h] [--config CONFIG] [--input INPUT] [--output_dir OUTPUT_DIR] ...")
            sys.exit(0)
        if not a.startswith("--"):
            c.err(usage())
            c.err("main.py: error: unrecognized arguments: %s" % a)
            sys.exit(2)
        name, _, inline = a[2:].partition("=")
        if name not in BUILD_FLAGS:
            c.err(usage())
            c.err("main.py: error: unrecognized arguments: %s" % a)
            sys.exit(2)
        if inline:
            value = inline
        else:
            if i + 1 >= len(argv):
                c.err(usage())
                c.err("main.py build: error: argument --%s: expected one argument" % name)
                sys.exit(2)
            i += 1
            value = argv[i]
        args[name] = parse_bool(name, value) if name in BOOL_FLAGS else value
        i += 1
    return args


def set_dotted(config, name, value):
    node = config
    parts = name.split(".")
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    node[parts[-1]] = value


def fail(name, number, text, frames=None):
    raise c.CodeError(name, number, text, frames)


def cosine_for(index, count, u16):
    """Deterministic per-layer cosine: slowly falling with depth, a U16 layer far closer to 1."""
    loss = 0.00004 * (index + 1) + (0.0008 if index % 7 == 5 else 0.0)
    if u16:
        loss /= 20
    return 1.0 - loss, loss * 0.35


def shape_text(dims):
    if not dims:
        return "-"
    return "(" + ", ".join(str(d) for d in dims) + ")" if len(dims) > 1 else "(%s,)" % dims[0]


def permuted(dims, perm):
    if not perm:
        return list(dims)
    out = [None] * len(perm)
    for i, p in enumerate(perm):
        out[i] = dims[p]  # IndexError when the perm does not fit the tensor's rank
    if len(perm) != len(dims):
        raise IndexError("list assignment index out of range")
    return out


def build(argv):
    args = parse_args(argv)
    config = {}
    if "config" in args:
        path = args["config"]
        if not os.path.isfile(path):
            fail("ConfigError", 1, "FileNotFoundError(\"config file %s not found\")" % path)
        try:
            with open(path, encoding="utf-8") as f:
                config = relaxed_json(f.read())
        except ValueError as e:
            fail("ConfigError", 1, "JSONDecodeError(%r)" % str(e))
    for name, value in args.items():
        if name != "config":
            set_dotted(config, name, value)

    target = config.get("target_hardware", "AX650")
    npu_mode = config.get("npu_mode", "NPU1")
    if "input" not in config or "output_dir" not in config:
        fail("ConfigError", 1, "AssertionError('input and output_dir are required')")
    if target == "AX620E" and npu_mode not in ("NPU1", "NPU2"):
        fail("ConfigError", 1, "AssertionError('npu_mode %s is not supported by AX620E, use NPU1 or NPU2')" % npu_mode)
    out_dir = config["output_dir"]
    output_name = config.get("output_name", "compiled.axmodel")
    quant = config.get("quant", {})

    with open(config["input"], "rb") as f:
        raw = f.read()
    c.log("WARNING", "yamain.command.build:fill_default:313",
          "ignore input csc config because of src_format is AutoColorSpace or src_format and tensor_format are the same")
    try:
        model = onnxwire.read_model(raw)
    except onnxwire.DecodeError:
        fail("QuantError", 3, "DecodeError(\"Error parsing message with type 'onnx.ModelProto'\")")

    for name, op, _ in model.nodes:
        if op in ("Mod",):
            c.err("op name: %s, Mod, {} get opr failed." % name)
            fail("OnnxOptimizationError", 13, "AssertionError(\"check onnx parser e2e failed, ['output0']\")")
        if op in UNSUPPORTED:
            fail("QuantError", 3, "Exception('Graph op: %s(%s) has no backend implementation')" % (name, op))

    overwrite = os.path.isdir(out_dir)
    os.makedirs(os.path.join(out_dir, "frontend"), exist_ok=True)
    c.rich_bar("Building onnx")
    optimized = os.path.join(out_dir, "frontend", "optimized.onnx")
    shutil.copyfile(config["input"], optimized)
    c.log("INFO", "yamain.command.build:build:424", "save optimized onnx to [%s]" % optimized)

    # Calibration: the archive extracted flat into quant/dataset/<tensor>/.
    inputs = quant.get("input_configs", [])
    if not inputs:
        fail("ConfigError", 1, "AssertionError('quant.input_configs is required')")
    first = inputs[0]
    tensor = first.get("tensor_name", "DEFAULT")
    model_input = model.inputs[0] if model.inputs else ("images", 1, [1, 3, 640, 640])
    if tensor not in ("DEFAULT", model_input[0]):
        fail("QuantError", 3, "AssertionError(\"tensor_name %s not in model inputs ['%s']\")" % (tensor, model_input[0]))
    tensor_dir_name = model_input[0] if tensor == "DEFAULT" else tensor
    archive = first.get("calibration_dataset", "")
    if not os.path.isfile(archive):
        fail("QuantError", 3, "FileNotFoundError(\"calibration dataset %s not found\")" % archive)
    dataset = os.path.join(out_dir, "quant", "dataset", tensor_dir_name)
    os.makedirs(dataset, exist_ok=True)
    c.log("INFO", "yamain.common.util:extract_archive:148", "extract [%s] to [%s]..." % (archive, dataset))
    with tarfile.open(archive) as t:
        members = [m for m in t.getmembers() if m.isfile()]
        for m in members:
            m.name = os.path.basename(m.name)
            t.extract(m, dataset)
    size = int(first.get("calibration_size", 32))
    loaded = len(members) if size < 0 else min(size, len(members))
    mean = first.get("calibration_mean", [])
    std = first.get("calibration_std", [])
    for line in c.rich_table("Quant Config Table",
                             ["Input", "Shape", "Dataset Directory", "Data Format", "Tensor Format", "Mean", "Std"],
                             [[tensor_dir_name, str(model_input[2]), dataset, first.get("calibration_format", "Image"),
                               "RGB", str(mean), str(std)]]):
        c.out(line)
    c.out("%d File(s) Loaded." % loaded)
    if os.environ.get("FAKE_PULSAR2_SCENARIO") == "killed":
        c.out("Killed")
        sys.stdout.flush()
        os._exit(137)
    c.log("INFO", "yamain.command.quant:quant:92", "Quantization calibration will be executed on cpu")
    c.out("[%s] AX Set MixPrecision Pass Running ...           Finished." % c.now().strftime("%H:%M:%S"))
    c.tqdm("Calibration Progress(Phase 1)", loaded)
    layer_configs = quant.get("layer_configs", [])
    u16 = set()
    for lc in layer_configs:
        names = lc.get("layer_names", []) + ([lc["layer_name"]] if "layer_name" in lc else [])
        if lc.get("data_type") == "FP32":
            for name, op, _ in model.nodes:
                if name in names and op == "LeakyRelu":
                    fail("NPUBackendError", 8, "OpBuildException(\"op: AxLeakyRelu, 'dont support lut_float opr in AXOPS'\")")
        if lc.get("data_type") == "U16":
            u16.update(names)
    c.out("Network Quantization Finished.")
    quant_dir = os.path.join(out_dir, "quant")
    quant_onnx = os.path.join(quant_dir, "quant_axmodel.onnx")
    if overwrite and os.path.exists(quant_onnx):
        c.out("[Warning]File %s has already exist, quant exporter will overwrite it." % quant_onnx)
    shutil.copyfile(config["input"], quant_onnx)
    with open(os.path.join(quant_dir, "quant_axmodel.json"), "w") as f:
        json.dump({name: {"bit_width": 16 if name in u16 else 8, "policy": "PER_TENSOR", "state": "ACTIVATED"}
                   for name, _, _ in model.nodes}, f, indent=1)
    c.out("quant.axmodel export success: %s" % quant_onnx)

    if config.get("quant", {}).get("precision_analysis", False):
        precision_table(model, u16, quant, quant_dir)

    # Output processors: dst_perm must fit the tensor's rank (MaixPy#208's IndexError).
    perms = {p.get("tensor_name"): p.get("dst_perm", []) for p in config.get("output_processors", [])}
    outputs = []
    try:
        for name, _, dims in model.outputs:
            outputs.append((name, onnxwire.FLOAT, permuted(dims or [], perms.get(name, []))))
    except IndexError:
        c.err("Traceback (most recent call last):")
        c.err('  File "<frozen yamain.command.build>", line 344, in fill_default')
        c.err('  File "<frozen yamain.compiler.output_processor>", line 61, in apply_dst_perm')
        c.err("IndexError: list assignment index out of range")
        sys.exit(1)

    c.rich_bar("Building native")
    macs = 1000 * sum(1 for n in model.nodes if n[1] in ("Conv", "Gemm", "MatMul")) * 28026
    c.log("INFO", "yamain.command.build:compile_npu_subgraph:1004", "QuantAxModel macs: {:,}".format(macs))
    if os.environ.get("FAKE_PULSAR2_SCENARIO") == "ocm" and npu_mode == "NPU1":
        fail("NPUBackendError", 8, "AssertionError('ocm alloc with size 2097152 failed')",
             [("<frozen yamain.command.build>", 1004, "compile_npu_subgraph")])
    if os.environ.get("FAKE_PULSAR2_SCENARIO") == "hang":
        while True:
            c.pause(3600)
    os.makedirs(os.path.join(out_dir, "compiler", "subgraph_npu_0"), exist_ok=True)
    dims = model_input[2] or []
    h, w = (dims[2], dims[3]) if len(dims) == 4 else (640, 640)
    onnxwire.write_axmodel(os.path.join(out_dir, output_name), c.version(), c.commit(),
                           [(model_input[0], onnxwire.UINT8, [1, h, w, 3])], outputs)
    with open(os.path.join(out_dir, "build_context.json"), "w") as f:
        # The real file's content is undocumented (maixcam2.md §9): this only records the inputs.
        json.dump({"version": c.version(), "target_hardware": target, "npu_mode": npu_mode,
                   "input": config["input"]}, f, indent=1)
    c.log("INFO", "yamain.command.build:compile_ptq_model:940", "fuse 1 subgraph(s)")
    return 0


def precision_table(model, u16, quant, quant_dir):
    method = quant.get("precision_analysis_method", "PerLayer")
    mode = quant.get("precision_analysis_mode", "Reference")
    rows = []
    body = [n for n in model.nodes if n[2]]
    for k, (name, op, outs) in enumerate(body):
        cos, mse = cosine_for(k, len(body), name in u16)
        qtype = "U16" if name in u16 else "U8"
        if k + 1 == len(body):
            qtype = "FP32"
        rows.append([name, "AxQuantized" + op if op in ("Conv", "Add", "Mul", "Concat") else "Ax" + op, outs[0],
                     shape_text(model.shapes.get(outs[0])), "FP32", qtype, "%.5f" % cos, "%.5f" % mse])
    lines = c.rich_table("Quant Precision Table【%s %s】" % (method, mode),
                         ["Operator", "Type", "Output Tensor", "Shape", "DType", "QDType", "Cosin", "MSE"], rows,
                         max_width={0: 28, 2: 24}, centred=(1, 3, 4, 5))
    for line in lines:
        c.out(line)
    debug = os.path.join(quant_dir, "debug")
    os.makedirs(debug, exist_ok=True)
    table = os.path.join(debug, "precision_analysis_table.txt")
    with open(table, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    graph = os.path.join(debug, "precision_analysis.mmd")
    with open(graph, "w", encoding="utf-8") as f:
        f.write("graph TD\n")
        for a, b in zip(body, body[1:]):
            f.write('  %s["%s"] --> %s["%s"]\n' % (re.sub(r"\W", "_", a[0]), a[0], re.sub(r"\W", "_", b[0]), b[0]))
    c.log("INFO", "yamain.command.precision_analysis:quant_precision_analysis:401",
          "save precision analysis table to [%s]" % table)
    c.log("INFO", "yamain.command.precision_analysis:quant_precision_analysis:409",
          "save precision analysis graph to [%s]" % graph)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        c.out(usage())
        return 0 if argv else 1
    if argv[0] == "version":
        c.out("version: %s" % c.version())
        c.out("commit: %s" % c.commit())
        return 0
    if argv[0] != "build":
        c.err(usage())
        c.err("main.py: error: argument command: invalid choice: '%s'" % argv[0])
        return 2
    try:
        return build(argv[1:])
    except c.CodeError as e:
        c.code_exception(e)
        return 1
