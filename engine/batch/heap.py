"""Keeps a long screening's parent process from creeping up in memory: large buffers go back to the system at once.

The parent handles the workers' answers (a pickled chunk: some 300 KB) and the pipe reads that make them up
(up to 64 KB each) a few at a time, all the run long. glibc's allocator raises its mmap threshold to the largest
block freed so far, so after the first chunk these buffers come from the heap, between small objects that live
on; the holes they leave cannot be returned (the heap only shrinks from its top): at 900,000 rows glibc's
heap was 34 MB, 23 of them free. A fixed threshold (which also turns the adjustment off) keeps every such buffer
in its own mapping, unmapped when freed: the heap stayed at 11 MB (1 free) from the first chunks on.
"""

from __future__ import annotations

import ctypes
import sys

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)
MMAP_THRESHOLD = 64 * 1024  # a pipe read's buffer and anything larger; small objects stay on the heap


def steady_heap() -> bool:
    """Ask glibc to map large blocks on their own from now on; False where that cannot be asked (not glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
