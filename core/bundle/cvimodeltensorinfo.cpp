// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cvimodeltensorinfo.h"

#include <core/atomicfile.h>

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace Mcw::Core {

QString CvimodelTensorInfo::summary() const
{
    QHash<QString, int> counts;
    QStringList order;
    for (const Tensor &t : tensors) {
        if (!counts.contains(t.qtype))
            order.append(t.qtype);
        ++counts[t.qtype];
    }
    std::stable_sort(order.begin(), order.end(),
                     [&counts](const QString &a, const QString &b) { return counts.value(a) > counts.value(b); });
    QStringList parts;
    for (const QString &type : std::as_const(order))
        parts.append(QStringLiteral("%1 %2").arg(counts.value(type)).arg(type));
    return parts.join(QStringLiteral(", "));
}

bool CvimodelTensorInfo::hasType(const QString &name, const QString &qtype) const
{
    return std::any_of(tensors.cbegin(), tensors.cend(),
                       [&](const Tensor &t) { return t.name == name && t.qtype == qtype; });
}

QString CvimodelTensorInfo::pathFor(const QString &cvimodelPath)
{
    // tpu-mlir replaces the last 9 characters (".cvimodel") whatever they are.
    return cvimodelPath.left(qMax(0, int(cvimodelPath.size()) - 9)) + QStringLiteral("_tensor_info.txt");
}

Expected<CvimodelTensorInfo> CvimodelTensorInfo::parse(const QString &text, const QString &source)
{
    // Rows: layer_id tensor_name inGroup ignore gaddr g_shape lg_idx_slice laddr qtype qscale
    static const QRegularExpression header(QStringLiteral("^Cmdbuf\\d+:"));
    CvimodelTensorInfo info;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (header.match(line).hasMatch())
            continue;
        const QStringList fields = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        bool isRow = false;
        if (fields.size() == 10)
            fields.first().toInt(&isRow);
        if (isRow)
            info.tensors.append({fields.at(1), fields.at(8)});
    }
    if (info.tensors.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: no tensor rows (layer_id tensor_name … qtype qscale) in it.").arg(source));
    }
    return info;
}

Expected<CvimodelTensorInfo> CvimodelTensorInfo::readFile(const QString &path)
{
    const auto bytes = readWholeFile(path, qint64(16) << 20);
    if (!bytes)
        return Unexpected(bytes.error());
    return parse(QString::fromUtf8(*bytes), path);
}

} // namespace Mcw::Core
