"""``python -m natocourse ...``: see :mod:`natocourse.cli`."""

from natocourse.cli import main

raise SystemExit(main())
