// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "interruptwatch.h"

#include <csignal>

namespace Mcw::Cli {

static volatile std::sig_atomic_t s_interrupted = 0;

static void onSignal(int)
{
    s_interrupted = 1;
}

InterruptWatch::InterruptWatch(std::function<void()> onInterrupt)
{
    s_interrupted = 0;
    m_previousInt = std::signal(SIGINT, onSignal);
    m_previousTerm = std::signal(SIGTERM, onSignal);
    QObject::connect(&m_poll, &QTimer::timeout, [onInterrupt = std::move(onInterrupt)] {
        if (s_interrupted == 1) {
            s_interrupted = 2;
            onInterrupt();
        }
    });
    m_poll.start(100);
}

InterruptWatch::~InterruptWatch()
{
    std::signal(SIGINT, m_previousInt);
    std::signal(SIGTERM, m_previousTerm);
}

} // namespace Mcw::Cli
