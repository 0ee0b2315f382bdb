// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "logtypes.h"

namespace Mcw::Core {

QString toolStageName(ToolStage stage)
{
    switch (stage) {
    case ToolStage::Unknown: break;
    case ToolStage::Transform: return QStringLiteral("transform");
    case ToolStage::Calibration: return QStringLiteral("calibration");
    case ToolStage::Lowering: return QStringLiteral("lowering");
    case ToolStage::TpuCompare: return QStringLiteral("tpu_compare");
    case ToolStage::Optimize: return QStringLiteral("optimize");
    case ToolStage::Codegen: return QStringLiteral("codegen");
    case ToolStage::FinalCompare: return QStringLiteral("final_compare");
    }
    return QStringLiteral("unknown");
}

QString toolStageTitle(ToolStage stage)
{
    switch (stage) {
    case ToolStage::Unknown: break;
    case ToolStage::Transform: return QStringLiteral("model transform");
    case ToolStage::Calibration: return QStringLiteral("calibration");
    case ToolStage::Lowering: return QStringLiteral("lowering to the TPU dialect");
    case ToolStage::TpuCompare: return QStringLiteral("TPU MLIR validation");
    case ToolStage::Optimize: return QStringLiteral("layer-group and address optimisation");
    case ToolStage::Codegen: return QStringLiteral("cvimodel code generation");
    case ToolStage::FinalCompare: return QStringLiteral("cvimodel validation");
    }
    return QStringLiteral("conversion");
}

QString compareStageName(CompareStage stage)
{
    switch (stage) {
    case CompareStage::Unknown: break;
    case CompareStage::Transform: return QStringLiteral("transform");
    case CompareStage::TpuMlir: return QStringLiteral("tpu");
    case CompareStage::Final: return QStringLiteral("final");
    }
    return QStringLiteral("unknown");
}

ToolStage toolStageOf(CompareStage stage)
{
    switch (stage) {
    case CompareStage::Unknown: break;
    case CompareStage::Transform: return ToolStage::Transform;
    case CompareStage::TpuMlir: return ToolStage::TpuCompare;
    case CompareStage::Final: return ToolStage::FinalCompare;
    }
    return ToolStage::Unknown;
}

CompareStage compareStageFromFiles(const QString &target, const QString &reference)
{
    // The pipelines name their results NAME_ref_outputs, NAME_top_outputs, PREFIX_tpu_outputs and
    // PREFIX_model_outputs (regression scripts shorten "_outputs" to "_out").
    const auto has = [](const QString &file, QLatin1StringView what) {
        return file.contains(what);
    };
    if (has(target, QLatin1StringView("_model_out")) || has(reference, QLatin1StringView("_model_out")))
        return CompareStage::Final;
    if (has(target, QLatin1StringView("_tpu_out")) || has(reference, QLatin1StringView("_tpu_out")))
        return CompareStage::TpuMlir;
    if (has(reference, QLatin1StringView("_ref_out")) || has(target, QLatin1StringView("_top_out")))
        return CompareStage::Transform;
    return CompareStage::Unknown;
}

QStringList CompareBlock::failedTensors() const
{
    QStringList names;
    for (const CompareTensor &t : tensors) {
        if (!t.passed)
            names.append(t.name);
    }
    return names;
}

bool CompareBlock::hasFailed() const
{
    if (verdict != Verdict::Unknown)
        return verdict == Verdict::Failed;
    if (failed > 0)
        return true;
    for (const CompareTensor &t : tensors) {
        if (!t.passed)
            return true;
    }
    return false;
}

} // namespace Mcw::Core
