// The shapes an SNS notification takes (fidelity 9.4): the Lambda event record (PascalCase,
// `SigningCertUrl`) and the JSON envelope an SQS subscriber receives (`SigningCertURL`).
import { createHash } from 'node:crypto';

/** A published message, before it is shaped for a subscriber. */
export interface SnsNotification {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subject: string | undefined;
  readonly message: string;
  /** Epoch ms. */
  readonly timestamp: number;
  readonly attributes: Readonly<Record<string, { readonly Type: string; readonly Value: string }>>;
}

const certUrl = (region: string): string => `https://sns.${region}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem`;
const unsubscribeUrl = (region: string, subscriptionArn: string): string =>
  `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;

// Locally nothing can verify a signature; a stable digest keeps the field's shape (base64).
const signature = (n: SnsNotification): string => createHash('sha256').update(`${n.messageId}\n${n.message}`).digest('base64');

/** The `{Records:[...]}` event a subscribed function receives. */
export function snsLambdaEvent(n: SnsNotification, subscriptionArn: string, region: string): Record<string, unknown> {
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        EventSource: 'aws:sns',
        Sns: {
          SignatureVersion: '1',
          Timestamp: new Date(n.timestamp).toISOString(),
          Signature: signature(n),
          SigningCertUrl: certUrl(region),
          MessageId: n.messageId,
          Message: n.message,
          MessageAttributes: n.attributes,
          Type: 'Notification',
          UnsubscribeUrl: unsubscribeUrl(region, subscriptionArn),
          TopicArn: n.topicArn,
          Subject: n.subject ?? null,
        },
      },
    ],
  };
}

/** The message body an SQS subscriber (without raw delivery) receives. */
export function snsQueueEnvelope(n: SnsNotification, subscriptionArn: string, region: string): Record<string, unknown> {
  return {
    Type: 'Notification',
    MessageId: n.messageId,
    TopicArn: n.topicArn,
    ...(n.subject !== undefined ? { Subject: n.subject } : {}),
    Message: n.message,
    Timestamp: new Date(n.timestamp).toISOString(),
    SignatureVersion: '1',
    Signature: signature(n),
    SigningCertURL: certUrl(region),
    UnsubscribeURL: unsubscribeUrl(region, subscriptionArn),
    ...(Object.keys(n.attributes).length ? { MessageAttributes: n.attributes } : {}),
  };
}

/** Message attribute types local topics carry (Binary ones are not): String, Number, String.Array, custom suffixes allowed. */
export const isCarriedAttributeType = (type: string): boolean => /^(String|Number|String\.Array)(\..+)?$/.test(type);
