// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolchainoptions.h"

#include <QFileInfo>

namespace Mcw::Cli {

bool ToolchainOptions::take(const QStringList &arguments, qsizetype &i, QString *error)
{
    const QString &a = arguments.at(i);
    const bool hasValue = i + 1 < arguments.size();
    if (!hasValue)
        return false;
    const QString value = arguments.at(i + 1);
    if (a == QLatin1String("--backend")) {
        auto backend = Core::ToolchainSettings::parseBackend(value);
        if (!backend)
            *error = backend.error().message;
        else
            m_settings.backend = *backend;
    } else if (a == QLatin1String("--image")) {
        m_settings.image = value;
    } else if (a == QLatin1String("--container")) {
        m_settings.container = value;
    } else if (a == QLatin1String("--pulsar2-image")) {
        m_settings.pulsar2Image = value;
    } else if (a == QLatin1String("--pulsar2-container")) {
        m_settings.pulsar2Container = value;
    } else if (a == QLatin1String("--tools")) {
        m_settings.toolDirectory = QFileInfo(value).absoluteFilePath();
    } else if (a == QLatin1String("--engine")) {
        auto engine = Core::DockerEngine::fromSpec(value);
        if (!engine)
            *error = engine.error().message;
        else if (std::any_of(m_engines.cbegin(), m_engines.cend(), [&](const Core::DockerEngine &e) { return e.name == engine->name; }))
            *error = QStringLiteral("--engine %1 is given twice.").arg(value);
        else
            m_engines.append(*engine);
    } else if (a == QLatin1String("--timeout")) {
        bool ok = false;
        const int minutes = value.toInt(&ok);
        if (!ok || minutes < 0)
            *error = QStringLiteral("--timeout takes a whole number of minutes, not '%1'.").arg(value);
        else
            m_settings.stepTimeoutMinutes = minutes;
    } else {
        return false;
    }
    i += 1;
    return true;
}

Core::ToolchainSettings ToolchainOptions::settings() const
{
    Core::ToolchainSettings s = m_settings;
    if (!m_engines.isEmpty())
        s.engines = m_engines;
    if (m_stepsPerEngine > 0) {
        for (Core::DockerEngine &e : s.engines)
            e.maxConcurrentSteps = m_stepsPerEngine;
        s.maxConcurrency = m_stepsPerEngine;
    }
    return s;
}

} // namespace Mcw::Cli
