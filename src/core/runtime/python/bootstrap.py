"""Entry of the Python runtime inside an execution environment: `<python> bootstrap.py`, cwd = the task
root. Standard library only; it never loads the engine and imports little, so a cold start stays close
to a bare interpreter start."""
import sys

if __name__ == "__main__":
    # The runtime's own modules are compiled once into __pycache__ beside them (PYTHONDONTWRITEBYTECODE
    # keeps applying to user code): compiling them on every cold start would cost more than the imports.
    dont_write_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, False
    try:
        import lwb_bootstrap
    finally:
        sys.dont_write_bytecode = dont_write_bytecode
    # Read by the interpreter at start only; not Lambda variables, so the handler does not see them.
    import os

    os.environ.pop("PYTHONUNBUFFERED", None)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    # The engine's own variables: Lambda shows no TMPDIR, and the process marker stays only in the
    # initial environment (/proc/<pid>/environ), where the engine's leftover checks read it.
    os.environ.pop("_LAMBDA_WORKBENCH_ENGINE", None)
    _tmp = os.environ.pop("_LAMBDA_WORKBENCH_TMPDIR", None)
    if _tmp:
        import tempfile

        tempfile.tempdir = _tmp
    # Python's locale coercion (PEP 538) may have set LC_CTYPE; Lambda has it only from Python 3.12 on.
    runtime = os.environ.get("AWS_EXECUTION_ENV", "").rpartition("python3.")[2]
    if runtime.isdigit() and int(runtime) < 12:
        os.environ.pop("LC_CTYPE", None)
    lwb_bootstrap.main()
