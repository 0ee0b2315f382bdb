#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes .npy/.npz test files with numpy and the metrics expected for them.

The expected values are computed here, independently of the C++ code, by the formulas of
tpu-mlir's npz compare (shared/reference/tpu-mlir.md §4.2) in float64.

usage: make_npz_cases.py OUTDIR            unit-test cases  (expected.json)
       make_npz_cases.py OUTDIR --yolo N   a YOLOv8n-like run of N tensors for the chart
       make_npz_cases.py OUTDIR --bench T MB   T tensors, MB megabytes per file (benchmark)
"""
import json
import os
import sys
import zipfile

import numpy as np

RNG = np.random.default_rng(20260427)


def bf16_bits(a):
    """float32 -> bf16 bits (round to nearest even) stored as uint16, like tpu-mlir."""
    u = np.asarray(a, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (u + 0x7FFF + ((u >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def bf16_decode(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def reference_compare(name, t, r, cos_tol, euc_tol):
    """tpu-mlir's per-tensor compare, written from the reference description."""
    if t.dtype == np.uint16 and r.dtype.kind == 'f':
        t = bf16_decode(t)
    if r.dtype == np.uint16 and t.dtype.kind == 'f':
        r = bf16_decode(r)
    if t.dtype != r.dtype:
        if np.int8 in (t.dtype, r.dtype):
            t, r = t.astype(np.int8), r.astype(np.int8)
        elif np.int32 in (t.dtype, r.dtype):
            t, r = t.astype(np.int32), r.astype(np.int32)
        else:
            t, r = t.astype(np.float32), r.astype(np.float32)
    if t.size == r.size:
        r = r.reshape(t.shape)
    elif t.ndim == r.ndim and all(a <= b for a, b in zip(t.shape, r.shape)):
        r = r[tuple(slice(0, d) for d in t.shape)]
    else:
        return {"status": "NOT_MATCH"}
    out = {}
    if np.array_equal(t, r):
        return {"status": "EQUAL", "cos": 1.0, "euc": 1.0, "sqnr": "inf"}
    a = np.nan_to_num(t.astype(np.float64).ravel(), nan=0.0, posinf=10000.0, neginf=-10000.0)
    b = np.nan_to_num(r.astype(np.float64).ravel(), nan=0.0, posinf=10000.0, neginf=-10000.0)
    den = np.linalg.norm(a) * np.linalg.norm(b)
    cos = 0.0 if den == 0 else float(np.dot(a, b) / den)
    euc = float(1.0 - np.linalg.norm(a - b) / (np.linalg.norm((a + b) / 2) + 1e-7))
    n = a - b
    noise = np.sum((n - n.mean()) ** 2)
    signal = np.sum((a - a.mean()) ** 2)
    with np.errstate(divide="ignore"):
        sqnr = "inf" if noise == 0 else float(10 * np.log10(signal / noise))
    if sqnr != "inf" and np.isinf(sqnr):
        sqnr = "-inf"  # JSON has no infinities
    out.update({"cos": cos, "euc": euc, "sqnr": sqnr})
    if t.dtype == np.int8:
        out["status"] = "NOT_EQUAL"
        return out
    for order, rtol in ((5, 1e-5), (4, 1e-4), (3, 1e-3)):
        if np.allclose(t, r, rtol=rtol, atol=1e-8):
            return {"status": "CLOSE", "close_order": order, "cos": 1.0, "euc": 1.0, "sqnr": "inf"}
    out["status"] = "SIMILAR" if (cos > cos_tol and euc > euc_tol) else "NOT_SIMLIAR"
    return out


def noisy(x, rel):
    return (x + RNG.standard_normal(x.shape).astype(np.float32) * rel * np.abs(x).mean()).astype(np.float32)


