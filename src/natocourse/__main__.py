"""``python -m natocourse ...``: see :mod:`natocourse.tooling.cli`."""

from natocourse.tooling.cli import main

raise SystemExit(main())
