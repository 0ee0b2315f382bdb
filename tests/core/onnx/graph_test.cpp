// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/graph.h>

#include <gtest/gtest.h>

#include <cstring>

using namespace Mcw::Core;

TEST(Shape, RendersStaticSymbolicAndUnknownDims)
{
    Shape shape;
    shape.known = true;
    shape.dims = {Dim{1, {}}, Dim{-1, QStringLiteral("batch")}, Dim{}, Dim{640, {}}};
    EXPECT_EQ(shape.toString(), QStringLiteral("1,batch,?,640"));
    EXPECT_FALSE(shape.isStatic());
    EXPECT_EQ(shape.elementCount(), -1);
    EXPECT_EQ(Shape().toString(), QString());
}

// The PP-OCR classifier's recommended cut has no inferred shape: it read "float32 []".
TEST(Shape, TensorTypeTextNeverShowsAnUnknownShapeAsEmptyBrackets)
{
    Shape partial;
    partial.known = true;
    partial.dims = {Dim{1, {}}, Dim{3, {}}, Dim{}, Dim{}};
    EXPECT_EQ(tensorTypeText(DataType::Float, partial), QStringLiteral("float32 [1,3,?,?]"));
    EXPECT_EQ(tensorTypeText(DataType::Float, Shape()), QStringLiteral("float32 ?"));
    EXPECT_EQ(tensorTypeText(QStringLiteral("int64"), Shape::fromStatic({})), QStringLiteral("int64 scalar"));
    EXPECT_EQ(tensorTypeText(DataType::Float, Shape::fromStatic({1, 1000})), QStringLiteral("float32 [1,1000]"));
    EXPECT_EQ(Shape().displayText(), QStringLiteral("?"));
}

TEST(Shape, ElementCountOfStaticShape)
{
    const Shape shape = Shape::fromStatic({1, 3, 640, 640});
    EXPECT_TRUE(shape.isStatic());
    EXPECT_EQ(shape.elementCount(), 1 * 3 * 640 * 640);
    EXPECT_EQ(shape.values(), (QList<qint64>{1, 3, 640, 640}));
}

TEST(TensorData, DecodesHalfAndBFloat16)
{
    TensorData data;
    data.type = DataType::Float16;
    data.dims = {3};
    const quint16 halves[] = {0x3c00, 0xc000, 0x3555}; // 1.0, -2.0, ~0.33325
    data.bytes = QByteArray(reinterpret_cast<const char *>(halves), sizeof(halves));
    const QList<double> values = data.toDoubles();
    ASSERT_EQ(values.size(), 3);
    EXPECT_DOUBLE_EQ(values[0], 1.0);
    EXPECT_DOUBLE_EQ(values[1], -2.0);
    EXPECT_NEAR(values[2], 0.33325, 1e-5);

    TensorData bf;
    bf.type = DataType::BFloat16;
    bf.dims = {1};
    const quint16 b = 0x3fc0; // 1.5
    bf.bytes = QByteArray(reinterpret_cast<const char *>(&b), 2);
    EXPECT_DOUBLE_EQ(bf.toDoubles().value(0), 1.5);
}

TEST(TensorData, StatsMatchHandComputedValues)
{
    TensorData data;
    data.type = DataType::Float;
    data.dims = {4};
    const float values[] = {0.f, 2.f, 4.f, -2.f};
    data.bytes = QByteArray(reinterpret_cast<const char *>(values), sizeof(values));
    const TensorStats stats = computeStats(data);
    EXPECT_EQ(stats.count, 4);
    EXPECT_DOUBLE_EQ(stats.min, -2.0);
    EXPECT_DOUBLE_EQ(stats.max, 4.0);
    EXPECT_DOUBLE_EQ(stats.mean, 1.0);
    EXPECT_DOUBLE_EQ(stats.stddev, std::sqrt((1.0 + 1.0 + 9.0 + 9.0) / 4.0));
    EXPECT_DOUBLE_EQ(stats.sparsity, 0.25);
}
