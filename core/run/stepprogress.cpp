// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stepprogress.h"

#include <core/run/toolchainbackend.h>

#include <QRegularExpression>

namespace Mcw::Core {

StepProgress::StepProgress(const QString &tool)
{
    const QString name = toolDisplayName(tool);
    if (name == QLatin1String("model_transform"))
        m_tool = Tool::Transform;
    else if (name == QLatin1String("run_calibration"))
        m_tool = Tool::Calibration;
    else if (name == QLatin1String("model_deploy"))
        m_tool = Tool::Deploy;
    else if (name == QLatin1String("docker"))
        m_tool = Tool::Docker;
    else if (name == QLatin1String("pulsar2"))
        m_tool = Tool::Pulsar2;
}

void StepProgress::advance(double fraction, const QString &stage, double spanEnd)
{
    if (fraction < m_fraction)
        return;
    m_fraction = fraction;
    m_spanStart = fraction;
    m_spanEnd = spanEnd;
    m_stage = stage;
}

bool StepProgress::feed(OutputStream stream, const QString &line)
{
    const double before = m_fraction;
    const QString stageBefore = m_stage;
    auto has = [&line](const char *needle) { return line.contains(QLatin1String(needle)); };

    if (m_tool == Tool::Pulsar2) {
        if (!m_pulsar2.feed(line))
            return false;
        m_fraction = m_pulsar2.fraction();
        m_stage = m_pulsar2.stage();
        return true;
    }
    if (m_tool == Tool::Docker) {
        // BuildKit: "#5 [2/4] RUN …"; the legacy builder (Debian's docker.io): "Step 2/9 : RUN …".
        static const QRegularExpression buildKitStep(QStringLiteral("^#\\d+ \\[(?:[\\w.-]+ )?(\\d+)/(\\d+)\\] (.*)$"));
        static const QRegularExpression legacyStep(QStringLiteral("^Step (\\d+)/(\\d+) : (.*)$"));
        QRegularExpressionMatch m = buildKitStep.match(line);
        if (!m.hasMatch())
            m = legacyStep.match(line);
        if (m.hasMatch() && m.captured(2).toDouble() > 0) {
            const double value = (m.captured(1).toDouble() - 1.0) / m.captured(2).toDouble();
            if (value >= m_fraction) {
                m_fraction = value;
                m_stage = m.captured(3).left(60);
            }
        } else if (line.endsWith(QLatin1String(": Pulling fs layer"))) {
            ++m_layers;
            m_stage = QStringLiteral("pulling layers");
        } else if (line.endsWith(QLatin1String(": Pull complete")) && m_layers > 0) {
            m_fraction = qMax(m_fraction, double(++m_layersDone) / m_layers);
        }
        return m_fraction != before || m_stage != stageBefore;
    }
    if (stream == OutputStream::Stderr) {
        // tqdm: "{desc}: {pct}%|{bar}| n/total [...]"; the description may itself contain ": ".
        static const QRegularExpression tqdm(QStringLiteral("^(.*?):?\\s*(\\d{1,3})%\\|.*\\|\\s*(\\d+)/(\\d+)"));
        const QRegularExpressionMatch m = tqdm.match(line);
        if (!m.hasMatch())
            return false;
        const QString desc = m.captured(1);
        const double total = m.captured(4).toDouble();
        const double done = total > 0 ? m.captured(3).toDouble() / total : m.captured(2).toDouble() / 100.0;
        if (m_tool == Tool::Calibration) {
            if (desc.startsWith(QLatin1String("activation_collect")) || desc.startsWith(QLatin1String("inference and find")))
                advance(qMax(m_fraction, 0.02), QStringLiteral("collecting activations"), 0.5);
            else if (desc.startsWith(QLatin1String("calc_thresholds")))
                advance(qMax(m_fraction, 0.3), QStringLiteral("histograms"), 0.5);
            else if (desc.contains(QLatin1String("threshold")))
                advance(qMax(m_fraction, 0.5), QStringLiteral("searching thresholds"), 0.8);
            else if (desc.startsWith(QLatin1String("tune op")))
                advance(qMax(m_fraction, 0.8), QStringLiteral("auto-tune"), 1.0);
        }
        const double value = m_spanStart + (m_spanEnd - m_spanStart) * qBound(0.0, done, 1.0);
        if (value > m_fraction)
            m_fraction = value;
        return m_fraction != before || m_stage != stageBefore;
    }

    switch (m_tool) {
    case Tool::Transform:
        if (has("Save mlir file"))
            advance(0.15, QStringLiteral("origin MLIR"), 0.15);
        else if (has("[Running]:") && has("tpuc-opt"))
            advance(0.25, QStringLiteral("optimising MLIR"), 0.25);
        else if (has("Mlir file generated"))
            advance(0.4, QStringLiteral("MLIR written"), 0.4);
        else if (has("[CMD]: model_runner") && has("_ref_outputs.npz"))
            advance(0.5, QStringLiteral("reference inference"), 0.5);
        else if (has("[CMD]: model_runner"))
            advance(0.6, QStringLiteral("MLIR inference"), 0.6);
        else if (has("[Running]:") && has("npz_tool.py compare"))
            advance(0.7, QStringLiteral("comparing"), 1.0);
        break;
    case Tool::Calibration:
        if (has("input_num") && m_fraction < 0.02)
            advance(0.02, QStringLiteral("loading samples"), 0.5);
        break;
    case Tool::Deploy:
        if (has("[Running]:") && has("--convert-top-to-tpu"))
            advance(0.15, QStringLiteral("lowering"), 0.15);
        else if (has("[CMD]: model_runner") && has("_tpu_outputs.npz"))
            advance(0.3, QStringLiteral("tpu MLIR inference"), 0.3);
        else if (has("[Running]:") && has("npz_tool.py compare")) {
            const bool first = ++m_compares == 1;
            advance(first ? 0.4 : 0.9, first ? QStringLiteral("comparing tpu MLIR") : QStringLiteral("comparing final model"),
                    first ? 0.55 : 1.0);
        }
        else if (has("[Running]:") && (has("--layer-group") || has("--address-assign")))
            advance(0.55, QStringLiteral("optimising"), 0.55);
        else if (has("[Running]:") && has("--codegen"))
            advance(0.7, QStringLiteral("code generation"), 0.7);
        else if (has("[CMD]: model_runner") && has("_model_outputs.npz"))
            advance(0.8, QStringLiteral("model inference"), 0.8);
        break;
    case Tool::Docker: // handled above: docker pull and build lines
    case Tool::Pulsar2:
    case Tool::Other: break;
    }
    return m_fraction != before || m_stage != stageBefore;
}

} // namespace Mcw::Core
