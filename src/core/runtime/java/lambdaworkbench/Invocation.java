// One invocation as the Runtime API hands it over (GET /runtime/invocation/next).
package lambdaworkbench;

import java.util.Map;

final class Invocation {
    String requestId;
    long deadlineMs;
    String invokedArn;
    String traceId;
    String tenantId;
    Map<?, ?> cognito;
    Map<?, ?> clientContext;
    byte[] payload;
}
