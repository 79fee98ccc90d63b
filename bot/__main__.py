"""Entry point: `python -m bot [ask|chat|run|...]`."""

import os
import sys
from pathlib import Path


def _reexec_in_project_venv() -> None:
    """Run under the project's .venv when started by a Python that lacks the dependencies.

    `python -m bot` is also driven by tools (the eval script) with whatever Python they run on;
    after `scripts/run.sh` or `scripts/test.sh` has set up .venv, that still works.
    """
    venv_python = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
    if venv_python.exists() and Path(sys.prefix).resolve() != venv_python.parent.parent.resolve():
        os.execv(str(venv_python), [str(venv_python), "-m", "bot", *sys.argv[1:]])


try:
    import duckdb  # noqa: F401
    import rapidfuzz  # noqa: F401
except ImportError:
    _reexec_in_project_venv()
    raise

from bot.cli import main  # noqa: E402

sys.exit(main())
