// The cfn-response helper CloudFormation makes available to ZipFile (inline) code: `cfn-response` for
// Node.js, `cfnresponse` for Python. Our own implementation of the documented interface: send(event,
// context, status, data, physicalResourceId, noEcho[, reason]) PUTs the custom-resource response.

const NODE = `// cfn-response as CloudFormation provides it to inline Node.js code (Lambda Workbench's implementation).
'use strict';
const https = require('https');
const http = require('http');
exports.SUCCESS = 'SUCCESS';
exports.FAILED = 'FAILED';
exports.send = function (event, context, responseStatus, responseData, physicalResourceId, noEcho) {
  const body = JSON.stringify({
    Status: responseStatus,
    Reason: 'See the details in CloudWatch Log Stream: ' + context.logStreamName,
    PhysicalResourceId: physicalResourceId || context.logStreamName,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: noEcho || false,
    Data: responseData,
  });
  console.log('Response body:\\n', body);
  return new Promise((resolve) => {
    const url = new URL(event.ResponseURL);
    const client = url.protocol === 'http:' ? http : https;
    const request = client.request(url, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (response) => {
      console.log('Status code: ' + response.statusCode);
      response.resume();
      response.on('end', () => { resolve(); if (typeof context.done === 'function') context.done(); });
    });
    request.on('error', (error) => {
      console.log('send(..) failed executing https.request(..): ' + error);
      resolve();
      if (typeof context.done === 'function') context.done();
    });
    request.end(body);
  });
};
`;

const PYTHON = `# cfnresponse as CloudFormation provides it to inline Python code (Lambda Workbench's implementation).
import json
import urllib.request

SUCCESS = "SUCCESS"
FAILED = "FAILED"


def send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None):
    body = json.dumps({
        "Status": responseStatus,
        "Reason": reason or "See the details in CloudWatch Log Stream: {}".format(context.log_stream_name),
        "PhysicalResourceId": physicalResourceId or context.log_stream_name,
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "NoEcho": noEcho,
        "Data": responseData,
    })
    print("Response body:")
    print(body)
    data = body.encode("utf-8")
    request = urllib.request.Request(event["ResponseURL"], data=data, method="PUT", headers={"content-type": "", "content-length": str(len(data))})
    try:
        with urllib.request.urlopen(request) as response:
            print("Status code:", response.status)
    except Exception as e:
        print("send(..) failed executing http request(..):", e)
`;

/** The helper module written beside inline code (`require('cfn-response')`, `import cfnresponse`), relative to the code root. */
export function cfnResponseModule(inlineFile: string): { readonly name: string; readonly text: string } {
  return inlineFile.endsWith('.py') ? { name: 'cfnresponse.py', text: PYTHON } : { name: 'node_modules/cfn-response/index.js', text: NODE };
}
