# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fake `npz_tool.py`: the `compare` sub-command with the real algorithm and output format."""

import argparse
import math
import os
import struct
import sys

from . import common, npyio

TOOL = "npz_tool"


def _f32(x):
    if math.isinf(x) or math.isnan(x):
        return x
    return struct.unpack("<f", struct.pack("<f", x))[0]


def _metrics(a, b):
    a = [0.0 if math.isnan(x) else (10000.0 if x == math.inf else (-10000.0 if x == -math.inf else x)) for x in a]
    b = [0.0 if math.isnan(x) else (10000.0 if x == math.inf else (-10000.0 if x == -math.inf else x)) for x in b]
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(x * x for x in b))
    cos = 0.0 if na == 0 or nb == 0 else sum(x * y for x, y in zip(a, b)) / (na * nb)
    diff = math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)))
    avg = math.sqrt(sum(((x + y) / 2) ** 2 for x, y in zip(a, b)))
    euc = 1.0 - diff / (avg + 1e-7)
    n = [x - y for x, y in zip(a, b)]
    ma = sum(a) / len(a)
    mn = sum(n) / len(n)
    sig = sum((x - ma) ** 2 for x in a)
    noise = sum((x - mn) ** 2 for x in n)
    if noise == 0:
        sqnr = math.inf
    elif sig == 0:
        sqnr = -math.inf
    else:
        sqnr = 10 * math.log10(sig / noise)
    return _f32(cos), euc, _f32(sqnr)


def _close_order(a, b):
    for order in (5, 4, 3):
        rtol = 10.0 ** -order
        if all(abs(x - y) <= 1e-8 + rtol * abs(y) for x, y in zip(a, b)):
            return order
    return 0


def _fmt_float(x):
    return "{:f}".format(x)


def _shape_repr(shape):
    if len(shape) == 1:
        return "(%d,)" % shape[0]
    return "(" + ", ".join(str(d) for d in shape) + ")"


def compare(args):
    tol = [float(x) for x in args.tolerance.split(",")]
    cos_tol, euc_tol = tol[0], tol[1] if len(tol) > 1 else tol[0]
    excepts = set(common.str2list(args.excepts)) - {"-"}
    for f in (args.target, args.reference):
        if not os.path.exists(f):
            common.traceback_tail(TOOL, [(common.tool_path("npz_tool.py"), 94, "<module>", "npz_compare(sys.argv[2:])")],
                                  "FileNotFoundError: [Errno 2] No such file or directory: '%s'" % f)
            sys.exit(1)
    target = dict(npyio.load_npz(args.target))
    reference = npyio.load_npz(args.reference)
    names = [n for n, _ in reference if n in target and n not in excepts]
    ref = dict(reference)

    results = []
    bar = common.Bar("compare " + (names[0] if names else ""), len(names), 0.01, TOOL) if names else None
    for name in names:
        t, r = target[name], ref[name]
        entry = {"name": name, "shape": t.shape, "dtype": t.dtype}
        if t.size != r.size:
            entry["status"] = "NOT_MATCH"
        elif t.raw() == r.raw():
            entry["status"] = "EQUAL"
        else:
            a, b = t.values, r.values
            order = _close_order(a, b)
            if order:
                entry["status"] = "CLOSE"
                entry["order"] = order
            else:
                cos, euc, sqnr = _metrics(a, b)
                entry.update(cos=cos, euc=euc, sqnr=sqnr)
                entry["status"] = "SIMILAR" if cos > cos_tol and euc > euc_tol else "NOT_SIMLIAR"
        results.append(entry)
        bar.update("compare " + name)
    if bar:
        bar.close()
    if common.version_tuple() >= (1, 15):
        print("\n")

    verbose = args.verbose or 0
    for e in results:
        passed = e["status"] in ("EQUAL", "CLOSE", "SIMILAR")
        common.out("[{:<32}] {:>12} [{:>6}]".format(e["name"], e["status"], "PASSED" if passed else "FAILED"))
        if verbose >= 1:
            common.out("    %s %s " % (_shape_repr(e["shape"]), e["dtype"]))
            if e["status"] == "CLOSE":
                common.out("    {:<23}= {}".format("close order", e["order"]))
            elif "cos" in e:
                common.out("    {:<23}= {}".format("cosine_similarity", _fmt_float(e["cos"])))
                common.out("    {:<23}= {}".format("euclidean_similarity", _fmt_float(e["euc"])))
                common.out("    {:<23}= {}".format("sqnr_similarity", _fmt_float(e["sqnr"])))
        if verbose >= 2 and not passed and e["status"] != "NOT_MATCH":
            a, b = target[e["name"]].values, ref[e["name"]].values
            ta = sorted(range(len(a)), key=lambda i: -a[i])[:10]
            rb = sorted(range(len(b)), key=lambda i: -b[i])[:10]
            common.out("top-k:")
            common.out(" idx-t  target  idx-r  ref")
            for i, j in zip(ta, rb):
                common.out("  %d %s %d %s" % (i, repr(_f32(a[i])), j, repr(_f32(b[j]))))
        if verbose >= 3 and e["status"] not in ("EQUAL", "NOT_MATCH"):
            a, b = target[e["name"]].values, ref[e["name"]].values
            common.out("all-diffs:")
            for i, (x, y) in enumerate(zip(a, b)):
                if abs(x - y) > 1e-3 + 1e-3 * abs(y):
                    common.out("  %d %s %s" % (i, repr(_f32(x)), repr(_f32(y))))
        if verbose >= 4:
            a, b = target[e["name"]].values, ref[e["name"]].values
            common.out("all-elements:")
            for i, (x, y) in enumerate(zip(a, b)):
                common.out("  %d %s %s" % (i, repr(_f32(x)), repr(_f32(y))))

    count = {s: sum(1 for e in results if e["status"] == s)
             for s in ("EQUAL", "CLOSE", "SIMILAR", "NOT_EQUAL", "NOT_SIMLIAR", "NOT_MATCH")}
    passed = count["EQUAL"] + count["CLOSE"] + count["SIMILAR"]
    failed = len(results) - passed
    sims = [e for e in results if "cos" in e]
    if sims:
        mins = (min(e["cos"] for e in sims), min(e["euc"] for e in sims), min(e["sqnr"] for e in sims))
    else:
        mins = (1.0, 1.0, math.inf)
    common.out("%d compared" % len(results))
    common.out("%d passed" % passed)
    common.out("  %d equal, %d close, %d similar" % (count["EQUAL"], count["CLOSE"], count["SIMILAR"]))
    common.out("%d failed" % failed)
    common.out("  %d not equal, %d not similar" % (count["NOT_EQUAL"], count["NOT_SIMLIAR"]))
    common.out("min_similiarity = (%r, %r, %r)" % mins)
    common.out("Target    " + args.target)
    common.out("Reference " + args.reference)
    if args.save:
        with open(args.save, "w") as f:
            f.write("name, op, quant, pass, sim_cos, sim_euc, sqnr\n")
            for e in results:
                ok = e["status"] in ("EQUAL", "CLOSE", "SIMILAR")
                cos, euc, sq = (e["cos"], e["euc"], e["sqnr"]) if "cos" in e else (1.0, 1.0, math.inf)
                f.write("%s, -, -, %s, %s, %s, %s\n" % (e["name"], ok, cos, euc, sq))
        common.out(("Results saved as " if common.version_tuple() >= (1, 15) else "Results save as ") + args.save)
    if failed:
        common.out("npz compare FAILED.")
        sys.exit(255)
    common.out("npz compare PASSED.")
    return 0


