// Cognito user pool trigger events, one sample per trigger with the trigger sources AWS documents
// for it, and the request/response fields of each (Amazon Cognito developer guide, "Lambda triggers").
import { randomUUID } from 'node:crypto';
import type { SampleContext, SampleType } from './sampleTypes';

interface Trigger {
  readonly help: string;
  /** Documented triggerSource values; the first is the default. */
  readonly sources: readonly string[];
  request(o: Readonly<Record<string, string>>, attrs: Record<string, string>): Record<string, unknown>;
  readonly response: Record<string, unknown>;
  readonly version?: string;
}

const challengeSession = [{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null }];

/** Each user pool trigger by its `generate-event cognito <type>` name. */
export const COGNITO_TRIGGERS: Readonly<Record<string, Trigger>> = {
  'pre-signup': {
    help: 'Pre sign-up',
    sources: ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider'],
    request: (_o, userAttributes) => ({ userAttributes, validationData: null, clientMetadata: {} }),
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  },
  'post-confirmation': {
    help: 'Post confirmation',
    sources: ['PostConfirmation_ConfirmSignUp', 'PostConfirmation_ConfirmForgotPassword'],
    request: (_o, userAttributes) => ({ userAttributes, clientMetadata: {} }),
    response: {},
  },
  'pre-authentication': {
    help: 'Pre authentication',
    sources: ['PreAuthentication_Authentication'],
    request: (_o, userAttributes) => ({ userAttributes, validationData: {}, userNotFound: false }),
    response: {},
  },
  'post-authentication': {
    help: 'Post authentication',
    sources: ['PostAuthentication_Authentication'],
    request: (_o, userAttributes) => ({ userAttributes, newDeviceUsed: false, clientMetadata: {} }),
    response: {},
  },
  'define-auth-challenge': {
    help: 'Define auth challenge (custom authentication flow)',
    sources: ['DefineAuthChallenge_Authentication'],
    request: (_o, userAttributes) => ({ userAttributes, session: challengeSession, clientMetadata: {}, userNotFound: false }),
    response: { challengeName: null, issueTokens: null, failAuthentication: null },
  },
  'create-auth-challenge': {
    help: 'Create auth challenge (custom authentication flow)',
    sources: ['CreateAuthChallenge_Authentication'],
    request: (_o, userAttributes) => ({ userAttributes, challengeName: 'CUSTOM_CHALLENGE', session: challengeSession, clientMetadata: {}, userNotFound: false }),
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  },
  'verify-auth-challenge': {
    help: 'Verify auth challenge response (custom authentication flow)',
    sources: ['VerifyAuthChallengeResponse_Authentication'],
    request: (o, userAttributes) => ({ userAttributes, privateChallengeParameters: { answer: o['challenge-answer'] ?? '' }, challengeAnswer: o['challenge-answer'] ?? '', clientMetadata: {}, userNotFound: false }),
    response: { answerCorrect: null },
  },
  'pre-token-generation': {
    help: 'Pre token generation (event version 1)',
    sources: ['TokenGeneration_Authentication', 'TokenGeneration_HostedAuth', 'TokenGeneration_NewPasswordChallenge', 'TokenGeneration_AuthenticateDevice', 'TokenGeneration_RefreshTokens'],
    request: (_o, userAttributes) => ({ userAttributes, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null }, clientMetadata: {} }),
    response: { claimsOverrideDetails: null },
  },
  'pre-token-generation-v2': {
    help: 'Pre token generation (event version 2: access token customization)',
    sources: ['TokenGeneration_Authentication', 'TokenGeneration_HostedAuth', 'TokenGeneration_NewPasswordChallenge', 'TokenGeneration_AuthenticateDevice', 'TokenGeneration_RefreshTokens'],
    request: (_o, userAttributes) => ({ userAttributes, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null }, scopes: ['openid', 'email', 'aws.cognito.signin.user.admin'], clientMetadata: {} }),
    response: { claimsAndScopeOverrideDetails: null },
    version: '2',
  },
  'user-migration': {
    help: 'Migrate user',
    sources: ['UserMigration_Authentication', 'UserMigration_ForgotPassword'],
    request: () => ({ password: 'example-password', validationData: null, clientMetadata: {} }),
    response: { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null },
  },
  'custom-message': {
    help: 'Custom message',
    sources: ['CustomMessage_SignUp', 'CustomMessage_AdminCreateUser', 'CustomMessage_ResendCode', 'CustomMessage_ForgotPassword', 'CustomMessage_UpdateUserAttribute', 'CustomMessage_VerifyUserAttribute', 'CustomMessage_Authentication'],
    request: (_o, userAttributes) => ({ userAttributes, codeParameter: '{####}', linkParameter: '{##Click Here##}', usernameParameter: null, clientMetadata: {} }),
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  },
};

