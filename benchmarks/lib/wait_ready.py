#!/usr/bin/env python3
"""Waits until a service answers 200 on its readiness probe; exits 1 if its process dies first.
Usage: wait_ready.py <port> <pid>

One process polling every 20 ms: a curl per poll cost about 25 ms of CPU here, taken from the two cores the timed
start runs on, and its sleep added up to 80 ms between polls."""
import http.client
import os
import sys
import time

port, pid = int(sys.argv[1]), int(sys.argv[2])
while True:
    try:
        connection = http.client.HTTPConnection('localhost', port, timeout=5)
        connection.request('GET', '/actuator/health/readiness')
        if connection.getresponse().status == 200:
            sys.exit(0)
    except (OSError, http.client.HTTPException):  # not listening yet, or closed mid-answer
        pass
    finally:
        connection.close()
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)
    time.sleep(0.02)
