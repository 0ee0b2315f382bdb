// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTreeView>

namespace Mcw::Widgets {

class ProblemsModel;

/** The Problems list; activating a problem that names an ONNX node asks to jump to it. */
class ProblemsView : public QTreeView
{
    Q_OBJECT

public:
    explicit ProblemsView(QWidget *parent = nullptr);

    ProblemsModel *problems() const { return m_model; }

signals:
    void jumpToNode(const QString &nodeId);

private:
    ProblemsModel *m_model = nullptr;
};

} // namespace Mcw::Widgets
