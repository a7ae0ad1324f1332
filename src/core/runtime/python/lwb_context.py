"""The Python context object (fidelity 2.1), shaped like PRIC's LambdaContext, built per invocation from
the /next headers. Its remaining time excludes the time a debugger held the invocation (`_paused_ms`)."""
import os
import sys
import time

import lwb_log_sink
from lwb_json import FaultException, loads

_env = os.environ
_FUNCTION_NAME = _env.get("AWS_LAMBDA_FUNCTION_NAME")
_FUNCTION_VERSION = _env.get("AWS_LAMBDA_FUNCTION_VERSION")
_MEMORY_SIZE = _env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
_LOG_GROUP = _env.get("AWS_LAMBDA_LOG_GROUP_NAME")
_LOG_STREAM = _env.get("AWS_LAMBDA_LOG_STREAM_NAME")
_CLOCK = _env.pop("_LAMBDA_WORKBENCH_CLOCK", None)  # not a Lambda variable: kept out of the handler's environment
_clock_connection = None
_clock_warned = False


def _paused_ms():
    """Milliseconds the current invocation has spent stopped in a debugger. 0 unless the engine set
    `_LAMBDA_WORKBENCH_CLOCK=host:port`; then the decimal number `GET http://host:port/paused` answers."""
    global _clock_connection, _clock_warned
    if not _CLOCK:
        return 0
    try:
        if _clock_connection is None:
            from lwb_runtime_client import HttpConnection

            _clock_connection = HttpConnection(_CLOCK)
        status, _, body = _clock_connection.request(b"GET", b"/paused")
        if status != 200:
            raise ValueError("status %d" % status)
        return int(float(body))
    except Exception as e:
        if not _clock_warned:
            _clock_warned = True
            sys.stderr.write("lambda-workbench: the debugger clock at %s did not answer (%s); remaining time ignores pauses\n" % (_CLOCK, e))
        return 0


class LambdaContext(object):
    """What handlers receive as `context`."""

    def __init__(self, invoke_id, client_context, cognito_identity, epoch_deadline_time_in_ms, invoked_function_arn=None, tenant_id=None):
        self.aws_request_id = invoke_id
        self.log_group_name = _LOG_GROUP
        self.log_stream_name = _LOG_STREAM
        self.function_name = _FUNCTION_NAME
        self.memory_limit_in_mb = _MEMORY_SIZE
        self.function_version = _FUNCTION_VERSION
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id
        self.client_context = _make_obj_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _make_obj_from_dict(Client, self.client_context.client)
        self.identity = _make_obj_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms

    def get_remaining_time_in_millis(self):
        delta_ms = self._epoch_deadline_time_in_ms - int(time.time() * 1000) + _paused_ms()
        return delta_ms if delta_ms > 0 else 0

    def log(self, msg):
        """Writes `msg` as one log event, without a prefix."""
        text = str(msg)
        file, line = lwb_log_sink.caller_site(1)
        lwb_log_sink.emit(text if text.endswith("\n") else text + "\n", file, line)

    def __repr__(self):
        return (
            f"{self.__class__.__name__}(["
            f"aws_request_id={self.aws_request_id},"
            f"log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},"
            f"function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},"
            f"function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},"
            f"client_context={self.client_context},"
            f"identity={self.identity},"
            f"tenant_id={self.tenant_id}"
            "])"
        )


def _slots_repr(obj):
    fields = ",".join("%s=%s" % (name, getattr(obj, name)) for name in obj.__slots__)
    return "%s([%s])" % (obj.__class__.__name__, fields)


class CognitoIdentity(object):
    """`context.identity`: both fields None unless the invoke carried a Cognito identity."""

    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]
    __repr__ = _slots_repr


class Client(object):
    """`context.client_context.client`: the mobile app that invoked the function."""

    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]
    __repr__ = _slots_repr


class ClientContext(object):
    """`context.client_context`, from the decoded X-Amz-Client-Context."""

    __slots__ = ["custom", "env", "client"]
    __repr__ = _slots_repr


def _make_obj_from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field, None))
    return obj


def _parse_json_header(header, name):
    try:
        return loads(header)
    except Exception as e:
        raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse {} JSON: {}".format(name, str(e)), None)


def create_lambda_context(client_context_json, cognito_identity_json, deadline_ms, invoke_id, invoked_function_arn, tenant_id):
    """The context of one invocation; a Client Context or Cognito header that is not JSON fails it."""
    client_context = _parse_json_header(client_context_json, "Client Context") if client_context_json else None
    cognito_identity = _parse_json_header(cognito_identity_json, "Cognito Identity") if cognito_identity_json else None
    return LambdaContext(invoke_id, client_context, cognito_identity, deadline_ms, invoked_function_arn, tenant_id)
