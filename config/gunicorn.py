"""gunicorn settings for `make serve`. Sync workers, one per core, measured faster here than
threaded workers for these pages (see BENCHMARKS.md)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Django is imported once, before the workers fork: a worker recycled now and then (against
# slow leaks; jitter spreads the restarts) starts in milliseconds instead of half a second,
# which showed as p99 spikes under load. Database and cache connections open after the fork.
preload_app = True
max_requests = 50_000
max_requests_jitter = 5_000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
