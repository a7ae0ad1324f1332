"""PRIC's logging setup (fidelity 4.3, 4.4): a root handler writing Lambda's text or JSON lines, the level
from AWS_LAMBDA_LOG_LEVEL. Applied when `logging` is first imported, so functions that never log do
not pay for importing it during the cold start."""
import os
import sys
import time

import lwb_log_sink

_TEXT_FORMAT = "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n"
_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_RESERVED_FIELDS = {
    "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info", "exc_text",
    "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread", "threadName",
    "processName", "process", "aws_request_id", "tenant_id", "_frame_type",
}  # fmt: skip


JSON_FORMAT = (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
"""Whether LoggingConfig.LogFormat is JSON (read once at start, as PRIC does)."""


def _level_from_env():
    value = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    return {None: "", "TRACE": "DEBUG"}.get(value, value).upper()


def configure(logging):
    """Installs the Lambda handler on the root logger of the freshly imported `logging` module."""
    if not hasattr(logging, "Handler"):
        return  # a user module named logging shadows the standard library
    logging.Formatter.converter = time.gmtime

    class LambdaLoggerHandler(logging.Handler):
        # Like PRIC's handler, emit does not catch: a record that cannot be formatted raises in user code.
        def emit(self, record):
            msg = self.format(record)
            file, line = (None, None) if lwb_log_sink.is_own_file(record.pathname) else (record.pathname, record.lineno)
            lwb_log_sink.emit(msg if msg.endswith("\n") else msg + "\n", file, line, record.created)

    class LambdaLoggerFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = lwb_log_sink.request_id or ""
            record.tenant_id = lwb_log_sink.tenant_id
            return True

    handler = LambdaLoggerHandler()
    if JSON_FORMAT:
        handler.setFormatter(_json_formatter(logging))
    else:
        handler.setFormatter(logging.Formatter(_TEXT_FORMAT, "%Y-%m-%dT%H:%M:%S"))
    level = _level_from_env()
    root = logging.getLogger()
    if level in logging._nameToLevel:
        root.setLevel(level)
    handler.addFilter(LambdaLoggerFilter())
    root.addHandler(handler)


def _json_formatter(logging):
    import json
    import traceback

    encode = json.JSONEncoder(ensure_ascii=False).encode

    class JsonFormatter(logging.Formatter):
        def __init__(self):
            super().__init__(datefmt=_DATETIME_FORMAT)

        def format(self, record):
            record.levelno = min(50, max(0, record.levelno)) // 10 * 10
            record.levelname = logging.getLevelName(record.levelno)
            exc = record.exc_info
            result = {
                "timestamp": self.formatTime(record, self.datefmt),
                "level": record.levelname,
                "message": record.getMessage(),
                "logger": record.name,
                "stackTrace": traceback.format_tb(exc[2]) if exc else None,
                "errorType": exc[0].__name__ if exc else None,
                "errorMessage": str(exc[1]) if exc else None,
                "requestId": getattr(record, "aws_request_id", None),
                "location": "%s:%s:%s" % (record.pathname, record.funcName, record.lineno) if exc else None,
            }
            if getattr(record, "tenant_id", None) is not None:
                result["tenantId"] = record.tenant_id
            result.update((k, v) for k, v in record.__dict__.items() if k not in _RESERVED_FIELDS and k not in result)
            return encode({k: v for k, v in result.items() if v is not None}) + "\n"

    return JsonFormatter()


class _ConfiguringLoader(object):
    """Wraps the loader of `logging` to configure it right after the module runs."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        configure(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class _LoggingImportHook(object):
    """A meta path finder that only watches for the first `import logging`."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "logging":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _ConfiguringLoader(spec.loader)
                return spec
        return None


def install():
    """Configures logging now if it is already loaded (e.g. by a debugger), else on its first import."""
    if "logging" in sys.modules:
        configure(sys.modules["logging"])
    else:
        sys.meta_path.insert(0, _LoggingImportHook())
