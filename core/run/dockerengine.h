// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

namespace Mcw::Core {

/**
 * One Docker engine the steps may run on, as the docker CLI reaches it: its default (whatever
 * DOCKER_HOST or the current context says), a docker context by name, or a `DOCKER_HOST`-style
 * address (`unix:///path.sock`, `tcp://host:2376`, `ssh://user@host`). An engine that cannot
 * see our files at the same paths gets the step's files copied in and out instead of mounted.
 */
struct DockerEngine
{
    /** How a step's files reach the container: detected (Auto), bind mounts, or docker cp. */
    enum class Transfer { Auto, Mount, Copy };

    /** Shown in the Jobs panel, the provenance and messages; unique in a list. */
    QString name;
    /** Empty: the docker CLI's default; "scheme://…": an address; anything else: a context. */
    QString address;
    int maxConcurrentSteps = 1;
    Transfer transfer = Transfer::Auto;

    /** The CLI's default engine, named "local". */
    static DockerEngine local(int maxConcurrentSteps = 1);
    /**
     * An engine from the command line's `--engine SPEC`: an address or a context name, named
     * after it. Errors name the spec and say what is accepted.
     */
    static Expected<DockerEngine> fromSpec(const QString &spec);

    bool isDefault() const { return address.isEmpty(); }
    bool isAddress() const { return address.contains(QLatin1String("://")); }
    bool isContext() const { return !isDefault() && !isAddress(); }
    /** Global options for the docker CLI: {"--host", A}, {"--context", C} or nothing. */
    QStringList cliArguments() const;
    /** "name (address)" or just the name when they agree. */
    QString describe() const;
    /**
     * The socket path on this machine when the engine is reached over a local unix socket
     * (the default engine: DOCKER_HOST or /var/run/docker.sock); nullopt for tcp/ssh and for
     * contexts (their endpoint is only known to `docker context inspect`).
     */
    std::optional<QString> localSocketPath() const;
    /**
     * Mount or Copy for a set transfer; for Auto: Mount when the engine is reached over a unix
     * socket on this machine (an engine check may still find it cannot see our files), Copy
     * otherwise.
     */
    Transfer presumedTransfer() const;

    static QString transferName(Transfer transfer);
    static Expected<Transfer> parseTransfer(const QString &name);

    static QList<DockerEngine> loadList(QSettings &settings);
    static void saveList(QSettings &settings, const QList<DockerEngine> &engines);
    /** Why \a engines cannot be used (empty, duplicate names, a bad address); empty when fine. */
    static QString listProblem(const QList<DockerEngine> &engines);

    bool operator==(const DockerEngine &other) const = default;
};

} // namespace Mcw::Core
