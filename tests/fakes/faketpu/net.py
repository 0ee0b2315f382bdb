# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fixed synthetic network of the fake toolchain and its deterministic tensor values.

Tensor i (0 = input) of the reference run gets pseudo-random values; every later stage adds
noise whose norm is exactly r(stage, mode, depth) times the tensor's norm, so the
euclidean similarity is close to 1 - r and the cosine close to 1/sqrt(1 + r^2), both
decreasing with depth. See README.md for the resulting first failing layer per tolerance.
"""

import math
import re
import zlib

from . import npyio

DEFAULT_OUTPUTS = ["/model.22/dfl/conv/Conv_output_0", "/model.22/Sigmoid_output_0"]


def _body():
    names = []
    for i in range(10):
        c = 8 + 2 * i
        hw = 8 if i < 5 else 4
        names.append(("/model.%d/conv/Conv_output_0_Conv" % i, (1, c, hw, hw)))
        names.append(("/model.%d/act/Sigmoid_output_0_Sigmoid" % i, (1, c, hw, hw)))
        names.append(("/model.%d/act/Mul_output_0_Mul" % i, (1, c, hw, hw)))
    names += [
        ("/model.10/Concat_output_0_Concat", (1, 48, 4, 4)),
        ("/model.11/Resize_output_0_Resize", (1, 48, 8, 8)),
        ("/model.12/cv1/conv/Conv_output_0_Conv", (1, 16, 8, 8)),
        ("/model.12/m.0/Add_output_0_Add", (1, 16, 8, 8)),
        ("/model.13/MaxPool_output_0_MaxPool", (1, 16, 4, 4)),
        ("/model.14/Split_output_0_Split", (1, 8, 4, 4)),
    ]
    return names


def op_type_of(onnx_name):
    """'/model.22/Sigmoid_1_output_0' -> 'Sigmoid'; names without a path -> 'Concat'."""
    m = re.search(r"/([A-Za-z]+)(?:_\d+)?_output_\d+$", onnx_name)
    return m.group(1) if m else "Concat"


def output_tensors(output_names):
    names = output_names or DEFAULT_OUTPUTS
    return [(n + "_" + op_type_of(n), (1, 16, 4, 4) if i else (1, 64, 4, 4)) for i, n in enumerate(names)]


def tensors(input_shape, output_names):
    """[(name, shape)] in topological order: input, 36 body tensors, the outputs."""
    return [("images", tuple(input_shape))] + _body() + output_tensors(output_names)


# ---------------------------------------------------------------- values

class _Rng:
    def __init__(self, seed):
        self.s = (seed & 0xFFFFFFFF) or 0x9E3779B9

    def next(self):
        # xorshift32
        s = self.s
        s ^= (s << 13) & 0xFFFFFFFF
        s ^= s >> 17
        s ^= (s << 5) & 0xFFFFFFFF
        self.s = s
        return s / 4294967296.0

    def gauss(self):
        return (self.next() + self.next() + self.next() + self.next() - 2.0) * 1.7320508


def _seed(*parts):
    return zlib.crc32("|".join(parts).encode("utf-8"))


def input_array(shape):
    """Input image data: a fast, deterministic pattern tiled over the full shape."""
    n = 1
    for d in shape:
        n *= d
    import struct
    block = struct.pack("<256f", *[(i * 37 % 256) / 255.0 for i in range(256)])
    reps = (n * 4 + len(block) - 1) // len(block)
    raw = (block * reps)[: n * 4]
    return npyio.Array(shape, None, "f", raw)


def reference_values(name, shape):
    n = 1
    for d in shape:
        n *= d
    rng = _Rng(_seed("ref", name))
    if name.endswith("_Sigmoid"):
        return [1.0 / (1.0 + math.exp(-rng.gauss() * 2)) for _ in range(n)]
    return [rng.gauss() * 2.0 for _ in range(n)]


def noisy(values, name, stage, r, mode="abs"):
    """values + noise with ||noise|| = r * ||values|| (mode 'rel': per-element relative error r)."""
    if r == 0:
        return list(values)
    rng = _Rng(_seed(stage, name))
    if mode == "rel":
        return [v * (1.0 + r * (1 if rng.next() < 0.5 else -1)) for v in values]
    g = [rng.gauss() for _ in values]
    gn = math.sqrt(sum(x * x for x in g)) or 1.0
    vn = math.sqrt(sum(x * x for x in values))
    k = r * vn / gn
    return [v + k * x for v, x in zip(values, g)]


def noise_ratio(stage, quantize, depth):
    """Relative noise norm of a stage's target against its reference, by depth (1 = first layer)."""
    if stage == "transform":
        return 2e-6 * (1 + depth)
    if stage == "tpu":
        if quantize in ("INT8", "INT4"):
            return 0.006 + 0.006 * depth
        if quantize in ("BF16", "F16", "W8BF16", "W8F16"):
            return 0.0005 + 0.0004 * depth
        return 0.0
    if stage == "final":
        if quantize in ("INT8", "INT4"):
            return 0.0
        return 1e-5
    return 0.0


