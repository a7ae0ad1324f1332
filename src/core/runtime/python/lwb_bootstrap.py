"""The Python runtime (PRIC semantics, fidelity 2.3): loads _HANDLER during init, reports load errors,
then loops on the Runtime API's /next, running each event and posting its result or error."""
import os
import sys
import time

import lwb_log_sink
import lwb_logging
from lwb_context import create_lambda_context
from lwb_json import FaultException, marshal_response, to_json, unmarshal_request
from lwb_runtime_client import RuntimeApiError, RuntimeClient

_RUNTIME_DIR = os.path.dirname(os.path.abspath(__file__))
_OWN_DIRS = sorted({_RUNTIME_DIR, os.path.dirname(os.path.realpath(__file__))})
_OWN_PREFIXES = tuple(d + os.sep for d in _OWN_DIRS)
_UNHANDLED_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare "
    "cases, a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, "
    "runtime updates can be triggered by a function change, or can be applied automatically. To determine if the "
    "runtime has been updated, check the runtime version in the INIT_START log entry. If this error correlates with a "
    "change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous "
    "runtime version. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html\r"
)


def _set_sys_path():
    """Lambda's order: task root, then the layers' python/lib/pythonX.Y/site-packages and python
    directories (a later layer wins, as when layers are extracted over one another into /opt), then the runtime."""
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    own = set(_OWN_DIRS)
    layer_dirs = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and os.path.abspath(p) not in own]
    site_dirs = [p for p in reversed(layer_dirs) if p.rstrip(os.sep).endswith("site-packages")]
    python_dirs = [p for p in reversed(layer_dirs) if p not in site_dirs]
    sdk = os.environ.pop("_LAMBDA_WORKBENCH_PYTHON_SDK", None)  # not a Lambda variable: kept out of the handler's view
    # Lambda's /var/runtime (boto3, botocore, s3transfer) comes after the task root and the layers.
    front = [task_root] + site_dirs + python_dirs + [_RUNTIME_DIR] + ([sdk] if sdk else [])
    rest = [p for p in sys.path if p and p not in front and os.path.abspath(p) not in own]
    sys.path[:] = front + rest


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    """The error payload PRIC posts: errorMessage, errorType, requestId ("" during init), stackTrace."""
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _fault_result(exc_info, invoke_id=None):
    """Error payload, X-Ray cause and user frames of an exception raised by user code."""
    import traceback

    etype, value, tb = exc_info
    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    first_user = next((i for i, frame in enumerate(frames) if not frame[0].startswith(_OWN_PREFIXES)), 0)
    frames = frames[first_user:]
    # 4-tuples, as PRIC passes them, format without 3.11's column carets.
    result = make_error(str(value), etype.__name__, traceback.format_list(frames), invoke_id)
    return result, _xray_fault(etype.__name__, str(value), frames), frames


def _xray_fault(ex_type, ex_msg, frames):
    stack = [{"label": name, "path": file, "line": line} for file, line, name, _ in frames]
    paths = list({file: None for file, _, _, _ in frames})
    return to_json({"working_directory": os.getcwd(), "exceptions": [{"message": ex_msg, "type": ex_type, "stack": stack}], "paths": paths})


def _indent_with_nbsp(line):
    stripped = line.lstrip(" ")
    return "\u00a0" * (len(line) - len(stripped)) + stripped


def log_error(error_result, frames=None):
    """The one log event of an uncaught error: `[ERROR] Type: message` and the traceback, or JSON."""
    file, line = (frames[-1][0], frames[-1][1]) if frames else (None, None)
    if lwb_logging.JSON_FORMAT:
        timestamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time()))
        lwb_log_sink.emit(to_json(dict({"timestamp": timestamp, "log_level": "ERROR"}, **error_result)) + "\n", file, line)
        return
    description = "[ERROR]"
    if error_result.get("errorType"):
        description += " " + error_result["errorType"]
    if error_result.get("errorMessage"):
        if error_result.get("errorType"):
            description += ":"
        description += " " + error_result["errorMessage"]
    lines = [description]
    stack_trace = error_result.get("stackTrace")
    if stack_trace is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack_trace:
            lines.extend([_indent_with_nbsp(text) for text in element.splitlines()] if element else [""])
    lwb_log_sink.emit("\n".join(lines) + "\n", file, line)


def _get_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e)))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(FaultException.BUILT_IN_MODULE_CONFLICT, "Cannot use built-in module {} as a handler module".format(modname))
        import importlib

        m = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR, "Unable to import module '{}': {}".format(modname, str(e)))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(FaultException.USER_CODE_SYNTAX_ERROR, "Syntax error in module '{}': {}".format(modname, str(e)), trace)
    try:
        return getattr(m, fname)
    except AttributeError:
        raise FaultException(FaultException.HANDLER_NOT_FOUND, "Handler '{}' missing on module '{}'".format(fname, modname), None)


def _task_modules():
    """The function's own loaded modules (files under the task root) and their source times."""
    root = os.path.join(os.path.abspath(os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()), "")
    out = {}
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path and os.path.abspath(path).startswith(root):
            try:
                out[name] = os.stat(path).st_mtime_ns
            except OSError:
                out[name] = None
    return out


def _reload_handler(handler, loaded):
    """Hot reload: the function's modules whose files changed since they were loaded, and the handler's
    module, are imported again (importlib); other modules and all process state are kept."""
    import importlib

    modname = handler.rsplit(".", 1)[0].replace("/", ".")
    for name, mtime in _task_modules().items():
        if name == modname or mtime != loaded.get(name, mtime):
            sys.modules.pop(name, None)
    importlib.invalidate_caches()
    return _get_handler(handler)


