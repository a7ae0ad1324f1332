// A loaded handler, ready to run invocations: a method (POJO or stream style) on an instance or class.
package lambdaworkbench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;

final class Handler {
    /** What each parameter of the method receives. */
    enum Arg { INPUT, INPUT_STREAM, OUTPUT_STREAM, CONTEXT }

    final Method method;
    final Object instance;
    final Arg[] args;
    final Type inputType;
    final Type outputType;
    /** Called through RequestHandler/RequestStreamHandler, which the AWS client calls directly (no reflection frames). */
    final boolean viaInterface;
    private final Fault fault;

    Handler(Method method, Object instance, Arg[] args, Type inputType, Type outputType, boolean viaInterface) {
        this.method = method;
        this.instance = instance;
        this.args = args;
        this.inputType = inputType;
        this.outputType = outputType;
        this.viaInterface = viaInterface;
        this.fault = null;
        method.setAccessible(true);
    }

    /** A handler that fails every invocation (a loading problem Lambda reports at invoke time). */
    Handler(Fault fault) {
        this.method = null;
        this.instance = null;
        this.args = null;
        this.inputType = null;
        this.outputType = null;
        this.viaInterface = false;
        this.fault = fault;
    }

    private boolean isStream() {
        for (Arg a : args) if (a == Arg.INPUT_STREAM || a == Arg.OUTPUT_STREAM) return true;
        return false;
    }

    /** Runs one invocation and returns the response bytes; throws the handler's exception or a Fault. */
    byte[] call(byte[] payload, Object context) throws Throwable {
        if (fault != null) throw fault;
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        Object input = null;
        if (!isStream()) {
            for (Arg a : args) {
                if (a != Arg.INPUT) continue;
                try {
                    String text = new String(payload, StandardCharsets.UTF_8);
                    input = text.trim().isEmpty() ? null : Binder.fromTree(Json.parse(text), inputType);
                } catch (Throwable t) {
                    throw new RuntimeException("An error occurred during JSON parsing", Fault.filter(t, Collections.newSetFromMap(new IdentityHashMap<>())));
                }
            }
        }
        Object[] values = new Object[args.length];
        InputStream in = new ByteArrayInputStream(payload);
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case INPUT: values[k] = input; break;
                case INPUT_STREAM: values[k] = in; break;
                case OUTPUT_STREAM: values[k] = (OutputStream) out; break;
                default: values[k] = context;
            }
        }
        Object result;
        try {
            result = method.invoke(instance, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (viaInterface) dropReflectionFrames(cause);
            throw cause;
        }
        if (isStream()) return out.toByteArray();
        if (outputType == null || outputType == void.class || outputType == Void.class) return "null".getBytes(StandardCharsets.UTF_8);
        try {
            return Json.write(Binder.toTree(result)).getBytes(StandardCharsets.UTF_8);
        } catch (Throwable t) {
            throw new RuntimeException("An error occurred during JSON serialization of response", t);
        }
    }

    private static void dropReflectionFrames(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        int end = trace.length;
        while (end > 0) {
            String c = trace[end - 1].getClassName();
            if (c.startsWith("lambdaworkbench.") || c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.") || c.startsWith("java.lang.invoke.")) end--;
            else break;
        }
        if (end < trace.length) {
            StackTraceElement[] cut = new StackTraceElement[end];
            System.arraycopy(trace, 0, cut, 0, end);
            t.setStackTrace(cut);
        }
    }
}
