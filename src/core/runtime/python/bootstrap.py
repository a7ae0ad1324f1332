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
    lwb_bootstrap.main()
