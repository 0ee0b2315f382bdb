// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    return path;
}

TEST(OnnxLoader, MissingFileNamesTheFile)
{
    const auto result = OnnxLoader::loadFile(QStringLiteral("/nonexistent/model.onnx"));
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("/nonexistent/model.onnx")));
    EXPECT_EQ(result.error().code, Error::Code::NotFound);
}

TEST(OnnxLoader, EmptyFileIsRejectedInOneSentence)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("empty.onnx"), {});
    const auto result = OnnxLoader::loadFile(path);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message, path + QStringLiteral(": the file is empty."));
}

TEST(OnnxLoader, TextFileIsNotAModel)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("notes.onnx"), "hello, this is not protobuf\n");
    const auto result = OnnxLoader::loadFile(path);
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().message.startsWith(path));
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("not an ONNX model")));
}
