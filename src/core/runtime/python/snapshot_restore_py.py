"""SnapStart runtime hooks: the API of PyPI's snapshot-restore-py, which Lambda's Python runtimes
include. It sits after the task root and the layers on sys.path, so a copy the function ships wins."""

_before_snapshot = []
_after_restore = []


def register_before_snapshot(func, *args, **kwargs):
    """Runs `func(*args, **kwargs)` before the snapshot (reverse registration order); usable as a decorator."""
    _before_snapshot.append((func, args, kwargs))
    return func


def register_after_restore(func, *args, **kwargs):
    """Runs `func(*args, **kwargs)` after each restore (registration order); usable as a decorator."""
    _after_restore.append((func, args, kwargs))
    return func


def get_before_snapshot():
    """The registered before-snapshot hooks as (func, args, kwargs), in registration order."""
    return _before_snapshot


def get_after_restore():
    """The registered after-restore hooks as (func, args, kwargs), in registration order."""
    return _after_restore
