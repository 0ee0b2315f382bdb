// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Pulsar2 plan against the worked configs of shared/reference/maixcam2.md §2.3/§2.4.
#include <core/project/projectfile.h>
#include <core/pulsar2/calibrationarchive.h>
#include <core/pulsar2/outputprocessors.h>
#include <core/pulsar2/pulsar2plan.h>
#include <core/bundle/tarreader.h>

#include <tests/support/testpaths.h>

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

static QJsonObject readJson(const QString &path)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << path.toStdString();
    return doc.object();
}

static QJsonObject parse(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << text.toStdString();
    return doc.object();
}

/** Replaces one value of quant.input_configs[0] (file names differ from the doc's). */
static QJsonObject withInputConfig(QJsonObject config, const QString &key, const QJsonValue &value)
{
    QJsonObject quant = config.value(QStringLiteral("quant")).toObject();
    QJsonArray inputs = quant.value(QStringLiteral("input_configs")).toArray();
    QJsonObject first = inputs.at(0).toObject();
    if (value.isUndefined())
        first.remove(key);
    else
        first.insert(key, value);
    inputs.replace(0, first);
    quant.insert(QStringLiteral("input_configs"), inputs);
    config.insert(QStringLiteral("quant"), quant);
    return config;
}

static Project yolov8nScheme1()
{
    Project p;
    p.name = QStringLiteral("yolov8n");
    p.device = Device::MaixCam2;
    p.modelPath = QStringLiteral("/work/p/yolov8n.onnx");
    p.workspaceDir = QStringLiteral("/work/p/workspace");
    p.modelType = QStringLiteral("yolov8");
    p.task = QStringLiteral("detector");
    p.inputShape = {1, 3, 480, 640};
    p.cutTensors = {QStringLiteral("/model.22/Concat_1_output_0"), QStringLiteral("/model.22/Concat_2_output_0"),
                    QStringLiteral("/model.22/Concat_3_output_0")};
    p.quantization.datasetDir = QStringLiteral("/work/p/images");
    p.quantization.inputNum = 64;
    return p;
}

static Pulsar2Plan::Options yolov8nOptions(int images)
{
    Pulsar2Plan::Options o;
    o.inputName = QStringLiteral("images");
    // [1, 4·16+80, H/s, W/s] at 640×480 (maixcam2.md §6).
    o.outputShapes.insert(QStringLiteral("/model.22/Concat_1_output_0"), {1, 144, 60, 80});
    o.outputShapes.insert(QStringLiteral("/model.22/Concat_2_output_0"), {1, 144, 30, 40});
    o.outputShapes.insert(QStringLiteral("/model.22/Concat_3_output_0"), {1, 144, 15, 20});
    QStringList list;
    for (int i = 0; i < images; ++i)
        list.append(QStringLiteral("/work/p/images/%1.jpg").arg(i));
    o.calibrationImages = list;
    return o;
}

TEST(Pulsar2Plan, Yolov8nConfigEqualsTheWorkedExample)
{
    const Pulsar2Plan plan = Pulsar2Plan::build(yolov8nScheme1(), yolov8nOptions(64));
    ASSERT_EQ(plan.builds.size(), 2);
    ASSERT_EQ(plan.files.size(), 2);
    EXPECT_TRUE(plan.notes.isEmpty()) << plan.notes.join(QLatin1Char('\n')).toStdString();
    const QJsonObject expected = readJson(Tests::dataPath(QStringLiteral("pulsar2/yolov8n.npu.json")));
    const QJsonObject npu = parse(plan.files[0].content);
    EXPECT_EQ(withInputConfig(npu, QStringLiteral("calibration_dataset"), QStringLiteral("datasets/train.tar")), expected);
    EXPECT_EQ(npu[QStringLiteral("quant")][QStringLiteral("input_configs")][0][QStringLiteral("calibration_dataset")],
              QStringLiteral("yolov8n_calibration.tar"));
    // "For *.vnpu.json change only npu_mode": the two configs differ in nothing else.
    QJsonObject vnpu = parse(plan.files[1].content);
    EXPECT_EQ(vnpu[QStringLiteral("npu_mode")], QStringLiteral("NPU1"));
    vnpu.insert(QStringLiteral("npu_mode"), QStringLiteral("NPU2"));
    EXPECT_EQ(vnpu, npu);
}

