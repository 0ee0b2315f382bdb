// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <gtest/gtest.h>

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

QString missingAssetReason(const QString &asset)
{
    QFile failures(assetDir() + QStringLiteral("/fetch-failures.txt"));
    if (failures.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (!failures.atEnd()) {
            const QString line = QString::fromUtf8(failures.readLine()).trimmed();
            const qsizetype tab = line.indexOf(QLatin1Char('\t'));
            if (tab > 0 && line.left(tab) == asset)
                return line.mid(tab + 1);
        }
    }
    return QStringLiteral("it was never fetched; run tests/fetch-test-assets.sh (ctest runs it as fetch_test_assets).");
}

// A missing asset fails the test that needs it with the fetcher's own sentence, up front,
// instead of a confusing load error further down.
static QString requireAsset(const QString &asset, const QString &relative)
{
    const QString path = assetDir() + QLatin1Char('/') + asset + relative;
    if (!QFileInfo::exists(path))
        ADD_FAILURE() << "Test asset " << path.toStdString() << " is missing: " << missingAssetReason(asset).toStdString();
    return path;
}

QString ppocrClassifierModel()
{
    return requireAsset(QStringLiteral("ocr-models"), QStringLiteral("/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx"));
}

QString blazefaceModel()
{
    return requireAsset(QStringLiteral("blazeface"), QStringLiteral("/ONNX/face_detection_front_128x128_barracuda.onnx"));
}

QString mlsdModel()
{
    return requireAsset(QStringLiteral("mlsd"), QStringLiteral("/ONNX/mlsd_320x320_tiny.onnx"));
}

QString photoDir()
{
    return requireAsset(QStringLiteral("photos"), {});
}

} // namespace Mcw::Tests
