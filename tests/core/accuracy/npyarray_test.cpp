// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "npzcases.h"

#include <core/accuracy/npyarray.h>
#include <core/accuracy/npzfile.h>
#include <core/atomicfile.h>

#include <QJsonArray>

#include <gtest/gtest.h>

#include <cmath>

using namespace Mcw;
using Core::NpyArray;

static QString casesDir()
{
    QString error;
    const QString dir = Tests::npzCasesDir(&error);
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
    return dir;
}

TEST(NpyArray, ParsesEveryDtypeVersionByteOrderAndStorageOrder)
{
    const QString dir = casesDir();
    ASSERT_FALSE(dir.isEmpty());
    const QJsonObject npy = Tests::npzCasesExpected().value(QStringLiteral("npy")).toObject();
    ASSERT_GE(npy.size(), 50);
    for (auto it = npy.begin(); it != npy.end(); ++it) {
        SCOPED_TRACE(it.key().toStdString());
        const QJsonObject e = it.value().toObject();
        auto bytes = Core::readWholeFile(dir + QLatin1Char('/') + it.key());
        ASSERT_TRUE(bytes.has_value());
        auto array = NpyArray::parse(*bytes, it.key());
        ASSERT_TRUE(array.has_value()) << array.error().message.toStdString();
        QList<qint64> shape;
        for (const QJsonValue &d : e.value(QStringLiteral("shape")).toArray())
            shape.append(d.toInteger());
        EXPECT_EQ(array->shape(), shape);
        EXPECT_EQ(NpyArray::dtypeName(array->dtype()), e.value(QStringLiteral("dtype")).toString());
        EXPECT_EQ(array->isFortranOrder(), e.value(QStringLiteral("fortran")).toBool());
        EXPECT_EQ(array->isBigEndian(), e.value(QStringLiteral("big_endian")).toBool());
        const auto how = e.value(QStringLiteral("bf16")).toBool()
                             ? NpyArray::Interpretation::Bf16
                             : NpyArray::Interpretation::Native;
        const QJsonArray values = e.value(QStringLiteral("values")).toArray();
        ASSERT_EQ(array->elementCount(), values.size());
        const std::vector<float> floats = array->toFloat(how);
        for (qsizetype i = 0; i < values.size(); ++i) {
            const double expected = values[i].toDouble();
            // valueAt is exact; toFloat rounds to float32 like tpu-mlir's unification.
            EXPECT_DOUBLE_EQ(array->valueAt(i, how), expected) << "element " << i;
            EXPECT_FLOAT_EQ(floats[size_t(i)], float(expected)) << "element " << i;
        }
    }
}

TEST(NpyArray, RawDataIsTheStoredBytes)
{
    const QString dir = casesDir();
    auto bytes = Core::readWholeFile(dir + QStringLiteral("/i32_be_v1.npy"));
    ASSERT_TRUE(bytes.has_value());
    auto array = NpyArray::parse(*bytes, QStringLiteral("i32_be"));
    ASSERT_TRUE(array.has_value());
    const QByteArray raw = array->rawData();
    ASSERT_EQ(raw.size(), 24 * 4);
    EXPECT_TRUE(bytes->endsWith(raw));
    // Big endian: the first element's most significant byte comes first.
    const qint32 first = qint32(array->valueAt(0));
    EXPECT_EQ(quint8(raw.at(0)), quint8(quint32(first) >> 24));
}

TEST(NpyArray, RejectsBrokenFilesWithOneSentenceNamingThem)
{
    auto bad = NpyArray::parse(QByteArray("not numpy at all"), QStringLiteral("x.npy"));
    ASSERT_FALSE(bad.has_value());
    EXPECT_TRUE(bad.error().message.startsWith(QStringLiteral("x.npy: ")));

    QByteArray header("\x93NUMPY\x01\x00", 8);
    const QByteArray dict = "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }\n";
    header.append(char(dict.size() & 0xff)).append(char(dict.size() >> 8)).append(dict);
    auto complex = NpyArray::parse(header + QByteArray(16, 0), QStringLiteral("c.npy"));
    ASSERT_FALSE(complex.has_value());
    EXPECT_TRUE(complex.error().message.contains(QStringLiteral("<c8")));

    const QString dir = casesDir();
    auto npz = Core::NpzFile::open(dir + QStringLiteral("/truncated.npz"));
    ASSERT_TRUE(npz.has_value());
    auto cut = npz->array(QStringLiteral("cut"));
    ASSERT_FALSE(cut.has_value());
    EXPECT_TRUE(cut.error().message.contains(QStringLiteral("truncated.npz")));
    EXPECT_TRUE(cut.error().message.contains(QStringLiteral("truncated")));
}

TEST(NpzFile, ListsNamesWithoutSuffixInArchiveOrder)
{
    const QString dir = casesDir();
    const QJsonObject expected = Tests::npzCasesExpected();
    QStringList targetOrder;
    for (const QJsonValue &v : expected.value(QStringLiteral("target_order")).toArray())
        targetOrder.append(v.toString());
    for (const QString &file :
         {QStringLiteral("target.npz"), QStringLiteral("target_deflated.npz")}) {
        auto npz = Core::NpzFile::open(dir + QLatin1Char('/') + file);
        ASSERT_TRUE(npz.has_value()) << npz.error().message.toStdString();
        EXPECT_EQ(npz->names(), targetOrder);
        EXPECT_EQ(npz->entries().first().deflated, file.contains(QStringLiteral("deflated")));
        auto images = npz->array(QStringLiteral("images"));
        ASSERT_TRUE(images.has_value()) << images.error().message.toStdString();
        EXPECT_EQ(images->shape(), (QList<qint64>{1, 8, 16, 16}));
    }
}

TEST(NpzFile, RefusesAbsurdEntrySizes)
{
    const QString path = casesDir() + QStringLiteral("/absurd.npz");
    auto npz = Core::NpzFile::open(path);
    ASSERT_FALSE(npz.has_value());
    EXPECT_TRUE(npz.error().message.startsWith(path));
    EXPECT_TRUE(npz.error().message.contains(QStringLiteral("more than 1100 times its compressed size, the limit")))
        << npz.error().message.toStdString();
    EXPECT_EQ(npz.error().message.count(QLatin1Char('.')) - path.count(QLatin1Char('.')), 1)
        << "one sentence";
}

TEST(NpzFile, MissingFileIsNamed)
{
    auto npz = Core::NpzFile::open(QStringLiteral("/nonexistent/x.npz"));
    ASSERT_FALSE(npz.has_value());
    EXPECT_TRUE(npz.error().message.contains(QStringLiteral("/nonexistent/x.npz")));
}