TEST(Pulsar2Plan, BuildsTheDocumentedCommandsOnePerMode)
{
    const Pulsar2Plan plan = Pulsar2Plan::build(yolov8nScheme1(), yolov8nOptions(3));
    ASSERT_EQ(plan.builds.size(), 2);
    const Pulsar2Plan::Build &npu = plan.builds[0];
    EXPECT_EQ(npu.id, QStringLiteral("build_npu"));
    EXPECT_EQ(npu.npuMode, QStringLiteral("NPU2"));
    EXPECT_EQ(npu.mudKey, QStringLiteral("model_npu"));
    EXPECT_EQ(npu.invocation.program, QStringLiteral("pulsar2"));
    EXPECT_EQ(npu.invocation.arguments,
              (QStringList{QStringLiteral("build"), QStringLiteral("--target_hardware"), QStringLiteral("AX620E"),
                           QStringLiteral("--input"), QStringLiteral("yolov8n_cut.onnx"), QStringLiteral("--output_dir"),
                           QStringLiteral("yolov8n_npu"), QStringLiteral("--config"), QStringLiteral("yolov8n.npu.json")}));
    EXPECT_EQ(npu.invocation.workingDirectory, QStringLiteral("/work/p/workspace"));
    EXPECT_EQ(npu.outputFile, QStringLiteral("yolov8n_npu/compiled.axmodel"));
    EXPECT_EQ(plan.builds[1].npuMode, QStringLiteral("NPU1"));
    EXPECT_EQ(plan.builds[1].mudKey, QStringLiteral("model_vnpu"));
    // calibration_size = the images archived (3), not input_num (64).
    EXPECT_EQ(parse(plan.files[0].content)[QStringLiteral("quant")][QStringLiteral("input_configs")][0]
                  [QStringLiteral("calibration_size")],
              3);

    Project onlyVnpu = yolov8nScheme1();
    onlyVnpu.pulsar2.buildNpu = false;
    const Pulsar2Plan half = Pulsar2Plan::build(onlyVnpu, yolov8nOptions(3));
    ASSERT_EQ(half.builds.size(), 1);
    EXPECT_EQ(half.builds[0].id, QStringLiteral("build_vnpu"));
    EXPECT_EQ(half.files.size(), 1);
}

TEST(Pulsar2Plan, ClassifierConfigEqualsTheConstructedExample)
{
    Project p;
    p.name = QStringLiteral("mobilenetv2");
    p.device = Device::MaixCam2;
    p.modelPath = QStringLiteral("/m/mobilenetv2.onnx");
    p.modelType = QStringLiteral("classifier");
    p.cutTensors = {QStringLiteral("output")};
    p.preprocess.mean = {123.675, 116.28, 103.53};
    p.preprocess.scale = {0.017124753831663668, 0.01750700280112045, 0.017429193899782137};
    p.quantization.inputNum = 100;
    Pulsar2Plan::Options o;
    o.inputName = QStringLiteral("input");
    o.outputShapes.insert(QStringLiteral("output"), {1, 1000});
    o.calibrationImages = QStringList(100, QStringLiteral("/c/x.jpg"));
    const Pulsar2Plan plan = Pulsar2Plan::build(p, o);
    ASSERT_EQ(plan.files.size(), 2);
    QJsonObject config = parse(plan.files[0].content);
    // The example leaves calibration_format at its default (Image) and names another archive.
    config = withInputConfig(config, QStringLiteral("calibration_format"), QJsonValue(QJsonValue::Undefined));
    config = withInputConfig(config, QStringLiteral("calibration_dataset"), QStringLiteral("/data/calib/images.tar"));
    EXPECT_EQ(config, readJson(Tests::dataPath(QStringLiteral("pulsar2/classifier.npu.json"))));
}

TEST(Pulsar2Plan, StdIsTheInverseScaleToTenDigits)
{
    EXPECT_EQ(Pulsar2Plan::stdForScale(0.00392156862745098), 255.0);
    EXPECT_EQ(Pulsar2Plan::stdForScale(1.0 / 58.395), 58.395);
    EXPECT_EQ(Pulsar2Plan::stdForScale(1.0), 1.0);
}

TEST(Pulsar2Plan, U16LayersBecomeOneLayerConfig)
{
    Project p = yolov8nScheme1();
    p.pulsar2.u16Layers = {QStringLiteral("/model.22/Concat_3"), QStringLiteral("Conv_0")};
    const Pulsar2Plan plan = Pulsar2Plan::build(p, yolov8nOptions(3));
    const QJsonArray layers = parse(plan.files[0].content)[QStringLiteral("quant")][QStringLiteral("layer_configs")].toArray();
    ASSERT_EQ(layers.size(), 1);
    EXPECT_EQ(layers[0].toObject(),
              (QJsonObject{{QStringLiteral("layer_names"), QJsonArray{QStringLiteral("/model.22/Concat_3"), QStringLiteral("Conv_0")}},
                           {QStringLiteral("data_type"), QStringLiteral("U16")}}));
}

