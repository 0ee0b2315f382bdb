// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Mcw::Core {

/** One `key = value` line of a MUD as the device reads it (value already cut at '#'). */
struct MudEntry
{
    QString key;
    QString value;
    int line = 0;

    bool operator==(const MudEntry &other) const = default;
};

/** One `[section]` in file order; keys before the first section land in a section named "". */
struct MudSection
{
    QString name;
    int line = 0;
    QList<MudEntry> entries;

    /** The first entry with exactly this key (the device's lookup), or nullptr. */
    const MudEntry *entry(const QString &key) const
    {
        for (const MudEntry &e : entries) {
            if (e.key == key)
                return &e;
        }
        return nullptr;
    }

    bool operator==(const MudSection &other) const = default;
};

/** A MUD file as the MaixCDK INI parser sees it: a plain value. */
struct MudDocument
{
    QList<MudSection> sections;

    const MudSection *section(const QString &name) const
    {
        for (const MudSection &s : sections) {
            if (s.name == name)
                return &s;
        }
        return nullptr;
    }

    /** Exact-case lookup like the device; "" when absent. */
    QString value(const QString &sectionName, const QString &key) const
    {
        const MudSection *s = section(sectionName);
        const MudEntry *e = s ? s->entry(key) : nullptr;
        return e ? e->value : QString();
    }

    bool contains(const QString &sectionName, const QString &key) const
    {
        const MudSection *s = section(sectionName);
        return s && s->entry(key);
    }

    bool operator==(const MudDocument &other) const = default;
};

} // namespace Mcw::Core
