#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The FP32 preview against independent references (tests/core/preview/CMakeLists.txt).

Usage: fp32_reference_test.py CLI NODE ASSETS WORKDIR KIND MODEL [INPUT_SHAPE]
  KIND  preprocess | onnxruntime
  preprocess   `maixcam-convert preview --dump-outputs` on synthetic 500x333 and 150x97 pictures must
               give the input tensor numpy computes from the same pixels: MaixPy's fit (nearest
               resize with OpenCV's sampling, black bars or centre crop), the pixel format and
               (pixel - mean) * scale, NCHW or NHWC; for several projects (mean/scale, bgr,
               gray, cover).
  onnxruntime  the cut model's FP32 outputs (OpenCV) must match onnxruntime-node run on the
               same dumped input tensor: cosine >= 0.9999 per output, or the model is one
               OpenCV 4.6 cannot run and the CLI says so in one sentence naming node and op.
  folderrun    `maixcam-convert run` of a project with preview.images on the tpu-mlir doubles
               (INPUT_SHAPE, then the doubles' folder): every picture's preview/<stem>_in_f32.npz
               must be the tensor numpy computes, model_runner must have written its outputs,
               and `preview --int8 RUN` must list one row per picture.
Needs /usr/bin/python3 with numpy; onnxruntime-node from tests/fetch-test-assets.sh.
"""
import json
import os
import subprocess
import sys

import numpy as np

CLI, NODE, ASSETS, WORKDIR, KIND, MODEL = sys.argv[1:7]
INPUT_SHAPE = sys.argv[7] if len(sys.argv) > 7 else ""
HERE = os.path.dirname(os.path.abspath(__file__))
# Models OpenCV 4.6 cannot run even after the rewrites: the CLI must name the node and op.
# (None of the fetched ones since the [1,T,C] constant expansion; the crafted Mod model covers it.)
NOT_RUNNABLE = {}


def run(args, check=True):
    p = subprocess.run(args, capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"FAIL: {' '.join(args)} exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
    return p


def write_project(path, model, shape, model_type="", mean=(0, 0, 0), scale=(1 / 255,) * 3, pixel="rgb",
                  outputs=(), labels=()):
    def lst(v):
        return "[" + ", ".join(repr(x) if isinstance(x, str) else str(x) for x in v) + "]"
    with open(path, "w") as f:
        f.write(f"""schema: 1
name: {os.path.splitext(os.path.basename(path))[0]}
model:
  path: {model}
  input_shape: {lst(shape)}
  outputs: {lst(outputs)}
maixpy:
  model_type: "{model_type}"
  task: ""
  anchors: []
  labels: {lst(labels)}
preprocess:
  mean: {lst(mean)}
  scale: {lst(scale)}
  pixel_format: {pixel}
""")


def init_project(path, model, shape):
    """`maixcam-convert init` for recognised families (their cut preset), else a plain project."""
    args = [CLI, "init", model, "-o", path]
    if shape:
        args += ["--input-shape", shape]
    if run(args, check=False).returncode != 0:
        import onnx  # only to read the static input shape of a model init does not know
        m = onnx.load(model, load_external_data=False)
        dims = [d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim]
        write_project(path, model, [int(x) for x in shape.split(",")] if shape else dims)


def write_ppm(path, w, h, seed):
    img = np.random.default_rng(seed).integers(0, 256, (h, w, 3), dtype=np.uint8)
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (w, h))
        f.write(img.tobytes())
    return img


def nearest(img, scale):
    """cv::resize(src, dst, Size(), scale, scale, INTER_NEAREST) for a float32 scale."""
    h, w = img.shape[:2]
    fx = float(np.float32(scale))
    dw, dh = int(np.rint(w * fx)), int(np.rint(h * fx))
    xs = np.minimum(np.floor(np.arange(dw) * (1.0 / fx)).astype(int), w - 1)
    ys = np.minimum(np.floor(np.arange(dh) * (1.0 / fx)).astype(int), h - 1)
    return img[ys][:, xs]


def device_tensor(rgb, shape, fit, pixel, mean, scale):
    nhwc = shape[3] <= 4
    c, h, w = (shape[3], shape[1], shape[2]) if nhwc else (shape[1], shape[2], shape[3])
    sh, sw = rgb.shape[:2]
    if (sw, sh) == (w, h):
        fitted = rgb
    else:
        sx, sy = np.float32(w) / np.float32(sw), np.float32(h) / np.float32(sh)
        s = max(sx, sy) if fit == "cover" else min(sx, sy)
        r = nearest(rgb, s)
        if fit == "cover":
            y0, x0 = (r.shape[0] - h) // 2, (r.shape[1] - w) // 2
            fitted = r[y0:y0 + h, x0:x0 + w]
        else:
            fitted = np.zeros((h, w, 3), np.uint8)
            y0, x0 = (h - r.shape[0]) // 2, (w - r.shape[1]) // 2
            fitted[y0:y0 + r.shape[0], x0:x0 + r.shape[1]] = r
    if pixel == "bgr":
        px = fitted[:, :, ::-1].astype(np.float32)
    elif pixel == "gray":
        # ITU-R BT.601 luma (0.299, 0.587, 0.114) in OpenCV 4's 15-bit fixed point, rounded.
        f = fitted.astype(np.int64)
        px = ((f[:, :, 0] * 9798 + f[:, :, 1] * 19235 + f[:, :, 2] * 3735 + (1 << 14)) >> 15)[:, :, None].astype(np.float32)
    else:
        px = fitted.astype(np.float32)
    t = (px - np.array(mean[:c], np.float32)) * np.array(scale[:c], np.float32)
    t = t.astype(np.float32)
    return t[None] if nhwc else t.transpose(2, 0, 1)[None]


def write_bmp(path, rgb):
    """A 24-bit bottom-up BMP (a format run_calibration and the folder run accept)."""
    h, w = rgb.shape[:2]
    row = (w * 3 + 3) // 4 * 4
    data = np.zeros((h, row), np.uint8)
    data[:, :w * 3] = rgb[::-1, :, ::-1].reshape(h, w * 3)
    header = b"BM" + (54 + data.size).to_bytes(4, "little") + bytes(4) + (54).to_bytes(4, "little")
    info = (40).to_bytes(4, "little") + w.to_bytes(4, "little") + h.to_bytes(4, "little") + \
        (1).to_bytes(2, "little") + (24).to_bytes(2, "little") + bytes(4) + data.size.to_bytes(4, "little") + bytes(16)
    with open(path, "wb") as f:
        f.write(header + info + data.tobytes())


def preview(project, image, npz, extra=()):
    p = run([CLI, "preview", project, "--image", image, "--dump-outputs", npz, "--json", *extra], check=False)
    return p


def test_preprocess():
    os.makedirs(WORKDIR, exist_ok=True)
    pictures = [(os.path.join(WORKDIR, "down.ppm"), write_ppm(os.path.join(WORKDIR, "down.ppm"), 500, 333, 7)),
                (os.path.join(WORKDIR, "up.ppm"), write_ppm(os.path.join(WORKDIR, "up.ppm"), 150, 97, 8))]
    model = MODEL
    shape = [int(x) for x in INPUT_SHAPE.split(",")]
    gray = (shape[3] if shape[3] <= 4 else shape[1]) == 1
    cases = [
        dict(name="gray_contain", model_type="yolov8", fit="contain", pixel="gray", mean=(127.0,), scale=(1 / 128,)),
        dict(name="gray_cover", model_type="classifier", fit="cover", pixel="gray", mean=(0.0,), scale=(1 / 255,)),
    ] if gray else [
        dict(name="default", model_type="yolov8", fit="contain"),
        dict(name="bgr_mean_scale", model_type="yolov8", fit="contain", pixel="bgr",
             mean=(10.0, 20.0, 30.0), scale=(0.01, 0.02, 0.03)),
        dict(name="classifier_cover", model_type="classifier", fit="cover", mean=(127.5,) * 3, scale=(1 / 127.5,) * 3),
    ]
    failures = 0
    for case in cases:
        project = os.path.join(WORKDIR, case["name"] + ".yaml")
        mean = case.get("mean", (0.0, 0.0, 0.0))
        scale = case.get("scale", (1 / 255,) * 3)
        pixel = case.get("pixel", "rgb")
        write_project(project, model, shape, model_type=case["model_type"], mean=mean, scale=scale, pixel=pixel)
        for image, rgb in pictures:
            npz = os.path.join(WORKDIR, case["name"] + ".npz")
            p = preview(project, image, npz)
            if p.returncode != 0:
                sys.exit(f"FAIL {case['name']}: preview exited {p.returncode}: {p.stderr}")
            info = json.loads(p.stdout)
            got = np.load(npz)[info["input"]["name"]]
            want = device_tensor(rgb, shape, case["fit"], pixel, mean, scale)
            diff = float(np.abs(got - want).max()) if got.shape == want.shape else float("inf")
            ok = got.shape == want.shape and diff <= 1e-5
            failures += 0 if ok else 1
            print(f"{'ok' if ok else 'FAIL'} {case['name']} {rgb.shape[1]}x{rgb.shape[0]}: shape {got.shape} "
                  f"vs {want.shape}, max |diff| {diff:.3g}")
    if failures:
        sys.exit(1)


def cosine(a, b):
    a = a.astype(np.float64).ravel()
    b = b.astype(np.float64).ravel()
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 and nb == 0:
        return 1.0
    return float(a @ b / (na * nb))


def test_onnxruntime():
    os.makedirs(WORKDIR, exist_ok=True)
    modules = os.path.join(ASSETS, "onnxruntime", "node_modules")
    if not os.path.isdir(os.path.join(modules, "onnxruntime-node")):
        sys.exit(f"FAIL: onnxruntime-node is missing in {modules}; run tests/fetch-test-assets.sh")
    name = os.path.splitext(os.path.basename(MODEL))[0]
    project = os.path.join(WORKDIR, name + ".yaml")
    init_project(project, MODEL, INPUT_SHAPE)
    npz = os.path.join(WORKDIR, name + ".npz")
    image = os.path.join(ASSETS, "photos", "coffee.png")
    cut = os.path.join(WORKDIR, name + "_cut.onnx")
    p = preview(project, image, npz, ["--save-model", cut])
    if name in NOT_RUNNABLE:
        message = p.stderr.strip()
        ok = p.returncode == 1 and NOT_RUNNABLE[name] in message and len(message.splitlines()) == 1
        print(("ok" if ok else "FAIL") + f" {name}: {message!r}")
        sys.exit(0 if ok else 1)
    if p.returncode != 0:
        sys.exit(f"FAIL {name}: preview exited {p.returncode}: {p.stderr}")
    info = json.loads(p.stdout)
    arrays = np.load(npz)
    input_name = info["input"]["name"]
    outputs = [o["name"] for o in info["outputs"]]
    raw = os.path.join(WORKDIR, name + "_input.bin")
    arrays[input_name].astype("<f4").tofile(raw)
    out_dir = os.path.join(WORKDIR, name + "_ort")
    os.makedirs(out_dir, exist_ok=True)
    request = os.path.join(out_dir, "request.json")
    with open(request, "w") as f:
        json.dump({"model": cut, "input": {"name": input_name, "dims": list(arrays[input_name].shape), "file": raw},
                   "outputs": outputs, "out_dir": out_dir}, f)
    env = dict(os.environ, NODE_PATH=modules)
    p = subprocess.run([NODE, os.path.join(HERE, "ort_run.js"), request], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"FAIL {name}: onnxruntime-node: {p.stderr}")
    with open(os.path.join(out_dir, "result.json")) as f:
        result = json.load(f)
    failures = 0
    for o in result["outputs"]:
        ref = np.fromfile(o["file"], "<f4").reshape(o["dims"])
        got = arrays[o["name"]]
        c = cosine(got, ref) if got.size == ref.size else float("nan")
        ok = got.size == ref.size and c >= 0.9999
        failures += 0 if ok else 1
        print(f"{'ok' if ok else 'FAIL'} {name} {o['name']}: OpenCV {list(got.shape)} vs onnxruntime {o['dims']}, "
              f"cosine {c:.6f}, max |diff| {float(np.abs(got.ravel() - ref.ravel()).max()) if ok else float('nan'):.3g}")
    sys.exit(1 if failures else 0)


def test_folder_run():
    fakes = sys.argv[8]
    os.makedirs(os.path.join(WORKDIR, "pics", "sub"), exist_ok=True)
    rng = np.random.default_rng(11)
    pictures = {}
    # sub/a.bmp shares its name with a.bmp: its files must get their own stem.
    for rel, (w, h) in {"a.bmp": (320, 200), "b.bmp": (120, 90), "sub/a.bmp": (256, 256)}.items():
        rgb = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
        write_bmp(os.path.join(WORKDIR, "pics", rel), rgb)
        pictures[rel] = rgb
    shape = [int(x) for x in INPUT_SHAPE.split(",")]
    mean, scale = (10.0, 20.0, 30.0), (0.01, 0.02, 0.03)
    project = os.path.join(WORKDIR, "folder.yaml")
    write_project(project, MODEL, shape, model_type="yolov8", mean=mean, scale=scale,
                  outputs=("/model.22/dfl/conv/Conv_output_0", "/model.22/Sigmoid_output_0"),
                  labels=("cat", "dog", "bird"))
    with open(project, "a") as f:
        f.write("quantization:\n  calibration:\n    dataset: pics\n    input_num: 2\n"
                "test_image: pics/b.bmp\npreview:\n  images: pics\n  confidence: 0.25\n")
    env = dict(os.environ, FAKE_TPU_SPEED="0")
    p = subprocess.run([CLI, "run", project, "--backend", "native", "--tools", fakes], capture_output=True,
                       text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"FAIL: run exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
    runs = sorted(d for d in os.listdir(os.path.join(WORKDIR, "workspace")) if d.endswith("-folder"))
    run_dir = os.path.join(WORKDIR, "workspace", runs[-1])
    with open(os.path.join(run_dir, "job.json")) as f:
        steps = json.load(f)["steps"]
    runner = [s for s in steps if s["id"].startswith("int8_image_")]
    failures = 0
    if len(runner) != 3 or any(s["state"] != "succeeded" for s in runner):
        print(f"FAIL: model_runner steps {[(s['id'], s['state']) for s in runner]}")
        failures += 1
    for rel, stem in (("a.bmp", "a"), ("b.bmp", "b"), ("sub/a.bmp", "a-2")):
        got = np.load(os.path.join(run_dir, "preview", stem + "_in_f32.npz"))["images"]
        want = device_tensor(pictures[rel], shape, "contain", "rgb", mean, scale)
        diff = float(np.abs(got - want).max()) if got.shape == want.shape else float("inf")
        outputs = os.path.join(run_dir, "preview", stem + "_int8_outputs.npz")
        ok = diff <= 1e-5 and os.path.exists(outputs)
        failures += 0 if ok else 1
        print(f"{'ok' if ok else 'FAIL'} {rel} -> {stem}: input max |diff| {diff:.3g}, outputs "
              f"{'written' if os.path.exists(outputs) else 'missing'}")
    p = run([CLI, "preview", project, "--image", os.path.join(WORKDIR, "pics", "a.bmp"), "--int8", run_dir,
             "--json"], check=False)
    if p.returncode != 0:
        sys.exit(f"FAIL: preview --int8 exited {p.returncode}: {p.stderr}")
    rows = json.loads(p.stdout)["int8_folder"]["rows"]
    images = [r["image"] for r in rows]
    # The doubles' outputs have the fake network's shapes: each row says why INT8 was not decoded.
    ok = sorted(images) == ["a", "a-2", "b"] and all(r.get("decode_error", "").startswith("INT8: ") for r in rows)
    failures += 0 if ok else 1
    print(f"{'ok' if ok else 'FAIL'} folder rows {images}: {[r.get('decode_error') for r in rows]}")
    sys.exit(1 if failures else 0)


if KIND == "preprocess":
    test_preprocess()
elif KIND == "folderrun":
    test_folder_run()
else:
    test_onnxruntime()
