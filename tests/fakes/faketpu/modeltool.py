# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fake `model_tool --info X.cvimodel` (the dump tpu-mlir's model_tool prints for a cvimodel)."""

import hashlib
import os
import sys

from . import common, net


def _header(path):
    """The fake deploy writes b'CviModel' + version + 'fake-tpu <module> <chip> <quantize>\\n'."""
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"CviModel"):
        return None, data
    line = data[12:].split(b"\n", 1)[0].decode("utf-8", "replace").split()
    if len(line) != 4 or line[0] != "fake-tpu":
        return None, data
    return line[1:], data


def _sizes(tensor_list, quantize):
    """Synthetic but deterministic: 3×3 weights per channel pair, one cmdbuf per 8 tensors, the
    largest activation as shared gmem, the input as io memory."""
    elt = 1 if quantize == "INT8" else 2
    weight = 0
    biggest = 0
    for i, (_name, shape) in enumerate(tensor_list):
        c = shape[1] if len(shape) > 1 else 1
        n = 1
        for d in shape:
            n *= d
        if i:
            weight += c * c * 9 * elt
        biggest = max(biggest, n * elt)
    cmdbufs = [1440 + 96 * (k % 5) for k in range(0, len(tensor_list), 8)]
    first = tensor_list[0][1]
    io = 1
    for d in first:
        io *= d
    return weight, cmdbufs, biggest, io * elt


def info(path):
    if not os.path.exists(path):
        common.err("open %s failed" % path)
        return 1
    head, data = _header(path)
    if head is None:
        common.err("%s is not a cvimodel" % path)
        return 1
    module, chip, quantize = head
    final = os.path.join(os.path.splitext(path)[0], "final.mlir")
    _module, tensor_list, _outputs = net.read_mlir(final)
    weight, cmdbufs, shared, io = _sizes(tensor_list, quantize)
    common.out("Mlir Version: %s" % common.short_version())
    common.out("Cvimodel Version: 1.4.0")
    common.out("%s Build at %s" % (module, common.now().strftime("%Y-%m-%d %H:%M:%S")))
    common.out("For %s chip ONLY" % chip)
    total = weight + sum(cmdbufs) + shared + io
    common.out("CviModel Need ION Memory Size: (%.2f MB)" % (total / (1024.0 * 1024.0)))
    common.out("")
    common.out("Sections:")
    newer = common.renamed_flags()  # ENCRYPT/COMPRESS columns in the releases the workbench supports
    if newer:
        common.out("%-3s  %-10s%-25s%-12s%-12s%-12s%-12s%-s" % ("ID", "TYPE", "NAME", "SIZE", "OFFSET", "ENCRYPT", "COMPRESS", "MD5"))
    else:
        common.out("%-3s  %-10s%-25s%-12s%-12s%-s" % ("ID", "TYPE", "NAME", "SIZE", "OFFSET", "MD5"))
    rows = [("weight", "weight", weight)] + [("cmdbuf", "subfunc_%d" % k, s) for k, s in enumerate(cmdbufs)]
    offset = 0
    for i, (kind, name, size) in enumerate(rows):
        md5 = hashlib.md5(data + name.encode()).hexdigest()
        if newer:
            common.out("%03d  %-10s%-25s%-12d%-12d%-12s%-12s%-s" % (i, kind, name, size, offset, "False", "False", md5))
        else:
            common.out("%03d  %-10s%-25s%-12d%-12d%-s" % (i, kind, name, size, offset, md5))
        offset += size
    common.out("")
    common.out("Program %0")
    common.out("  batch_num : 1")
    common.out("  private_gmem_size: 0")
    common.out("  shared_gmem_size: %d" % shared)
    common.out("  inputs: %s_quant" % tensor_list[0][0])
    common.out("  routines:")
    for k in range(len(cmdbufs)):
        common.out("    %%%03d tpu" % k)
        common.out("      section : subfunc_%d" % k)
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 2 and argv[0] == "--info":
        return info(argv[1])
    common.err("usage: model_tool --info model_file")
    return 1
