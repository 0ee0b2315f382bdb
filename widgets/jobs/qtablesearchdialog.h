// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/conversionplan.h>
#include <core/toolchain/toolcapabilities.h>

#include <QDialog>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace Mcw::Widgets {

/**
 * "Find Layers to Keep in BF16": the knobs of tpu-mlir's own mixed-precision search
 * (run_calibration --search) as the probed release has them. A method or flag the release
 * lacks is disabled with a tooltip saying so; without a probe everything is offered (the
 * plan leaves out what the tools then reject, and says so).
 */
class QtableSearchDialog : public QDialog
{
    Q_OBJECT

public:
    QtableSearchDialog(const std::optional<Core::ToolCapabilities> &capabilities,
                       const Core::ConversionPlan::QtableSearch &initial,
                       QWidget *parent = nullptr);

    Core::ConversionPlan::QtableSearch options() const;
    /** The methods offered in the method box (search_qtable, fast_search, mix_search). */
    QStringList enabledMethods() const;

private:
    bool accepts(const QString &flag) const;

    std::optional<Core::ToolCapabilities> m_capabilities;
    QComboBox *m_method = nullptr;
    QDoubleSpinBox *m_expectedCos = nullptr;
    QDoubleSpinBox *m_minLayerCos = nullptr;
    QSpinBox *m_maxFloatLayers = nullptr;
    QSpinBox *m_inferenceNum = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace Mcw::Widgets
