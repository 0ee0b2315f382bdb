// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/opsupport/opsupportanalyzer.h>
#include <core/opsupport/opsupporttable.h>

#include <gtest/gtest.h>

#include <QFile>
#include <QSet>

using namespace Mcw::Core;

// Expected values come from the "Counts" section of shared/reference/tpu-mlir-ops.md (the
// source the table was written from), not from the JSON: tools/opsupport/check_table.py checks
// the op rows one by one, these tests pin the totals and the runtime copy.

static QSet<QString> names(std::initializer_list<const char *> list)
{
    QSet<QString> out;
    for (const char *n : list)
        out.insert(QString::fromLatin1(n));
    return out;
}

static QSet<QString> opsWhere(const OpSupportTable &table, LoweringVerdict OpRule::*mode,
                              LoweringVerdict verdict)
{
    QSet<QString> out;
    for (const OpRule &r : table.rules()) {
        if (r.frontendAccepted && r.*mode == verdict)
            out.insert(r.opType);
    }
    return out;
}

TEST(OpSupportTable, BuiltinCopyIsTheSourceFile)
{
    const OpSupportTable &table = OpSupportTable::builtin();
    EXPECT_TRUE(table.loadError().isEmpty()) << table.loadError().toStdString();
    QFile source(QStringLiteral(MCW_OPSUPPORT_TABLE));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    const auto fromSource = OpSupportTable::fromJson(source.readAll(), source.fileName());
    ASSERT_TRUE(fromSource.has_value()) << fromSource.error().message.toStdString();
    EXPECT_EQ(fromSource->rules().size(), table.rules().size());
    EXPECT_EQ(fromSource->tableVersion(), table.tableVersion());
}

TEST(OpSupportTable, DescribesTheRevisionsOfTheReference)
{
    const OpSupportTable &table = OpSupportTable::builtin();
    EXPECT_EQ(table.frontendRevision(), QStringLiteral("f23eccf1354a929cd63278c1f02419ab331d5fe9"));
    EXPECT_EQ(table.patternRevision(), QStringLiteral("a7224d91d6d4312ea3fbd875d5a5e8c9718bb30e"));
    EXPECT_EQ(table.target(), QStringLiteral("cv18xx"));
    EXPECT_FALSE(table.tableVersion().isEmpty());
    EXPECT_GE(table.revisions().size(), 10);
}

TEST(OpSupportTable, FrontendKeysMatchTheReferenceCounts)
{
    const OpSupportTable &table = OpSupportTable::builtin();
    int accepted = 0;
    for (const OpRule &r : table.rules())
        accepted += r.frontendAccepted ? 1 : 0;
    EXPECT_EQ(accepted, 118); // "Frontend: 118 op_type keys"
    for (const char *op : {"Gelu", "Mish", "Softsign", "Size", "Attention", "BitwiseXor"}) {
        const OpRule *r = table.rule(QString::fromLatin1(op));
        ASSERT_NE(r, nullptr) << op;
        EXPECT_FALSE(r->frontendAccepted) << op;
    }
    ASSERT_NE(table.rule(QStringLiteral("GELU")), nullptr); // tpu-mlir's own fusion name
    EXPECT_TRUE(table.rule(QStringLiteral("GELU"))->frontendAccepted);
    EXPECT_EQ(table.rule(QStringLiteral("gelu")), nullptr); // op types are case-sensitive
}

