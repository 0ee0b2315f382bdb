// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "outputprocessors.h"

#include <algorithm>

namespace Mcw::Core {

QList<OutputProcessor> OutputProcessors::forProject(const Project &project,
                                                    const QHash<QString, QList<qint64>> &shapes,
                                                    QStringList *notes)
{
    const QString &type = project.modelType;
    const bool ultralytics = type == QLatin1String("yolov8") || type == QLatin1String("yolo11");
    const bool nhwcHeads = ultralytics || type == QLatin1String("yolo26");
    // Scheme 2 (dfl + Sigmoid) has the dfl branch [1,1,4,A]; scheme 1 has per-scale heads only.
    const bool perScaleHeads = ultralytics
        && std::none_of(project.cutTensors.cbegin(), project.cutTensors.cend(), [&shapes](const QString &t) {
               const QList<qint64> shape = shapes.value(t);
               return shape.size() == 4 && shape[1] == 1;
           });

    QList<OutputProcessor> processors;
    for (const QString &tensor : project.cutTensors) {
        OutputProcessor p{tensor, {}};
        const auto found = shapes.constFind(tensor);
        if (found == shapes.constEnd() || found->isEmpty()) {
            if (nhwcHeads && notes) {
                notes->append(QStringLiteral("The shape of %1 is unknown; it gets no dst_perm (check it in the model).")
                                  .arg(tensor));
            }
        } else if (nhwcHeads && found->size() == 4) {
            p.dstPerm = {0, 2, 3, 1};
        } else if (perScaleHeads && found->size() == 3 && found->at(1) > 1) {
            p.dstPerm = {0, 2, 1};
        }
        processors.append(p);
    }
    return processors;
}

} // namespace Mcw::Core
