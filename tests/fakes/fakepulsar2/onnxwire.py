# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Just enough of the protobuf wire format to read an ONNX graph's nodes and typed tensors and
to write the small ONNX file a compiled.axmodel is (maixcam2.md §4.1: producer Pulsar2, one node
of type `neu mode`, U8 NHWC input, float outputs). Stdlib only."""


class DecodeError(Exception):
    pass


def _varint(data, pos):
    result = 0
    shift = 0
    while True:
        if pos >= len(data):
            raise DecodeError("truncated varint")
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise DecodeError("varint too long")


def fields(data):
    """(field number, wire type, value) of one message; value is int or bytes."""
    pos = 0
    out = []
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise DecodeError("field 0")
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 1:
            value, pos = data[pos:pos + 8], pos + 8
        elif wire == 2:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise DecodeError("truncated field")
            value, pos = data[pos:pos + size], pos + size
        elif wire == 5:
            value, pos = data[pos:pos + 4], pos + 4
        else:
            raise DecodeError("wire type %d" % wire)
        out.append((number, wire, value))
    return out


def _text(b):
    return b.decode("utf-8", "replace")


def _value_info(data):
    """ValueInfoProto → (name, elem_type, [dims]) with dims int or str (symbolic) or None."""
    name, elem, dims = "", 0, None
    for n, _, v in fields(data):
        if n == 1:
            name = _text(v)
        elif n == 2:
            for tn, _, tv in fields(v):
                if tn != 1:
                    continue
                for ttn, _, ttv in fields(tv):
                    if ttn == 1:
                        elem = ttv
                    elif ttn == 2:
                        dims = []
                        for sn, _, sv in fields(ttv):
                            if sn != 1:
                                continue
                            dim = None
                            for dn, _, dv in fields(sv):
                                if dn == 1:
                                    dim = dv
                                elif dn == 2:
                                    dim = _text(dv)
                            dims.append(dim)
    return name, elem, dims


class Model:
    def __init__(self):
        self.nodes = []        # (name, op_type, [outputs])
        self.inputs = []       # value infos of real inputs
        self.outputs = []      # value infos
        self.shapes = {}       # tensor → dims (value_info, inputs, outputs)
        self.initializers = set()


def read_model(data):
    """Parses ModelProto → Model; DecodeError when the bytes are no ONNX model."""
    m = Model()
    graph = None
    top = fields(data)
    if not any(n == 7 for n, _, _ in top):
        raise DecodeError("no graph")
    for n, w, v in top:
        if n == 7 and w == 2:
            graph = v
    raw_inputs = []
    for n, w, v in fields(graph):
        if w != 2:
            continue
        if n == 1:
            name, op, outs = "", "", []
            for nn, _, nv in fields(v):
                if nn == 3:
                    name = _text(nv)
                elif nn == 4:
                    op = _text(nv)
                elif nn == 2:
                    outs.append(_text(nv))
            m.nodes.append((name, op, outs))
        elif n == 5:
            for tn, _, tv in fields(v):
                if tn == 8:
                    m.initializers.add(_text(tv))
        elif n in (11, 12, 13):
            info = _value_info(v)
            m.shapes[info[0]] = info[2]
            if n == 11:
                raw_inputs.append(info)
            elif n == 12:
                m.outputs.append(info)
    m.inputs = [i for i in raw_inputs if i[0] not in m.initializers]
    return m


# ---------------------------------------------------------------- writing

def _key(number, wire):
    return _enc_varint((number << 3) | wire)


def _enc_varint(value):
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _bytes(number, payload):
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return _key(number, 2) + _enc_varint(len(payload)) + payload


def _int(number, value):
    return _key(number, 0) + _enc_varint(value)


def _tensor_info(name, elem_type, dims):
    shape = b"".join(_bytes(1, _int(1, d) if isinstance(d, int) else _bytes(2, str(d))) for d in dims)
    tensor = _int(1, elem_type) + _bytes(2, shape)
    return _bytes(1, name) + _bytes(2, _bytes(1, tensor))


UINT8 = 2
FLOAT = 1


def write_axmodel(path, version, commit, inputs, outputs):
    """inputs/outputs: (name, elem_type, dims)."""
    node = b"".join(_bytes(1, i[0]) for i in inputs) + b"".join(_bytes(2, o[0]) for o in outputs)
    node += _bytes(3, "npu_0") + _bytes(4, "neu mode")
    graph = _bytes(1, node) + _bytes(2, "compiled")
    graph += b"".join(_bytes(11, _tensor_info(*i)) for i in inputs)
    graph += b"".join(_bytes(12, _tensor_info(*o)) for o in outputs)
    model = _int(1, 8) + _bytes(2, "Pulsar2") + _bytes(3, version)
    model += _bytes(6, "Pulsar2 Version: %s\nPulsar2 Commit: %s" % (version, commit))
    model += _bytes(7, graph) + _bytes(8, _int(2, 17))
    with open(path, "wb") as f:
        f.write(model)

