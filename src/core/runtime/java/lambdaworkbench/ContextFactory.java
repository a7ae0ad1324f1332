// The handler's Context, LambdaLogger, CognitoIdentity and ClientContext: the function's own
// aws-lambda-java-core interfaces (from its class loader) implemented with dynamic proxies, so the
// client itself depends on nothing.
package lambdaworkbench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

final class ContextFactory {
    static final String CORE = "com.amazonaws.services.lambda.runtime.";
    private final ClassLoader loader;
    final Class<?> contextClass;
    private final Class<?> loggerClass;
    final Object logger;

    ContextFactory(ClassLoader loader) {
        this.loader = loader;
        this.contextClass = load(CORE + "Context");
        this.loggerClass = load(CORE + "LambdaLogger");
        this.logger = loggerClass == null ? null : proxy(loggerClass, (self, m, args) -> {
            if (isObjectMethod(m)) return objectMethod(self, m, args, "LambdaLogger");
            if (m.getName().equals("log") && args != null && args.length >= 1) {
                Object msg = args[0];
                String text = msg instanceof byte[] ? new String((byte[]) msg, StandardCharsets.UTF_8) : String.valueOf(msg);
                LogSink.log(text, args.length > 1 && args[1] != null ? args[1].toString() : null);
                return null;
            }
            return defaultOrNull(self, m, args);
        });
        if (logger != null) installRuntimeLogger();
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** LambdaRuntime.getLogger() returns the same logger, as the AWS client arranges. */
    private void installRuntimeLogger() {
        Class<?> runtime = load(CORE + "LambdaRuntime");
        if (runtime == null) return;
        try {
            java.lang.reflect.Field f = runtime.getDeclaredField("logger");
            f.setAccessible(true);
            f.set(null, logger);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // an aws-lambda-java-core without the field: getLogger() keeps printing to stdout
        }
    }

    private Object proxy(Class<?> iface, InvocationHandler h) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {iface}, h);
    }

    private static boolean isObjectMethod(Method m) {
        return m.getDeclaringClass() == Object.class;
    }

    private static Object objectMethod(Object self, Method m, Object[] args, String label) {
        switch (m.getName()) {
            case "equals": return self == args[0];
            case "hashCode": return System.identityHashCode(self);
            default: return label;
        }
    }

    private static Object defaultOrNull(Object self, Method m, Object[] args) throws Throwable {
        if (m.isDefault()) {
            try {
                Method invokeDefault = InvocationHandler.class.getMethod("invokeDefault", Object.class, Method.class, Object[].class);
                return invokeDefault.invoke(null, self, m, args);
            } catch (NoSuchMethodException e) {
                // Java 11-15: default methods answer null
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
        Class<?> r = m.getReturnType();
        if (r == int.class || r == long.class) return r == int.class ? (Object) 0 : (Object) 0L;
        if (r == boolean.class) return false;
        return null;
    }

    /** A Context for one invocation. */
    Object create(Invocation inv) {
        if (contextClass == null) return null;
        final Object identity = inv.cognito == null ? null : mapBacked("CognitoIdentity", inv.cognito, null);
        final Object client = inv.clientContext == null ? null : mapBacked("ClientContext", inv.clientContext, "Client");
        final String memory = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        return proxy(contextClass, (self, m, args) -> {
            if (isObjectMethod(m)) return objectMethod(self, m, args, "LambdaContext[" + inv.requestId + "]");
            switch (m.getName()) {
                case "getAwsRequestId": return inv.requestId;
                case "getLogGroupName": return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
                case "getLogStreamName": return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
                case "getFunctionName": return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
                case "getFunctionVersion": return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
                case "getInvokedFunctionArn": return inv.invokedArn;
                case "getIdentity": return identity;
                case "getClientContext": return client;
                case "getRemainingTimeInMillis": return (int) Math.max(0, inv.deadlineMs - System.currentTimeMillis());
                case "getMemoryLimitInMB": return memory == null ? 128 : Integer.parseInt(memory);
                case "getLogger": return logger;
                case "getXrayTraceId": return inv.traceId;
                case "getTenantId": return inv.tenantId;
                default: return defaultOrNull(self, m, args);
            }
        });
    }

    /** CognitoIdentity / ClientContext / Client over the JSON the Runtime API passes in headers. */
    private Object mapBacked(String iface, Map<?, ?> data, String nested) {
        Class<?> c = load(CORE + iface);
        if (c == null) return null;
        return proxy(c, (self, m, args) -> {
            if (isObjectMethod(m)) return objectMethod(self, m, args, iface + data);
            String name = m.getName().startsWith("get") ? m.getName().substring(3) : m.getName();
            Object v = lookup(data, name);
            if (nested != null && name.equals("Client") && v instanceof Map) return mapBacked(nested, (Map<?, ?>) v, null);
            if (Map.class.isAssignableFrom(m.getReturnType())) return v instanceof Map ? v : Collections.emptyMap();
            return v == null ? defaultOrNull(self, m, args) : String.valueOf(v);
        });
    }

    /** JSON keys differ from the getters: installation_id, env, cognitoIdentityId ... */
    private static Object lookup(Map<?, ?> data, String getter) {
        String want = getter.toLowerCase();
        if (want.equals("environment")) want = "env";
        for (Map.Entry<?, ?> e : data.entrySet()) {
            String k = String.valueOf(e.getKey()).replace("_", "").toLowerCase();
            if (k.equals(want) || k.equals("cognito" + want)) return e.getValue();
        }
        return null;
    }
}
