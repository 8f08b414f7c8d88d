"""Entry point for `python -m wirereader`."""

from wirereader.cli import main

raise SystemExit(main())
