// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/familydetector.h>
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupport.h>
#include <core/opsupport/opsupportdiagnostics.h>

#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

#include <QJsonArray>

using namespace Mcw::Core;

// The entry points that detect the family themselves (built once detectFamily exists).

TEST(OpSupportEntry, InspectJsonUsesTheRecommendedCutOfAKnownFamily)
{
    const auto graph = OnnxLoader::loadFile(Mcw::Tests::generatedModel(QStringLiteral("yolo26n")));
    ASSERT_TRUE(graph.has_value());
    const FamilyDetection family = detectFamily(*graph);
    ASSERT_EQ(family.family, QStringLiteral("yolo26"));
    const QJsonObject json = opSupportJson(*graph);
    EXPECT_EQ(json.value(QStringLiteral("scope")).toString(), QStringLiteral("recommended_cut"));
    EXPECT_EQ(json.value(QStringLiteral("cut")).toArray(),
              QJsonArray::fromStringList(family.recommendedOutputs));
    for (const QJsonValue &v : json.value(QStringLiteral("nodes")).toArray()) {
        const QString verdict = v.toObject().value(QStringLiteral("verdict")).toString();
        EXPECT_NE(verdict, QStringLiteral("target_unsupported"));
        EXPECT_NE(verdict, QStringLiteral("frontend_unsupported"));
    }
    // Whole graph: the TopK error carries the family's cut as the way out.
    const QList<Diagnostic> diags = opSupportDiagnostics(*graph, QStringList());
    ASSERT_TRUE(hasErrors(diags));
    for (const Diagnostic &d : diags) {
        if (d.severity == Diagnostic::Severity::Error) {
            EXPECT_TRUE(d.suggestion.contains(QStringLiteral("recommended yolo26 cut")));
        }
    }
}
