"""The benchmark's SMTP server: accepts every message on loopback and counts
them by Message-ID, writing its figures to a JSON file ten times a second:
{"received", "distinct", "first", "last"} (seconds since the epoch).

    smtp_count.py HOST:PORT FIGURES.json
"""

import json
import os
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.ids = {}
        self.first = None
        self.last = None

    async def handle_DATA(self, server, session, envelope):
        message_id = None
        for line in envelope.content.split(b"\r\n"):
            if not line:
                break
            if line.lower().startswith(b"message-id:"):
                message_id = line.split(b":", 1)[1].strip()
                break
        now = time.time()
        with self.lock:
            self.first = self.first or now
            self.last = now
            self.ids[message_id] = self.ids.get(message_id, 0) + 1
        return "250 OK"

    def figures(self):
        with self.lock:
            return {
                "received": sum(self.ids.values()),
                "distinct": len(self.ids),
                "first": self.first,
                "last": self.last,
            }


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    path = sys.argv[2]
    counter = Counter()
    controller = Controller(counter, hostname=host, port=int(port))
    controller.start()
    try:
        while True:
            tmp = path + ".tmp"
            with open(tmp, "w") as f:
                json.dump(counter.figures(), f)
            os.replace(tmp, path)
            time.sleep(0.1)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
