// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/logtypes.h>

#include <QStringView>

#include <optional>

namespace Mcw::Core {

/**
 * Reads `npz_tool.py compare` output line by line (reference §4.3): tensor headers, shape and
 * metric lines, the summary counts, `min_similiarity`, `Target`/`Reference` and the
 * `npz compare PASSED.|FAILED.` line that closes a block. Tolerates partial pastes (a block
 * that starts in the middle or never ends) and skips the `-vv`..`-vvvv` dumps cheaply.
 */
class CompareBlockParser
{
public:
    /** Target/reference/tolerance of the next block, from its `[Running]: npz_tool.py compare` line. */
    void announce(const QString &target, const QString &reference, const QString &tolerance);

    /** Returns true when the line belonged to a compare block. */
    bool feedLine(QStringView line);
    /** Completed blocks since the last call. */
    QList<CompareBlock> takeFinished();
    /** Closes an unfinished block (end of a partial log) and returns it, if any. */
    std::optional<CompareBlock> finish();
    bool inBlock() const { return m_open; }

private:
    CompareBlock &block();
    void close();

    CompareBlock m_current;
    bool m_open = false;
    bool m_inDump = false;
    QString m_nextTarget;
    QString m_nextReference;
    QString m_nextTolerance;
    QList<CompareBlock> m_finished;
};

/** Splits the arguments of a `npz_tool.py compare T R --tolerance X ...` command. */
struct CompareCommand
{
    QString target;
    QString reference;
    QString tolerance;
};
std::optional<CompareCommand> parseCompareCommand(QStringView command);

} // namespace Mcw::Core
