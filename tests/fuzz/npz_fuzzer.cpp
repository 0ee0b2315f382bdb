// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: .npy bytes parse to an array or an error; the same bytes as an .npz archive
// (libzip) open and read every array within ArchiveLimits::runOutputs(), or fail in a sentence.
#include <core/accuracy/npyarray.h>
#include <core/accuracy/npzfile.h>
#include <core/bundle/archivelimits.h>

#include <QDir>
#include <QFile>

#include <cstddef>
#include <cstdint>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Mcw::Core;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto array = NpyArray::parse(bytes, QStringLiteral("fuzz.npy"));
    if (array && array->elementCount() < 0)
        __builtin_trap();

    // libzip reads files: one scratch file per fuzzing process.
    static const QString path = QDir::temp().filePath(QStringLiteral("mcw-fuzz-%1.npz").arg(::getpid()));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 0;
    file.write(bytes);
    file.close();
    if (const auto npz = NpzFile::open(path)) {
        // What open() accepts is what array() may allocate: never more than the limits allow
        // for the bytes really in the file (the replay in the g++ build has no rss limit).
        const ArchiveLimits limits = ArchiveLimits::runOutputs();
        for (const NpzFile::Entry &e : npz->entries()) {
            if (e.compressedSize > qint64(size) || e.size > qMax(limits.ratioExemptBytes, limits.maxRatio * e.compressedSize))
                __builtin_trap();
        }
        for (const QString &name : npz->names())
            (void) npz->array(name);
    }
    return 0;
}
