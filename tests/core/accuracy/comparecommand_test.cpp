// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "npzcases.h"

#include "../../support/testpaths.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;

static int runConvert(const QStringList &args, QString *out, QString *err)
{
    QProcess p;
    p.start(Tests::binDir() + QStringLiteral("/maixcam-convert"), args);
    p.waitForFinished(60000);
    *out = QString::fromUtf8(p.readAllStandardOutput());
    *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

TEST(CompareCommand, PrintsEveryTensorAndFailsOnFailingTensors)
{
    const QString dir = Tests::npzCasesDir(nullptr);
    ASSERT_FALSE(dir.isEmpty());
    QTemporaryDir tmp;
    const QString csv = tmp.filePath(QStringLiteral("m.csv"));
    QString out, err;
    const int rc = runConvert({QStringLiteral("compare"),
                               dir + QStringLiteral("/target.npz"),
                               dir + QStringLiteral("/reference.npz"),
                               QStringLiteral("--csv"),
                               csv},
                              &out,
                              &err);
    EXPECT_EQ(rc, 1) << err.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("/model.0/act/Mul_output_0_Mul")));
    EXPECT_TRUE(out.contains(QStringLiteral("NOT_SIMLIAR")));
    EXPECT_TRUE(out.contains(QStringLiteral("28 compared")));
    EXPECT_TRUE(out.trimmed().endsWith(QStringLiteral("npz compare FAILED.")));
    QFile f(csv);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll().count('\n'), 29); // header + one row per compared tensor
}

TEST(CompareCommand, IdenticalFilesPass)
{
    const QString dir = Tests::npzCasesDir(nullptr);
    QString out, err;
    const int rc = runConvert({QStringLiteral("compare"),
                               dir + QStringLiteral("/reference.npz"),
                               dir + QStringLiteral("/reference.npz"),
                               QStringLiteral("--tolerance"),
                               QStringLiteral("0.5,0.5")},
                              &out,
                              &err);
    EXPECT_EQ(rc, 0) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("npz compare PASSED.")));
}

TEST(CompareCommand, BadInputIsOneSentenceAndExitTwo)
{
    const QString dir = Tests::npzCasesDir(nullptr);
    QString out, err;
    EXPECT_EQ(runConvert({QStringLiteral("compare"),
                          dir + QStringLiteral("/absurd.npz"),
                          dir + QStringLiteral("/reference.npz")},
                         &out,
                         &err),
              2);
    EXPECT_TRUE(err.startsWith(dir + QStringLiteral("/absurd.npz: ")));
    EXPECT_EQ(err.trimmed().count(QLatin1Char('\n')), 0);
    EXPECT_EQ(runConvert({QStringLiteral("compare"), QStringLiteral("only-one.npz")}, &out, &err),
              2);
    EXPECT_EQ(runConvert({QStringLiteral("compare"),
                          QStringLiteral("a.npz"),
                          QStringLiteral("b.npz"),
                          QStringLiteral("--tolerance"),
                          QStringLiteral("x")},
                         &out,
                         &err),
              2);
}
