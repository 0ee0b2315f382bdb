// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// MaixCAM2 MUDs (type = axmodel) against the examples of shared/reference/maixcam2.md §5.2.
#include <core/mud/mudreader.h>
#include <core/mud/mudwriter.h>
#include <core/project/cocolabels.h>

#include <tests/support/testpaths.h>

#include <QFile>
#include <QMap>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static QByteArray readData(const QString &relative)
{
    QFile f(Mcw::Tests::dataPath(relative));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << relative.toStdString();
    return f.readAll();
}

/** section.key → value, number lists normalised ("0,0,0" and "0, 0, 0" are the same values). */
static QMap<QString, QString> keyValues(const MudReader::Result &mud)
{
    QMap<QString, QString> out;
    for (const MudSection &s : mud.document.sections) {
        for (const MudEntry &e : s.entries) {
            QString value = e.value;
            if (e.key == QLatin1String("mean") || e.key == QLatin1String("scale")) {
                QStringList numbers;
                for (const QString &n : e.value.split(QLatin1Char(',')))
                    numbers.append(QString::number(n.trimmed().toDouble(), 'g', 17));
                value = numbers.join(QLatin1Char(','));
            }
            out.insert(s.name + QLatin1Char('.') + e.key, value);
        }
    }
    return out;
}

static QStringList codes(const MudReader::Result &mud)
{
    QStringList out;
    for (const Diagnostic &d : mud.diagnostics)
        out.append(d.code);
    return out;
}

static Project yolo11n()
{
    Project p;
    p.name = QStringLiteral("yolo11n");
    p.device = Device::MaixCam2;
    p.modelType = QStringLiteral("yolo11");
    p.task = QStringLiteral("detector");
    p.labels = {QStringLiteral("person"), QStringLiteral("bicycle"), QStringLiteral("car")};
    return p;
}

TEST(MudMaixCam2, Yolo11nMatchesTheDocExampleKeyForKey)
{
    const auto out = MudWriter::render(yolo11n(), QStringLiteral("yolo11n.mud"));
    ASSERT_TRUE(out) << out.error().message.toStdString();
    const MudReader::Result ours = MudReader::parse(out->mud, QStringLiteral("ours.mud"));
    const MudReader::Result doc = MudReader::parse(readData(QStringLiteral("mud/maixcam2_yolo11n.mud")), QStringLiteral("doc.mud"));
    EXPECT_TRUE(ours.diagnostics.isEmpty()) << codes(ours).join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(doc.diagnostics.isEmpty()) << codes(doc).join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(ours.modelFormat, QStringLiteral("axmodel"));
    EXPECT_EQ(keyValues(ours), keyValues(doc));
    EXPECT_EQ(ours.labels, doc.labels);
}

TEST(MudMaixCam2, ClassifierMatchesTheConstructedExample)
{
    Project p;
    p.name = QStringLiteral("mobilenetv2");
    p.device = Device::MaixCam2;
    p.modelType = QStringLiteral("classifier");
    p.preprocess.mean = {123.675, 116.28, 103.53};
    p.preprocess.scale = {0.017124753831663668, 0.01750700280112045, 0.017429193899782137};
    p.labels = cocoLabels() + cocoLabels() + cocoLabels(); // 240 > the inline limit: a labels file
    MudWriter::Options options;
    options.labelsFileName = QStringLiteral("labels.txt");
    const auto out = MudWriter::render(p, QStringLiteral("mobilenetv2.mud"), options);
    ASSERT_TRUE(out) << out.error().message.toStdString();
    QMap<QString, QString> ours = keyValues(MudReader::parse(out->mud, QStringLiteral("ours.mud")));
    const QMap<QString, QString> doc = keyValues(MudReader::parse(readData(QStringLiteral("mud/maixcam2_classifier.mud")), QStringLiteral("doc.mud")));
    EXPECT_EQ(ours, doc);
}

TEST(MudMaixCam2, OnlyTheSelectedBuildsAreNamed)
{
    Project p = yolo11n();
    p.pulsar2.buildNpu = false;
    const auto out = MudWriter::render(p, QStringLiteral("yolo11n.mud"));
    ASSERT_TRUE(out);
    const MudReader::Result mud = MudReader::parse(out->mud, QStringLiteral("x.mud"));
    EXPECT_FALSE(mud.document.contains(QStringLiteral("basic"), QStringLiteral("model_npu")));
    EXPECT_EQ(mud.document.value(QStringLiteral("basic"), QStringLiteral("model_vnpu")), QStringLiteral("yolo11n_vnpu.axmodel"));
    EXPECT_EQ(codes(mud), QStringList{QStringLiteral("mud_no_model_npu")});
    EXPECT_EQ(mud.diagnostics[0].severity, Diagnostic::Severity::Info);

    p.pulsar2.buildVnpu = false;
    EXPECT_FALSE(MudWriter::render(p, QStringLiteral("yolo11n.mud")));
}

TEST(MudMaixCam2, ReaderAppliesTheDeviceLibrarysRules)
{
    // Neither model key: the library's own sentence.
    MudReader::Result mud = MudReader::parse("[basic]\ntype = axmodel\n\n[extra]\nmodel_type = yolo26\n", QStringLiteral("a.mud"));
    ASSERT_EQ(codes(mud), QStringList{QStringLiteral("mud_missing_key")});
    EXPECT_TRUE(mud.diagnostics[0].message.contains(QStringLiteral("model need basic.model_npu or basic.model_vnpu key")));

    // Files looked up next to the MUD; both keys may name the same file (tiny1c example).
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile model(dir.filePath(QStringLiteral("x3c.axmodel")));
    ASSERT_TRUE(model.open(QIODevice::WriteOnly));
    model.close();
    mud = MudReader::parse("[basic]\ntype = axmodel\nmodel_npu = x3c.axmodel\nmodel_vnpu = x3c.axmodel\n\n"
                           "[extra]\nmodel_type = yolo26\ninput_cache = yes\n",
                           QStringLiteral("b.mud"), dir.path());
    EXPECT_EQ(codes(mud), QStringList{QStringLiteral("mud_cache_flag")});
    mud = MudReader::parse("[basic]\ntype = axmodel\nmodel_npu = gone_npu.axmodel\n\n[extra]\nmodel_type = yolo26\n",
                           QStringLiteral("c.mud"), dir.path());
    EXPECT_EQ(codes(mud), (QStringList{QStringLiteral("mud_model_missing"), QStringLiteral("mud_no_model_vnpu")}));
    EXPECT_TRUE(mud.diagnostics[0].message.contains(QStringLiteral("axmodel path gone_npu.axmodel not exists")));
}
