// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * tpu-mlir's quantize table (qtable) for `model_deploy.py --quantize_table`: a
 * `# op_name   quantize_mode` header and one `<op_name> <F32|F16|BF16|INT8|INT4>` per line.
 * Op names are tpu-mlir tensor names, i.e. with the `_<OpType>` suffix as in the npz files.
 */
class QuantizeTable
{
public:
    enum class Mode { F32, F16, BF16, INT8, INT4 };
    struct Entry
    {
        QString opName;
        Mode mode = Mode::BF16;
    };

    static QString modeName(Mode mode);
    static bool parseMode(const QString &text, Mode *mode);

    static Expected<QuantizeTable> parse(const QByteArray &text, const QString &source);
    static Expected<QuantizeTable> read(const QString &path);

    /** A table keeping each of \a opNames in \a mode (duplicates dropped, order kept). */
    static QuantizeTable fromOps(const QStringList &opNames, Mode mode = Mode::BF16);

    QList<Entry> entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    /** Sets (or adds) the mode of one op. */
    void set(const QString &opName, Mode mode);
    void remove(const QString &opName);
    /** Adds the entries of \a other, which win on conflicts. */
    void merge(const QuantizeTable &other);
    bool contains(const QString &opName) const;

    QByteArray toText() const;
    /** Writes atomically. */
    Expected<void> write(const QString &path) const;

private:
    QList<Entry> m_entries;
};

} // namespace Mcw::Core
