// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "labelseditor.h"
#include "labelsmodel.h"

#include <core/labels/labellist.h>
#include <core/project/preflight.h>
#include <core/project/ultralyticsnames.h>
#include <core/project/cocolabels.h>
#include <widgets/document/projectdocument.h>

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Mcw::Widgets {

LabelsEditor::LabelsEditor(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new LabelsModel(document, this))
    , m_view(new QListView(this))
    , m_status(new QLabel(this))
    , m_fromModel(new QPushButton(tr("From model"), this))
{
    connect(&m_importWatcher, &QFutureWatcherBase::finished, this, &LabelsEditor::onImportRead);
    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_status->setWordWrap(true);

    auto *add = new QPushButton(tr("Add"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    auto *up = new QPushButton(tr("Up"), this);
    auto *down = new QPushButton(tr("Down"), this);
    auto *paste = new QPushButton(tr("Paste"), this);
    auto *import = new QPushButton(tr("Import…"), this);
    auto *coco = new QPushButton(tr("COCO 80"), this);
    m_fromModel->setToolTip(tr("Use the class names stored in the ONNX metadata (Ultralytics exports)."));
    paste->setToolTip(tr("Replace the labels with the clipboard: one per line or comma-separated."));
    import->setToolTip(tr("Read labels from a .txt file (one per line) or an existing .mud."));

    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {add, remove, up, down, paste, import, m_fromModel, coco})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_view, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(m_status);

    connect(add, &QPushButton::clicked, this, &LabelsEditor::addLabel);
    connect(remove, &QPushButton::clicked, this, &LabelsEditor::removeSelected);
    connect(up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(paste, &QPushButton::clicked, this, [this] { pasteText(QApplication::clipboard()->text()); });
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Labels"), {},
                                                          tr("Labels (*.txt *.mud);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_fromModel, &QPushButton::clicked, this, &LabelsEditor::importFromModel);
    connect(coco, &QPushButton::clicked, this,
            [this] { replaceLabels(Core::cocoLabels(), tr("Use the COCO labels")); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &LabelsEditor::updateStatus);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &LabelsEditor::updateStatus);
    m_fromModel->setEnabled(false);
    updateStatus();
}

void LabelsEditor::setGraph(const Core::Graph &graph)
{
    m_graph = graph;
    m_fromModel->setEnabled(!graph.isNull() && !graph.metadataValue(QStringLiteral("names")).isEmpty());
}

int LabelsEditor::selectedRow() const
{
    const QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    return selected.isEmpty() ? -1 : selected.first().row();
}

void LabelsEditor::replaceLabels(const QStringList &labels, const QString &text)
{
    Core::Project p = m_document->project();
    p.labels = labels;
    m_document->edit(p, text);
    updateStatus();
}

void LabelsEditor::addLabel()
{
    Core::Project p = m_document->project();
    const int row = selectedRow() < 0 ? int(p.labels.size()) : selectedRow() + 1;
    p.labels.insert(row, tr("class%1").arg(p.labels.size()));
    m_document->edit(p, tr("Add label"));
    const QModelIndex index = m_model->index(row);
    m_view->setCurrentIndex(index);
    m_view->edit(index);
}

void LabelsEditor::removeSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    Core::Project p = m_document->project();
    p.labels.removeAt(row);
    m_document->edit(p, tr("Remove label"));
    if (!p.labels.isEmpty())
        m_view->setCurrentIndex(m_model->index(std::min(row, int(p.labels.size()) - 1)));
}

void LabelsEditor::moveSelected(int delta)
{
    const int row = selectedRow();
    Core::Project p = m_document->project();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= p.labels.size())
        return;
    p.labels.move(row, target);
    m_document->edit(p, tr("Move label"));
    m_view->setCurrentIndex(m_model->index(target));
}

void LabelsEditor::pasteText(const QString &text)
{
    const QStringList labels = Core::LabelList::fromPastedText(text);
    if (labels.isEmpty()) {
        m_status->setText(tr("The clipboard holds no labels."));
        return;
    }
    replaceLabels(labels, tr("Paste labels"));
}

LabelsEditor::~LabelsEditor()
{
    m_importWatcher.waitForFinished();
}

void LabelsEditor::importFile(const QString &path)
{
    if (m_importWatcher.isRunning())
        return;
    m_importPath = path;
    m_status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_importWatcher.setFuture(QtConcurrent::run([path] { return Core::LabelList::readFile(path); }));
}

void LabelsEditor::onImportRead()
{
    const Core::Expected<QStringList> labels = m_importWatcher.result();
    if (!labels) {
        m_status->setText(labels.error().message);
        emit labelsImported(false);
        return;
    }
    replaceLabels(*labels, tr("Import labels from %1").arg(QFileInfo(m_importPath).fileName()));
    emit labelsImported(true);
}

bool LabelsEditor::importFromModel()
{
    const auto labels = Core::parseUltralyticsNames(m_graph.metadataValue(QStringLiteral("names")));
    if (!labels) {
        m_status->setText(labels.error().message);
        return false;
    }
    replaceLabels(*labels, tr("Use the model's class names"));
    return true;
}

void LabelsEditor::updateStatus()
{
    const int count = m_model->rowCount();
    const int problems = m_model->problemCount();
    QString text = count == 1 ? tr("1 label") : tr("%1 labels").arg(count);
    if (problems > 0)
        text += tr(" — %1 cannot be written to a MUD file (shown in red)").arg(problems);
    m_status->setText(text + QLatin1Char('.'));
}

} // namespace Mcw::Widgets
