// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/dockerengine.h>
#include <core/run/enginecheck.h>

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace Mcw::Widgets {

/**
 * The toolchain settings' Docker engines as an editable table: name, address (empty: the docker
 * CLI's default), steps at once, how files reach the containers, and what the latest engine test
 * found. Edits that would break the list (DockerEngine::listProblem: a duplicate or empty name, an
 * address the docker CLI does not accept) are refused with editRefused(), so engines() is always
 * a usable list. A changed address or transfer forgets the engine's test result: it was about
 * another engine.
 */
class EnginesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, AddressColumn, StepsColumn, TransferColumn, StatusColumn, ColumnCount };
    enum Role {
        StatusLevelRole = Qt::UserRole + 1, // "ok", "warning", "error", "testing" or "" (not tested)
        EngineNameRole,
    };
    static constexpr int MaxStepsPerEngine = 16;

    explicit EnginesModel(QObject *parent = nullptr);

    void setEngines(const QList<Core::DockerEngine> &engines);
    QList<Core::DockerEngine> engines() const;
    Core::DockerEngine engineAt(int row) const { return m_rows.at(row).engine; }
    int rowOfEngine(const QString &name) const;

    /** Appends \a engine; returns why not (DockerEngine::listProblem of the longer list) or empty. */
    QString addEngine(const Core::DockerEngine &engine);
    /** Appends those of \a engines whose name and address are not listed yet; returns how many. */
    int addMissing(const QList<Core::DockerEngine> &engines);
    /** Removes a row; refuses to leave no engine. Returns why not, or empty. */
    QString removeEngine(int row);
    /** A name not used yet, from \a base ("engine", "engine-2", …). */
    QString freeName(const QString &base) const;

    /** The engine is being tested: its status says so until setCheckResult(). */
    void setTesting(const QString &name, bool testing);
    /**
     * Shows \a result in the row of the engine it checked (matched by name and address); a
     * cancelled check (no findings) ends the testing state and keeps what an earlier one found.
     */
    void setCheckResult(const Core::EngineCheck::Result &result);
    std::optional<Core::EngineCheck::Result> checkResult(int row) const { return m_rows.at(row).check; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /**
     * "Docker 24.0.7 linux/amd64 · tpu_mlir 1.28.1 · copies files" (then a line per warning), or
     * the sentence of the first error.
     */
    static QString statusText(const Core::EngineCheck::Result &result);
    /** "ok", "warning" or "error": the worst finding. */
    static QString statusLevel(const Core::EngineCheck::Result &result);

signals:
    /** An edit was refused; \a message says why (shown by the editor). */
    void editRefused(const QString &message);
    void enginesChanged();

private:
    struct Row
    {
        Core::DockerEngine engine;
        std::optional<Core::EngineCheck::Result> check;
        bool testing = false;
    };

    QVariant statusData(const Row &row, int role) const;
    void emitRowChanged(int row);

    QList<Row> m_rows;
};

} // namespace Mcw::Widgets