def stage_values(name, shape, depth, stage, quantize, fail_tensor=None, broken=False):
    """Values of tensor `name` as produced at `stage` (ref, transform, tpu, final)."""
    values = reference_values(name, shape)
    chain = ["transform", "tpu", "final"]
    upto = chain.index(stage) + 1 if stage in chain else 0
    for st in chain[:upto]:
        if fail_tensor and fail_tensor == (name, st):
            values = noisy(values, name, st, 1.6)
            continue
        if broken and st == "final":
            values = [-0.5 * v for v in values]
            values = noisy(values, name, st, 1.0)
            continue
        if st == "transform" and (name.endswith(("_MaxPool", "_Split", "_Concat", "_Resize"))):
            continue
        if st == "transform" and name.endswith("_Mul"):
            values = noisy(values, name, st, 5e-5, "rel")
            continue
        values = noisy(values, name, st, noise_ratio(st, quantize, depth))
    return npyio.Array(shape, values, "f")


# ---------------------------------------------------------------- fake MLIR files

def write_mlir(path, module_name, dialect, tensor_list, outputs, extra=""):
    lines = ['#loc = loc(unknown)',
             'module attributes {module.chip = "ALL", module.name = "%s", module.state = "%s", '
             'module.weight_file = "%s_weight.npz"%s} {' % (module_name, dialect, module_name, extra),
             '  func.func @main(%arg0: tensor<1x3x640x640xf32> loc(unknown)) -> () {']
    for i, (name, shape) in enumerate(tensor_list):
        dims = "x".join(str(d) for d in shape)
        lines.append('    %%%d = "top.Op"() : () -> tensor<%sxf32> loc(#loc%d)' % (i, dims, i))
    lines.append("    return")
    lines.append("  } loc(#loc)")
    lines.append("} loc(#loc)")
    for i, (name, _) in enumerate(tensor_list):
        lines.append('#loc%d = loc("%s")' % (i, name))
    lines.append("// fake-tpu outputs: " + ",".join(outputs))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def read_mlir(path):
    """Returns (module_name, [(name, shape)], outputs) of a fake MLIR file."""
    with open(path) as f:
        text = f.read()
    m = re.search(r'module\.name = "([^"]*)"', text)
    module_name = m.group(1) if m else "model"
    shapes = re.findall(r"tensor<([0-9x]+)xf32> loc\(#loc(\d+)\)", text)
    locs = dict(re.findall(r'^#loc(\d+) = loc\("(.*)"\)$', text, re.M))
    tensor_list = []
    for dims, idx in shapes:
        if idx in locs:
            tensor_list.append((locs[idx], tuple(int(d) for d in dims.split("x"))))
    m = re.search(r"^// fake-tpu outputs: (.*)$", text, re.M)
    outputs = m.group(1).split(",") if m and m.group(1) else []
    return module_name, tensor_list, outputs
