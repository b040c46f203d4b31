"""Logging filters for settings.LOGGING."""

import logging
from time import monotonic


class OncePerInterval(logging.Filter):
    """Lets each message of each logger through at most once every `seconds`, per process.

    Keyed by the unformatted message, so "Exception ignored" from django-redis, logged on every
    cache call while Redis is down, makes one line a minute, not one per call.
    """

    def __init__(self, seconds: float = 60) -> None:
        super().__init__()
        self.seconds = seconds
        self.last_passed: dict[tuple[str, str], float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = monotonic()
        last = self.last_passed.get(key)
        if last is not None and now - last < self.seconds:
            return False
        self.last_passed[key] = now
        return True


class CacheErrorAsWarning(logging.Filter):
    """Turns an ignored cache error (logged with its traceback) into a one-line warning: the
    site carries on from the database, so it is worth a line, not a page of stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            error = error.__cause__ or error  # django-redis wraps the redis-py error
            record.msg = "Cache unreachable, serving from the database: %s: %s"
            record.args = (type(error).__name__, error)
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
