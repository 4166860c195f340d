#!/usr/bin/env python3
"""Runs a command under a real pty, as a terminal emulator would, and times its output.

  pty-run.py prompt PROMPT -- CMD...   first output byte, then the whole PROMPT; then types
                                       "exit" and reads to the end
  pty-run.py drain -- CMD...           every byte until the command has exited

Times are taken here, from just before the fork to the read that returned the byte, so the
Python start-up is not counted. Prints one JSON line.
"""
import errno
import fcntl
import json
import os
import struct
import subprocess
import sys
import termios
import time

ROWS, COLUMNS = 24, 80  # what the benchmark's stand-in terminal reports to our Pseudoterminal


def main():
    mode = sys.argv[1]
    rest = sys.argv[2:]
    prompt = None
    if mode == 'prompt':
        prompt, rest = rest[0].encode(), rest[1:]
    cmd = rest[1:] if rest[:1] == ['--'] else rest

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', ROWS, COLUMNS, 0, 0))

    def controlling_tty():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, preexec_fn=controlling_tty, close_fds=True)
    os.close(slave)
    first = None
    prompt_at = None
    count = 0
    head = bytearray()
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError as err:  # EIO: every slave end is closed, the command is gone
            if err.errno != errno.EIO:
                raise
            chunk = b''
        if not chunk:
            break
        if first is None:
            first = time.perf_counter()
        count += len(chunk)
        if prompt is not None and prompt_at is None:
            head += chunk
            if prompt in head:
                prompt_at = time.perf_counter()
                os.write(master, b'exit\r')
    end = time.perf_counter()
    code = proc.wait()
    ms = lambda t: None if t is None else (t - t0) * 1000
    print(json.dumps({'firstMs': ms(first), 'promptMs': ms(prompt_at), 'endMs': ms(end), 'bytes': count, 'exitCode': code,
                      'head': head[:200].decode('utf-8', 'replace') if prompt is not None else None}))


main()
