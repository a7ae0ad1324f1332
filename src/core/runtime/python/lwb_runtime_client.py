"""Runtime API client of the Python bootstrap (fidelity 1.1, 1.2): HTTP/1.1 over one kept-alive socket.
Built on _socket rather than http.client, whose import (email, ssl) costs more than the rest of a cold start."""
import _socket

_BASE = b"/2018-06-01/runtime"
_MAX_HEADER_BYTES = 1024 * 1024


class RuntimeApiError(Exception):
    """A Runtime API call was answered with an unexpected status; the runtime exits on it, as PRIC does."""

    def __init__(self, path, status, body):
        self.status = status
        super().__init__(
            "Request to Lambda Runtime '{}' endpoint failed. Reason: '{}'. Response body: '{}'".format(
                path, status, body.decode("utf-8", "replace")
            )
        )


class _EmptyReply(ConnectionError):
    """The server closed a kept-alive connection before answering."""


class HttpConnection(object):
    """One persistent HTTP/1.1 connection to `host:port`; reconnects when the server closed it."""

    def __init__(self, address, user_agent="lambda-workbench-python"):
        host, _, port = address.rpartition(":")
        self._host = host.strip("[]")
        self._port = int(port)
        self._common = ("Host: %s\r\nUser-Agent: %s\r\n" % (address, user_agent)).encode("latin-1")
        self._sock = None
        self._buf = b""

    def _connect(self):
        # A str host would make getaddrinfo import the IDNA codec (and `re`): ~8 ms of a cold start.
        host = self._host.encode("ascii") if self._host.isascii() else self._host
        family, kind, proto, _, addr = _socket.getaddrinfo(host, self._port, 0, _socket.SOCK_STREAM)[0]
        sock = _socket.socket(family, kind, proto)
        try:
            sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
            sock.connect(addr)
        except BaseException:
            sock.close()
            raise
        self._sock = sock
        self._buf = b""

    def close(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._buf = b""

    def request(self, method, path, body=b"", headers=b""):
        """Sends one request and returns (status, headers by lower-case name, body bytes)."""
        head = b"%s %s HTTP/1.1\r\n%s%sContent-Length: %d\r\n\r\n" % (method, path, self._common, headers, len(body))
        message = head + body if len(body) < 65536 else None
        for attempt in (0, 1):
            fresh = self._sock is None
            if fresh:
                self._connect()
            try:
                if message is not None:
                    self._sock.sendall(message)
                else:
                    self._sock.sendall(head)
                    self._sock.sendall(body)
                if not self._buf:
                    first = self._sock.recv(65536)
                    if not first:
                        raise _EmptyReply("the Runtime API closed the connection")
                    self._buf = first
                break
            except ConnectionError:
                # A kept-alive socket the server closed while we were idle: retry once on a new one.
                self.close()
                if fresh or attempt:
                    raise
            except BaseException:
                self.close()
                raise
        try:
            return self._read_response()
        except BaseException:
            self.close()
            raise

    def _fill(self):
        chunk = self._sock.recv(65536)
        if not chunk:
            raise ConnectionResetError("the Runtime API closed the connection")
        self._buf += chunk

    def _read_response(self):
        end = self._buf.find(b"\r\n\r\n")
        while end < 0:
            if len(self._buf) > _MAX_HEADER_BYTES:
                raise ConnectionError("the Runtime API sent an oversized response header")
            self._fill()
            end = self._buf.find(b"\r\n\r\n")
        head = self._buf[:end]
        self._buf = self._buf[end + 4 :]
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            text = head.decode("latin-1")  # Node writes string header values as Latin-1
        lines = text.split("\r\n")
        status = int(lines[0][9:12])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = headers.get("content-length")
        if length is not None:
            body = self._read_exact(int(length))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked()
        elif status in (204, 304):
            body = b""
        else:
            body = self._read_to_close()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def _read_exact(self, n):
        if len(self._buf) >= n:
            body, self._buf = self._buf[:n], self._buf[n:]
            return body
        parts = [self._buf]
        have = len(self._buf)
        self._buf = b""
        while have < n:
            chunk = self._sock.recv(max(65536, n - have))
            if not chunk:
                raise ConnectionResetError("the Runtime API closed the connection mid-body")
            parts.append(chunk)
            have += len(chunk)
        data = b"".join(parts)
        self._buf = data[n:]
        return data[:n]

    def _read_line(self):
        end = self._buf.find(b"\r\n")
        while end < 0:
            self._fill()
            end = self._buf.find(b"\r\n")
        line, self._buf = self._buf[:end], self._buf[end + 2 :]
        return line

    def _read_chunked(self):
        parts = []
        while True:
            size = int(self._read_line().split(b";", 1)[0], 16)
            if size == 0:
                while self._read_line():
                    pass  # trailers
                return b"".join(parts)
            parts.append(self._read_exact(size))
            self._read_line()

    def _read_to_close(self):
        parts = [self._buf]
        while True:
            chunk = self._sock.recv(65536)
            if not chunk:
                break
            parts.append(chunk)
        self.close()
        return b"".join(parts)


class RuntimeClient(object):
    """The /2018-06-01/runtime endpoints."""

    def __init__(self, address, user_agent):
        self._conn = HttpConnection(address, user_agent)

    def _call(self, method, path, expected, body=b"", headers=b""):
        status, response_headers, response_body = self._conn.request(method, path, body, headers)
        if status != expected:
            raise RuntimeApiError(path.decode("latin-1"), status, response_body)
        return response_headers, response_body

    def next_invocation(self):
        """Blocks until the platform hands over an event; returns (headers, body bytes)."""
        return self._call(b"GET", _BASE + b"/invocation/next", 200)

    def post_response(self, request_id, body, content_type):
        headers = b"Content-Type: %s\r\n" % content_type.encode("latin-1")
        self._call(b"POST", _BASE + b"/invocation/" + request_id.encode("utf-8") + b"/response", 202, body, headers)

    def post_error(self, request_id, body, error_type, xray_cause):
        path = _BASE + b"/invocation/" + request_id.encode("utf-8") + b"/error"
        try:
            self._call(b"POST", path, 202, body, _error_headers(error_type, xray_cause))
        except (RuntimeApiError, ConnectionError):
            if not xray_cause:
                raise
            # A server with a smaller header limit than RAPID's (Node's is 16 KiB) refuses a long X-Ray
            # cause (deep recursion, huge messages): the error itself still has to reach the caller.
            self._conn.close()
            self._call(b"POST", path, 202, body, _error_headers(error_type, None))

    def restore_next(self):
        """SnapStart: the snapshot is taken while this blocks; it returns once the environment is restored."""
        self._call(b"GET", _BASE + b"/restore/next", 200)

    def post_restore_error(self, body, error_type):
        self._call(b"POST", _BASE + b"/restore/error", 202, body, _error_headers(error_type, None))

    def post_init_error(self, body, error_type, xray_cause=None):
        self._call(b"POST", _BASE + b"/init/error", 202, body, _error_headers(error_type, xray_cause))


def _error_headers(error_type, xray_cause):
    headers = b"Content-Type: application/json\r\nLambda-Runtime-Function-Error-Type: " + error_type.encode("utf-8") + b"\r\n"
    # PRIC drops the X-Ray cause when it reaches 1 MiB.
    if xray_cause and len(xray_cause) < 1024 * 1024:
        headers += b"Lambda-Runtime-Function-XRay-Error-Cause: " + xray_cause.encode("utf-8") + b"\r\n"
    return headers
