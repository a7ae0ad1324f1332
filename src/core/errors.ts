// Typed, Lambda-shaped errors: the one place user-facing API errors are made.
// An ApiError becomes an AWS REST-JSON error response (x-amzn-ErrorType + {"Type","Message","message"}).

/** An error the Lambda API returns to its caller, with the exact AWS exception name and status. */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    readonly statusCode: number,
    message: string,
    /** Extra body fields, e.g. `Reason` on TooManyRequestsException. */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = type;
  }
}

export const resourceNotFound = (message: string): ApiError =>
  new ApiError('ResourceNotFoundException', 404, message);

export const functionNotFound = (arn: string): ApiError => resourceNotFound(`Function not found: ${arn}`);

export const invalidParameter = (message: string): ApiError =>
  new ApiError('InvalidParameterValueException', 400, message);

export const resourceConflict = (message: string): ApiError =>
  new ApiError('ResourceConflictException', 409, message);

export const preconditionFailed = (message: string): ApiError =>
  new ApiError('PreconditionFailedException', 412, message);

export const accessDenied = (message: string): ApiError => new ApiError('AccessDeniedException', 403, message);

export const serviceError = (message: string): ApiError => new ApiError('ServiceException', 500, message);

/** `1 validation error detected: Value '<v>' at '<field>' failed to satisfy constraint: <constraint>` */
export const validationError = (value: unknown, field: string, constraint: string): ApiError =>
  new ApiError(
    'ValidationException',
    400,
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );

export type ThrottleReason =
  | 'ConcurrentInvocationLimitExceeded'
  | 'ReservedFunctionConcurrentInvocationLimitExceeded'
  | 'FunctionInvocationRateLimitExceeded';

export const tooManyRequests = (reason: ThrottleReason): ApiError =>
  new ApiError('TooManyRequestsException', 429, 'Rate Exceeded.', { Reason: reason }, { 'Retry-After': '1' });

/** CloudWatch Logs errors (JSON protocol): every client error is HTTP 400 with AWS's exception name. */
export type LogsErrorType =
  | 'InvalidParameterException'
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'InvalidOperationException'
  | 'LimitExceededException'
  | 'SessionTimeoutException'
  | 'SerializationException'
  | 'UnknownOperationException';

export const logsError = (type: LogsErrorType, message: string): ApiError => new ApiError(type, 400, message);

/** A problem the user must fix before the engine can do what was asked (bad template, missing interpreter...). */
export class WorkbenchError extends Error {
  constructor(message: string, readonly code: string = 'Workbench') {
    super(message);
    this.name = 'WorkbenchError';
  }
}

/** Message of any thrown value, for logs and UI. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
