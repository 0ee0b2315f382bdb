// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * Label lists from the places users keep them: a labels .txt (one per line), a pasted list,
 * Ultralytics' ONNX metadata `names` (a Python dict literal), plus the rule for what a MUD
 * file can carry.
 */
namespace LabelList {

/** One label per line; surrounding whitespace trimmed, blank lines skipped. */
QStringList fromLines(const QByteArray &text);

/** Pasted text: one label per line, or a single comma-separated line. */
QStringList fromPastedText(const QString &text);

/**
 * Parses Ultralytics' `names` metadata, e.g. `{0: 'person', 1: "bicycle"}`, into labels
 * ordered by key. Keys must be 0..n-1 without gaps. The error says what is wrong.
 */
Expected<QStringList> fromUltralyticsNames(const QString &literal);

/**
 * Why the device could not carry \a label in a MUD (`,` splits it, `#` cuts it, empty or
 * padded labels shift or change classes); empty when the label is fine.
 */
QString mudProblem(const QString &label);

} // namespace LabelList

} // namespace Mcw::Core
