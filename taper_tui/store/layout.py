"""The names of a journal folder's parts, and how fresh a file may be to be trusted by size and
time: shared by the loader, the derived cache and the result memo (which imports nothing heavier
than this, so that a memo hit stays cheap)."""

SETTINGS_FILE = "taper.yaml"
DAYS_DIR = "days"
CACHE_DIR = ".taper-cache"
RACY_NS = 2_000_000_000
"""A file changed within this many nanoseconds of a cache or memo being written may change again
unseen (a second edit inside the file system's timestamp granularity can keep its size, mtime and
ctime): such a file is re-hashed by the cache, and keeps a result from being memoised."""
