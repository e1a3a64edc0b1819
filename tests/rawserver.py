"""A loopback HTTP server that misbehaves on purpose: raw bytes, dribbles, endless chunks, resets."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable

Behaviour = Callable[[socket.socket], None]


def respond(status: str, headers: dict[str, str], body: bytes = b"") -> Behaviour:
    def behave(conn: socket.socket) -> None:
        fields = {**headers, "Connection": "close"}
        head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n"
        conn.sendall(head.encode("latin-1") + body)
    return behave


def dribble(interval: float = 0.2, total: int = 10_000) -> Behaviour:
    def behave(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % total)
        for _ in range(total):
            conn.sendall(b"x")
            time.sleep(interval)
    return behave


def endless_chunks() -> Behaviour:
    def behave(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"<item><title>again</title></item>" * 100
        while True:
            conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    return behave


def reset_midway(body_start: bytes = b"<rss version='2.0'><channel><title>cut") -> Behaviour:
    def behave(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n" + body_start)
        time.sleep(0.05)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST, not FIN
    return behave


class RawServer:
    """Serve ``behaviours[path]`` on 127.0.0.1; every request's path is logged."""

    def __init__(self, behaviours: dict[str, Behaviour]) -> None:
        self.behaviours = behaviours
        self.log: list[str] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self._stop = False

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> RawServer:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop = True
        self.sock.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            try:
                request = b""
                while b"\r\n\r\n" not in request:
                    data = conn.recv(65536)
                    if not data:
                        return
                    request += data
                path = request.split(b" ", 2)[1].decode("latin-1").split("?")[0]
                self.log.append(path)
                behaviour = self.behaviours.get(path, respond("404 Not Found", {"Content-Length": "0"}))
                behaviour(conn)
            except OSError:
                pass
