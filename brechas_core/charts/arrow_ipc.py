"""Arrow IPC bytes for a table whose numbers change and whose shape does not.

A chart's data reach the browser as an Arrow IPC stream (Streamlit sends the bytes as they
are). When a slider move changes only some float columns of a table of fixed length and
fixed text columns (the shares chart: 22 rows, three of its six columns), every stream has
the same layout: the same schema message, the same batch header, the same text buffers,
and the changed floats at the same places. :class:`IpcTemplate` serialises the table once
with pyarrow, asks pyarrow where each float column's values lie in those bytes, and then
writes a move's numbers into a copy: no pyarrow call on the move (issue 12: building and
serialising the table was a third of a millisecond of a move to a new value, cold).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyarrow as pa

__all__ = ["IpcTemplate", "ipc_bytes"]


def ipc_bytes(table: pa.Table) -> bytes:
    """``table`` as one Arrow IPC stream (what Streamlit's own conversion writes)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


class IpcTemplate:
    """The IPC stream of ``table`` with its float64 ``columns`` to fill.

    Examples
    --------
    >>> table = pa.table({"name": ["a", "b"], "value": [1.0, 2.0]})
    >>> template = IpcTemplate(table, ["value"])
    >>> filled = template.fill({"value": np.array([5.0, -1.5])})
    >>> pa.ipc.open_stream(filled).read_all().to_pydict()
    {'name': ['a', 'b'], 'value': [5.0, -1.5]}
    >>> template.fill({"value": np.array([1.0, 2.0])}) == ipc_bytes(table)
    True
    """

    def __init__(self, table: pa.Table, columns: Sequence[str]) -> None:
        self._bytes = ipc_bytes(table)
        self._rows = table.num_rows
        whole = pa.py_buffer(self._bytes)
        read = pa.ipc.open_stream(whole).read_all()  # zero-copy: its buffers lie in ours
        self._spans: dict[str, tuple[int, int]] = {}
        for name in columns:
            chunks = read.column(name).chunks
            if len(chunks) != 1 or chunks[0].type != pa.float64() or chunks[0].offset:
                raise ValueError(f"{name}: one chunk of float64 values is needed")
            if chunks[0].null_count:  # a validity bitmap that a fill would not change
                raise ValueError(f"{name}: missing values (NaN is a value) are not supported")
            values = chunks[0].buffers()[1]
            start = values.address - whole.address
            if not 0 <= start <= len(self._bytes) - 8 * self._rows:
                raise ValueError(f"{name}: its values are not in the stream's bytes")
            self._spans[name] = (start, start + 8 * self._rows)

    def fill(self, values: Mapping[str, np.ndarray]) -> bytes:
        """The stream with ``values`` (one array of the table's length per column)."""
        out = bytearray(self._bytes)
        for name, (start, end) in self._spans.items():
            column = np.ascontiguousarray(values[name], dtype=np.float64)  # as pyarrow wrote
            if column.shape != (self._rows,):
                raise ValueError(f"{name}: {self._rows} values are needed")
            out[start:end] = column.tobytes()
        return bytes(out)
