"""harness.py - drive a full-screen program in a pseudo-terminal and measure,
per key, the time until its output stops and the bytes it wrote.

Only the Python standard library.  A measured action is: write the key
bytes to the pty master, then read until no byte has come for QUIET
seconds (and, if given, until an expected byte string has been seen).
The action's time is from the write to the LAST byte (the quiet period is
not counted); its size is every byte read meanwhile.
"""
import curses
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time

QUIET = 0.040           # no output for this long = the screen is still
FIRST_TIMEOUT = 15.0    # longest wait for an expected marker


class HarnessError(Exception):
    """The program did not show what the benchmark expected."""


def pick_term():
    """The first of xterm-256color, tmux-256color, xterm that infocmp knows."""
    for term in ("xterm-256color", "tmux-256color", "xterm"):
        if subprocess.run(["infocmp", term], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0:
            return term
    raise HarnessError("no usable terminfo entry (infocmp found none of "
                       "xterm-256color, tmux-256color, xterm)")


def key_strings(term):
    """The bytes the terminal sends for the keys we use (from terminfo)."""
    fd = os.open(os.devnull, os.O_WRONLY)
    try:
        curses.setupterm(term, fd)
    finally:
        os.close(fd)
    caps = {"down": "kcud1", "up": "kcuu1", "pgdn": "knp", "pgup": "kpp",
            "home": "khome", "end": "kend", "tab": None}
    keys = {}
    for name, cap in caps.items():
        seq = curses.tigetstr(cap) if cap else None
        keys[name] = seq if seq else b""
    keys["tab"] = b"\t"
    keys["enter"] = b"\r"
    keys["esc"] = b"\x1b"
    keys["ctrl_s"] = b"\x13"
    keys["bksp"] = b"\x7f"
    return keys


class Action:
    """What one measured key did."""

    def __init__(self, seconds, nbytes, data):
        self.seconds = seconds  # send to last byte (0 when nothing came)
        self.nbytes = nbytes    # bytes the program wrote
        self.data = data        # those bytes


class Term:
    """A program running in its own pty of rows x cols."""

    def __init__(self, argv, env, rows=24, cols=80):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        # subprocess spawns with vfork: a fork of this Python process would
        # add tens of milliseconds to the measured start on a small VM
        self.t_spawn = time.perf_counter()
        self.proc = subprocess.Popen(argv, env=env, stdin=slave, stdout=slave,
                                     stderr=slave, start_new_session=True)
        os.close(slave)
        self.pid = self.proc.pid
        self.fd = master
        self.closed = False

    def _read(self, t0, expect, quiet, timeout, need_output=True):
        """Read until quiet after the last byte, once expect (or, with
        need_output, any byte) has come; HarnessError after timeout."""
        buf = bytearray()
        t_last = None
        deadline = t0 + timeout
        while True:
            now = time.perf_counter()
            if expect is not None:
                ready = expect in buf
            else:
                ready = t_last is not None or not need_output
            if ready:
                wait = (t_last if t_last is not None else t0) + quiet - now
                if wait <= 0:
                    break
            else:
                wait = deadline - now
                if wait <= 0:
                    raise HarnessError("the screen never showed %r; last "
                                       "output: %r" % (expect or "anything",
                                                       bytes(buf[-300:])))
            r, _, _ = select.select([self.fd], [], [], wait)
            if not r:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            if not data:                # the program ended
                if (expect is None and need_output) or (expect is not None
                                                        and expect not in buf):
                    raise HarnessError("the program ended; last output: %r"
                                       % bytes(buf[-300:]))
                break
            t_last = time.perf_counter()
            buf += data
        return Action(t_last - t0 if t_last is not None else 0.0, len(buf),
                      bytes(buf))

    def wait_start(self, expect, quiet=QUIET, timeout=FIRST_TIMEOUT):
        """The start: from spawn to the last byte of the first screen."""
        return self._read(self.t_spawn, expect, quiet, timeout)

    def send(self, keys, expect=None, quiet=QUIET, timeout=FIRST_TIMEOUT,
             need_output=True):
        """Send keys and measure until the screen is still again."""
        t0 = time.perf_counter()
        os.write(self.fd, keys)
        return self._read(t0, expect, quiet, timeout, need_output)

    def idle(self, seconds):
        """Bytes the program writes while nobody types for seconds."""
        t_end = time.perf_counter() + seconds
        got = 0
        while True:
            left = t_end - time.perf_counter()
            if left <= 0:
                return got
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    got += len(os.read(self.fd, 65536))
                except OSError:
                    return got

    def status(self, key):
        """A value of /proc/PID/status in kB (e.g. VmHWM)."""
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return 0

    def close(self):
        """SIGTERM (the program restores the terminal and exits)."""
        if self.closed:
            return
        self.closed = True
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.time() + 5
        while time.time() < deadline and self.proc.poll() is None:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    os.read(self.fd, 65536)
                except OSError:
                    pass
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        os.close(self.fd)
