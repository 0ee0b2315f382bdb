// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/bundle/bundleimporter.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

static const Diagnostic *problem(const BundleImporter::Bundle &bundle, const QString &code)
{
    for (const Diagnostic &d : bundle.problems) {
        if (d.code == code)
            return &d;
    }
    return nullptr;
}

// The same sentence the preprocessing form and `maixcam-convert init` give for this list.
TEST(BundleImporter, ABadNumberInTheMeanIsAProblemNotADroppedValue)
{
    QTemporaryDir dir;
    const QString mud = dir.filePath(QStringLiteral("m.mud"));
    writeFile(mud, "[basic]\ntype = cvimodel\nmodel = m.cvimodel\n\n[extra]\nmodel_type = classifier\n"
                   "input_type = rgb\nmean = 0,abc,0\nscale = 0.5, 0.5, 0.5\nlabels = a, b\n");
    writeFile(dir.filePath(QStringLiteral("m.cvimodel")), "model");
    const auto bundle = BundleImporter::open(mud, {});
    ASSERT_TRUE(bundle) << bundle.error().message.toStdString();
    const Diagnostic *bad = problem(*bundle, QStringLiteral("import_number_list"));
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(bad->message, mud + QStringLiteral(": mean \"0,abc,0\": \"abc\" is not a decimal number; write plain "
                                                 "decimals such as 0,0,0 or 0.00392156862745098."));
    // Before, "abc" was dropped and the project got a two-value mean.
    EXPECT_NE(bundle->project.preprocess.mean, (QList<double>{0.0, 0.0}));
    // The good list next to it is still read.
    EXPECT_EQ(bundle->project.preprocess.scale, (QList<double>{0.5, 0.5, 0.5}));
}

TEST(BundleImporter, AnOddAnchorListIsAProblem)
{
    QTemporaryDir dir;
    const QString mud = dir.filePath(QStringLiteral("m.mud"));
    writeFile(mud, "[basic]\ntype = cvimodel\nmodel = m.cvimodel\n\n[extra]\nmodel_type = yolov5\n"
                   "input_type = rgb\nmean = 0, 0, 0\nscale = 1, 1, 1\nanchors = 10, 13, 16\nlabels = a\n");
    writeFile(dir.filePath(QStringLiteral("m.cvimodel")), "model");
    const auto bundle = BundleImporter::open(mud, {});
    ASSERT_TRUE(bundle);
    const Diagnostic *bad = problem(*bundle, QStringLiteral("import_number_list"));
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(bad->message, mud + QStringLiteral(": anchors \"10, 13, 16\": needs w,h pairs, got an odd count (3)."));
    EXPECT_TRUE(bundle->project.anchors.isEmpty());
}
