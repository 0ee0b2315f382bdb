// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: loading any bytes as a project file fails cleanly or yields a project that
// saves and loads back to the same value.
#include <core/project/projectfile.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Mcw::Core::ProjectFile;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString path = QStringLiteral("/fuzz/project.yaml");
    const auto loaded = ProjectFile::parse(bytes, path);
    if (!loaded)
        return 0;
    const auto again = ProjectFile::parse(ProjectFile::serialize(loaded->project, path), path);
    if (!again || !(again->project == loaded->project))
        __builtin_trap();
    return 0;
}
