// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTimer>

#include <functional>

namespace Mcw::Cli {

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command waits in its event loop: the signal handler only
 * sets a flag; a timer in the loop sees it and calls \a onInterrupt once, so cancelling runs
 * outside the handler. The previous handlers come back when the watch goes.
 */
class InterruptWatch
{
public:
    explicit InterruptWatch(std::function<void()> onInterrupt);
    ~InterruptWatch();

    InterruptWatch(const InterruptWatch &) = delete;
    InterruptWatch &operator=(const InterruptWatch &) = delete;

private:
    QTimer m_poll;
    void (*m_previousInt)(int) = nullptr;
    void (*m_previousTerm)(int) = nullptr;
};

} // namespace Mcw::Cli
