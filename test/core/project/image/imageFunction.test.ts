// Container-image functions mapped from their Dockerfile: base image -> runtime, CMD/ImageConfig ->
// handler, ENV -> environment, and a clear message naming the Dockerfile line for what cannot be mapped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultPartition } from '../../../../src/core/arn';
import { analyzeTemplate } from '../../../../src/core/project';
import { runtimeOfBaseImage } from '../../../../src/core/project/image/imageFunction';

function analyzeImage(dockerfile: string, imageConfig = ''): ReturnType<typeof analyzeTemplate> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-image-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
${imageConfig}
    Metadata:
      DockerContext: .
      Dockerfile: Dockerfile
`;
  try {
    return analyzeTemplate(template, path.join(dir, 'template.yaml'), { partition: defaultPartition, codeRoot: path.join(dir, 'code') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const errorOf = (p: ReturnType<typeof analyzeTemplate>): string => {
  const errors = p.problems.filter((x) => x.severity === 'error');
  assert.equal(errors.length, 1, JSON.stringify(p.problems));
  assert.equal(p.functions.length, 1, 'the function stays listed');
  return errors[0]!.message;
};

describe('project/image', () => {
  it('maps AWS Lambda base images to their runtime', () => {
    const cases: [string, string | undefined][] = [
      ['public.ecr.aws/lambda/nodejs:20', 'nodejs20.x'], ['public.ecr.aws/lambda/nodejs:22.2024.11.22.14-x86_64', 'nodejs22.x'],
      ['public.ecr.aws/lambda/python:3.12', 'python3.12'], ['public.ecr.aws/lambda/python:3.9-arm64', 'python3.9'],
      ['public.ecr.aws/lambda/provided:al2023', 'provided.al2023'], ['public.ecr.aws/lambda/provided:al2', 'provided.al2'],
      ['amazon/aws-lambda-python:3.11', 'python3.11'], ['public.ecr.aws/lambda/java:21', 'java21'], ['public.ecr.aws/lambda/ruby:3.3', 'ruby3.3'],
      ['node:20-slim', undefined], ['ubuntu:24.04', undefined],
    ];
    for (const [image, runtime] of cases) assert.equal(runtimeOfBaseImage(image), runtime, image);
  });

  it('takes runtime, handler and environment from the Dockerfile, ImageConfig Command overriding CMD', () => {
    const p = analyzeImage('ARG V=3.12\nFROM public.ecr.aws/lambda/python:${V}\nENV AA=1 BB="two words"\nENV CC 3\nCOPY app.py ${LAMBDA_TASK_ROOT}\nCMD [ "app.handler" ]\n', '      ImageConfig: { Command: [ "app.other" ] }\n      Environment: { Variables: { BB: template } }');
    assert.deepEqual(p.problems.filter((x) => x.severity === 'error'), []);
    const fn = p.functions[0]!;
    assert.deepEqual([fn.runtime, fn.handler, fn.environment], ['python3.12', 'app.other', { AA: '1', BB: 'template', CC: '3' }]);
    assert.deepEqual(fn.image?.steps, [{ kind: 'copy', line: 5, sources: ['app.py'], dest: '/var/task' }]);
  });

  it('names the Dockerfile line of whatever cannot be mapped', () => {
    assert.match(errorOf(analyzeImage('FROM ubuntu:24.04\nCMD ["x"]\n')), /Dockerfile:1: FROM ubuntu:24\.04 is not an AWS Lambda base image/);
    assert.match(errorOf(analyzeImage('FROM public.ecr.aws/lambda/nodejs:20\nRUN apt-get update\nCMD ["a.b"]\n')), /Dockerfile:2: RUN apt-get update cannot run without Docker/);
    assert.match(errorOf(analyzeImage('FROM public.ecr.aws/lambda/nodejs:20\nCOPY a.js /opt/a.js\nCMD ["a.b"]\n')), /Dockerfile:2: COPY into \/opt\/a\.js is outside \$\{LAMBDA_TASK_ROOT\}/);
    assert.match(errorOf(analyzeImage('FROM public.ecr.aws/lambda/nodejs:20\nADD https://example.com/x.tgz ./\nCMD ["a.b"]\n')), /Dockerfile:2: ADD https:\/\/example\.com\/x\.tgz \(a URL or an archive/);
    assert.match(errorOf(analyzeImage('FROM public.ecr.aws/lambda/nodejs:20\nCOPY --from=ghcr.io/x/y:1 /a ./\nCMD ["a.b"]\n')), /Dockerfile:2: COPY --from=ghcr\.io\/x\/y:1 copies from another image/);
    assert.match(errorOf(analyzeImage('FROM rust:1.80 AS build\nRUN cargo build --release\nFROM public.ecr.aws/lambda/provided:al2023\nCOPY --from=build /target/release/app ./bootstrap\n')), /Dockerfile:1: the builder stage FROM rust:1\.80 cannot be reproduced without Docker/);
    assert.match(errorOf(analyzeImage('FROM public.ecr.aws/lambda/nodejs:20\nRUN go build ./...\nCMD ["a.b"]\n')), /Dockerfile:2: RUN go build \.\/\.\.\. cannot run without Docker/);
    assert.match(errorOf(analyzeImage('FROM node:20 AS build\nRUN tsc\nFROM public.ecr.aws/lambda/nodejs:20\nCMD ["a.b"]\n')), /Dockerfile:2: RUN tsc cannot run without Docker/);
    assert.match(errorOf(analyzeImage('FROM public.ecr.aws/lambda/python:3.12\nENTRYPOINT ["/usr/bin/python3"]\nCMD ["a.b"]\n')), /ENTRYPOINT \["\/usr\/bin\/python3"\] replaces the python3\.12 runtime's own entrypoint/);
    assert.match(errorOf(analyzeImage('FROM public.ecr.aws/lambda/nodejs:20\nCOPY a.js ./\n')), /no CMD names the handler/);
  });

  it('maps a Node.js / Python builder stage and a provided image\'s ENTRYPOINT', () => {
    const multi = analyzeImage('FROM node:20 AS build\nWORKDIR /src\nCOPY . .\nRUN npm ci && npm run build\nFROM public.ecr.aws/lambda/nodejs:20\nCOPY --from=build /src/dist/ ./\nCMD ["index.handler"]\n');
    assert.deepEqual(multi.problems.filter((x) => x.severity === 'error'), []);
    assert.deepEqual(multi.functions[0]!.image?.steps.map((s) => [s.kind, s.stage ?? 'final', s.kind === 'copy' ? s.from ?? 'context' : s.command]), [
      ['copy', 'build', 'context'], ['run', 'build', 'npm ci && npm run build'], ['copy', 'final', 'build'],
    ]);
    // AWS's own Go image template: a golang builder stage runs the local Go toolchain, for Linux.
    const go = analyzeImage('FROM public.ecr.aws/docker/library/golang:1.19 as build-image\nWORKDIR /src\nCOPY go.mod go.sum main.go ./\nRUN go build -o lambda-handler\nFROM public.ecr.aws/lambda/provided:al2023\nCOPY --from=build-image /src/lambda-handler .\nENTRYPOINT ./lambda-handler\n');
    assert.deepEqual(go.problems.filter((x) => x.severity === 'error'), []);
    const goRun = go.functions[0]!.image!.steps[1]!;
    assert.deepEqual(goRun.kind === 'run' && [goRun.stage, goRun.workdir, goRun.command], ['build-image', '/src', 'GOOS=linux CGO_ENABLED=0 go build -o lambda-handler']);
    assert.match(go.functions[0]!.image!.bootstrap!, /exec "\$LAMBDA_TASK_ROOT"'\/lambda-handler'\n$/);
    const provided = analyzeImage('FROM public.ecr.aws/lambda/provided:al2023\nCOPY main ./\nENTRYPOINT ["./main", "--serve"]\n');
    const fn = provided.functions[0]!;
    assert.deepEqual([fn.runtime, fn.handler], ['provided.al2023', 'bootstrap']);
    assert.match(fn.image!.bootstrap!, /exec "\$LAMBDA_TASK_ROOT"'\/main' '--serve'\n$/);
    const plain = analyzeImage('FROM public.ecr.aws/lambda/provided:al2\nCOPY bootstrap ${LAMBDA_TASK_ROOT}\nCMD ["my.handler"]\n');
    assert.deepEqual([plain.functions[0]!.handler, plain.functions[0]!.image!.bootstrap], ['my.handler', undefined]);
  });

  it('rewrites pip installs into the task root, where the image\'s Python would have seen them', () => {
    const p = analyzeImage('FROM public.ecr.aws/lambda/python:3.12\nRUN pip install -r requirements.txt && python3 -m pip install --target ./x boto3\nCMD ["a.b"]\n');
    const run = p.functions[0]!.image!.steps[0]!;
    const py = '"$LAMBDA_WORKBENCH_PYTHON"';
    assert.equal(run.kind === 'run' && run.command, `${py} -m pip install -r requirements.txt --target "$LAMBDA_TASK_ROOT" && ${py} -m pip install --target ./x boto3`);
  });
});