TEST(OpSupportTable, Cv18xxVerdictsMatchTheReferenceCounts)
{
    const OpSupportTable &table = OpSupportTable::builtin();
    // "8 always run BF16 even when INT8 is requested"
    EXPECT_EQ(opsWhere(table, &OpRule::int8, LoweringVerdict::Bf16Fallback),
              names({"GRU", "LayerNormalization", "LogSoftmax", "LRN", "LSTM",
                             "PixelNormalization", "ReduceL2", "Softmax"}));
    // "7 are CPU layers (...) or TPU+CPU (ArgMax)"
    EXPECT_EQ(opsWhere(table, &OpRule::int8, LoweringVerdict::Cpu),
              names({"CumSum", "GatherElements", "GatherND", "GridSample",
                             "InstanceNormalization", "TopK", "ArgMax"}));
    // "33 have no CV18xx path (31 always, plus ConstantOfShape and Range unless folded away)"
    const QSet<QString> none = opsWhere(table, &OpRule::int8, LoweringVerdict::Unsupported);
    EXPECT_EQ(none.size(), 33);
    for (const char *op : {"ConstantOfShape", "Range", "Round", "Mod", "Greater",
                           "NonMaxSuppression", "Erf", "GroupNormalization"})
        EXPECT_TRUE(none.contains(QString::fromLatin1(op))) << op;
    // "4 emit no op", "5 are unknown"
    EXPECT_EQ(opsWhere(table, &OpRule::int8, LoweringVerdict::None),
              names({"Cast", "Constant", "Dropout", "Identity"}));
    EXPECT_EQ(opsWhere(table, &OpRule::int8, LoweringVerdict::Unknown),
              names({"DequantizeLinear", "QuantizeLinear", "Or", "ReduceLogSumExp",
                             "SelectiveScan"}));
    // "5 are conditional (Einsum, Equal, Gather, Resize, Upsample)"; Pow's BF16 cell
    // ("Pow: LUT; Pow2/Pow3: no") is conditional too.
    EXPECT_EQ(opsWhere(table, &OpRule::bf16, LoweringVerdict::Conditional),
              names({"Einsum", "Equal", "Gather", "Resize", "Upsample", "Pow"}));
}

TEST(OpSupportTable, EveryConditionKindIsKnownToTheAnalyser)
{
    const QStringList known = OpSupportAnalyzer::knownConditionKinds();
    const QSet<QString> knownSet(known.begin(), known.end());
    QSet<QString> declaredByAny;
    for (Device device : {Device::MaixCam, Device::MaixCam2}) {
        const OpSupportTable &table = OpSupportTable::builtin(device);
        const QList<QString> declared = table.conditionKinds().keys();
        declaredByAny.unite(QSet<QString>(declared.begin(), declared.end()));
        for (const OpRule &r : table.rules()) {
            for (const OpCondition &c : r.conditions)
                EXPECT_TRUE(knownSet.contains(c.kind)) << r.opType.toStdString();
            EXPECT_FALSE(r.reason.isEmpty()) << r.opType.toStdString();
        }
    }
    // No kind the analyser implements goes unused by both tables.
    EXPECT_EQ(declaredByAny, knownSet);
}

TEST(OpSupportTable, RejectsBrokenFiles)
{
    const auto notJson = OpSupportTable::fromJson("{", QStringLiteral("broken.json"));
    ASSERT_FALSE(notJson.has_value());
    EXPECT_TRUE(notJson.error().message.contains(QStringLiteral("broken.json")));

    const QByteArray badVerdict = R"({"format":"mcw-opsupport","formatVersion":1,
        "conditionKinds":{},"ops":[{"op":"Relu","frontend":"accepted","int8":"fast","bf16":"npu"}]})";
    const auto bad = OpSupportTable::fromJson(badVerdict, QStringLiteral("bad.json"));
    ASSERT_FALSE(bad.has_value());
    EXPECT_TRUE(bad.error().message.contains(QStringLiteral("Relu")));

    const QByteArray ops = R"("conditionKinds":{"always":""},"ops":[{"op":"Relu","frontend":"accepted",
        "int8":"npu","bf16":"npu","reason":"r","conditions":[{"kind":"always","int8":"cpu","reason":"c"}]}])";
    const QByteArray wording = R"("targetName":"T1","toolchain":"tool","foldedBy":"tool's clean-up",
        "unlisted":{"verdict":"unsupported","reason":"%1 is not listed."},)";
    const QByteArray header = R"({"format":"mcw-opsupport","formatVersion":1,"tableVersion":"t",)";
    const auto unworded = OpSupportTable::fromJson(header + ops + "}", QStringLiteral("unworded.json"));
    ASSERT_FALSE(unworded.has_value());
    EXPECT_TRUE(unworded.error().message.contains(QStringLiteral("unworded.json")));

    const auto good = OpSupportTable::fromJson(header + wording + ops + "}", QStringLiteral("ok.json"));
    ASSERT_TRUE(good.has_value()) << good.error().message.toStdString();
    ASSERT_NE(good->rule(QStringLiteral("Relu")), nullptr);
    EXPECT_EQ(good->rule(QStringLiteral("Relu"))->conditions.value(0).int8, LoweringVerdict::Cpu);
    EXPECT_FALSE(good->unlistedFrontendRejects());
    EXPECT_EQ(good->targetName(), QStringLiteral("T1"));
}
