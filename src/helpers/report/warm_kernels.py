"""Warm kernels: fresh IPython kernels forked from a process that has already
imported what the reports need.

Starting a kernel and importing pandas, matplotlib, seaborn and statsmodels costs
each report about two seconds of CPU before its first cell. A *zygote* process
pays that once: it imports the kernel machinery and the report's modules, then
waits. For every report a tiny *launcher* (what Jupyter starts as "the kernel")
asks the zygote over a Unix socket to fork a child, which becomes a brand-new
kernel: its own process, its own connection file, no state from any other
report. The launcher forwards interrupts to the child and exits with its exit
code; if the launcher is killed (a kernel shutdown), the zygote kills the child.

Use :func:`zygote` around a batch; :data:`KERNEL_NAME` is the kernel spec it
installs for the duration. Where ``os.fork`` does not exist, :func:`zygote`
yields None and ordinary kernels are used.

Command line (used by the kernel spec, not by people)::

    python -m helpers.report.warm_kernels serve SOCKET MODULE ...
    python -m helpers.report.warm_kernels launch SOCKET -f CONNECTION_FILE
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

KERNEL_NAME = "barometer-warm"
#: What a report kernel imports; the zygote imports it once.
REPORT_MODULES = (
    "helpers.report.loading",
    "helpers.report.narrative",
    "helpers.report.scorecards",
    "helpers.report.sections",
    "helpers.report.tables",
)
FAILED_SUFFIX = ".failed"
#: How long a launcher waits for a zygote that is still importing.
STARTUP_TIMEOUT = 120.0
FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
_KERNEL_ENV = "module://matplotlib_inline.backend_inline"


def _send(conn: socket.socket, message: dict) -> None:
    conn.sendall((json.dumps(message) + "\n").encode())


def _recv(conn: socket.socket) -> dict | None:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    return json.loads(data)


# --- the zygote --------------------------------------------------------------------------


def _run_kernel(request: dict) -> None:
    """In the forked child: become a kernel with the launcher's argv, cwd and environment."""
    from ipykernel.kernelapp import IPKernelApp

    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    IPKernelApp.launch_instance(argv=request["argv"])


def serve(socket_path: str, modules: list[str]) -> None:
    """Import ``modules``, then fork a kernel for every launcher that connects."""
    os.environ.setdefault("MPLBACKEND", _KERNEL_ENV)
    try:
        import ipykernel.kernelapp  # noqa: F401 - the kernel machinery, imported once

        for module in modules:
            importlib.import_module(module)
    except BaseException as exc:
        Path(socket_path + FAILED_SUFFIX).write_text(f"{type(exc).__name__}: {exc}")
        raise
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path)
    server.listen()
    selector = selectors.DefaultSelector()
    selector.register(server, selectors.EVENT_READ)
    children: dict[int, socket.socket] = {}
    while True:
        for key, _ in selector.select(timeout=0.05):
            if key.fileobj is server:
                conn, _ = server.accept()
                request = _recv(conn)
                if request is None:
                    conn.close()
                    continue
                pid = os.fork()
                if pid == 0:  # the child: a new kernel
                    selector.close()
                    server.close()
                    for other in children.values():
                        other.close()
                    conn.close()
                    code = 0
                    try:
                        _run_kernel(request)
                    except SystemExit as exc:
                        code = exc.code if isinstance(exc.code, int) else 0
                    except BaseException:
                        code = 1
                    os._exit(code)
                _send(conn, {"pid": pid})
                children[pid] = conn
                selector.register(conn, selectors.EVENT_READ, data=pid)
            else:  # the launcher went away (killed): so does its kernel
                pid = key.data
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                selector.unregister(key.fileobj)
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            conn = children.pop(pid, None)
            if conn is not None:
                with contextlib.suppress(OSError):
                    _send(conn, {"exit": os.waitstatus_to_exitcode(status)})
                with contextlib.suppress(KeyError, ValueError):
                    selector.unregister(conn)
                conn.close()


# --- the launcher --------------------------------------------------------------------------


def launch(socket_path: str, argv: list[str]) -> int:
    """Ask the zygote for a kernel (waiting while it still imports); relay signals to
    the kernel; return its exit code."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not Path(socket_path).exists():
        failed = Path(socket_path + FAILED_SUFFIX)
        if failed.exists() or time.monotonic() > deadline:
            reason = failed.read_text() if failed.exists() else "it did not start in time"
            print(f"warm kernel unavailable: {reason}", file=sys.stderr)
            return 1
        time.sleep(0.02)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(socket_path)
    _send(conn, {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)})
    reply = _recv(conn)
    if reply is None:
        return 1
    pid = reply["pid"]
    for sig in FORWARDED_SIGNALS:
        signal.signal(sig, lambda number, _frame: os.kill(pid, number))
    while True:
        try:
            message = _recv(conn)
        except InterruptedError:
            continue
        if message is None:
            return 1
        if "exit" in message:
            return int(message["exit"])


# --- running a zygote around a batch ------------------------------------------------------


def _kernel_spec(folder: Path, socket_path: str) -> None:
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "helpers.report.warm_kernels", "launch", socket_path,
            "-f", "{connection_file}"]  # fmt: skip
    (spec / "kernel.json").write_text(json.dumps({
        "argv": argv, "display_name": "Python 3 (warm)", "language": "python",
        "interrupt_mode": "signal",
    }))  # fmt: skip


@contextlib.contextmanager
def zygote(modules: tuple[str, ...] = REPORT_MODULES) -> Iterator[str | None]:
    """Start a zygote for the duration; yield the kernel name to use (None: no fork here).

    The zygote imports in the background: kernels asked for before it is ready
    wait for it. The kernel spec is published through ``JUPYTER_PATH`` for this
    process and the processes it starts afterwards.
    """
    if not hasattr(os, "fork") or sys.platform == "win32":
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="barometer-kernels-") as tmp:
        socket_path = str(Path(tmp) / "zygote.sock")
        _kernel_spec(Path(tmp), socket_path)
        process = subprocess.Popen(
            [sys.executable, "-m", "helpers.report.warm_kernels", "serve", socket_path, *modules],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        previous = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (tmp, previous) if p)
        try:
            yield KERNEL_NAME
        finally:
            if previous is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = previous
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) >= 2 and args[0] == "serve":
        serve(args[1], args[2:])
        return 0
    if len(args) >= 2 and args[0] == "launch":
        return launch(args[1], args[2:])
    print(
        "usage: python -m helpers.report.warm_kernels serve SOCKET MODULE ... | launch SOCKET ...",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
