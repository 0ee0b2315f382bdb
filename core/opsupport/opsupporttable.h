// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/result.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace Mcw::Core {

/** How the CV18xx backend lowers an op in one quantisation mode (the table's vocabulary). */
enum class LoweringVerdict {
    Npu,          // "npu": a TPU op
    Lut,          // "lut": a TPU lookup-table op
    Bf16Fallback, // "bf16_fallback": INT8 requested, lowered in BF16
    Cpu,          // "cpu": a CPU layer inside the cvimodel
    Unsupported,  // "unsupported": no lowering, model_deploy aborts
    Conditional,  // "conditional": depends on a condition (see the op's conditions)
    Unknown,      // "unknown": not verified
    None,         // "none": no op is emitted (Cast, Identity, Dropout, Constant)
};

/** "npu", "lut", ... as in the data file; parseLoweringVerdict returns nullopt for others. */
QString loweringVerdictName(LoweringVerdict verdict);
std::optional<LoweringVerdict> parseLoweringVerdict(const QString &name);

/**
 * One attribute/shape condition of an op: when its predicate (`kind` with `params`) holds, it
 * overrides the frontend verdict and/or the INT8/BF16 verdicts, for the reason given.
 */
struct OpCondition
{
    QString kind;
    QVariantMap params;
    bool frontendRejects = false;
    std::optional<LoweringVerdict> int8;
    std::optional<LoweringVerdict> bf16;
    QString reason;
};

/** One op type of the table. Rejected ops carry no lowering verdicts. */
struct OpRule
{
    QString opType;
    bool frontendAccepted = false;
    QString topOp;
    LoweringVerdict int8 = LoweringVerdict::Unknown;
    LoweringVerdict bf16 = LoweringVerdict::Unknown;
    QString reason;
    QString note;
    QList<OpCondition> conditions;
};

/** One tpu-mlir source file the table was read from, with the revision(s) read. */
struct TableRevision
{
    QString what;
    QString path;
    QStringList revisions;
};

/**
 * A versioned operator-support table: what a toolchain converts for one NPU. Two are built in,
 * compiled into mcw_core as Qt resources (no display or installation needed):
 *  - resources/opsupport/cv18xx-ops.json: what tpu-mlir's ONNX frontend accepts and how CV18xx
 *    lowers each op type in INT8 and BF16 (MaixCAM);
 *  - resources/opsupport/ax620e-ops.json: Pulsar2's AX620E NPU operator list with its attribute
 *    limits (MaixCAM2), read from AXERA-TECH/pulsar2-docs-en source/appendix/op_support_list_ax620e.md.
 * The file also words what the analysis says about ops outside it and folded nodes.
 */
class OpSupportTable
{
public:
    /** Parses the JSON data file; the error names \a displayPath and the problem. */
    static Expected<OpSupportTable> fromJson(const QByteArray &json, const QString &displayPath);
    /**
     * The table compiled into mcw_core, parsed once (thread-safe). A broken built-in file is a
     * build defect; it then yields an empty table whose loadError() says why.
     */
    static const OpSupportTable &builtin();
    /** The built-in table of the NPU a \a device converts for (cv18xx or ax620e). */
    static const OpSupportTable &builtin(Device device);

    const OpRule *rule(const QString &opType) const;
    const QList<OpRule> &rules() const { return m_rules; }
    /** "2026.11.27-1". */
    QString tableVersion() const { return m_tableVersion; }
    QString target() const { return m_target; }
    /** The chip as messages name it: "cv181x", "AX620E". */
    QString targetName() const { return m_targetName; }
    /** "tpu-mlir", "Pulsar2". */
    QString toolchain() const { return m_toolchain; }
    /** Who constant-folds, for reasons: "tpu-mlir's ONNX clean-up". */
    QString foldedBy() const { return m_foldedBy; }
    /** Ops the table does not list: rejected by the frontend, or unsupported by the target. */
    bool unlistedFrontendRejects() const { return m_unlistedFrontendRejects; }
    /** Reason for an op the table does not list, with %1 for the op type. */
    QString unlistedReason() const { return m_unlistedReason; }
    /** Revision of OnnxConverter.py (frontend dict) the table describes. */
    QString frontendRevision() const { return m_frontendRevision; }
    /** Revision of LoweringCV18xx.cpp (CV18xx pattern list) the table describes. */
    QString patternRevision() const { return m_patternRevision; }
    const QList<TableRevision> &revisions() const { return m_revisions; }
    /** Condition kinds the file declares (kind → description). */
    const QHash<QString, QString> &conditionKinds() const { return m_conditionKinds; }
    QString loadError() const { return m_loadError; }

private:
    QList<OpRule> m_rules;
    QHash<QString, int> m_index;
    QString m_tableVersion;
    QString m_target;
    QString m_targetName;
    QString m_toolchain;
    QString m_foldedBy;
    bool m_unlistedFrontendRejects = true;
    QString m_unlistedReason;
    QString m_frontendRevision;
    QString m_patternRevision;
    QList<TableRevision> m_revisions;
    QHash<QString, QString> m_conditionKinds;
    QString m_loadError;
};

} // namespace Mcw::Core
