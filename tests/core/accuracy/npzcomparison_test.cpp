// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "npzcases.h"

#include <core/accuracy/npzcomparison.h>

#include <QJsonArray>

#include <gtest/gtest.h>

#include <cmath>

using namespace Mcw;
using namespace Mcw::Core;

static double expectedNumber(const QJsonValue &v)
{
    if (v.isString()) {
        const QString s = v.toString();
        return s.startsWith(QLatin1Char('-')) ? -INFINITY : INFINITY;
    }
    return v.toDouble();
}

static void expectClose(double actual, double expected, const char *what)
{
    if (std::isinf(expected)) {
        EXPECT_EQ(actual, expected) << what;
        return;
    }
    const double tolerance = 1e-6 * std::max(1.0, std::fabs(expected));
    EXPECT_NEAR(actual, expected, tolerance) << what;
}

TEST(NpzComparison, MatchesNumpyReferenceForEveryTensor)
{
    QString error;
    const QString dir = Tests::npzCasesDir(&error);
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    const QJsonObject expected = Tests::npzCasesExpected();
    for (const QString &targetFile :
         {QStringLiteral("target.npz"), QStringLiteral("target_deflated.npz")}) {
        SCOPED_TRACE(targetFile.toStdString());
        auto result = NpzComparison::compareFiles(dir + QLatin1Char('/') + targetFile,
                                                  dir + QStringLiteral("/reference.npz"));
        ASSERT_TRUE(result.has_value()) << result.error().message.toStdString();
        const QJsonArray cases = expected.value(QStringLiteral("compare")).toArray();
        // Only common names, in the reference order (the target is stored reversed).
        ASSERT_EQ(result->tensors.size(), cases.size());
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const QJsonObject e = cases[i].toObject();
            const TensorComparison &t = result->tensors[i];
            SCOPED_TRACE(t.name.toStdString());
            EXPECT_EQ(t.name, e.value(QStringLiteral("name")).toString());
            EXPECT_EQ(compareStatusToken(t.status), e.value(QStringLiteral("status")).toString());
            if (t.status == CompareStatus::Close)
                EXPECT_EQ(t.closeOrder, e.value(QStringLiteral("close_order")).toInt());
            if (t.status == CompareStatus::NotMatch) {
                EXPECT_TRUE(std::isnan(t.cosine));
                EXPECT_TRUE(t.note.contains(QStringLiteral("not same shape")));
                continue;
            }
            expectClose(t.cosine, expectedNumber(e.value(QStringLiteral("cos"))), "cosine");
            expectClose(t.euclidean, expectedNumber(e.value(QStringLiteral("euc"))), "euclidean");
            expectClose(t.sqnr, expectedNumber(e.value(QStringLiteral("sqnr"))), "sqnr");
        }
        EXPECT_FALSE(result->passed());
        EXPECT_EQ(result->passedCount() + result->failedCount(), int(cases.size()));
    }
}

TEST(NpzComparison, SummaryCountsAndMinimumLikeNpzTool)
{
    const QString dir = Tests::npzCasesDir(nullptr);
    const QJsonArray cases = Tests::npzCasesExpected().value(QStringLiteral("compare")).toArray();
    auto result = NpzComparison::compareFiles(dir + QStringLiteral("/target.npz"),
                                              dir + QStringLiteral("/reference.npz"));
    ASSERT_TRUE(result.has_value());
    int equal = 0, close = 0, similar = 0, notSimilar = 0;
    double minCos = 1.0;
    for (const QJsonValue &v : cases) {
        const QString s = v.toObject().value(QStringLiteral("status")).toString();
        equal += s == QLatin1String("EQUAL");
        close += s == QLatin1String("CLOSE");
        similar += s == QLatin1String("SIMILAR");
        notSimilar += s == QLatin1String("NOT_SIMLIAR");
        if (s == QLatin1String("SIMILAR") || s == QLatin1String("NOT_SIMLIAR"))
            minCos = std::min(minCos, v.toObject().value(QStringLiteral("cos")).toDouble());
    }
    EXPECT_EQ(result->equalCount(), equal);
    EXPECT_EQ(result->closeCount(), close);
    EXPECT_EQ(result->similarCount(), similar);
    EXPECT_EQ(result->notSimilarCount(), notSimilar);
    double c, e, s;
    result->minSimilarity(&c, &e, &s);
    EXPECT_NEAR(c, minCos, 1e-9);
}

