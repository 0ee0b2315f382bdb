// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to mcw_core: wraps libonnx's schema registry, so it must never be included from a public
// header.

#include <onnx/defs/schema.h>

#include <memory>
#include <mutex>
#include <unordered_map>

namespace Mcw::Core {

/**
 * The ONNX schema registry with defensive shape-inference functions. libonnx 1.12 trusts its
 * input in places: e.g. Conv/pool inference reads past its vectors (a null dereference) when the
 * kernel rank differs from the input rank, which a fuzzer finds within seconds. Each schema handed
 * out here runs the original inference only when the node's input shapes and attributes are
 * consistent; otherwise the node's outputs simply stay without a shape.
 *
 * Thread-safe; wrapped schemas are created once per process and live as long as it does.
 */
class GuardedSchemaRegistry final : public onnx::ISchemaRegistry
{
public:
    static const GuardedSchemaRegistry *instance();

    const onnx::OpSchema *GetSchema(const std::string &key, const int maxInclusiveVersion,
                                    const std::string &domain) const override;

private:
    mutable std::mutex m_mutex;
    mutable std::unordered_map<const onnx::OpSchema *, std::unique_ptr<onnx::OpSchema>> m_guarded;
};

} // namespace Mcw::Core
