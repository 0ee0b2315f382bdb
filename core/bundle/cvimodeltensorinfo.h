// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * The `<model>_tensor_info.txt` tpu-mlir's CV18xx codegen writes beside a cvimodel: per command
 * buffer, one row per tensor with its quantisation type (int8, bf16, fp32, ...). It tells which
 * layers the compiled model really keeps in BF16, whatever the quantize table asked for.
 */
struct CvimodelTensorInfo
{
    struct Tensor
    {
        QString name;
        QString qtype; // as written: int8, uint8, int16, bf16, fp32, ...
    };
    QList<Tensor> tensors;

    /** "36 int8, 2 bf16, 1 fp32": counts per type, most frequent first. */
    QString summary() const;
    bool hasType(const QString &name, const QString &qtype) const;

    /** The file tpu-mlir writes for \a cvimodelPath (".cvimodel" replaced by "_tensor_info.txt"). */
    static QString pathFor(const QString &cvimodelPath);
    /** One error naming \a source when no row can be read. */
    static Expected<CvimodelTensorInfo> parse(const QString &text, const QString &source);
    static Expected<CvimodelTensorInfo> readFile(const QString &path);
};

} // namespace Mcw::Core
