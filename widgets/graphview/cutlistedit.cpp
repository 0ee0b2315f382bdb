// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cutlistedit.h"

#include <widgets/document/projectdocument.h>

#include <core/project/tensornamelist.h>

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Mcw::Widgets {

CutListEdit::CutListEdit(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edit(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    m_edit->setObjectName(QStringLiteral("cutList"));
    m_edit->setPlaceholderText(tr("No cut: the model keeps its own outputs"));
    m_edit->setToolTip(tr("Cut tensors, comma-separated. Ctrl+click a node or use its context menu to toggle one."));
    m_error->setObjectName(QStringLiteral("cutListError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d03030;"));
    m_error->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(new QLabel(tr("Cut at (new outputs):"), this));
    layout->addWidget(m_edit);
    layout->addWidget(m_error);
    layout->addStretch(1);
    connect(m_edit, &QLineEdit::editingFinished, this, &CutListEdit::commit);
    connect(m_document, &ProjectDocument::cutTensorsChanged, this, &CutListEdit::showList);
    showList(m_document->project().cutTensors);
}

void CutListEdit::setGraph(const Core::Graph &graph)
{
    m_graph = graph;
    m_error->hide();
}

QString CutListEdit::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool CutListEdit::commit()
{
    const QStringList names = Core::parseTensorNameList(m_edit->text());
    QStringList unknown;
    for (const QString &name : names) {
        if (m_graph.isNull() || !m_graph.tensor(name))
            unknown.append(name);
    }
    if (!unknown.isEmpty()) {
        m_error->setText(tr("Not a tensor of this model: %1").arg(unknown.join(QStringLiteral(", "))));
        m_error->show();
        return false;
    }
    m_error->hide();
    m_error->clear();
    m_document->setCutTensors(names, tr("Edit cut points"));
    return true;
}

void CutListEdit::showList(const QStringList &cutTensors)
{
    m_edit->setText(cutTensors.join(QStringLiteral(", ")));
    m_error->hide();
    m_error->clear();
}

} // namespace Mcw::Widgets
