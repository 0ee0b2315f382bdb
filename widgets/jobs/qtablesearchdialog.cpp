// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtablesearchdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace Mcw::Widgets {

static const QString s_tool = QStringLiteral("run_calibration");

QtableSearchDialog::QtableSearchDialog(const std::optional<Core::ToolCapabilities> &capabilities,
                                       const Core::ConversionPlan::QtableSearch &initial,
                                       QWidget *parent)
    : QDialog(parent)
    , m_capabilities(capabilities)
{
    setWindowTitle(tr("Find Layers to Keep in BF16"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("tpu-mlir tries each layer in INT8 against the float model and proposes the "
           "fewest layers to keep in BF16 so the outputs reach the expected cosine. "
           "It runs for cv181x with the project's calibration images; transform and "
           "calibration are reused when nothing changed."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("searchMethod"));
    const QList<std::pair<QString, QString>> methods{
        {QStringLiteral("search_qtable"), tr("search_qtable — try every layer (thorough)")},
        {QStringLiteral("fast_search"), tr("fast_search — quicker, fewer trials")},
        {QStringLiteral("mix_search"), tr("mix_search — search thresholds and layers together")}};
    auto *items = new QStandardItemModel(m_method);
    for (const auto &[value, label] : methods) {
        auto *item = new QStandardItem(label);
        item->setData(value, Qt::UserRole);
        const bool offered
            = !m_capabilities
              || m_capabilities->acceptsValue(s_tool, QStringLiteral("--search"), value);
        item->setEnabled(offered);
        if (!offered)
            item->setToolTip(
                tr("This tpu-mlir release has no run_calibration --search %1.").arg(value));
        items->appendRow(item);
    }
    m_method->setModel(items);
    const int wanted = m_method->findData(initial.method);
    m_method->setCurrentIndex(wanted >= 0 && items->item(wanted)->isEnabled() ? wanted : 0);
    form->addRow(tr("&Method:"), m_method);

    const auto cosBox = [this](const QString &name, double value) {
        auto *box = new QDoubleSpinBox(this);
        box->setObjectName(name);
        box->setRange(0.5, 1.0);
        box->setDecimals(4);
        box->setSingleStep(0.001);
        box->setValue(value);
        return box;
    };
    const auto countBox = [this](const QString &name, int value, int max) {
        auto *box = new QSpinBox(this);
        box->setObjectName(name);
        box->setRange(1, max);
        box->setValue(value);
        return box;
    };
    m_expectedCos = cosBox(QStringLiteral("expectedCos"), initial.expectedCos);
    m_expectedCos->setToolTip(tr("Output cosine the mixed model must reach (--expected_cos)."));
    m_minLayerCos = cosBox(QStringLiteral("minLayerCos"), initial.minLayerCos);
    m_minLayerCos->setToolTip(tr("Per-layer cosine floor (--min_layer_cos)."));
    m_maxFloatLayers = countBox(QStringLiteral("maxFloatLayers"), initial.maxFloatLayers, 500);
    m_maxFloatLayers->setToolTip(tr("At most this many layers stay in BF16 (--max_float_layers)."));
    m_inferenceNum = countBox(QStringLiteral("inferenceNum"), initial.inferenceNum, 10000);
    m_inferenceNum->setToolTip(
        tr("Calibration images each trial runs (--inference_num); more is slower and surer."));
    form->addRow(tr("&Expected output cosine:"), m_expectedCos);
    form->addRow(tr("Minimum &layer cosine:"), m_minLayerCos);
    form->addRow(tr("Max layers in &BF16:"), m_maxFloatLayers);
    form->addRow(tr("&Images per trial:"), m_inferenceNum);
    layout->addLayout(form);

    QStringList missing;
    const QList<std::pair<QString, QWidget *>> knobs{
        {QStringLiteral("--expected_cos"), m_expectedCos},
        {QStringLiteral("--min_layer_cos"), m_minLayerCos},
        {QStringLiteral("--max_float_layers"), m_maxFloatLayers},
        {QStringLiteral("--inference_num"), m_inferenceNum}};
    for (const auto &[flag, box] : knobs) {
        if (accepts(flag))
            continue;
        box->setEnabled(false);
        box->setToolTip(tr("This tpu-mlir release has no run_calibration %1.").arg(flag));
        missing.append(flag);
    }
    const bool canSearch = !m_capabilities || !enabledMethods().isEmpty();
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("searchNote"));
    m_note->setWordWrap(true);
    if (!canSearch) {
        m_note->setText(
            tr("This tpu-mlir release (%1) has no run_calibration --search; a newer release has "
               "it.")
                .arg(m_capabilities->version.isEmpty() ? tr("unknown") : m_capabilities->version));
    } else if (!missing.isEmpty()) {
        m_note->setText(
            tr("Not in this tpu-mlir release: %1.").arg(missing.join(QStringLiteral(", "))));
    } else if (!m_capabilities) {
        m_note->setText(
            tr("The toolchain is tested first; knobs it lacks are left out of the command."));
    }
    m_note->setVisible(!m_note->text().isEmpty());
    layout->addWidget(m_note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Search"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(canSearch);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

bool QtableSearchDialog::accepts(const QString &flag) const
{
    return !m_capabilities || m_capabilities->accepts(s_tool, flag);
}

QStringList QtableSearchDialog::enabledMethods() const
{
    QStringList methods;
    const auto *items = qobject_cast<QStandardItemModel *>(m_method->model());
    for (int i = 0; i < items->rowCount(); ++i) {
        if (items->item(i)->isEnabled())
            methods.append(items->item(i)->data(Qt::UserRole).toString());
    }
    return methods;
}

Core::ConversionPlan::QtableSearch QtableSearchDialog::options() const
{
    Core::ConversionPlan::QtableSearch search;
    search.method = m_method->currentData(Qt::UserRole).toString();
    search.expectedCos = m_expectedCos->value();
    search.minLayerCos = m_minLayerCos->value();
    search.maxFloatLayers = m_maxFloatLayers->value();
    search.inferenceNum = m_inferenceNum->value();
    return search;
}

} // namespace Mcw::Widgets
