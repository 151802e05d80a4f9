"""`python -m taper_tui` runs the same entry point as the `taper-tui` script."""

from taper_tui.cli.main import main

raise SystemExit(main())
