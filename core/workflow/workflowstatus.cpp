// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "workflowstatus.h"

namespace Mcw::Core {

QString workflowStepTitle(WorkflowStep step)
{
    switch (step) {
    case WorkflowStep::Model: return QStringLiteral("Model");
    case WorkflowStep::Outputs: return QStringLiteral("Outputs");
    case WorkflowStep::PreprocessAndLabels: return QStringLiteral("Preprocess & labels");
    case WorkflowStep::Calibration: return QStringLiteral("Calibration");
    case WorkflowStep::Convert: return QStringLiteral("Convert");
    case WorkflowStep::Accuracy: return QStringLiteral("Accuracy");
    case WorkflowStep::Export: break;
    }
    return QStringLiteral("Export");
}

WorkflowStep workflowStepOfDiagnostic(const Diagnostic &d)
{
    const QString &code = d.code;
    if (d.stage == QLatin1String("opsupport") || code.startsWith(QLatin1String("cut"))
        || code.startsWith(QLatin1String("output")))
        return WorkflowStep::Outputs;
    if (code.startsWith(QLatin1String("label")) || code.startsWith(QLatin1String("preprocess"))
        || code.startsWith(QLatin1String("input")))
        return WorkflowStep::PreprocessAndLabels;
    if (code.startsWith(QLatin1String("calibration")) || code.startsWith(QLatin1String("dataset")))
        return WorkflowStep::Calibration;
    if (d.stage == QLatin1String("export"))
        return WorkflowStep::Export;
    if (code == QLatin1String("similarity_below_tolerance"))
        return WorkflowStep::Accuracy;
    if (d.stage == QLatin1String("preflight"))
        return code.startsWith(QLatin1String("model")) ? WorkflowStep::Model : WorkflowStep::Convert;
    return WorkflowStep::Convert;
}

static QString countPhrase(int count, const QString &noun, const QString &tail)
{
    return QStringLiteral("%1 %2%3 %4.").arg(count).arg(noun, count == 1 ? QString() : QStringLiteral("s"), tail);
}

QList<StepStatus> computeWorkflowStatus(const WorkflowFacts &facts)
{
    QList<StepStatus> steps;
    for (WorkflowStep s : {WorkflowStep::Model, WorkflowStep::Outputs, WorkflowStep::PreprocessAndLabels,
                           WorkflowStep::Calibration, WorkflowStep::Convert, WorkflowStep::Accuracy,
                           WorkflowStep::Export})
        steps.append(StepStatus{s, StepStatus::State::Pending, 0, {}});

    int errorsPerStep[7] = {};
    int problemsPerStep[7] = {};
    for (const Diagnostic &d : facts.problems) {
        if (d.severity == Diagnostic::Severity::Info)
            continue;
        const int index = int(workflowStepOfDiagnostic(d));
        ++problemsPerStep[index];
        if (d.severity == Diagnostic::Severity::Error)
            ++errorsPerStep[index];
    }
    auto at = [&](WorkflowStep s) -> StepStatus & { return steps[int(s)]; };
    auto settle = [&](WorkflowStep s, bool done) {
        StepStatus &st = at(s);
        st.problemCount = problemsPerStep[int(s)];
        if (st.problemCount > 0) {
            st.state = StepStatus::State::NeedsAttention;
            const int errors = errorsPerStep[int(s)];
            st.reason = errors > 0 ? countPhrase(errors, QStringLiteral("error"), QStringLiteral("to fix"))
                                   : countPhrase(st.problemCount, QStringLiteral("warning"),
                                                 QStringLiteral("to review"));
        } else if (done) {
            st.state = StepStatus::State::Done;
        }
    };

    if (!facts.modelLoaded) {
        for (StepStatus &st : steps) {
            if (st.step != WorkflowStep::Model) {
                st.state = StepStatus::State::Blocked;
                st.reason = QStringLiteral("Open an ONNX model first.");
            }
        }
        return steps;
    }
    settle(WorkflowStep::Model, true);
    settle(WorkflowStep::Outputs, facts.cutTensorCount > 0);
    settle(WorkflowStep::PreprocessAndLabels, facts.labelCount > 0);
    settle(WorkflowStep::Calibration, facts.calibrationDatasetSet);

    StepStatus &convert = at(WorkflowStep::Convert);
    bool blockingErrors = false;
    for (int i = 0; i < int(WorkflowStep::Convert); ++i)
        blockingErrors = blockingErrors || errorsPerStep[i] > 0;
    if (facts.conversionRunning) {
        convert.state = StepStatus::State::Running;
    } else if (!facts.toolchainReady) {
        convert.state = StepStatus::State::Blocked;
        convert.reason = facts.toolchainProblem.isEmpty()
                             ? QStringLiteral("The tpu-mlir toolchain is not set up.")
                             : facts.toolchainProblem;
    } else if (blockingErrors) {
        convert.state = StepStatus::State::Blocked;
        convert.reason = QStringLiteral("Fix the errors of the earlier steps first.");
    } else {
        settle(WorkflowStep::Convert, facts.conversionSucceeded);
        if (facts.conversionFailed && convert.state != StepStatus::State::NeedsAttention) {
            convert.state = StepStatus::State::NeedsAttention;
            convert.reason = QStringLiteral("The last conversion failed.");
        }
    }

    StepStatus &accuracy = at(WorkflowStep::Accuracy);
    if (!facts.accuracyAvailable) {
        accuracy.state = StepStatus::State::Blocked;
        accuracy.reason = QStringLiteral("Run a conversion to see per-layer accuracy.");
    } else {
        settle(WorkflowStep::Accuracy, !facts.accuracyBelowTolerance);
        if (facts.accuracyBelowTolerance && accuracy.state == StepStatus::State::Pending) {
            accuracy.state = StepStatus::State::NeedsAttention;
            accuracy.reason = QStringLiteral("Some layers are below the tolerance.");
        }
    }

    StepStatus &exportStep = at(WorkflowStep::Export);
    if (!facts.conversionSucceeded) {
        exportStep.state = StepStatus::State::Blocked;
        exportStep.reason = QStringLiteral("A successful conversion is needed before export.");
    } else {
        settle(WorkflowStep::Export, facts.bundleExported);
    }
    return steps;
}

} // namespace Mcw::Core
