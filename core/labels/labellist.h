// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * Label lists from the places users keep them: a labels .txt (one per line) or a pasted list.
 * (Ultralytics' `names` metadata: parseUltralyticsNames(); what a MUD can carry:
 * Preflight::labelProblem().)
 */
namespace LabelList {

/** One label per line; surrounding whitespace trimmed, blank lines skipped. */
QStringList fromLines(const QByteArray &text);

/** Pasted text: one label per line, or a single comma-separated line. */
QStringList fromPastedText(const QString &text);

/**
 * The labels of a file: a .mud's `labels` (read as the device reads it), else one per line.
 * An unreadable file or one without labels is one sentence naming it. Reads the disk: call it
 * off the UI thread.
 */
Expected<QStringList> readFile(const QString &path);

} // namespace LabelList

} // namespace Mcw::Core
