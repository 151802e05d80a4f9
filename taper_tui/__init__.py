"""taper_tui: a plain-text taper journal with a terminal app.

Importing this package imports nothing else (the CLI must start fast).
"""

__version__ = "0.1.0"
