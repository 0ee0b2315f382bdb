// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>
#include <core/project/conversionplan.h>
#include <core/project/imageinput.h>
#include <core/project/preflight.h>
#include <core/project/projectinitializer.h>

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

TEST(ImageInput, PixelFormatsAndTheirChannels)
{
    EXPECT_EQ(ImageInput::pixelFormats(), (QStringList{QStringLiteral("rgb"), QStringLiteral("bgr"), QStringLiteral("gray")}));
    EXPECT_EQ(ImageInput::channelCount(QStringLiteral("rgb")), 3);
    EXPECT_EQ(ImageInput::channelCount(QStringLiteral("bgr")), 3);
    EXPECT_EQ(ImageInput::channelCount(QStringLiteral("gray")), 1);
    EXPECT_EQ(ImageInput::channelCount(QStringLiteral("RGB")), 0); // the device compares exactly
}

TEST(ImageInput, ChannelFormatFromTheShape)
{
    EXPECT_EQ(ImageInput::channelFormatOf({1, 256, 256, 3}), QStringLiteral("nhwc"));
    EXPECT_EQ(ImageInput::channelFormatOf({1, 128, 128, 1}), QStringLiteral("nhwc"));
    EXPECT_EQ(ImageInput::channelFormatOf({1, 3, 640, 640}), QStringLiteral("nchw"));
    EXPECT_EQ(ImageInput::channelFormatOf({1, 3, 3, 3}), QStringLiteral("nchw")); // ambiguous: ONNX's norm
    EXPECT_EQ(ImageInput::channelFormatOf({1, 1, 28, 28}), QStringLiteral("nchw"));
    EXPECT_EQ(ImageInput::channelFormatOf({1, 80, 64}), QStringLiteral("nchw"));
}

TEST(ImageInput, DimsAndResizeFollowTheChannelFormat)
{
    const auto nhwc = ImageInput::dims({1, 192, 256, 3}, QStringLiteral("nhwc"));
    ASSERT_TRUE(nhwc);
    EXPECT_EQ(nhwc->channels, 3);
    EXPECT_EQ(nhwc->height, 192);
    EXPECT_EQ(nhwc->width, 256);
    const auto nchw = ImageInput::dims({1, 3, 192, 256}, QStringLiteral("nchw"));
    ASSERT_TRUE(nchw);
    EXPECT_EQ(nchw->channels, 3);
    EXPECT_EQ(nchw->height, 192);
    EXPECT_EQ(nchw->width, 256);
    EXPECT_FALSE(ImageInput::dims({1, 3, 224}, QStringLiteral("nchw")));
    EXPECT_EQ(ImageInput::withSize({1, 192, 256, 3}, QStringLiteral("nhwc"), 320, 224), (QList<qint64>{1, 224, 320, 3}));
    EXPECT_EQ(ImageInput::withSize({1, 3, 192, 256}, QStringLiteral("nchw"), 320, 224), (QList<qint64>{1, 3, 224, 320}));
    EXPECT_EQ(ImageInput::withSize({}, QStringLiteral("nchw"), 320, 224), (QList<qint64>{1, 3, 224, 320}));
}

