"""glibc's malloc tuned for a web worker that handles uploads in blocks of 1 MiB (issue 20
item 4).

glibc gives a large allocation its own memory mapping, and gives it back on free; it raises that
threshold as it goes, but also gives back the top of the heap above twice the threshold. An
upload of 10 MB passes through some sixty blocks of a MiB (received, parsed, hashed, written,
read back, checked), and every fresh mapping costs one page fault per 4 KiB on first touch: on
this virtual machine more than the copying itself. With the threshold at 4 MiB and up to 32 MiB
kept at the top of the heap, the blocks reuse the same memory: a 10 MB upload through gunicorn
went from 145 to 80-104 ms, and the worker keeps some 4 MB more once (bench/README.md).

An operator who sets glibc's own MALLOC_MMAP_THRESHOLD_ or MALLOC_TRIM_THRESHOLD_ keeps that
choice; another C library (musl) is left alone.
"""

import ctypes
import os

# From glibc's malloc.h.
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_DREMPEL = 4 * 1024 * 1024
TRIM_DREMPEL = 32 * 1024 * 1024


def _glibc() -> bool:
    try:
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (ValueError, OSError):
        return False


def malloc_afstemmen() -> bool:
    """Sets the two thresholds for this process (and the workers it forks); False when it did
    not (no glibc, or the operator's own setting)."""
    if not _glibc() or any(
        naam in os.environ for naam in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")
    ):
        return False
    libc = ctypes.CDLL(None)
    gezet = libc.mallopt(M_MMAP_THRESHOLD, MMAP_DREMPEL)
    return bool(gezet and libc.mallopt(M_TRIM_THRESHOLD, TRIM_DREMPEL))
