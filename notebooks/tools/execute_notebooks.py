"""Executes notebooks headless on the project's Java kernel; called by bin/notebooks --execute.

Each notebook runs in its own kernel, cell by cell, in the notebooks folder. A kernel that dies or hangs before
answering its first request is started again (the Java kernel's start-up loses a race now and then, upstream);
a failing cell is never retried. The executed copies, with their outputs, go to the output folder, never over the
committed notebooks. Prints one line per notebook and ends with "N passed, N failed"; exit status 1 if any failed. The kernel's own
output (Spark's log) goes to <output>/<notebook>.kernel.log.
Uses Debian's python3-nbclient (the runner must run on /usr/bin/python3).
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

START_ATTEMPTS = 3


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:100]
    return ""


def run(path, output_dir, kernel, cell_timeout):
    """Returns None on success, else a message naming the cell."""
    log_path = os.path.join(output_dir, os.path.splitext(os.path.basename(path))[0] + ".kernel.log")
    with open(log_path, "w") as log:
        return run_logged(path, output_dir, kernel, cell_timeout, log)


def run_logged(path, output_dir, kernel, cell_timeout, log):
    for attempt in range(1, START_ATTEMPTS + 1):
        book = nbformat.read(path, as_version=4)
        client = NotebookClient(book, kernel_name=kernel, timeout=cell_timeout, startup_timeout=60,
                                allow_errors=False, resources={"metadata": {"path": os.path.dirname(path)}})
        started = False
        current = None
        try:
            client.reset_execution_trackers()
            with client.setup_kernel(stdout=log, stderr=log):
                info = client.wait_for_reply(client.kc.kernel_info())
                if info is None:
                    raise RuntimeError("the kernel did not answer kernel_info")
                started = True
                number = 0
                for index, cell in enumerate(book.cells):
                    current = (index, cell)
                    if cell.cell_type == "code":
                        number += 1
                    client.execute_cell(cell, index)
            return None
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
            if not started:
                print(f"  kernel start failed ({type(error).__name__}), attempt {attempt} of {START_ATTEMPTS}",
                      flush=True)
                continue
            index, cell = current
            detail = getattr(error, "evalue", None) or str(error).strip().splitlines()[-1][:300]
            return f"cell {index + 1} ({first_line(cell.source)!r}): {type(error).__name__}: {detail}"
        except (RuntimeError, TimeoutError) as error:
            if started:
                index, cell = current
                return f"cell {index + 1} ({first_line(cell.source)!r}): {type(error).__name__}: {error}"
            print(f"  kernel start failed ({error}), attempt {attempt} of {START_ATTEMPTS}", flush=True)
        finally:
            if started or current is not None:
                nbformat.write(book, os.path.join(output_dir, os.path.basename(path)))
    return f"the kernel did not start in {START_ATTEMPTS} attempts"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--output", required=True, help="folder for the executed copies")
    parser.add_argument("--kernel", default="recsys-java")
    parser.add_argument("--cell-timeout", type=int, default=1800, help="seconds one cell may take")
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    passed, failed = 0, 0
    for path in args.notebooks:
        name = os.path.basename(path)
        print(f"{name}: running", flush=True)
        started = time.monotonic()
        problem = run(os.path.abspath(path), args.output, args.kernel, args.cell_timeout)
        seconds = time.monotonic() - started
        if problem is None:
            passed += 1
            print(f"{name}: passed in {seconds:.0f} s", flush=True)
        else:
            failed += 1
            print(f"{name}: FAILED in {seconds:.0f} s at {problem}", flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
