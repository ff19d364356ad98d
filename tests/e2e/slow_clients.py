#!/usr/bin/env python3
"""Slow HTTP clients (slowloris) for the tests of zhquery serve.

Holds COUNT connections to HOST:PORT from the source address SOURCE, each
sending one byte every INTERVAL seconds of, by --mode:
  header     a request header that never ends (the default);
  body       the body of a POST whose header came whole (Content-Length 30000);
  keepalive  after a whole GET and its answer, the next request's header.
A connection the server closes is opened again after INTERVAL, so the pressure
lasts for SECONDS. Prints "key value" lines at the end (and into --report):

  connects        connections established (the kernel's handshake)
  refused         connections that could not be made (connect failed)
  answered        answers received (keepalive: to the first request)
  closed          connections the server closed
  held            closed connections that had been open at least 2 s
                  (accepted and kept, not turned away at once)
  max_age_s       longest any connection stayed open, closed or not, counted
                  from the connect (keepalive: from the answer)
  open_at_end     connections still open when SECONDS ran out
  bytes_sent      bytes trickled in all
"""
import argparse
import errno
import random
import selectors
import socket
import sys
import time


def header_bytes():
    """A request header, then header lines forever, one byte at a time."""
    head = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n"
    yield from head
    n = 0
    while True:
        yield from b"X-Slow-%d: a\r\n" % n
        n += 1


def body_bytes():
    while True:
        yield ord("a")


# what each mode sends whole as soon as it is connected
FIRST = {
    "header": b"",
    "body": b"POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 30000\r\n\r\n",
    "keepalive": b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
}


class Conn:
    __slots__ = ("sock", "opened", "next_send", "gen", "awaiting")

    def __init__(self, sock, now, interval, mode):
        self.sock = sock
        self.opened = now
        # spread the bytes over the interval, not all in one instant
        self.next_send = now + random.uniform(0, interval)
        self.gen = body_bytes() if mode == "body" else header_bytes()
        self.awaiting = mode == "keepalive"  # an answer, before trickling


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--source", default="127.0.0.2", help="address to connect from")
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--interval", type=float, default=1.0, help="seconds between bytes")
    ap.add_argument("--mode", choices=sorted(FIRST), default="header")
    ap.add_argument("--report", help="also write the summary to this file")
    a = ap.parse_args()

    sel = selectors.DefaultSelector()
    stats = dict(connects=0, refused=0, answered=0, closed=0, held=0, max_age_s=0.0,
                 bytes_sent=0)
    start = time.monotonic()
    end = start + a.seconds
    # slots to (re)open, with the time at which to open each
    pending = [start + i * a.interval / max(a.count, 1) for i in range(a.count)]
    conns = {}

    def close(c, now, by_server):
        sel.unregister(c.sock)
        del conns[c.sock.fileno()]
        c.sock.close()
        age = now - c.opened
        stats["max_age_s"] = max(stats["max_age_s"], age)
        if by_server:
            stats["closed"] += 1
            if age >= 2.0:
                stats["held"] += 1
        pending.append(now + a.interval)

    while True:
        now = time.monotonic()
        if now >= end:
            break
        # open what is due (blocking connect: on loopback it is immediate)
        due = [t for t in pending if t <= now]
        pending[:] = [t for t in pending if t > now]
        for _ in due:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                s.bind((a.source, 0))
                s.settimeout(2.0)
                s.connect((a.host, a.port))
                s.sendall(FIRST[a.mode])
                s.setblocking(False)
            except OSError:
                s.close()
                stats["refused"] += 1
                pending.append(now + a.interval)
                continue
            stats["connects"] += 1
            c = Conn(s, time.monotonic(), a.interval, a.mode)
            conns[s.fileno()] = c
            sel.register(s, selectors.EVENT_READ, c)
        # trickle
        now = time.monotonic()
        for c in list(conns.values()):
            if c.awaiting or c.next_send > now:
                continue
            c.next_send = now + a.interval
            try:
                c.sock.send(bytes([next(c.gen)]))
                stats["bytes_sent"] += 1
            except BlockingIOError:
                pass
            except OSError:
                close(c, now, True)
        # the server's closes (an answer or EOF or a reset); wait at most until
        # the next byte or connection is due
        soonest = min([c.next_send for c in conns.values()] + pending + [end])
        timeout = max(0.0, min(soonest - time.monotonic(), 0.1))
        for key, _ in sel.select(timeout):
            c = key.data
            try:
                data = c.sock.recv(4096)
            except BlockingIOError:
                continue
            except OSError as e:
                if e.errno not in (errno.ECONNRESET, errno.EPIPE):
                    print("slow_clients: %s" % e, file=sys.stderr)
                data = b""
            if not data:
                close(c, time.monotonic(), True)
            elif c.awaiting:  # the clock starts again at the answer
                c.awaiting = False
                c.opened = c.next_send = time.monotonic()
                stats["answered"] += 1

    now = time.monotonic()
    stats["open_at_end"] = len(conns)
    for c in list(conns.values()):
        stats["max_age_s"] = max(stats["max_age_s"], now - c.opened)
        sel.unregister(c.sock)
        c.sock.close()
    out = "".join(
        "%s %s\n" % (k, ("%.1f" % v) if isinstance(v, float) else v)
        for k, v in [("connects", stats["connects"]), ("refused", stats["refused"]),
                     ("answered", stats["answered"]),
                     ("closed", stats["closed"]), ("held", stats["held"]),
                     ("max_age_s", stats["max_age_s"]), ("open_at_end", stats["open_at_end"]),
                     ("bytes_sent", stats["bytes_sent"])])
    sys.stdout.write(out)
    if a.report:
        with open(a.report, "w") as f:
            f.write(out)


if __name__ == "__main__":
    main()