// A tf2onnx/MediaPipe-style 1×256×256×3 model: the new project reads it channels-last, so
// pre-flight finds no channel problem and tpu-mlir is told --channel_format nhwc.
TEST(ImageInput, AnNhwcModelGetsChannelFormatNhwcWhenTheProjectIsCreated)
{
    const QString path = QStringLiteral(MCW_PREFLIGHT_MODELS "/classifier_nhwc.onnx");
    const auto graph = OnnxLoader::loadFile(path);
    ASSERT_TRUE(graph) << graph.error().message.toStdString();
    QTemporaryDir dir;
    ProjectInitializer::Options options;
    options.preset = QStringLiteral("classifier");
    options.projectPath = dir.filePath(QStringLiteral("p.yaml"));
    const auto init = ProjectInitializer::initialize(*graph, path, options);
    ASSERT_TRUE(init) << init.error().message.toStdString();
    const Project &p = init->project;
    EXPECT_EQ(p.inputShape, (QList<qint64>{1, 256, 256, 3}));
    EXPECT_EQ(p.preprocess.channelFormat, QStringLiteral("nhwc"));
    EXPECT_EQ(p.preprocess.pixelFormat, QStringLiteral("rgb"));

    QStringList channelProblems;
    for (const Diagnostic &d : Preflight::check(p, *graph)) {
        if (d.code == QLatin1String("input_channels"))
            channelProblems.append(d.message);
    }
    EXPECT_TRUE(channelProblems.isEmpty()) << channelProblems.join(QLatin1Char('\n')).toStdString();
    const ConversionPlan plan = ConversionPlan::build(p);
    ASSERT_FALSE(plan.steps.isEmpty());
    const QStringList args = plan.steps.first().invocation.arguments;
    const qsizetype at = args.indexOf(QStringLiteral("--channel_format"));
    ASSERT_GE(at, 0);
    EXPECT_EQ(args.value(at + 1), QStringLiteral("nhwc"));

    // Read as NCHW (the old default), the same model is refused with the layout named.
    Project asNchw = p;
    asNchw.preprocess.channelFormat = QStringLiteral("nchw");
    bool named = false;
    for (const Diagnostic &d : Preflight::check(asNchw, *graph)) {
        if (d.code == QLatin1String("input_channels")) {
            EXPECT_EQ(d.message, QStringLiteral("The input has 256 channels but pixel format rgb gives 3."));
            named = d.suggestion.contains(QLatin1String("channel_format: nhwc"));
        }
    }
    EXPECT_TRUE(named);
}

// The GUI's start for a model of no known family (MediaPipe's are not YOLO or classifiers)
// still reads the input's layout.
TEST(ImageInput, ABareProjectOfAnNhwcModelIsChannelsLast)
{
    const QString path = QStringLiteral(MCW_PREFLIGHT_MODELS "/classifier_nhwc.onnx");
    const auto graph = OnnxLoader::loadFile(path);
    ASSERT_TRUE(graph);
    const Project p = ProjectInitializer::bareProject(*graph, path);
    EXPECT_EQ(p.name, QStringLiteral("classifier_nhwc"));
    EXPECT_EQ(p.modelPath, path);
    EXPECT_EQ(p.inputShape, (QList<qint64>{1, 256, 256, 3}));
    EXPECT_EQ(p.preprocess.channelFormat, QStringLiteral("nhwc"));
    EXPECT_EQ(p.preprocess.pixelFormat, QStringLiteral("rgb"));

    const QString gray = QStringLiteral(MCW_PREFLIGHT_MODELS "/classifier_gray.onnx");
    const auto grayGraph = OnnxLoader::loadFile(gray);
    ASSERT_TRUE(grayGraph);
    const Project g = ProjectInitializer::bareProject(*grayGraph, gray);
    EXPECT_EQ(g.preprocess.channelFormat, QStringLiteral("nchw"));
    EXPECT_EQ(g.preprocess.pixelFormat, QStringLiteral("gray"));
    EXPECT_EQ(g.preprocess.mean.size(), 1);
}

TEST(ImageInput, PinnedFillsTheOpenDimensionsOfAnImageInput)
{
    using Mcw::Core::ImageInput;
    EXPECT_EQ(ImageInput::pinned({-1, 3, -1, -1}, 224), (QList<qint64>{1, 3, 224, 224}));
    EXPECT_EQ(ImageInput::pinned({-1, -1, -1, -1}, 640), (QList<qint64>{1, 3, 640, 640}));
    EXPECT_EQ(ImageInput::pinned({1, 3, 48, -1}, 320), (QList<qint64>{1, 3, 48, 320}));
    // tf2onnx / MediaPipe: channels last.
    EXPECT_EQ(ImageInput::pinned({-1, -1, -1, 3}, 256), (QList<qint64>{1, 256, 256, 3}));
    EXPECT_TRUE(ImageInput::pinned({-1, 10}, 224).isEmpty());
}
