"""The warm service's loop when it also listens on the rendezvous socket.

One thread, one request at a time: learner code runs in children forked from this process, and
forking a process with other threads running is unsafe. The owner's requests arrive on stdin;
`quizzer grade` connects over the socket. End of stdin (the owner has gone) ends the service.
"""

from __future__ import annotations

import json
import os
import selectors
import socket
import sys
from collections.abc import Callable
from typing import Any, TextIO

from quizzer.grader.rendezvous import Listener, same_user

MAX_REQUEST = 64 << 20
"""A connection that sends more than this without a newline is dropped."""
SEND_SECONDS = 5.0

Respond = Callable[[str], dict[str, Any]]


def split_lines(buffer: bytes) -> tuple[list[str], bytes]:
    """The complete lines in `buffer` (decoded) and what is left after the last newline."""
    *lines, rest = buffer.split(b"\n")
    return [line.decode("utf-8", "replace") for line in lines if line.strip()], rest


class Multiplexer:
    """Answers stdin and every accepted connection until stdin ends."""

    def __init__(self, respond: Respond, stdin_fd: int, responses: TextIO,
                 listener: Listener) -> None:
        self.respond = respond
        self.stdin_fd = stdin_fd
        self.responses = responses
        self.listener = listener
        self.selector = selectors.DefaultSelector()
        self.buffers: dict[int, bytes] = {}

    def run(self) -> None:
        self.selector.register(self.stdin_fd, selectors.EVENT_READ, None)
        self.selector.register(self.listener.sock, selectors.EVENT_READ, None)
        try:
            while self._step():
                pass
        finally:
            for key in list(self.selector.get_map().values()):
                if isinstance(key.fileobj, socket.socket) and key.fileobj is not self.listener.sock:
                    key.fileobj.close()
            self.selector.close()
            self.listener.close()

    def _step(self) -> bool:
        for key, _ in self.selector.select():
            if key.fileobj == self.stdin_fd:
                if not self._read_stdin():
                    return False
            elif key.fileobj is self.listener.sock:
                self._accept()
            else:
                assert isinstance(key.fileobj, socket.socket)
                self._read_connection(key.fileobj)
        return True

    def _read_stdin(self) -> bool:
        chunk = os.read(self.stdin_fd, 1 << 16)
        if not chunk:
            return False
        lines, self.buffers[-1] = split_lines(self.buffers.get(-1, b"") + chunk)
        for line in lines:
            self.responses.write(json.dumps(self.respond(line)) + "\n")
            self.responses.flush()
        return True

    def _accept(self) -> None:
        try:
            conn, _ = self.listener.sock.accept()
        except OSError:
            return
        if not same_user(conn):
            conn.close()
            return
        conn.settimeout(SEND_SECONDS)
        self.buffers[conn.fileno()] = b""
        self.selector.register(conn, selectors.EVENT_READ, None)

    def _read_connection(self, conn: socket.socket) -> None:
        try:
            chunk = conn.recv(1 << 16)
        except OSError:
            chunk = b""
        buffer = self.buffers.get(conn.fileno(), b"") + chunk
        if not chunk or len(buffer) > MAX_REQUEST:
            self._drop(conn)
            return
        lines, self.buffers[conn.fileno()] = split_lines(buffer)
        for line in lines:
            response = self.respond(line)
            outcome = "ok" if response["ok"] else "refused"
            print(f"quizzer grader: answered a socket request ({outcome})", file=sys.stderr,
                  flush=True)
            try:
                conn.sendall((json.dumps(response) + "\n").encode())
            except OSError:
                self._drop(conn)
                return

    def _drop(self, conn: socket.socket) -> None:
        self.buffers.pop(conn.fileno(), None)
        self.selector.unregister(conn)
        conn.close()
