// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/toolchain/toolinvocation.h>

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace Mcw::Core {

/**
 * What the installed tpu-mlir accepts, read from each tool's `--help` (flags drift between
 * releases, reference §0): the version and, per tool ("model_deploy"), its set of flags.
 * The command builder asks accepts(); filtered() drops what this version does not know.
 */
struct ToolCapabilities
{
    QString version;                              // "v1.15.1-20250208", empty = unknown
    /**
     * Tool → accepted flags ({"--mlir", "--chip", ...}). The probe keys by short name
     * ("model_deploy"); lookups also match "model_deploy.py" either way round.
     */
    QHash<QString, QSet<QString>> flags;
    /** Tool → flag → the values its `{a,b,c}` lists ("--search" → search_qtable, fast_search, ...). */
    QHash<QString, QHash<QString, QStringList>> choices;
    /**
     * Short tool name → the command that answered the probe ("model_deploy" or "model_deploy.py");
     * the pip wheel installs both, a release tree only the `.py` names, some images only the bare ones.
     */
    QHash<QString, QString> programs;
    /**
     * The Docker image id ("sha256:…") the answers came from; empty for the native backend and
     * `docker exec`. A stored probe is stale once the image under the same name has another id.
     */
    QString imageId;

    bool isEmpty() const { return flags.isEmpty(); }
    bool knowsTool(const QString &tool) const;
    /** True when the tool was probed and lists \a flag, or when the tool was never probed. */
    bool accepts(const QString &tool, const QString &flag) const;
    /**
     * True when \a flag accepts \a value; when the tool or flag was not probed or lists no
     * choices, answers accepts(tool, flag).
     */
    bool acceptsValue(const QString &tool, const QString &flag, const QString &value) const;
    /** The command to run for \a shortName ("run_calibration"): the probed spelling, else "<name>.py". */
    QString program(const QString &shortName) const;
    /**
     * \a invocation without the flags its tool does not accept (with their value when the next
     * argument is not a flag). Dropped flags are appended to \a dropped.
     */
    ToolInvocation filtered(const ToolInvocation &invocation, QStringList *dropped = nullptr) const;

    QJsonObject toJson() const;
    static ToolCapabilities fromJson(const QJsonObject &json);

    /** Version from the first banner line: "TPU-MLIR v1.15.1-…", "SOPHGO Toolchain v1.3…". */
    static QString parseVersion(const QString &text);
    /** Flags named in an argparse usage block and its option lines. */
    static QSet<QString> parseHelpFlags(const QString &helpText);
    /** Flag → choices for every `--flag {a,b,c}` in an argparse help text. */
    static QHash<QString, QStringList> parseHelpChoices(const QString &helpText);

    bool operator==(const ToolCapabilities &other) const = default;

private:
    const QSet<QString> *flagsOf(const QString &tool) const;
};

} // namespace Mcw::Core
