// Runtime API client: HTTP/1.1 over one kept-alive socket (java.net.http and HttpURLConnection load
// hundreds of classes, a visible part of a cold start).
package lambdaworkbench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

final class RuntimeApi {
    static final class Response {
        int status;
        final Map<String, String> headers = new HashMap<>();
        byte[] body;
    }

    private final String address;
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RuntimeApi(String address) {
        this.address = address;
        int colon = address.lastIndexOf(':');
        this.host = address.substring(0, colon).replace("[", "").replace("]", "");
        this.port = Integer.parseInt(address.substring(colon + 1));
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port));
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    private void close() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        socket = null;
    }

    Response request(String method, String path, byte[] body, String extraHeaders) throws IOException {
        for (int attempt = 0; ; attempt++) {
            boolean fresh = socket == null;
            if (fresh) connect();
            try {
                String head = method + " /2018-06-01/runtime" + path + " HTTP/1.1\r\nHost: " + address + "\r\nUser-Agent: lambda-workbench-java\r\n"
                        + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                if (fresh || attempt > 0) throw e;
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
        }
        if (c == -1 && b.size() == 0) throw new IOException("the Runtime API closed the connection");
        return b.toString("UTF-8");
    }

    private Response read() throws IOException {
        Response r = new Response();
        String status = line();
        r.status = Integer.parseInt(status.split(" ")[1]);
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon > 0) r.headers.put(h.substring(0, colon).trim().toLowerCase(), h.substring(colon + 1).trim());
        }
        String length = r.headers.get("content-length");
        if ("chunked".equalsIgnoreCase(r.headers.get("transfer-encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                b.write(readExactly(size));
                line();
            }
            line();
            r.body = b.toByteArray();
        } else {
            r.body = readExactly(length == null ? 0 : Integer.parseInt(length));
        }
        if ("close".equalsIgnoreCase(r.headers.get("connection"))) close();
        return r;
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] b = new byte[n];
        for (int off = 0; off < n; ) {
            int k = in.read(b, off, n - off);
            if (k < 0) throw new IOException("the Runtime API closed the connection mid-body");
            off += k;
        }
        return b;
    }

    /** Blocks until the next invocation. */
    Invocation next() throws IOException {
        Response r = request("GET", "/invocation/next", new byte[0], "");
        if (r.status != 200) throw new IOException("Request to Lambda Runtime 'next' endpoint failed. Reason: '" + r.status + "'. Response body: '" + new String(r.body, StandardCharsets.UTF_8) + "'");
        Invocation inv = new Invocation();
        inv.requestId = r.headers.get("lambda-runtime-aws-request-id");
        String deadline = r.headers.get("lambda-runtime-deadline-ms");
        inv.deadlineMs = deadline == null ? Long.MAX_VALUE : Long.parseLong(deadline);
        inv.invokedArn = r.headers.get("lambda-runtime-invoked-function-arn");
        inv.traceId = r.headers.get("lambda-runtime-trace-id");
        inv.tenantId = r.headers.get("lambda-runtime-aws-tenant-id");
        inv.cognito = jsonHeader(r.headers.get("lambda-runtime-cognito-identity"));
        inv.clientContext = jsonHeader(r.headers.get("lambda-runtime-client-context"));
        inv.payload = r.body;
        return inv;
    }

    private static Map<?, ?> jsonHeader(String value) {
        if (value == null || value.isEmpty()) return null;
        try {
            Object v = Json.parse(value);
            return v instanceof Map ? (Map<?, ?>) v : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    void respond(String requestId, byte[] body) throws IOException {
        request("POST", "/invocation/" + requestId + "/response", body, "");
    }

    void error(String requestId, String errorType, byte[] body) throws IOException {
        request("POST", "/invocation/" + requestId + "/error", body, errorHeaders(errorType));
    }

    /** SnapStart: blocks while the snapshot is taken; returns once the environment is restored. */
    void restoreNext() throws IOException {
        Response r = request("GET", "/restore/next", new byte[0], "");
        if (r.status != 200) throw new IOException("Request to Lambda Runtime 'restore/next' endpoint failed. Reason: '" + r.status + "'");
    }

    void restoreError(String errorType, byte[] body) throws IOException {
        request("POST", "/restore/error", body, errorHeaders(errorType));
    }

    void initError(String errorType, byte[] body) throws IOException {
        request("POST", "/init/error", body, errorHeaders(errorType));
    }

    private static String errorHeaders(String errorType) {
        String t = errorType == null ? "Runtime.Unknown" : errorType.replace("\r", "").replace("\n", "");
        return "Content-Type: application/json\r\nLambda-Runtime-Function-Error-Type: " + t + "\r\n";
    }
}
