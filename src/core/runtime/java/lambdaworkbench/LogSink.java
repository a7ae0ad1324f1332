// Where the Java client's log events go: one JSON record per event on the engine's log channel
// (_LAMBDA_WORKBENCH_LOG_FD, read by outputCapture.ts), or stdout when it is absent.
package lambdaworkbench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

final class LogSink {
    private static OutputStream channel;
    private static boolean json;
    private static String minLevel = "TRACE";
    static volatile String requestId;

    private static final java.time.format.DateTimeFormatter TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

    static void open() {
        String fd = System.getenv("_LAMBDA_WORKBENCH_LOG_FD");
        json = "JSON".equals(System.getenv("AWS_LAMBDA_LOG_FORMAT"));
        String level = System.getenv("AWS_LAMBDA_LOG_LEVEL");
        if (level != null) minLevel = level.toUpperCase();
        if (fd == null) return;
        try {
            java.lang.reflect.Constructor<FileDescriptor> c = FileDescriptor.class.getDeclaredConstructor(int.class);
            c.setAccessible(true);
            channel = new FileOutputStream(c.newInstance(Integer.parseInt(fd)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                channel = new FileOutputStream("/proc/self/fd/" + fd);
            } catch (IOException notReopenable) {
                channel = null;
            }
        }
    }

    private static int rank(String level) {
        for (int k = 0; k < LEVELS.length; k++) if (LEVELS[k].equals(level)) return k;
        return -1;
    }

    /** One LambdaLogger call; `level` is null for the level-less log(String). */
    static void log(String message, String level) {
        if (json) {
            String l = level == null || level.equals("UNDEFINED") ? "UNDEFINED" : level;
            if (!l.equals("UNDEFINED") && rank(l) < rank(minLevel)) return;
            StringBuilder b = new StringBuilder("{\"timestamp\":");
            Json.quote(b, TIMESTAMP.format(java.time.Instant.now()));
            b.append(",\"level\":");
            Json.quote(b, l);
            b.append(",\"message\":");
            Json.quote(b, message);
            if (requestId != null) {
                b.append(",\"AWSRequestId\":");
                Json.quote(b, requestId);
            }
            message = b.append("}\n").toString();
        }
        emit(message);
    }

    static synchronized void emit(String message) {
        // One event per call, ending with a newline like every other line of the log stream.
        if (!message.endsWith("\n")) message = message + "\n";
        if (channel == null) {
            PrintStream out = System.out;
            out.print(message.substring(0, message.length() - 1).replace('\n', '\r'));
            out.print('\n');
            out.flush();
            return;
        }
        StringBuilder b = new StringBuilder("{\"t\":").append(System.currentTimeMillis()).append(",\"m\":");
        Json.quote(b, message);
        b.append("}\n");
        try {
            channel.write(b.toString().getBytes(StandardCharsets.UTF_8));
            channel.flush();
        } catch (IOException e) {
            System.out.print(message);
        }
    }
}