def _handle_event(client, request_handler, headers, body):
    get = headers.get
    invoke_id = get("lambda-runtime-aws-request-id", "")
    tenant_id = get("lambda-runtime-aws-tenant-id") or None
    lwb_log_sink.request_id = invoke_id
    lwb_log_sink.tenant_id = tenant_id
    trace_id = get("lambda-runtime-trace-id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    elif "_X_AMZN_TRACE_ID" in os.environ:
        del os.environ["_X_AMZN_TRACE_ID"]
    error_result = None
    try:
        context = create_lambda_context(
            get("lambda-runtime-client-context"),
            get("lambda-runtime-cognito-identity"),
            int(get("lambda-runtime-deadline-ms") or 0),
            invoke_id,
            get("lambda-runtime-invoked-function-arn"),
            tenant_id,
        )
        event = unmarshal_request(body, get("content-type"))
        response = request_handler(event, context)
        result, content_type = marshal_response(response)
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
        xray, frames = _xray_fault("LambdaValidationError", e.msg, []), None
    except Exception:
        error_result, xray, frames = _fault_result(sys.exc_info(), invoke_id)
    lwb_log_sink.flush_partial_lines()
    if error_result is not None:
        log_error(error_result, frames)
        client.post_error(invoke_id, to_json(error_result).encode("utf-8"), error_result["errorType"], xray)
    else:
        client.post_response(invoke_id, result if isinstance(result, bytes) else result.encode("utf-8"), content_type)


def _fail_init(client, error_result, frames):
    """Logs and posts an init failure, then exits with status 1, as PRIC does."""
    import logging  # configures the root logger through lwb_logging

    logging.warning(_UNHANDLED_WARNING)
    log_error(error_result, frames)
    lwb_log_sink.flush_partial_lines()
    client.post_init_error(to_json(error_result).encode("utf-8"), error_result["errorType"])
    sys.exit(1)


def _run_hooks(hooks):
    for func, args, kwargs in hooks:
        func(*args, **kwargs)


def _snap_start(client):
    """SnapStart (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start): before-snapshot hooks in reverse order of
    registration, the snapshot (/restore/next), then after-restore hooks in registration order."""
    try:
        from snapshot_restore_py import get_after_restore, get_before_snapshot
    except ImportError:
        return
    try:
        _run_hooks(reversed(get_before_snapshot()))
    except Exception as e:
        error_result, _, frames = _fault_result(sys.exc_info())
        error_result = make_error(str(e), FaultException.BEFORE_SNAPSHOT_ERROR, error_result.get("stackTrace"))
        _fail_init(client, error_result, frames)
    client.restore_next()
    try:
        _run_hooks(get_after_restore())
    except Exception as e:
        error_result, _, frames = _fault_result(sys.exc_info())
        error_result = make_error(str(e), FaultException.AFTER_RESTORE_ERROR, error_result.get("stackTrace"))
        log_error(error_result, frames)
        lwb_log_sink.flush_partial_lines()
        client.post_restore_error(to_json(error_result).encode("utf-8"), FaultException.AFTER_RESTORE_ERROR)
        sys.exit(1)


def main():
    """Runs the runtime until the process is ended."""
    _set_sys_path()
    lwb_log_sink.install(_OWN_DIRS)
    lwb_logging.install()
    import atexit

    atexit.register(lwb_log_sink.flush_partial_lines)
    api = os.environ.get("AWS_LAMBDA_RUNTIME_API")
    if not api:
        sys.stderr.write("AWS_LAMBDA_RUNTIME_API is not set: this bootstrap runs inside a Lambda Workbench execution environment.\n")
        sys.exit(1)
    client = RuntimeClient(api, "lambda-workbench-python/%d.%d.%d" % sys.version_info[:3])
    handler = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("_HANDLER", "")
    try:
        request_handler = _get_handler(handler)
    except FaultException as e:
        _fail_init(client, make_error(e.msg, e.exception_type, e.trace), None)
    except Exception:
        error_result, _, frames = _fault_result(sys.exc_info())
        _fail_init(client, error_result, frames)
    if os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") == "snap-start":
        _snap_start(client)
    next_invocation = client.next_invocation
    loaded = _task_modules()
    reload_pending = False
    try:
        while True:
            headers, body = next_invocation()
            if reload_pending or headers.get("lambda-workbench-reload") == "1":
                try:
                    request_handler = _reload_handler(handler, loaded)
                    loaded, reload_pending = _task_modules(), False
                except Exception as e:
                    # Fails this invocation; the next one tries again (the old handler never runs new events).
                    reload_pending = True
                    invoke_id = headers.get("lambda-runtime-aws-request-id", "")
                    lwb_log_sink.request_id = invoke_id
                    if isinstance(e, FaultException):
                        error_result, frames = make_error(e.msg, e.exception_type, e.trace, invoke_id), None
                    else:
                        error_result, _, frames = _fault_result(sys.exc_info(), invoke_id)
                    log_error(error_result, frames)
                    client.post_error(invoke_id, to_json(error_result).encode("utf-8"), error_result["errorType"], None)
                    continue
            _handle_event(client, request_handler, headers, body)
    except RuntimeApiError as e:
        # E.g. a response over 6 MiB (413): the platform failed the invocation; like PRIC, the runtime ends.
        sys.stderr.write("%s\n" % e)
        sys.exit(1)
