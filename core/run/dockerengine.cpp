// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerengine.h"

#include <QRegularExpression>
#include <QSet>
#include <QSettings>

namespace Mcw::Core {

static const char *const Schemes[] = {"unix", "tcp", "ssh", "npipe"};

DockerEngine DockerEngine::local(int maxConcurrentSteps)
{
    DockerEngine e;
    e.name = QStringLiteral("local");
    e.maxConcurrentSteps = qMax(1, maxConcurrentSteps);
    return e;
}

// The docker CLI's own rule for context names.
static bool isContextName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.+-]*$"));
    return valid.match(name).hasMatch();
}

static QString addressProblem(const QString &address)
{
    const qsizetype sep = address.indexOf(QLatin1String("://"));
    const QString scheme = address.left(sep);
    bool known = false;
    for (const char *s : Schemes)
        known = known || scheme == QLatin1String(s);
    if (!known) {
        return QStringLiteral("'%1' is not an engine address the docker CLI accepts; use unix:///path.sock, "
                              "tcp://host:2376, ssh://user@host or a docker context name.")
            .arg(address);
    }
    if (address.size() <= sep + 3)
        return QStringLiteral("The engine address '%1' names no host or socket.").arg(address);
    if (address.contains(QLatin1Char(' ')) || address.contains(QLatin1Char('\n')))
        return QStringLiteral("The engine address '%1' contains a space.").arg(address);
    return {};
}

Expected<DockerEngine> DockerEngine::fromSpec(const QString &spec)
{
    const QString s = spec.trimmed();
    if (s.isEmpty())
        return makeError(Error::Code::InvalidInput, QStringLiteral("An empty --engine was given; name a docker "
                                                                   "context or an address such as unix:///path.sock."));
    DockerEngine e;
    e.name = s;
    e.address = s;
    if (s.contains(QLatin1String("://"))) {
        if (const QString problem = addressProblem(s); !problem.isEmpty())
            return makeError(Error::Code::InvalidInput, problem);
        return e;
    }
    if (!isContextName(s)) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("'%1' is neither a docker context name nor an engine address "
                                        "(unix:///path.sock, tcp://host:2376, ssh://user@host).")
                             .arg(s));
    }
    return e;
}

QStringList DockerEngine::cliArguments() const
{
    if (isDefault())
        return {};
    if (isAddress())
        return {QStringLiteral("--host"), address};
    return {QStringLiteral("--context"), address};
}

QString DockerEngine::describe() const
{
    if (address.isEmpty() || address == name)
        return name;
    return QStringLiteral("%1 (%2)").arg(name, address);
}

std::optional<QString> DockerEngine::localSocketPath() const
{
    QString host = address;
    if (isDefault()) {
        host = qEnvironmentVariable("DOCKER_HOST");
        // A DOCKER_CONTEXT or a current context other than "default" may point elsewhere; only
        // the engine check knows for sure, and it tests mounts before trusting them.
        if (host.isEmpty())
            return QStringLiteral("/var/run/docker.sock");
    }
    if (host.startsWith(QLatin1String("unix://")))
        return host.mid(7);
    return std::nullopt;
}

DockerEngine::Transfer DockerEngine::presumedTransfer() const
{
    if (transfer != Transfer::Auto)
        return transfer;
    return localSocketPath() ? Transfer::Mount : Transfer::Copy;
}

QString DockerEngine::transferName(Transfer transfer)
{
    switch (transfer) {
    case Transfer::Mount:
        return QStringLiteral("mount");
    case Transfer::Copy:
        return QStringLiteral("copy");
    case Transfer::Auto:
        break;
    }
    return QStringLiteral("auto");
}

Expected<DockerEngine::Transfer> DockerEngine::parseTransfer(const QString &name)
{
    for (Transfer t : {Transfer::Auto, Transfer::Mount, Transfer::Copy}) {
        if (name == transferName(t))
            return t;
    }
    return makeError(Error::Code::InvalidInput,
                     QStringLiteral("Unknown file transfer '%1'; use auto, mount or copy.").arg(name));
}

QList<DockerEngine> DockerEngine::loadList(QSettings &settings)
{
    QList<DockerEngine> engines;
    const int n = settings.beginReadArray(QStringLiteral("engines"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        DockerEngine e;
        e.name = settings.value(QStringLiteral("name")).toString();
        e.address = settings.value(QStringLiteral("address")).toString();
        e.maxConcurrentSteps = qMax(1, settings.value(QStringLiteral("maxConcurrentSteps"), 1).toInt());
        e.transfer = parseTransfer(settings.value(QStringLiteral("transfer")).toString()).value_or(Transfer::Auto);
        if (!e.name.isEmpty())
            engines.append(e);
    }
    settings.endArray();
    return engines;
}

void DockerEngine::saveList(QSettings &settings, const QList<DockerEngine> &engines)
{
    settings.remove(QStringLiteral("engines"));
    settings.beginWriteArray(QStringLiteral("engines"), int(engines.size()));
    for (int i = 0; i < engines.size(); ++i) {
        settings.setArrayIndex(i);
        const DockerEngine &e = engines.at(i);
        settings.setValue(QStringLiteral("name"), e.name);
        settings.setValue(QStringLiteral("address"), e.address);
        settings.setValue(QStringLiteral("maxConcurrentSteps"), e.maxConcurrentSteps);
        settings.setValue(QStringLiteral("transfer"), transferName(e.transfer));
    }
    settings.endArray();
}

QString DockerEngine::listProblem(const QList<DockerEngine> &engines)
{
    if (engines.isEmpty())
        return QStringLiteral("No Docker engine is listed; add the local engine or another one.");
    QSet<QString> names;
    for (const DockerEngine &e : engines) {
        if (e.name.trimmed().isEmpty())
            return QStringLiteral("An engine has no name; name every engine.");
        if (names.contains(e.name))
            return QStringLiteral("Two engines are named '%1'; give each engine its own name.").arg(e.name);
        names.insert(e.name);
        if (e.isAddress()) {
            if (const QString problem = addressProblem(e.address); !problem.isEmpty())
                return problem;
        } else if (e.isContext() && !isContextName(e.address)) {
            return QStringLiteral("'%1' is neither a docker context name nor an engine address.").arg(e.address);
        }
    }
    return {};
}

} // namespace Mcw::Core
