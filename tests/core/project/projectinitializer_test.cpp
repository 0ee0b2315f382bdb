// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>
#include <core/project/projectinitializer.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

QString initError(const QString &path, const QString &preset, ProjectInitializer::Face face)
{
    const auto graph = OnnxLoader::loadFile(path);
    if (!graph)
        return QStringLiteral("load failed: ") + graph.error().message;
    ProjectInitializer::Options options;
    options.preset = preset;
    options.face = face;
    const auto init = ProjectInitializer::initialize(*graph, path, options);
    return init ? QStringLiteral("<no error>") : init.error().message;
}

} // namespace

TEST(ProjectInitializer, AnUnrecognisedModelGetsAdviceForEachFace)
{
    const QString path = QStringLiteral(MCW_PREFLIGHT_MODELS "/unrecognised.onnx");
    const QString cli = initError(path, QStringLiteral("auto"), ProjectInitializer::Face::CommandLine);
    EXPECT_TRUE(cli.contains(QStringLiteral("not recognised"))) << cli.toStdString();
    EXPECT_TRUE(cli.endsWith(QStringLiteral("name one with --preset."))) << cli.toStdString();
    const QString gui = initError(path, QStringLiteral("auto"), ProjectInitializer::Face::Workbench);
    EXPECT_TRUE(gui.contains(QStringLiteral("not recognised"))) << gui.toStdString();
    EXPECT_TRUE(gui.endsWith(QStringLiteral("choose the cut points in the graph (Ctrl+click) or Graph > Apply Preset Cut.")))
        << gui.toStdString();
    EXPECT_FALSE(gui.contains(QStringLiteral("--"))) << "no command-line flags in the GUI";
}

TEST(ProjectInitializer, ADynamicInputGetsAdviceForEachFace)
{
    const QString path = QStringLiteral(MCW_PREFLIGHT_MODELS "/classifier_dynamic.onnx");
    const QString cli = initError(path, QStringLiteral("classifier"), ProjectInitializer::Face::CommandLine);
    EXPECT_TRUE(cli.endsWith(QStringLiteral("the input shape is dynamic; give it with --input-shape 1,3,H,W.")))
        << cli.toStdString();
    const QString gui = initError(path, QStringLiteral("classifier"), ProjectInitializer::Face::Workbench);
    EXPECT_TRUE(gui.endsWith(QStringLiteral("the input shape is dynamic; set the input size in the Preprocess panel.")))
        << gui.toStdString();
    EXPECT_FALSE(gui.contains(QStringLiteral("--"))) << "no command-line flags in the GUI";
}
