"""An independent safetensors reader and writer in NumPy, written from the specification, for
jgrad's cross-check test.

  python3 safetensors_numpy.py read FILE    prints {"metadata": {...}, "tensors": {name: {dtype, shape, values}}}
  python3 safetensors_numpy.py write FILE   writes the tensors of expected(), unpadded, with spaces in the JSON
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": "<f4", "F64": "<f8"}


def read(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    assert n % 8 == 0, f"header length {n} is not a multiple of 8"
    header_bytes = blob[8:8 + n]
    assert header_bytes[:1] == b"{", "header must start with '{'"
    assert header_bytes.rstrip(b" ").endswith(b"}"), "only spaces may follow the JSON"
    header = json.loads(header_bytes.decode("utf-8"))
    data = blob[8 + n:]
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())
    covered = 0
    tensors = {}
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        begin, end = info["data_offsets"]
        assert begin == covered, f"{name} starts at {begin}, expected {covered}"
        dtype = np.dtype(DTYPES[info["dtype"]])
        assert begin % dtype.itemsize == 0, f"{name} is not aligned"
        array = np.frombuffer(data[begin:end], dtype=dtype).reshape(info["shape"])
        tensors[name] = {"dtype": info["dtype"], "shape": list(array.shape),
                         "values": [float(x) for x in array.reshape(-1)]}
        covered = end
    assert covered == len(data), f"{len(data) - covered} bytes after the last tensor"
    print(json.dumps({"metadata": metadata, "tensors": tensors}))


def expected():
    return {
        "w": np.arange(12, dtype="<f4").reshape(3, 4) * np.float32(0.25) - np.float32(1),
        "b": np.array([1.5, -2.0], dtype="<f8"),
        "s": np.array(7.0, dtype="<f4"),
        "e": np.zeros((2, 0), dtype="<f8"),
    }


def write(path):
    header = {"__metadata__": {"source": "numpy"}}
    chunks = []
    offset = 0
    for name, array in expected().items():
        raw = array.tobytes(order="C")
        code = "F32" if array.dtype == np.float32 else "F64"
        header[name] = {"dtype": code, "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    header_bytes = json.dumps(header, indent=1).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)))
        f.write(header_bytes)
        for raw in chunks:
            f.write(raw)


if __name__ == "__main__":
    {"read": read, "write": write}[sys.argv[1]](sys.argv[2])
