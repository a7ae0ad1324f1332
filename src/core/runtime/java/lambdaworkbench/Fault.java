// A failure to report the way the AWS Java runtime reports it: message, exception class, printed trace,
// and whether the runtime must exit afterwards.
package lambdaworkbench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class Fault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String msg;
    final String type;
    final String trace;
    final boolean fatal;

    Fault(String msg, String type, String trace, boolean fatal) {
        super(msg, null, false, false);
        this.msg = msg;
        this.type = type;
        this.trace = trace;
        this.fatal = fatal;
    }

    static Fault of(Throwable t, boolean fatal) {
        String m = t.getLocalizedMessage() == null ? t.getClass().getName() : t.getLocalizedMessage();
        return new Fault(m, t.getClass().getName(), trace(t), fatal);
    }

    static Fault message(String msg) {
        return new Fault(msg, null, null, false);
    }

    static String trace(Throwable t) {
        filter(t, Collections.newSetFromMap(new IdentityHashMap<>()));
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** Cuts every trace at the first frame of this client, as the AWS client cuts at its own package. */
    static <T extends Throwable> T filter(T t, Set<Throwable> seen) {
        if (!seen.add(t)) return t;
        StackTraceElement[] trace = t.getStackTrace();
        for (int k = 0; k < trace.length; k++) {
            if (trace[k].getClassName().startsWith("lambdaworkbench.")) {
                StackTraceElement[] cut = new StackTraceElement[k];
                System.arraycopy(trace, 0, cut, 0, k);
                t.setStackTrace(cut);
                break;
            }
        }
        if (t.getCause() != null) filter(t.getCause(), seen);
        for (Throwable s : t.getSuppressed()) filter(s, seen);
        return t;
    }

    /** The line the runtime logs for a fault (UserFault.reportableError). */
    String reportable() {
        if (type != null || trace != null) return String.format("%s: %s%n%s%n", msg, type == null ? "" : type, trace == null ? "" : trace);
        return msg + "\n";
    }

    /** The error document posted to the Runtime API (no stack trace, as for the AWS client's faults). */
    byte[] payload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorMessage", msg);
        if (type != null) m.put("errorType", type);
        return Json.write(m).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The error document of an exception the handler threw. */
    static byte[] payload(Throwable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorMessage", t.getLocalizedMessage() == null ? t.getClass().getName() : t.getLocalizedMessage());
        m.put("errorType", t.getClass().getName());
        List<Object> frames = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) frames.add(e.toString());
        m.put("stackTrace", frames);
        return Json.write(m).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
