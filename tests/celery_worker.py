"""Real components for the outbox tests: a Redis server of the test's own (never the
machine's), a `celery worker` process on the test database, and this process's Celery app
pointed at that broker instead of running tasks inline."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from django.conf import settings
from django.db import connection

from config import celery_app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], object], timeout: float, what: str) -> object:
    """Poll until `condition` is true; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.1)


class RedisServer:
    """redis-server on a port of its own, without persistence, that can be stopped and
    started again on the same port."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self.answers, 10, f"redis-server on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        wait_until(lambda: not self.answers(), 10, "redis-server to stop")

    def pause(self) -> None:
        """SIGSTOP: the port still accepts connections (the kernel does) but nothing answers."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def client(self):
        import redis

        return redis.Redis.from_url(self.url)

    def idle(self, stale: int = 0) -> bool:
        """Nothing queued, and nothing a worker holds unacknowledged except `stale` messages
        of a worker that was killed (Redis gives them back after its visibility timeout)."""
        client = self.client()
        try:
            return client.llen("celery") == 0 and client.hlen("unacked") == stale
        finally:
            client.close()


class Worker:
    """`celery -A config worker` with one pool process, on the test database."""

    def __init__(self, broker: RedisServer, mail_dir: Path, log: Path) -> None:
        self.broker, self.mail_dir, self.log = broker, mail_dir, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "OUTBOX_TEST_DATABASE_NAME": str(connection.settings_dict["NAME"]),
            "OUTBOX_TEST_MAIL_DIR": str(self.mail_dir),
            "CELERY_BROKER_URL": self.broker.url,
        }
        command = [
            *(sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork"),
            *("--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat"),
            *("--loglevel=INFO", f"--hostname=outbox-{os.getpid()}@%h"),
        ]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        wait_until(lambda: b" ready." in self.log.read_bytes(), 30, f"the worker ({self.log})")

    def stop(self) -> None:
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # its pool children with it
        self.process.wait(timeout=10)
        self.process = None


@contextmanager
def celery_on(broker_url: str) -> Iterator[None]:
    """Send this process's tasks to a real broker; back to inline tasks afterwards."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager

    def reset_pools() -> None:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        celery_app._after_fork()  # forget connections and producers made for the old URL

    conf.broker_url, conf.task_always_eager = broker_url, False
    reset_pools()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager = saved
        reset_pools()
