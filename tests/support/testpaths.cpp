// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testpaths.h"

#include <QDir>
#include <QStandardPaths>

namespace Mcw::Tests {

QString sourceDir()
{
    return QStringLiteral(MCW_TEST_SOURCE_DIR);
}

QString dataPath(const QString &relative)
{
    return QDir(sourceDir() + QStringLiteral("/data")).filePath(relative);
}

QString binaryDir()
{
    return QStringLiteral(MCW_TEST_BINARY_DIR);
}

QString generatedModel(const QString &name)
{
    return QStringLiteral("%1/models/%2.onnx").arg(binaryDir(), name);
}

QString binDir()
{
    return QStringLiteral(MCW_BIN_DIR);
}

QString assetDir()
{
    const QString fromEnv = qEnvironmentVariable("MCW_TEST_ASSETS");
    if (!fromEnv.isEmpty())
        return fromEnv;
    QString cache = qEnvironmentVariable("XDG_CACHE_HOME");
    if (cache.isEmpty())
        cache = QDir::homePath() + QStringLiteral("/.cache");
    return cache + QStringLiteral("/maixcam-workbench/test-assets");
}

QString ppocrClassifierModel()
{
    return assetDir() + QStringLiteral("/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx");
}

QString blazefaceModel()
{
    return assetDir() + QStringLiteral("/blazeface/ONNX/face_detection_front_128x128_barracuda.onnx");
}

QString photoDir()
{
    return assetDir() + QStringLiteral("/photos");
}

} // namespace Mcw::Tests
