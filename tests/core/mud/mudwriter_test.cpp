// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/mud/mudreader.h>
#include <core/mud/mudwriter.h>
#include <core/project/projectfile.h>

#include <tests/support/testpaths.h>

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static Project loadProject(const QString &name)
{
    const auto loaded = ProjectFile::load(Mcw::Tests::dataPath(QStringLiteral("project/%1.yaml").arg(name)));
    EXPECT_TRUE(loaded.has_value());
    return loaded ? loaded->project : Project{};
}

static QByteArray readData(const QString &relative)
{
    QFile f(Mcw::Tests::dataPath(relative));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << relative.toStdString();
    return f.readAll();
}

TEST(MudWriterTest, Yolov5sMatchesSipeedPageByteForByte)
{
    const auto out = MudWriter::render(loadProject(QStringLiteral("yolov5s")), QStringLiteral("yolov5s.mud"));
    ASSERT_TRUE(out) << out.error().message.toStdString();
    EXPECT_EQ(out->mud, readData(QStringLiteral("mud/yolov5s.mud")));
    EXPECT_TRUE(out->labelsFileName.isEmpty());
}

TEST(MudWriterTest, Yolov8nMatchesSipeedPageKeyForKey)
{
    const auto out = MudWriter::render(loadProject(QStringLiteral("yolov8n")), QStringLiteral("yolov8n.mud"));
    ASSERT_TRUE(out);
    const MudReader::Result ours = MudReader::parse(out->mud, QStringLiteral("ours.mud"));
    const MudReader::Result page = MudReader::parse(readData(QStringLiteral("mud/yolov8n.mud")), QStringLiteral("page.mud"));
    EXPECT_TRUE(ours.diagnostics.isEmpty());
    EXPECT_TRUE(page.diagnostics.isEmpty());
    ASSERT_EQ(ours.document.sections.size(), 2);
    ASSERT_EQ(page.document.sections.size(), 2);
    for (int s = 0; s < 2; ++s) {
        EXPECT_EQ(ours.document.sections[s].name, page.document.sections[s].name);
        QList<QPair<QString, QString>> a;
        QList<QPair<QString, QString>> b;
        for (const MudEntry &e : ours.document.sections[s].entries) {
            if (!(s == 1 && e.key == QLatin1String("type") && e.value == QLatin1String("detector")))
                a.append({e.key, e.value});
        }
        for (const MudEntry &e : page.document.sections[s].entries)
            b.append({e.key, e.value});
        EXPECT_EQ(a, b);
    }
    EXPECT_EQ(ours.document.value(QStringLiteral("extra"), QStringLiteral("type")), QStringLiteral("detector"));
    EXPECT_EQ(ours.labels.size(), 80);
}

TEST(MudWriterTest, WritesDetectorNeverDetectAndPerTypeKeys)
{
    Project p = loadProject(QStringLiteral("yolov8n"));
    p.task = QStringLiteral("detect");
    p.modelType = QStringLiteral("yolo11");
    auto out = MudWriter::render(p, QStringLiteral("m.mud"));
    ASSERT_TRUE(out);
    EXPECT_TRUE(out->mud.contains("\ntype = detector\n"));
    EXPECT_FALSE(out->mud.contains("anchors"));
    p.task = QStringLiteral("obb");
    EXPECT_TRUE(MudWriter::render(p, QStringLiteral("m.mud"))->mud.contains("\ntype = obb\n"));

    p.modelType = QStringLiteral("classifier");
    p.preprocess.pixelFormat = QStringLiteral("gray");
    p.preprocess.mean = {127.5};
    p.preprocess.scale = {1.0 / 127.5};
    out = MudWriter::render(p, QStringLiteral("m.mud"));
    ASSERT_TRUE(out);
    EXPECT_TRUE(out->mud.contains("model_type = classifier\ninput_type = gray\n"));
    EXPECT_TRUE(out->mud.contains("input_type = gray\nmean = 127.5\nscale = 0.00784313725490196\n"));
    EXPECT_FALSE(out->mud.contains('"'));
    EXPECT_FALSE(out->mud.contains('\r'));
    EXPECT_FALSE(out->mud.startsWith("\xEF\xBB\xBF"));
}

TEST(MudWriterTest, ManyOrUnusualLabelsGoToALabelsFile)
{
    QTemporaryDir dir;
    Project p = loadProject(QStringLiteral("yolov8n"));
    p.labels.clear();
    for (int i = 0; i < 201; ++i)
        p.labels.append(QStringLiteral("class %1").arg(i));
    const QString mudPath = dir.filePath(QStringLiteral("my model.mud"));
    const auto written = MudWriter::writeFiles(p, mudPath, {});
    ASSERT_TRUE(written) << written.error().message.toStdString();
    ASSERT_EQ(written->size(), 2);
    const auto read = MudReader::readFile(mudPath);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->document.value(QStringLiteral("extra"), QStringLiteral("labels")), QStringLiteral("my_model_labels.txt"));
    EXPECT_EQ(read->labels, p.labels);

    p.labels = {QStringLiteral("C#"), QStringLiteral("a, b")};
    const auto out = MudWriter::render(p, QStringLiteral("x.mud"));
    ASSERT_TRUE(out);
    EXPECT_EQ(out->labelsFileName, QStringLiteral("x_labels.txt"));
    EXPECT_EQ(out->labelsFile, QByteArray("C#\na, b\n"));
}

TEST(MudWriterTest, RefusesLabelsNoModeCanCarry)
{
    Project p = loadProject(QStringLiteral("yolov8n"));
    for (const QString &bad : {QString(), QStringLiteral(" cat"), QStringLiteral("dog "), QStringLiteral("a\nb")}) {
        p.labels = {QStringLiteral("ok"), bad};
        EXPECT_FALSE(MudWriter::render(p, QStringLiteral("x.mud"))) << bad.toStdString();
    }
    p.labels = {QStringLiteral("ok")};
    p.modelType = QStringLiteral("yolov5");
    p.anchors = {10, 13, 16};
    EXPECT_FALSE(MudWriter::render(p, QStringLiteral("x.mud")));
}
