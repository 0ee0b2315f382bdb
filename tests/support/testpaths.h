// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Mcw::Tests {

/** tests/ in the source tree (test data lives in tests/data). */
QString sourceDir();
/** tests/data in the source tree. */
QString dataPath(const QString &relative = {});
/** tests/ in the build tree. */
QString binaryDir();
/** A model written by the build-time generator, e.g. generatedModel("yolov8n") → …/yolov8n.onnx. */
QString generatedModel(const QString &name);
/** bin/ in the build tree (maixcam-convert, maixcam-workbench). */
QString binDir();
/**
 * Cache of downloaded test assets (real npm models, real photos), outside the source tree:
 * $MCW_TEST_ASSETS, else $XDG_CACHE_HOME/maixcam-workbench/test-assets (~/.cache/... by default).
 */
QString assetDir();
/**
 * Why a fetched asset ("ocr-models", "blazeface", "photos") is missing: the fetcher's sentence
 * from fetch-failures.txt, else advice to run the fetcher.
 */
QString missingAssetReason(const QString &asset);
/**
 * The PP-OCR classifier and BlazeFace models from npm, inside assetDir(). Each asset accessor
 * records a test failure naming the missing download when the asset is not there.
 */
QString ppocrClassifierModel();
QString blazefaceModel();
/** M-LSD tiny 320×320 (npm jp.keijiro.mlsd): the model OpenCV 4.6 loads only after two rewrites. */
QString mlsdModel();
/** A folder of real photos (JPEG/PNG) from Debian packages, inside assetDir(). */
QString photoDir();

} // namespace Mcw::Tests
