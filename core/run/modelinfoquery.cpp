// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "modelinfoquery.h"

#include <core/atomicfile.h>
#include <core/run/processoutcome.h>
#include <core/run/processrunner.h>
#include <core/run/toolchainbackend.h>

#include <QCoreApplication>
#include <QFileInfo>

namespace Mcw::Core {

ModelInfoQuery::ModelInfoQuery(const ToolchainSettings &settings, QObject *parent)
    : QObject(parent)
    , m_backend(ToolchainBackend::create(settings))
{}

ModelInfoQuery::~ModelInfoQuery() = default;

void ModelInfoQuery::done(Expected<CvimodelInfo> result)
{
    m_result = std::move(result);
    if (m_runner)
        m_runner.release()->deleteLater();
    emit finished();
}

void ModelInfoQuery::start(const QString &cvimodelPath)
{
    if (m_runner)
        return;
    m_path = QFileInfo(cvimodelPath).absoluteFilePath();
    m_output.clear();
    const ToolInvocation tool{QStringLiteral("model_tool"),
                              {QStringLiteral("--info"), QFileInfo(m_path).fileName()},
                              QFileInfo(m_path).absolutePath(),
                              {}};
    const auto wrapped = m_backend->wrap(tool, QStringLiteral("info-%1").arg(QCoreApplication::applicationPid()));
    if (!wrapped) {
        QMetaObject::invokeMethod(this, [this, e = wrapped.error()] { done(Unexpected(e)); }, Qt::QueuedConnection);
        return;
    }
    m_runner = std::make_unique<ProcessRunner>();
    m_runner->setTimeout(120000);
    connect(m_runner.get(), &ProcessRunner::lineReceived, this, [this](OutputStream stream, const QString &line) {
        if (stream == OutputStream::Stdout)
            m_output += line + QLatin1Char('\n');
    });
    connect(m_runner.get(), &ProcessRunner::finished, this, [this] {
        const ProcessOutcome outcome = m_runner->outcome();
        if (!outcome.succeeded()) {
            done(Unexpected(m_backend->interpretFailure(outcome, QStringLiteral("model_tool"))));
            return;
        }
        auto parsed = CvimodelInfo::parse(m_output, QStringLiteral("model_tool --info %1").arg(m_path));
        if (parsed) {
            // Kept for the bundle's provenance; a failed write only loses that record.
            (void)writeFileAtomically(infoFilePath(m_path), m_output.toUtf8());
        }
        done(std::move(parsed));
    });
    m_runner->start(*wrapped);
}

} // namespace Mcw::Core