const common = {
  'user-pool-id': { default: 'us-east-1_EXAMPLE', help: 'user pool id' },
  'user-name': { default: 'jane', help: 'user name' },
  email: { default: 'jane@example.com', help: 'email attribute' },
  'client-id': { default: '1example23456789', help: 'app client id' },
};

function build(trigger: Trigger, o: Readonly<Record<string, string>>, ctx: SampleContext): Record<string, unknown> {
  const source = o['trigger-source'] ?? trigger.sources[0]!;
  if (!trigger.sources.includes(source)) throw new Error(`--trigger-source must be one of ${trigger.sources.join(', ')}, got ${source}`);
  const confirmed = !source.startsWith('PreSignUp') && !source.startsWith('UserMigration');
  const attrs: Record<string, string> = { sub: randomUUID(), 'cognito:user_status': confirmed ? 'CONFIRMED' : 'UNCONFIRMED', email_verified: confirmed ? 'true' : 'false', email: o['email'] ?? '' };
  return {
    version: trigger.version ?? '1',
    triggerSource: source,
    region: ctx.partition.region,
    userPoolId: o['user-pool-id'],
    userName: o['user-name'],
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: o['client-id'] },
    request: trigger.request(o, attrs),
    response: { ...trigger.response },
  };
}

function sample(name: string, trigger: Trigger): SampleType {
  return {
    help: `Cognito user pool trigger: ${trigger.help} (${trigger.sources.join(', ')})`,
    options: {
      'trigger-source': { default: trigger.sources[0]!, help: trigger.sources.join(', ') },
      ...common,
      ...(name === 'verify-auth-challenge' ? { 'challenge-answer': { default: '123456', help: "the user's answer" } } : {}),
    },
    build: (o, ctx) => build(trigger, o, ctx),
  };
}

/** Which trigger a triggerSource belongs to. */
export function cognitoTriggerOf(source: string): string | undefined {
  return Object.entries(COGNITO_TRIGGERS).find(([, t]) => t.sources.includes(source))?.[0];
}

/** `generate-event cognito <trigger>`, plus `user-pool-trigger` choosing the trigger by its source. */
export const cognitoSamples: Readonly<Record<string, Readonly<Record<string, SampleType>>>> = {
  cognito: {
    'user-pool-trigger': {
      help: 'Cognito user pool trigger chosen by --trigger-source (any documented source)',
      options: { 'trigger-source': { default: 'PreSignUp_SignUp', help: 'triggerSource, e.g. PostConfirmation_ConfirmSignUp' }, ...common },
      build: (o, ctx) => {
        const source = o['trigger-source'] ?? 'PreSignUp_SignUp';
        const name = cognitoTriggerOf(source);
        if (!name) throw new Error(`--trigger-source ${source} is not a documented user pool trigger source; sources: ${[...new Set(Object.values(COGNITO_TRIGGERS).flatMap((t) => t.sources))].join(', ')}`);
        return build(COGNITO_TRIGGERS[name]!, o, ctx);
      },
    },
    ...Object.fromEntries(Object.entries(COGNITO_TRIGGERS).map(([name, t]) => [name, sample(name, t)])),
  },
};
