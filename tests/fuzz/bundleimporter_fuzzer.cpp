// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the archive half of the bundle importer. Any bytes as a zipped bundle are
// extracted within ArchiveLimits::bundle() and the .mud in them read strictly, or refused; a
// refused archive leaves nothing beside the zip. (BundleImporter::open adds the provenance file,
// whose YAML the projectfile fuzzer covers; linking it would pull in most of the core.)
#include <core/bundle/ziparchive.h>
#include <core/mud/mudreader.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Mcw::Core;
    QTemporaryDir dir;
    const QString zip = dir.filePath(QStringLiteral("bundle.zip"));
    QFile file(zip);
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly))
        return 0;
    file.write(reinterpret_cast<const char *>(data), qint64(size));
    file.close();
    const QString target = dir.filePath(QStringLiteral("bundle"));
    // Extracted from inside the folder, so an entry resolved against the current directory
    // instead of the target (as Qt does for ":name") lands where the check below sees it.
    const QString before = QDir::currentPath();
    QDir::setCurrent(dir.path());
    const auto written = ZipArchive::extractSafely(zip, target);
    QDir::setCurrent(before);
    if (!written) {
        if (QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size() != 1)
            __builtin_trap();
        return 0;
    }
    // Extracted: the zip and the target folder, nothing else.
    if (QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size() != 2)
        __builtin_trap();
    for (const QString &name : *written) {
        if (name.endsWith(QLatin1String(".mud")))
            (void) MudReader::readFile(QDir(target).filePath(name));
    }
    return 0;
}
