"""Keep native libraries quiet: TensorFlow's C++ start-up writes to file descriptor 2 directly."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Hide what native code (TensorFlow's C++ start-up, CUDA probing) writes to fd 2 in this block.

    What was written is replayed if the block raises, so real failures stay visible.
    """
    with tempfile.TemporaryFile() as sink:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
            os.dup2(sink.fileno(), 2)
        except (OSError, ValueError):  # no real stderr (some GUI launchers): nothing to silence
            yield
            return
        try:
            yield
        except BaseException:
            os.dup2(saved, 2)
            sink.seek(0)
            sys.stderr.write(sink.read().decode("utf-8", "replace"))
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)