def unit_cases(outdir):
    expected = {"npy": {}, "tolerance": [0.99, 0.90], "compare": [], "order": []}
    # Single .npy files: every dtype, format versions 1-3, big endian, Fortran order.
    base = RNG.standard_normal((2, 3, 4)) * 50
    arrays = {
        "f32": base.astype(np.float32),
        "f64": base.astype(np.float64),
        "f16": base.astype(np.float16),
        "i8": np.clip(base, -128, 127).astype(np.int8),
        "u8": np.clip(np.abs(base), 0, 255).astype(np.uint8),
        "i16": (base * 100).astype(np.int16),
        "i32": (base * 1000).astype(np.int32),
        "i64": (base * 1e6).astype(np.int64),
        "bool": base > 0,
        "u16": np.abs(base * 100).astype(np.uint16),
        "bf16": bf16_bits(base.astype(np.float32)),
        "f32_be": base.astype('>f4'),
        "i32_be": (base * 1000).astype('>i4'),
        "f32_fortran": np.asfortranarray(base.astype(np.float32)),
        "i16_fortran_be": np.asfortranarray((base * 100).astype('>i2')),
        "scalar": np.array(3.5, dtype=np.float32),
        "vector": np.arange(7, dtype=np.float32),
        "empty": np.zeros((0, 3), dtype=np.float32),
    }
    for name, arr in arrays.items():
        for version in ((1, 0), (2, 0), (3, 0)):
            fname = "%s_v%d.npy" % (name, version[0])
            with open(os.path.join(outdir, fname), "wb") as f:
                np.lib.format.write_array(f, arr, version=version)
            values = arr.astype(np.float64)
            if name == "bf16":
                values = bf16_decode(arr).astype(np.float64)
            expected["npy"][fname] = {
                "shape": list(arr.shape),
                "dtype": str(arr.dtype.newbyteorder('=')),
                "fortran": bool(arr.flags.f_contiguous and not arr.flags.c_contiguous),
                "big_endian": arr.dtype.byteorder == '>',
                "bf16": name == "bf16",
                "values": values.ravel(order='C').tolist(),
            }

    # Pairs for the npz compare: (name, target, reference).
    x = RNG.standard_normal((1, 8, 16, 16)).astype(np.float32) * 3
    zeros = np.zeros((1, 4, 8, 8), np.float32)
    int8a = RNG.integers(-128, 127, (1, 16, 8, 8), dtype=np.int8)
    int8b = int8a.copy()
    int8b[0, 0, 0, :4] += 1
    naninf = x.copy()
    naninf[0, 0, 0, :3] = [np.nan, np.inf, -np.inf]
    pairs = [
        ("images", x, x.copy()),
        ("/model.0/conv/Conv_output_0_Conv", noisy(x, 0.02), x),
        ("/model.0/act/Mul_output_0_Mul", noisy(x, 0.8), x),
        ("/model.1/conv/Conv_output_0_Conv", (x * (1 + 5e-6)).astype(np.float32), x),
        ("/model.1/act/Mul_output_0_Mul", (x * (1 + 5e-5)).astype(np.float32), x),
        ("/model.2/cv1/conv/Conv_output_0_Conv", (x * (1 + 5e-4)).astype(np.float32), x),
        ("/model.2/Split_output_0_Split", noisy(x, 0.3), x),
        ("/model.3/zeros_Conv", zeros, noisy(zeros + 1, 0.1)),
        ("/model.4/int8_Conv", int8a, int8b),
        ("/model.4/int8same_Conv", int8a, int8a.copy()),
        ("/model.5/int8vsf32_Add", int8a, int8b.astype(np.float32)),
        ("/model.6/i32_Reshape", (x * 100).astype(np.int32), (x * 100 + 3).astype(np.int32)),
        ("/model.7/f64_Conv", noisy(x, 0.05).astype(np.float64), x.astype(np.float64)),
        ("/model.8/f16_Conv", noisy(x, 0.05).astype(np.float16), x.astype(np.float16)),
        ("/model.9/u8_Resize", np.clip(np.abs(x) * 40, 0, 255).astype(np.uint8),
         np.clip(np.abs(x) * 40 + 2, 0, 255).astype(np.uint8)),
        ("/model.10/i16_Mul", (x * 300).astype(np.int16), (x * 301).astype(np.int16)),
        ("/model.11/i64_Shape", (x * 1000).astype(np.int64), (x * 1003).astype(np.int64)),
        ("/model.12/bool_Greater", x > 0, x > 0),
        ("/model.13/bf16_Conv", bf16_bits(noisy(x, 0.01)), x),
        ("/model.14/u16both_Conv", bf16_bits(noisy(x, 0.01)), bf16_bits(x)),
        ("/model.15/reshaped_Reshape", noisy(x, 0.05).reshape(1, 8, 256), x),
        ("/model.16/cropped_Slice", noisy(x, 0.05)[:, :, :12, :12].copy(), x),
        ("/model.17/mismatch_Concat", noisy(x, 0.05)[:, :4].reshape(1, 4, 256), x),
        ("/model.18/naninf_Sigmoid", naninf, x),
        ("/model.19/fortran_Transpose", np.asfortranarray(noisy(x, 0.05)), x),
        ("/model.20/bigendian_Conv", noisy(x, 0.05).astype('>f4'), x),
        ("/model.21/negative_Mul", -x, x),
        ("output0_Concat", noisy(x, 0.1), x),
    ]
    only_target = {"/model.99/only_in_target_Conv": x}
    only_reference = {"/model.98/only_in_reference_Conv": x}
    target = dict(only_target)
    target.update({n: t for n, t, _ in reversed(pairs)})  # other order on purpose
    reference = {n: r for n, _, r in pairs}
    reference.update(only_reference)
    np.savez(os.path.join(outdir, "target.npz"), **target)
    np.savez_compressed(os.path.join(outdir, "reference.npz"), **reference)
    # The same pair compressed the other way round, to read deflated targets too.
    np.savez_compressed(os.path.join(outdir, "target_deflated.npz"), **target)
    expected["order"] = list(reference.keys())
    expected["target_order"] = list(target.keys())
    for name, t, r in pairs:
        e = reference_compare(name, t, r, 0.99, 0.90)
        e["name"] = name
        expected["compare"].append(e)

    # A zip that lies about an entry's size (a zip bomb's signature).
    bomb = os.path.join(outdir, "absurd.npz")
    np.savez_compressed(bomb, big=x)
    data = bytearray(open(bomb, "rb").read())
    cd = data.find(b"PK\x01\x02")
    data[cd + 24:cd + 28] = (0xFFFFFFF0).to_bytes(4, "little")
    open(bomb, "wb").write(bytes(data))
    # Truncated .npy inside a valid zip.
    with zipfile.ZipFile(os.path.join(outdir, "truncated.npz"), "w") as z:
        buf = open(os.path.join(outdir, "f32_v1.npy"), "rb").read()
        z.writestr("cut.npy", buf[:-10])
    with open(os.path.join(outdir, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


def yolo_names(count):
    names = ["images"]
    block = 0
    while len(names) < count:
        for part in ("conv/Conv_output_0_Conv", "act/Sigmoid_output_0_Sigmoid", "act/Mul_output_0_Mul",
                     "cv1/conv/Conv_output_0_Conv", "Split_output_0_Split", "m.0/cv1/conv/Conv_output_0_Conv",
                     "m.0/Add_output_0_Add", "Concat_output_0_Concat"):
            names.append("/model.%d/%s" % (block, part))
        block += 1
    names = names[:count - 1] + ["output0_Concat"]
    return names


def yolo_run(outdir, count, suffix, drift):
    x = RNG.standard_normal((1, 16, 20, 20)).astype(np.float32)
    target, reference = {}, {}
    for i, name in enumerate(yolo_names(count)):
        r = (x * (1 + i % 5)).astype(np.float32)
        rel = 0.002 + drift * (i / count) ** 2  # similarity decays along the network
        if "Sigmoid" in name:
            rel *= 3
        if i == int(count * 0.7) and drift > 0.1:
            rel = 0.9  # one broken layer in the middle
        target[name] = r if name == "images" else noisy(r, rel)
        reference[name] = r
    np.savez(os.path.join(outdir, "yolo_target%s.npz" % suffix), **target)
    np.savez(os.path.join(outdir, "yolo_reference%s.npz" % suffix), **reference)


def bench(outdir, tensors, megabytes):
    per = int(megabytes * 1e6 / 4 / tensors)
    target, reference = {}, {}
    for i in range(tensors):
        r = RNG.standard_normal(per, dtype=np.float32)
        target["/model.%d/conv/Conv_output_0_Conv" % i] = r + np.float32(0.01) * RNG.standard_normal(per, dtype=np.float32)
        reference["/model.%d/conv/Conv_output_0_Conv" % i] = r
    np.savez(os.path.join(outdir, "bench_target.npz"), **target)
    np.savez(os.path.join(outdir, "bench_reference.npz"), **reference)


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    if len(sys.argv) > 3 and sys.argv[2] == "--yolo":
        yolo_run(out, int(sys.argv[3]), "", 0.25)
        yolo_run(out, int(sys.argv[3]), "_bf16", 0.02)
    elif len(sys.argv) > 4 and sys.argv[2] == "--bench":
        bench(out, int(sys.argv[3]), float(sys.argv[4]))
    else:
        unit_cases(out)
