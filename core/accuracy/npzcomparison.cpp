// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "npzcomparison.h"

#include <core/accuracy/npzfile.h>

#include <QThread>

#include <algorithm>
#include <atomic>
#include <limits>
#include <thread>
#include <variant>
#include <vector>

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
    // One task per tensor, taken in turn by threads of this call's own: callers run this on
    // Qt's global pool (accuracy of a run and of a compared run at once), and blocking there on
    // tasks queued behind them would leave no thread to run those tasks (seen: two such reads on
    // a 2-core machine waited for each other forever). Plain std::thread also lets
    // ThreadSanitizer see every hand-over, which it cannot inside Debian's Qt.
    std::vector<Item> items(std::size_t(names.size()));
    std::atomic<qsizetype> next{0};
    const auto work = [&] {
        // Per-thread buffers: tensors are read one after another on each worker, and go with it.
        QByteArray targetBuffer;
        QByteArray referenceBuffer;
        for (qsizetype i = next++; i < names.size(); i = next++) {
            auto a = t.array(names.at(i), &targetBuffer);
            if (!a) {
                items[std::size_t(i)] = a.error();
                continue;
            }
            auto b = r.array(names.at(i), &referenceBuffer);
            if (!b) {
                items[std::size_t(i)] = b.error();
                continue;
            }
            items[std::size_t(i)] = TensorCompare::compare(names.at(i), *a, *b, options);
        }
    };
    const qsizetype threads = std::clamp<qsizetype>(QThread::idealThreadCount(), 1, qMax<qsizetype>(1, names.size()));
    std::vector<std::thread> workers;
    for (qsizetype i = 1; i < threads; ++i)
        workers.emplace_back(work);
    work();
    for (std::thread &worker : workers)
        worker.join();
    NpzComparison out;
    out.targetPath = targetPath;
    out.referencePath = referencePath;
    out.options = options;
    out.tensors.reserve(qsizetype(items.size()));
    for (const Item &item : items) {
        if (const auto *error = std::get_if<Error>(&item))
            return Unexpected(*error);
        out.tensors.append(std::get<TensorComparison>(item));
    }
    return out;
}

} // namespace Mcw::Core
