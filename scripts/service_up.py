"""Exit 0 if the PostgreSQL or Redis server at a URL answers, 1 if not. Used by the Makefile."""

import sys


def postgres_up(url: str) -> bool:
    import psycopg

    server_url = url.rsplit("/", 1)[0] + "/postgres"  # the test database may not exist yet
    try:
        psycopg.connect(server_url, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def redis_up(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=3).ping())
    except redis.RedisError:
        return False


if __name__ == "__main__":
    kind, url = sys.argv[1], sys.argv[2]
    checks = {"postgres": postgres_up, "redis": redis_up}
    sys.exit(0 if checks[kind](url) else 1)