def build_parser():
    parser = argparse.ArgumentParser(prog="npz_tool.py", description="npz tools")
    sub = parser.add_subparsers(dest="cmd")
    c = sub.add_parser("compare", help="compare two npz files")
    c.add_argument("target", help="target npz file")
    c.add_argument("reference", help="reference npz file")
    c.add_argument("--tolerance", type=str, default="0.99,0.99", help="tolerance for cos/euclid similarity")
    c.add_argument("--excepts", type=str, default="-", help="tensor names not to compare")
    c.add_argument("-v", "--verbose", action="count", default=0, help="verbose level")
    c.add_argument("--save", type=str, help="save result as csv")
    c.add_argument("--per_axis_compare", type=int, default=-1)
    c.add_argument("--fuzzy_match", action="store_true")
    c.add_argument("--int8_tensor_close", type=int, default=1)
    c.add_argument("--full-array", action="store_true")
    c.add_argument("--stats_int8_tensor", action="store_true")
    if common.version_tuple() >= (1, 15):
        c.add_argument("-a", "--forall", action="store_true", help="compare all tensors")
    d = sub.add_parser("dump", help="dump npz")
    d.add_argument("file")
    d.add_argument("tensors", nargs="*")
    g = sub.add_parser("get_shape", help="print shapes")
    g.add_argument("file")
    return parser


def main(argv=None):
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        sys.exit(common.exit_code(e.code or 0))
    common.check_lifecycle(TOOL, "start")
    if args.cmd == "compare":
        try:
            compare(args)
        except SystemExit as e:
            sys.exit(common.exit_code(e.code or 0))
        return 0
    if args.cmd in ("dump", "get_shape"):
        for name, arr in npyio.load_npz(args.file):
            if args.cmd == "dump" and args.tensors and name not in args.tensors:
                continue
            common.out("%s : %s %s" % (name, _shape_repr(arr.shape), arr.dtype))
        return 0
    parser.print_usage(sys.stderr)
    sys.exit(common.exit_code(2))
