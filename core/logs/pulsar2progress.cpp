// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pulsar2progress.h"

#include <QRegularExpression>

namespace Mcw::Core {

void Pulsar2Progress::advance(double fraction, const QString &stage)
{
    if (fraction < m_fraction)
        return;
    m_fraction = fraction;
    m_stage = stage;
}

bool Pulsar2Progress::feed(const QString &line)
{
    const double before = m_fraction;
    const QString stageBefore = m_stage;
    static const QRegularExpression richBar(QStringLiteral("^(Building onnx|Building native)\\s.*?(\\d{1,3})%"));
    static const QRegularExpression calibration(
        QStringLiteral("^Calibration Progress\\(Phase (\\d+)\\):\\s*\\d{1,3}%\\|.*\\|\\s*(\\d+)/(\\d+)"));
    static const QRegularExpression fuse(QStringLiteral(" - fuse \\d+ subgraph\\(s\\)"));
    const auto has = [&line](const char *text) { return line.contains(QLatin1String(text)); };

    if (const auto m = richBar.match(line); m.hasMatch()) {
        const double done = qBound(0, m.captured(2).toInt(), 100) / 100.0;
        if (m.captured(1) == QLatin1String("Building onnx"))
            advance(0.15 * done, QStringLiteral("optimising the ONNX"));
        else
            advance(0.7 + 0.25 * done, QStringLiteral("compiling for the NPU"));
    } else if (const auto c = calibration.match(line); c.hasMatch()) {
        const double total = c.captured(3).toDouble();
        const double done = total > 0 ? c.captured(2).toDouble() / total : 0.0;
        // Below 0.6: "Network Quantization Finished." may come before the bar's last redraw on the other stream.
        advance(0.2 + 0.39 * qBound(0.0, done, 1.0), QStringLiteral("calibrating"));
    } else if (has("save optimized onnx")) {
        advance(0.15, QStringLiteral("optimised ONNX written"));
    } else if (has(":extract_archive:") || line.startsWith(QLatin1String("patool: Extracting"))) {
        advance(0.17, QStringLiteral("unpacking the calibration images"));
    } else if (has("File(s) Loaded.")) {
        advance(0.2, QStringLiteral("calibrating"));
    } else if (has("Network Quantization Finished.")) {
        advance(0.6, QStringLiteral("quantised"));
    } else if (has("Quant Precision Table")) {
        advance(0.65, QStringLiteral("per-layer precision"));
    } else if (has("QuantAxModel macs:")) {
        advance(0.95, QStringLiteral("compiling for the NPU"));
    } else if (fuse.match(line).hasMatch()) {
        advance(1.0, QStringLiteral("compiled"));
    }
    return m_fraction != before || m_stage != stageBefore;
}

} // namespace Mcw::Core
