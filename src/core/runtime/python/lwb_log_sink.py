"""Where the Python runtime's log events go: one JSON record per event on the engine's log channel
(`_LAMBDA_WORKBENCH_LOG_FD`, read by outputCapture.ts) with the call site in user code, or stdout with
newlines inside an event turned into \\r, as PRIC writes without its telemetry fd (fidelity 1.4, 4.3)."""
import _thread
import os
import sys
import time

try:
    from _json import encode_basestring_ascii as _quote
except ImportError:  # not CPython
    from json.encoder import py_encode_basestring_ascii as _quote

request_id = None
"""Id of the invocation running now (None during init); read by the logging filter."""
tenant_id = None

_fd = None
_lock = _thread.allocate_lock()
_own_prefixes = ()
_stdlib_prefixes = ()


def _write(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def emit(message, file=None, line=None, created=None):
    """Writes one log event; `message` ends with a newline, as CloudWatch messages do."""
    if _fd is None:
        data = (message[:-1].replace("\n", "\r") + "\n").encode("utf-8", "backslashreplace")
        fd = 1
    else:
        ms = int((time.time() if created is None else created) * 1000)
        if file is None:
            record = '{"t":%d,"m":%s}\n' % (ms, _quote(message))
        else:
            record = '{"t":%d,"m":%s,"f":%s,"l":%d,"c":1}\n' % (ms, _quote(message), _quote(file), line)
        data = record.encode("ascii")
        fd = _fd
    with _lock:
        _write(fd, data)


def is_own_file(filename):
    """Whether a code file belongs to the runtime itself or the standard library (never a call site)."""
    if filename.startswith(_own_prefixes):
        return True
    return filename.startswith(_stdlib_prefixes) and "-packages" not in filename


def caller_site(depth):
    """(file, line) of the nearest frame outside the runtime and the standard library."""
    try:
        frame = sys._getframe(depth + 1)
    except ValueError:
        return None, None  # written by the interpreter itself (uncaught exception, exit message)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not is_own_file(filename):
            return filename, frame.f_lineno
        frame = frame.f_back
    return None, None


class LineRecorder(object):
    """Stands in for sys.stdout/sys.stderr on the log channel: every complete line is one event, raw
    (print output has no prefix), recorded with the file and line of the code that wrote it."""

    def __init__(self, stream):
        self._stream = stream
        self._pending = ""
        self._site = (None, None)
        self._lock = _thread.allocate_lock()

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        if "\n" not in s:
            if s:
                with self._lock:
                    if not self._pending:
                        self._site = caller_site(1)
                    self._pending += s
            return len(s)
        file, line = caller_site(1)
        with self._lock:
            lines = (self._pending + s).split("\n")
            self._pending = lines.pop()
            if self._pending:
                self._site = (file, line)
        for text in lines:
            emit(text + "\n", file, line)
        return len(s)

    def writelines(self, lines):
        for text in lines:
            self.write(text)

    def flush(self):
        pass  # a partial line stays pending, as in the platform's pipe

    def flush_partial(self):
        """Emits a pending unterminated line (end of an invocation or of the process)."""
        with self._lock:
            text, self._pending = self._pending, ""
        if text:
            emit(text + "\n", *self._site)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class Unbuffered(object):
    """PRIC's stdout/stderr wrapper without a log channel: every write reaches the pipe at once."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, msg):
        n = self.stream.write(msg)
        self.stream.flush()
        return n

    def writelines(self, msgs):
        self.stream.writelines(msgs)
        self.stream.flush()

    def flush_partial(self):
        pass

    def __getattr__(self, name):
        return getattr(self.stream, name)


def install(own_dirs):
    """Opens the log channel named by the environment and wraps sys.stdout and sys.stderr."""
    global _fd, _own_prefixes, _stdlib_prefixes
    _own_prefixes = tuple(d.rstrip(os.sep) + os.sep for d in own_dirs)
    _stdlib_prefixes = (os.path.dirname(os.__file__) + os.sep, "<frozen ")
    value = os.environ.pop("_LAMBDA_WORKBENCH_LOG_FD", None)
    if value:
        try:
            fd = int(value)
            os.fstat(fd)
            os.set_inheritable(fd, False)
            _fd = fd
        except (ValueError, OSError) as e:
            sys.stderr.write("lambda-workbench: log channel fd %r is unusable (%s); logging to stdout\n" % (value, e))
    wrap = Unbuffered if _fd is None else LineRecorder
    sys.stdout = wrap(sys.stdout)
    sys.stderr = wrap(sys.stderr)


def flush_partial_lines():
    """Emits unterminated stdout/stderr lines before a result is posted or the process ends."""
    for stream in (sys.stdout, sys.stderr):
        flush = getattr(stream, "flush_partial", None)
        if flush is not None:
            flush()
