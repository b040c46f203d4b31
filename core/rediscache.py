"""django-redis, stepping aside for a few seconds once Redis has failed.

A hung Redis answers nothing until the socket timeout (REDIS_TIMEOUT), and a page makes up to a
dozen cache calls: seconds a page. After a failure, every call of this process misses at once
for CACHE_RETRY_SECONDS; then one call tries Redis again.
"""

import time

from django.conf import settings
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted


class RedisCache(DjangoRedisCache):
    @property
    def client(self):
        if getattr(self, "_stepping_aside", None) is None:
            self._stepping_aside = SteppingAside(super().client, settings.CACHE_RETRY_SECONDS)
        return self._stepping_aside


class SteppingAside:
    """A django-redis client whose calls fail at once for ``seconds`` after one has failed."""

    def __init__(self, client, seconds: float):
        self._client = client
        self._seconds = seconds
        self._retry_at = 0.0

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            if time.monotonic() < self._retry_at:
                raise ConnectionInterrupted(connection=None) from RedisSkipped()
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                self._retry_at = time.monotonic() + self._seconds
                raise

        return call


class RedisSkipped(Exception):
    def __str__(self):
        return "Redis failed moments ago; not asked again yet"
