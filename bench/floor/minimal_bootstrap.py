# The protocol floor for Python: the smallest Runtime API loop (http.client keep-alive, no Lambda semantics).
import http.client, json, os, sys
host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
import app
conn = http.client.HTTPConnection(host, int(port))
while True:
    conn.request("GET", "/2018-06-01/runtime/invocation/next")
    r = conn.getresponse()
    event = json.loads(r.read())
    rid = r.getheader("Lambda-Runtime-Aws-Request-Id")
    body = json.dumps(app.handler(event, None))
    conn.request("POST", "/2018-06-01/runtime/invocation/%s/response" % rid, body)
    conn.getresponse().read()
