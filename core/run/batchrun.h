// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/run/conversionsession.h>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <cmath>

namespace Mcw::Core {

class ConversionJob;

/**
 * Many projects through one session's pool: each is queued as soon as the one before it is
 * (the pool spreads them over the engines), and a job whose step failed because its engine
 * stopped answering is retried from that step on another engine, up to maxRetries() times.
 * Ends with one row per project for the summary table.
 */
class BatchRun : public QObject
{
    Q_OBJECT

public:
    struct Item
    {
        QString projectPath;
        Project project;
    };

    struct Row
    {
        QString project;       // project name
        QString projectPath;
        QString status;        // "succeeded", "failed", "cancelled", "not started"
        double minCosine = std::nan(""); // of the last deploy step's final comparison
        qint64 cvimodelBytes = -1;
        qint64 elapsedMs = 0;
        QStringList engines;   // where its steps ran, in order
        int retries = 0;
        QString jobDirectory;
        QString message;       // why it failed, one sentence
        bool succeeded() const { return status == QLatin1String("succeeded"); }
    };

    BatchRun(ConversionSession *session, QList<Item> items, ConversionSession::RunOptions options,
             QObject *parent = nullptr);

    void setMaxRetries(int retries) { m_maxRetries = retries; }
    int maxRetries() const { return m_maxRetries; }

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }

    const QList<Item> &items() const { return m_items; }
    /** The job of item \a index once queued, else nullptr. */
    ConversionJob *job(int index) const { return m_jobs.value(index); }
    /** A row for item \a index as it stands now (final once finished()). */
    Row row(int index) const;
    QList<Row> rows() const;

    /**
     * Fills status, cvimodelBytes, elapsed time and engines of \a row from a job record, and
     * minCosine when \a readLogs (it reads the deploy logs: once, when the job has finished).
     */
    static void describeJob(const JobRecord &job, Row &row, bool readLogs);

signals:
    void itemChanged(int index);
    /** A job's step is retried on another engine after its engine went away. */
    void retrying(int index, const QString &stepTitle, const QString &engine);
    void finished();

private:
    void startNext();
    void onJobFinished(ConversionJob *job);
    void checkFinished();

    ConversionSession *m_session;
    QList<Item> m_items;
    ConversionSession::RunOptions m_options;
    QHash<int, ConversionJob *> m_jobs;
    QHash<int, QString> m_notStarted; // index → why
    QHash<int, int> m_retries;
    QHash<int, double> m_minCosine; // finished jobs, read from their logs once
    int m_next = 0;
    int m_maxRetries = 2;
    bool m_cancelled = false;
    bool m_finished = false;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace Mcw::Core
