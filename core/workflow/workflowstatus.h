// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/** The steps of one conversion, in the order the step bar shows them. */
enum class WorkflowStep {
    Model,
    Outputs,
    PreprocessAndLabels,
    Calibration,
    Convert,
    Accuracy,
    Export,
};

/** What the workbench knows about the conversion, reduced to what step states depend on. */
struct WorkflowFacts
{
    bool modelLoaded = false;
    int cutTensorCount = 0;
    int labelCount = 0;
    bool calibrationDatasetSet = false;
    bool toolchainReady = false;
    QString toolchainProblem;      // why the toolchain is not ready (one sentence)
    bool conversionRunning = false;
    bool conversionSucceeded = false;
    bool conversionFailed = false;
    bool accuracyAvailable = false;
    bool accuracyBelowTolerance = false;
    bool bundleExported = false;
    QList<Diagnostic> problems;    // pre-flight, op support and job diagnostics
};

/** State of one step for the step bar. */
struct StepStatus
{
    enum class State { Pending, Done, NeedsAttention, Blocked, Running };

    WorkflowStep step = WorkflowStep::Model;
    State state = State::Pending;
    int problemCount = 0;
    /** Why the step needs attention or is blocked, one sentence; empty otherwise. */
    QString reason;
};

/** Human name of a step ("Preprocess & labels"). */
QString workflowStepTitle(WorkflowStep step);

/** Which step a diagnostic belongs to, from its stage and code. */
WorkflowStep workflowStepOfDiagnostic(const Diagnostic &diagnostic);

/** Pure: the state of every step, in step order. */
QList<StepStatus> computeWorkflowStatus(const WorkflowFacts &facts);

} // namespace Mcw::Core