TEST(OutputProcessors, PermsFollowShapesNotNames)
{
    Project p = yolov8nScheme1();
    // The Ultralytics-version trap (MaixPy#208): the same names, but flattened 3-D tensors.
    QHash<QString, QList<qint64>> flattened{{p.cutTensors[0], {1, 64, 189}},
                                            {p.cutTensors[1], {1, 1, 189}},
                                            {p.cutTensors[2], {1, 4, 189}}};
    QList<OutputProcessor> out = OutputProcessors::forProject(p, flattened);
    ASSERT_EQ(out.size(), 3);
    for (const OutputProcessor &o : out)
        EXPECT_NE(o.dstPerm.size(), 4) << o.tensorName.toStdString(); // never a 4-D perm on a 3-D tensor

    // Scheme 1 pose: three heads [0,2,3,1], keypoints [1,51,A] → [0,2,1].
    p.task = QStringLiteral("pose");
    p.cutTensors.append(QStringLiteral("/model.22/Concat_output_0"));
    QHash<QString, QList<qint64>> pose{{p.cutTensors[0], {1, 65, 60, 80}}, {p.cutTensors[1], {1, 65, 30, 40}},
                                       {p.cutTensors[2], {1, 65, 15, 20}}, {p.cutTensors[3], {1, 51, 6300}}};
    out = OutputProcessors::forProject(p, pose);
    EXPECT_EQ(out[0].dstPerm, (QList<int>{0, 2, 3, 1}));
    EXPECT_EQ(out[3].dstPerm, (QList<int>{0, 2, 1}));

    // Scheme 2: dfl [1,1,4,A] gets the 4-D perm, Sigmoid [1,nc,A] stays (Sipeed's converter).
    p.task = QStringLiteral("detector");
    p.cutTensors = {QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_output_0")};
    out = OutputProcessors::forProject(p, {{p.cutTensors[0], {1, 1, 4, 6300}}, {p.cutTensors[1], {1, 80, 6300}}});
    EXPECT_EQ(out[0].dstPerm, (QList<int>{0, 2, 3, 1}));
    EXPECT_TRUE(out[1].dstPerm.isEmpty());

    // YOLOv5 reads NCHW only; an unknown shape gets no perm and a note.
    p.modelType = QStringLiteral("yolov5");
    p.cutTensors = {QStringLiteral("/model.24/m.0/Conv_output_0")};
    out = OutputProcessors::forProject(p, {{p.cutTensors[0], {1, 255, 80, 80}}});
    EXPECT_TRUE(out[0].dstPerm.isEmpty());
    p.modelType = QStringLiteral("yolo11");
    QStringList notes;
    out = OutputProcessors::forProject(p, {}, &notes);
    EXPECT_TRUE(out[0].dstPerm.isEmpty());
    EXPECT_EQ(notes.size(), 1);
}

TEST(CalibrationArchive, FlatTarOfTheFirstSortedImages)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QDir(dir.path()).mkpath(QStringLiteral("images/sub"));
    for (const char *name : {"images/b.jpg", "images/a.PNG", "images/sub/a.PNG", "images/notes.txt", "images/c.bmp"}) {
        QFile f(dir.filePath(QLatin1String(name)));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(name));
    }
    const auto images = CalibrationArchive::selectImages(dir.filePath(QStringLiteral("images")), 3);
    ASSERT_TRUE(images) << images.error().message.toStdString();
    ASSERT_EQ(images->size(), 3);
    const QString archive = dir.filePath(QStringLiteral("cal.tar"));
    ASSERT_TRUE(CalibrationArchive::write(*images, archive));
    QFile tar(archive);
    ASSERT_TRUE(tar.open(QIODevice::ReadOnly));
    TarReader reader(&tar, archive);
    QStringList names;
    while (true) {
        const auto entry = reader.next();
        ASSERT_TRUE(entry) << entry.error().message.toStdString();
        if (!*entry)
            break;
        names.append((*entry)->path);
    }
    EXPECT_EQ(names, (QStringList{QStringLiteral("000000_") + QFileInfo(images->at(0)).fileName(),
                                  QStringLiteral("000001_") + QFileInfo(images->at(1)).fileName(),
                                  QStringLiteral("000002_") + QFileInfo(images->at(2)).fileName()}));
    // Two a.PNG from different folders do not collide, and notes.txt is not an image.
    EXPECT_FALSE(images->join(QLatin1Char(' ')).contains(QStringLiteral("notes.txt")));

    const auto none = CalibrationArchive::selectImages(dir.filePath(QStringLiteral("images/sub/none")), 3);
    EXPECT_FALSE(none);
}