TEST(NpzComparison, ToleranceIsStrictAndExceptsAreSkipped)
{
    const QString dir = Tests::npzCasesDir(nullptr);
    const QString name = QStringLiteral("/model.0/conv/Conv_output_0_Conv");
    auto loose = NpzComparison::compareFiles(dir + QStringLiteral("/target.npz"),
                                             dir + QStringLiteral("/reference.npz"));
    ASSERT_TRUE(loose.has_value());
    double cosine = 0;
    for (const TensorComparison &t : loose->tensors) {
        if (t.name == name)
            cosine = t.cosine;
    }
    CompareOptions exact;
    exact.tolerance = Tolerance{cosine, 0.0}; // cos > c is strict: equal cosine fails
    auto strict = NpzComparison::compareFiles(dir + QStringLiteral("/target.npz"),
                                              dir + QStringLiteral("/reference.npz"),
                                              exact,
                                              {QStringLiteral("images")});
    ASSERT_TRUE(strict.has_value());
    EXPECT_EQ(strict->tensors.size(), loose->tensors.size() - 1);
    for (const TensorComparison &t : strict->tensors) {
        EXPECT_NE(t.name, QStringLiteral("images"));
        if (t.name == name)
            EXPECT_EQ(t.status, CompareStatus::NotSimilar);
    }
}

TEST(Tolerance, ParsesCommaPairAndIgnoresExtras)
{
    Tolerance t;
    EXPECT_TRUE(Tolerance::parse(QStringLiteral("0.9,0.6,0.1"), &t));
    EXPECT_DOUBLE_EQ(t.cosine, 0.9);
    EXPECT_DOUBLE_EQ(t.euclidean, 0.6);
    EXPECT_FALSE(Tolerance::parse(QStringLiteral("0.9"), &t));
    EXPECT_FALSE(Tolerance::parse(QStringLiteral("a,b"), &t));
}

static NpyArray uint16Array(const QList<quint16> &values)
{
    QByteArray bytes("\x93NUMPY\x01\x00", 8);
    QByteArray dict = "{'descr': '<u2', 'fortran_order': False, 'shape': (";
    dict += QByteArray::number(values.size()) + ",), }";
    while ((10 + dict.size() + 1) % 64 != 0)
        dict += ' ';
    dict += '\n';
    bytes.append(char(dict.size() & 0xff)).append(char(dict.size() >> 8)).append(dict);
    for (quint16 v : values)
        bytes.append(char(v & 0xff)).append(char(v >> 8));
    return *NpyArray::parse(bytes, QStringLiteral("u16"));
}

TEST(TensorCompare, Uint16IsBf16WhenTheCallerOrTheNameSaysSo)
{
    // 0x3f80 = 1.0 and 0x4000 = 2.0 as bf16; 16256 and 16384 as plain integers.
    const NpyArray a = uint16Array({0x3f80, 0x4000, 0x3f80});
    const NpyArray b = uint16Array({0x3f80, 0x4000, 0x4000});
    // Plain uint16: values 16256/16384 → cosine of those integers.
    const auto plain = TensorCompare::compare(QStringLiteral("x"), a, b);
    const double p = (16256.0 * 16256 + 16384.0 * 16384 + 16256.0 * 16384)
                     / std::sqrt((2 * 16256.0 * 16256 + 16384.0 * 16384)
                                 * (16256.0 * 16256 + 2 * 16384.0 * 16384));
    EXPECT_NEAR(plain.cosine, p, 1e-12);
    // As bf16: (1,2,1)·(1,2,2) / (|(1,2,1)| |(1,2,2)|) = 7 / (sqrt 6 · 3).
    const double expected = 7.0 / (std::sqrt(6.0) * 3.0);
    CompareOptions named;
    named.bf16Names = {QStringLiteral("x")};
    EXPECT_NEAR(TensorCompare::compare(QStringLiteral("x"), a, b, named).cosine, expected, 1e-12);
    EXPECT_NEAR(TensorCompare::compare(QStringLiteral("out_bf16"), a, b).cosine, expected, 1e-12);
    EXPECT_DOUBLE_EQ(a.valueAt(1, NpyArray::Interpretation::Bf16), 2.0);
    EXPECT_DOUBLE_EQ(a.valueAt(1), 16384.0);
}
