// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QPromise>
#include <QRunnable>
#include <QThreadPool>

#include <memory>
#include <type_traits>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace Mcw::Core {

namespace Detail {
#if defined(__SANITIZE_THREAD__)
inline char backgroundHandOver; // the address ThreadSanitizer syncs the hand-over on
inline void releaseToBackground() { __tsan_release(&backgroundHandOver); }
inline void acquireInBackground() { __tsan_acquire(&backgroundHandOver); }
#else
inline void releaseToBackground() {}
inline void acquireInBackground() {}
#endif
} // namespace Detail

/**
 * Runs \a function on Qt's global thread pool and returns the future of its result, as
 * QtConcurrent::run does. The difference is for ThreadSanitizer: Debian's Qt is not
 * instrumented, so TSan cannot see QThreadPool hand a task to its thread, and QtConcurrent's
 * task object (allocated here, read there) then looks raced; gcc 12's TSan runtime can even
 * crash while describing that report. Here the hand-over is announced to TSan, and everything
 * the pool thread touches before it is Qt's own code.
 */
template <typename Function>
QFuture<std::invoke_result_t<Function>> runInBackground(Function function)
{
    using Result = std::invoke_result_t<Function>;
    // Qt 6.4's QRunnable::create() takes a std::function, which must be copyable: share the state.
    auto promise = std::make_shared<QPromise<Result>>();
    auto work = std::make_shared<Function>(std::move(function));
    QFuture<Result> future = promise->future();
    promise->start();
    QRunnable *task = QRunnable::create([promise, work] {
        Detail::acquireInBackground();
        promise->addResult((*work)());
        promise->finish();
    });
    Detail::releaseToBackground();
    QThreadPool::globalInstance()->start(task);
    return future;
}

} // namespace Mcw::Core
