// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "npzcomparison.h"

#include <core/accuracy/npzfile.h>

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <limits>
#include <variant>

namespace Mcw::Core {

static int countStatus(const QList<TensorComparison> &tensors, CompareStatus status)
{
    return int(std::count_if(tensors.cbegin(), tensors.cend(), [status](const TensorComparison &t) {
        return t.status == status;
    }));
}

int NpzComparison::equalCount() const
{
    return countStatus(tensors, CompareStatus::Equal);
}
int NpzComparison::closeCount() const
{
    return countStatus(tensors, CompareStatus::Close);
}
int NpzComparison::similarCount() const
{
    return countStatus(tensors, CompareStatus::Similar);
}
int NpzComparison::notEqualCount() const
{
    return countStatus(tensors, CompareStatus::NotEqual);
}
int NpzComparison::notSimilarCount() const
{
    return countStatus(tensors, CompareStatus::NotSimilar);
}
int NpzComparison::notMatchCount() const
{
    return countStatus(tensors, CompareStatus::NotMatch);
}
int NpzComparison::passedCount() const
{
    return equalCount() + closeCount() + similarCount();
}

void NpzComparison::minSimilarity(double *cosine, double *euclidean, double *sqnr) const
{
    *cosine = 1.0;
    *euclidean = 1.0;
    *sqnr = std::numeric_limits<double>::infinity();
    for (const TensorComparison &t : tensors) {
        if (t.status != CompareStatus::Similar && t.status != CompareStatus::NotSimilar)
            continue;
        *cosine = std::min(*cosine, t.cosine);
        *euclidean = std::min(*euclidean, t.euclidean);
        *sqnr = std::min(*sqnr, t.sqnr);
    }
}

Expected<NpzComparison> NpzComparison::compareFiles(const QString &targetPath,
                                                    const QString &referencePath,
                                                    const CompareOptions &options,
                                                    const QStringList &excepts)
{
    auto target = NpzFile::open(targetPath);
    if (!target)
        return Unexpected(target.error());
    auto reference = NpzFile::open(referencePath);
    if (!reference)
        return Unexpected(reference.error());

    QStringList names;
    for (const QString &name : reference->names()) {
        if (target->contains(name) && !excepts.contains(name))
            names.append(name);
    }
    using Item = std::variant<TensorComparison, Error>;
    const NpzFile &t = *target;
    const NpzFile &r = *reference;
    // One task per tensor: each reads its two arrays with its own zip handles. The tasks run on a
    // pool of their own: callers run this on the global pool (accuracy of a run and of a compared
    // run at once), and blocking there on tasks queued behind them would leave no thread to run
    // those tasks (seen: two such reads on a 2-core machine waited for each other forever).
    static QThreadPool comparePool;
    const QList<Item> items = QtConcurrent::blockingMapped<QList<Item>>(
        &comparePool, names, [&t, &r, &options](const QString &name) -> Item {
            // Per-thread buffers: tensors are read one after another on each worker.
            thread_local QByteArray targetBuffer;
            thread_local QByteArray referenceBuffer;
            auto a = t.array(name, &targetBuffer);
            if (!a)
                return a.error();
            auto b = r.array(name, &referenceBuffer);
            if (!b)
                return b.error();
            TensorComparison result = TensorCompare::compare(name, *a, *b, options);
            a = NpyArray();
            b = NpyArray();
            // Do not keep a huge tensor's buffer alive in an idle pool thread.
            static constexpr qsizetype keepAtMost = qsizetype(64) << 20;
            if (targetBuffer.capacity() > keepAtMost)
                targetBuffer = QByteArray();
            if (referenceBuffer.capacity() > keepAtMost)
                referenceBuffer = QByteArray();
            return result;
        });
    NpzComparison out;
    out.targetPath = targetPath;
    out.referencePath = referencePath;
    out.options = options;
    out.tensors.reserve(items.size());
    for (const Item &item : items) {
        if (const auto *error = std::get_if<Error>(&item))
            return Unexpected(*error);
        out.tensors.append(std::get<TensorComparison>(item));
    }
    return out;
}

} // namespace Mcw::Core
