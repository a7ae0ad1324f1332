// Entry point of Lambda Workbench's Java runtime client: loads the function's code in its own class
// loader, resolves _HANDLER, then serves invocations from the Runtime API until the process ends.
package lambdaworkbench;

import java.io.File;
import java.io.IOError;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

public final class Main {
    private Main() {}

    private static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    public static void main(String[] argv) throws Exception {
        boolean snapStart = "snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
        // Before any org.crac.Core initializes: resources registered by the function's code reach Core.java.
        if (snapStart) System.setProperty("org.crac.Core.Compat", "lambdaworkbench");
        LogSink.open();
        RuntimeApi api = new RuntimeApi(System.getenv("AWS_LAMBDA_RUNTIME_API"));
        ClassLoader loader = new URLClassLoader(classpath(), ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        ContextFactory contexts = new ContextFactory(loader);
        Handler handler;
        try {
            handler = new HandlerLoader(loader, contexts.contextClass).load(System.getenv("_HANDLER"));
        } catch (Fault f) {
            LogSink.log(f.reportable(), "ERROR");
            api.initError("Runtime.BadFunctionCode", f.payload());
            System.exit(1);
            return;
        }
        if (snapStart) snapshotAndRestore(api);
        while (true) {
            Invocation inv = api.next();
            LogSink.requestId = inv.requestId;
            if (inv.traceId != null) System.setProperty(TRACE_PROPERTY, inv.traceId);
            else System.clearProperty(TRACE_PROPERTY);
            boolean exit = false;
            try {
                byte[] out = handler.call(inv.payload, contexts.create(inv));
                System.out.flush();
                api.respond(inv.requestId, out);
                Thread.interrupted();
            } catch (Fault f) {
                System.out.flush();
                exit = f.fatal;
                LogSink.log(f.reportable(), "ERROR");
                api.error(inv.requestId, f.type, f.payload());
            } catch (Throwable t) {
                System.out.flush();
                exit = t instanceof VirtualMachineError || t instanceof IOError;
                Fault.filter(t, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
                Fault f = Fault.of(t, exit);
                LogSink.log(f.reportable(), "ERROR");
                api.error(inv.requestId, t.getClass().getName(), Fault.payload(t));
            }
            if (exit) System.exit(1);
        }
    }

    /** SnapStart: beforeCheckpoint hooks, the snapshot (/restore/next), then afterRestore hooks. */
    private static void snapshotAndRestore(RuntimeApi api) throws java.io.IOException {
        try {
            Core.getGlobalContext().beforeCheckpoint(null);
        } catch (Throwable t) {
            LogSink.log(Fault.of(t, false).reportable(), "ERROR");
            api.initError("Runtime.BeforeSnapshotError", Fault.payload(t));
            System.exit(1);
        }
        api.restoreNext();
        try {
            Core.getGlobalContext().afterRestore(null);
        } catch (Throwable t) {
            LogSink.log(Fault.of(t, false).reportable(), "ERROR");
            api.restoreError("Runtime.AfterRestoreError", Fault.payload(t));
            System.exit(1);
        }
    }

    /** The function's class path, computed by the engine: code root, lib/*.jar, layers' java/lib/*.jar. */
    private static URL[] classpath() throws MalformedURLException {
        String cp = System.getenv("_LAMBDA_WORKBENCH_JAVA_CLASSPATH");
        List<URL> urls = new ArrayList<>();
        if (cp == null) cp = System.getenv("LAMBDA_TASK_ROOT");
        for (String entry : cp.split(File.pathSeparator)) if (!entry.isEmpty()) urls.add(new File(entry).toURI().toURL());
        return urls.toArray(new URL[0]);
    }
}
