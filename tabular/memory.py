"""Where a CSV file is read into, and giving that memory back once its columns are encoded.

pyarrow's CSV reader allocates buffers for every block of the file and frees them once the block is
converted. In the system allocator (``malloc``), the next block takes the freed buffers again. In
pyarrow's own allocator, when it gives freed memory back to the kernel at once (as ``ocmw stats``
asks, to keep its peak low), every block is faulted in anew: reading 630 000 contract versions
faulted in 64 000 pages there, half as many in the system allocator. So a table read alone is read
into the system allocator, and what the allocator then holds free is given back (``give_back``)
once the table's columns are encoded. A table read beside other work is read into pyarrow's pool,
which gives memory back as it goes: the system allocator would hold the freed blocks while the
other work's memory grows.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import cast

import pyarrow as pa


def reading_pool(alone: bool) -> pa.MemoryPool | None:
    """The pool a table is read into: the system allocator for a reading that runs alone, pyarrow's
    default (``None``) for one beside other work."""
    return pa.system_memory_pool() if alone else None


def give_back() -> None:
    """Give the free memory that the system allocator holds back to the kernel (glibc's
    ``malloc_trim``, 2 to 4 ms); where the C library has no such call, nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes
    except ImportError:  # a Python built without it
        return None
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc's; musl has none
    if trim is None:
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return cast("Callable[[int], int]", trim)
