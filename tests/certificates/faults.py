"""Renderers that fail, standing in for a bug, to test parking (ISOKO_CERTIFICATE_RENDERER)."""

import os
import signal


def broken_renderer(content, look) -> bytes:
    raise RuntimeError("the renderer is broken")


def crashing_renderer(content, look) -> bytes:
    """Kills its own worker process, as a segfault or the OOM killer would."""
    os.kill(os.getpid(), signal.SIGKILL)
    return b""
