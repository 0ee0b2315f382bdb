// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Runs an ONNX model with onnxruntime-node (CPU) on one float32 input: the independent FP32
// reference of the preview tests. Usage: node ort_run.js REQUEST.json
// REQUEST: {"model": path, "input": {"name", "dims", "file" (raw little-endian float32)},
//           "outputs": [names], "out_dir": dir}. Writes out_dir/<i>.bin (raw float32) and
// out_dir/result.json ({"outputs": [{"name", "dims", "file"}], "ms": forward time}).
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

async function main() {
  const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const session = await ort.InferenceSession.create(request.model, {
    executionProviders: ['cpu'], logSeverityLevel: 3,
  });
  const bytes = fs.readFileSync(request.input.file);
  const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const feeds = {[request.input.name]: new ort.Tensor('float32', data, request.input.dims)};
  const runs = request.runs || 1;
  let results;
  const times = [];
  for (let i = 0; i < runs; ++i) {
    const start = process.hrtime.bigint();
    results = await session.run(feeds, request.outputs);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const outputs = request.outputs.map((name, i) => {
    const t = results[name];
    const file = path.join(request.out_dir, `${i}.bin`);
    fs.writeFileSync(file, Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    return {name, dims: t.dims, file};
  });
  fs.writeFileSync(path.join(request.out_dir, 'result.json'), JSON.stringify({outputs, ms: times}));
}

main().catch((e) => { console.error(`onnxruntime-node: ${e.message}`); process.exit(1); });
