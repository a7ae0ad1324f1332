// The event picker's sample source: for a local function it offers the samples of its own triggers
// (built with the options the template gives), nothing for functions of other backends.
import * as assert from 'node:assert/strict';
import { defaultPartition } from '../../../src/core/arn';
import { loadProject } from '../../../src/core/project';
import { coreSampleEvents } from '../../../src/vscode/invoke/sampleEvents';
import { fixture } from '../../support/engine';

describe('invoke picker trigger samples', () => {
  it('offers the local function\'s trigger samples first-class and generates them with the template\'s options', async () => {
    const project = await loadProject({ templatePath: fixture('triggers', 'template.yaml'), partition: defaultPartition });
    const samples = coreSampleEvents(async () => defaultPartition, async () => project);
    const target = (functionName: string, backendId = 'local') => ({ backendId, functionName, eventsDir: '/tmp/events' });
    const offered = await samples.forFunction!(target('OrdersConsumer'));
    assert.deepEqual(offered.map((s) => [s.label, s.description]), [['sqs receive-message', 'matches its trigger: SQS event "Queue"']]);
    const event = JSON.parse(await samples.generate(offered[0]!.id, 'OrdersConsumer'));
    assert.equal(event.Records[0].eventSourceARN, 'arn:aws:sqs:us-east-1:123456789012:orders');
    assert.deepEqual((await samples.forFunction!(target('SignUpHook'))).map((s) => s.label), ['cognito pre-signup', 'cognito post-confirmation']);
    assert.deepEqual(await samples.forFunction!(target('OrdersConsumer', 'aws:default:us-east-1')), []);
    assert.deepEqual(await samples.forFunction!(target('Untriggered')), []);
    // The catalogue ids still generate with default options.
    const listed = samples.list().find((s) => s.label === 'mq rabbitmq')!;
    assert.equal(JSON.parse(await samples.generate(listed.id, 'x')).eventSource, 'aws:rmq');
  });
});
