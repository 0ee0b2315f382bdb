// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: any bytes as a zipped bundle are imported (extracted within
// ArchiveLimits::bundle(), MUD read strictly) or refused, and a refused import leaves nothing
// beside the zip.
#include <core/bundle/bundleimporter.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Mcw::Core::BundleImporter;
    QTemporaryDir dir;
    const QString zip = dir.filePath(QStringLiteral("bundle.zip"));
    QFile file(zip);
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly))
        return 0;
    file.write(reinterpret_cast<const char *>(data), qint64(size));
    file.close();
    const auto bundle = BundleImporter::open(zip, dir.filePath(QStringLiteral("bundle")));
    if (!bundle && QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size() != 1)
        __builtin_trap();
    return 0;
}
