# Parity runner's client: performs Lambda API calls with boto3 (the client the AWS recordings were
# parsed with) and prints each parsed response, or the parsed error response, as one JSON line.
import base64
import datetime
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.response import StreamingBody

endpoint = sys.argv[1]
clients = {}


def client(region, validate=True, service="lambda"):
    if (region, validate, service) not in clients:
        clients[(region, validate, service)] = boto3.client(
            service,
            endpoint_url=endpoint,
            region_name=region,
            aws_access_key_id="AKIAPARITY",
            aws_secret_access_key="parity-secret",
            config=Config(retries={"max_attempts": 1}, read_timeout=60, parameter_validation=validate),
        )
    return clients[(region, validate, service)]


def decode(value):
    if isinstance(value, dict):
        if set(value) == {"__bytes__"}:
            return base64.b64decode(value["__bytes__"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def encode(value):
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, StreamingBody):
        raw = value.read()
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode("utf-8", "replace")
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


for line in sys.stdin:
    request = json.loads(line)
    try:
        # "sqs.create_queue" calls another service; "paginate:list_functions" a paginator.
        service, _, op = request["op"].rpartition(".")
        api = client(request.get("region") or "us-east-1", request.get("validate", True), service or "lambda")
        params = decode(request.get("params", {}))
        if op.startswith("paginate:"):
            # A paginator's full result carries no ResponseMetadata, as recorded.
            result = api.get_paginator(op[9:]).paginate(**params).build_full_result()
        else:
            result = getattr(api, op)(**params)
            # The recordings strip headers; the status code stays.
            result["ResponseMetadata"] = {"HTTPHeaders": {}, "HTTPStatusCode": result["ResponseMetadata"]["HTTPStatusCode"]}
        out = {"ok": encode(result)}
    except ClientError as e:
        response = dict(e.response)
        response["ResponseMetadata"] = {"HTTPHeaders": {}, "HTTPStatusCode": response["ResponseMetadata"].get("HTTPStatusCode")}
        out = {"error": encode(response)}
    except Exception as e:  # a client-side failure (parameter validation, connection) is a result too
        out = {"exception": f"{type(e).__name__}: {e}"}
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
