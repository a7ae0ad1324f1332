"""JSON of the Python runtime (fidelity 2.3): PRIC's simplejson behaviour (Decimal exact, NaN allowed,
ensure_ascii off on python3.12+, bytes inside results as UTF-8 text) on the standard library's C codec,
used directly so that a cold start does not pay for importing `json` (and `re`)."""
import os
import sys

try:
    from _json import encode_basestring, encode_basestring_ascii, make_encoder, make_scanner
except ImportError:  # not CPython: use the json package for everything
    make_encoder = make_scanner = None


class FaultException(Exception):
    """A runtime-detected failure with Lambda's error type (PRIC lambda_runtime_exception)."""

    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"
    BEFORE_SNAPSHOT_ERROR = "Runtime.BeforeSnapshotError"
    AFTER_RESTORE_ERROR = "Runtime.AfterRestoreError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


def _ensure_ascii(execution_env):
    # PRIC writes raw UTF-8 only for python3.12 and later runtimes.
    prefix = "AWS_Lambda_python3."
    if not execution_env.startswith(prefix):
        return True
    minor = execution_env[len(prefix) :]
    return not (minor.isdigit() and int(minor) >= 12)


class Encoder(object):
    """Encodes like PRIC's simplejson Encoder: separators ', ' and ': ', NaN allowed, Decimal exact."""

    def __init__(self, ensure_ascii):
        self._markers = {}
        self._decimals = []
        # Decimals are written as placeholders, swapped for their exact text after encoding.
        self._token = "lwbDecimal%s_" % os.urandom(8).hex()
        if make_encoder is not None:
            quote = encode_basestring_ascii if ensure_ascii else encode_basestring
            self._encode = make_encoder(self._markers, self._default, quote, None, ": ", ", ", False, False, True)
        else:
            import json

            self._encode = json.JSONEncoder(default=self._default, ensure_ascii=ensure_ascii).iterencode

    def _default(self, o):
        decimal = sys.modules.get("decimal")
        if decimal is not None and isinstance(o, decimal.Decimal):
            if o.is_nan():
                return float("nan")
            self._decimals.append(str(o))
            return "%s%d" % (self._token, len(self._decimals) - 1)
        if isinstance(o, bytes):
            return o.decode("utf-8")  # simplejson's `encoding='utf-8'`
        raise TypeError("Object of type %s is not JSON serializable" % o.__class__.__name__)

    def _restore_decimals(self, text):
        parts = text.split('"' + self._token)
        out = [parts[0]]
        for part in parts[1:]:
            close = part.index('"')
            out.append(self._decimals[int(part[:close])])
            out.append(part[close + 1 :])
        return "".join(out)

    def encode(self, obj):
        try:
            text = "".join(self._encode(obj, 0)) if make_encoder is not None else "".join(self._encode(obj))
            if self._decimals:
                text = self._restore_decimals(text)
            return text
        finally:
            self._markers.clear()
            del self._decimals[:]


_encoder = Encoder(_ensure_ascii(os.environ.get("AWS_EXECUTION_ENV", "")))
to_json = _encoder.encode


class _ScanContext(object):
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__
    memo = None


_scan = make_scanner(_ScanContext()) if make_scanner is not None else None
_WHITESPACE = " \t\n\r"


def loads(data):
    """json.loads for the event body: the C scanner directly, the json package only to report an error."""
    if _scan is not None:
        try:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
            start = len(text) - len(text.lstrip(_WHITESPACE))
            value, end = _scan(text, start)
            if end == len(text) or not text[end:].strip(_WHITESPACE):
                return value
        except Exception:
            pass
    import json

    return json.loads(data)


def unmarshal_request(body, content_type):
    if content_type != "application/json":
        return body
    try:
        return loads(body)
    except Exception as e:
        raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)), None)


def marshal_response(response):
    """(body, content type) of a handler result; bytes pass through as application/unknown."""
    if isinstance(response, bytes):
        return response, "application/unknown"
    try:
        return to_json(response), "application/json"
    except Exception as e:
        raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)), None)
