package samc.bootstrap;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * samc's runtime interface client for Lambda java runtimes (JDK only). Speaks the Lambda Runtime API at
 * AWS_LAMBDA_RUNTIME_API: loads _HANDLER ("package.Class::method" or "package.Class") from the class path, then loops
 * on invocation/next and posts each result or error in Lambda's shapes.
 */
public final class SamcJavaBootstrap {
    private static final String BASE = "/2018-06-01/runtime";
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
    private static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    private static PrintStream out;
    private static Connection client;

    private SamcJavaBootstrap() {
    }

    public static void main(String[] args) throws Exception {
        out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        System.setOut(out);
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, "UTF-8"));
        client = new Connection(System.getenv("AWS_LAMBDA_RUNTIME_API"));
        Invoker invoker;
        try {
            invoker = load(System.getenv("_HANDLER") == null ? "" : System.getenv("_HANDLER"));
        } catch (Throwable e) {
            Throwable cause = e instanceof InitError ? e : unwrap(e);
            String type = e instanceof InitError ? ((InitError) e).type : cause.getClass().getName();
            String body = e instanceof InitError && ((InitError) e).bare
                ? errorJson(cause.getMessage(), type, null)
                : errorJson(cause.getMessage(), type, cause);
            out.println(body);
            client.request("POST", BASE + "/init/error", body.getBytes(StandardCharsets.UTF_8), ERROR_TYPE_HEADER, type);
            System.exit(1);
            return;
        }

        while (true) {
            Response next = client.request("GET", BASE + "/invocation/next", null, null, null);
            if (next.status != 200) {
                System.err.println("samc bootstrap: unexpected status " + next.status + " from invocation/next");
                System.exit(1);
            }

            invoke(invoker, next);
        }
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof InvocationTargetException || e instanceof ExceptionInInitializerError) && e.getCause() != null) {
            e = e.getCause();
        }

        return e;
    }

    private static void invoke(Invoker invoker, Response next) throws IOException {
        String requestId = next.header("lambda-runtime-aws-request-id");
        String trace = next.header("lambda-runtime-trace-id");
        if (trace != null) {
            System.setProperty("com.amazonaws.xray.traceHeader", trace);
        } else {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        }

        long deadline = parseLong(next.header("lambda-runtime-deadline-ms"));
        LambdaContext context = new LambdaContext(requestId, deadline, next.header("lambda-runtime-invoked-function-arn"),
            next.header("lambda-runtime-cognito-identity"), next.header("lambda-runtime-client-context"));
        String path = BASE + "/invocation/" + requestId;
        byte[] payload;
        try {
            payload = invoker.invoke(next.body, context);
        } catch (Throwable e) {
            Throwable cause = unwrap(e);
            String type = cause.getClass().getName();
            String body = errorJson(cause.getMessage(), type, cause);
            out.println(body);
            out.flush();
            client.request("POST", path + "/error", body.getBytes(StandardCharsets.UTF_8), ERROR_TYPE_HEADER, type);
            return;
        }

        out.flush();
        Response answer = client.request("POST", path + "/response", payload, null, null);
        if (answer.status == 413) {
            System.err.println("[ERROR] " + new String(answer.body, StandardCharsets.UTF_8));
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- handler loading

    /** An error raised while loading the handler, posted to /init/error with its Lambda error type. */
    static final class InitError extends Exception {
        final String type;
        final boolean bare;

        InitError(String type, String message, boolean bare) {
            super(message);
            this.type = type;
            this.bare = bare;
        }
    }

    interface Invoker {
        byte[] invoke(byte[] event, Context context) throws Throwable;
    }

    static Invoker load(String handler) throws Throwable {
        String className = handler;
        String methodName = null;
        int colons = handler.indexOf("::");
        if (colons >= 0) {
            className = handler.substring(0, colons);
            methodName = handler.substring(colons + 2);
        }

        if (className.isEmpty() || (methodName != null && methodName.isEmpty())) {
            throw new InitError("java.lang.IllegalArgumentException", "Invalid handler " + handler + ": the valid format is package.Class::method or package.Class", true);
        }

        Class<?> type;
        try {
            type = Class.forName(className, true, SamcJavaBootstrap.class.getClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new InitError("java.lang.ClassNotFoundException", "Class not found: " + className, true);
        }

        if (methodName == null) {
            if (implementsNamed(type, STREAM_HANDLER)) {
                Object instance = instantiate(type);
                Method m = type.getMethod("handleRequest", InputStream.class, OutputStream.class, contextClass(type));
                return streamInvoker(instance, m, true);
            }

            if (implementsNamed(type, REQUEST_HANDLER)) {
                Method m = pickPojoMethod(type, "handleRequest");
                if (m != null) {
                    return pojoInvoker(Modifier.isStatic(m.getModifiers()) ? null : instantiate(type), m);
                }
            }

            methodName = "handleRequest";
        }

        Method method = pickMethod(type, methodName);
        if (method == null) {
            throw new InitError("java.lang.NoSuchMethodException", "No public method named " + methodName + " with appropriate method signature found on class " + type.getName(), true);
        }

        Object instance = Modifier.isStatic(method.getModifiers()) ? null : instantiate(type);
        Class<?>[] p = method.getParameterTypes();
        if (p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class) {
            return streamInvoker(instance, method, p.length == 3);
        }

        return pojoInvoker(instance, method);
    }

    private static Class<?> contextClass(Class<?> type) throws ClassNotFoundException {
        return Class.forName(CONTEXT, false, type.getClassLoader() == null ? SamcJavaBootstrap.class.getClassLoader() : type.getClassLoader());
    }

    private static boolean implementsNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name) || implementsNamed(i, name)) {
                    return true;
                }
            }
        }

        return false;
    }

    private static Object instantiate(Class<?> type) throws Throwable {
        Constructor<?> ctor;
        try {
            ctor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new InitError("java.lang.NoSuchMethodException", "Class " + type.getName() + " has no public zero-argument constructor", true);
        }

        ctor.setAccessible(true);
        try {
            return ctor.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean isContext(Class<?> c) {
        return c.getName().equals(CONTEXT);
    }

    /** The handler method: a stream shape first, then the non-bridge overload with the most parameters (at most 2). */
    private static Method pickMethod(Class<?> type, String name) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(name) || m.isBridge() || m.isSynthetic()) {
                continue;
            }

            Class<?>[] p = m.getParameterTypes();
            boolean stream = p.length >= 2 && p.length <= 3 && p[0] == InputStream.class && p[1] == OutputStream.class
                && (p.length == 2 || isContext(p[2]));
            boolean pojo = p.length <= 2 && (p.length < 2 || isContext(p[1]));
            if (stream || pojo) {
                candidates.add(m);
            }
        }

        candidates.sort(Comparator.comparingInt((Method m) -> isStreamShape(m) ? 0 : 1)
            .thenComparingInt(m -> -m.getParameterCount())
            .thenComparingInt(m -> m.getDeclaringClass() == Object.class ? 1 : 0));
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private static boolean isStreamShape(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class;
    }

    private static Method pickPojoMethod(Class<?> type, String name) {
        Method best = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && !m.isBridge() && m.getParameterCount() == 2 && isContext(m.getParameterTypes()[1])) {
                if (best == null || best.getParameterTypes()[0] == Object.class) {
                    best = m;
                }
            }
        }

        return best;
    }

    private static Invoker streamInvoker(Object instance, Method method, boolean withContext) {
        method.setAccessible(true);
        return (event, context) -> {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            InputStream input = new ByteArrayInputStream(event);
            if (withContext) {
                method.invoke(instance, input, output, context);
            } else {
                method.invoke(instance, input, output);
            }

            return output.toByteArray();
        };
    }

    private static Invoker pojoInvoker(Object instance, Method method) {
        method.setAccessible(true);
        Type[] parameters = method.getGenericParameterTypes();
        boolean takesEvent = parameters.length == 2 || (parameters.length == 1 && !isContext(method.getParameterTypes()[0]));
        boolean takesContext = parameters.length == 2 || (parameters.length == 1 && !takesEvent);
        Type input = takesEvent ? parameters[0] : null;
        boolean isVoid = method.getReturnType() == void.class || method.getReturnType() == Void.class;
        return (event, context) -> {
            Object[] args = new Object[parameters.length];
            int i = 0;
            if (takesEvent) {
                Object parsed;
                try {
                    String text = new String(event, StandardCharsets.UTF_8);
                    parsed = text.trim().isEmpty() ? null : Json.parse(text);
                    args[i++] = Json.convert(parsed, input);
                } catch (IllegalArgumentException e) {
                    throw new RuntimeException("An error occurred during JSON parsing", e);
                }
            }

            if (takesContext) {
                args[i] = context;
            }

            Object result = method.invoke(instance, args);
            if (isVoid) {
                return "null".getBytes(StandardCharsets.UTF_8);
            }

            StringBuilder sb = new StringBuilder();
            Json.write(result, sb);
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    // ---------------------------------------------------------------- errors

    static String errorJson(String message, String type, Throwable e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessage", message);
        body.put("errorType", type);
        if (e != null) {
            body.put("stackTrace", stackOf(e));
            Throwable cause = e.getCause();
            if (cause != null && cause != e) {
                body.put("cause", errorMap(cause, 0));
            }
        }

        StringBuilder sb = new StringBuilder();
        Json.write(body, sb);
        return sb.toString();
    }

    private static Map<String, Object> errorMap(Throwable e, int depth) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessage", e.getMessage());
        body.put("errorType", e.getClass().getName());
        body.put("stackTrace", stackOf(e));
        if (e.getCause() != null && e.getCause() != e && depth < 8) {
            body.put("cause", errorMap(e.getCause(), depth + 1));
        }

        return body;
    }

    private static List<Object> stackOf(Throwable e) {
        List<Object> frames = new ArrayList<>();
        for (StackTraceElement frame : e.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith("samc.bootstrap.") || cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
                || cls.startsWith("sun.reflect.")) {
                continue;
            }

            frames.add(frame.toString());
        }

        return frames;
    }

    // ---------------------------------------------------------------- context

    static final class LambdaContext implements Context {
        private final String requestId;
        private final long deadline;
        private final String arn;
        private final CognitoIdentity identity;
        private final ClientContext clientContext;

        LambdaContext(String requestId, long deadline, String arn, String identity, String clientContext) {
            this.requestId = requestId;
            this.deadline = deadline;
            this.arn = arn;
            this.identity = identity == null || identity.isEmpty() ? null : makeIdentity(identity);
            this.clientContext = clientContext == null || clientContext.isEmpty() ? null : makeClientContext(clientContext);
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
        }

        @Override
        public String getLogStreamName() {
            return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
        }

        @Override
        public String getFunctionName() {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
            return arn;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return identity;
        }

        @Override
        public ClientContext getClientContext() {
            return clientContext;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(deadline - System.currentTimeMillis(), 0);
        }

        @Override
        public int getMemoryLimitInMB() {
            try {
                return Integer.parseInt(System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
            } catch (NumberFormatException e) {
                return 128;
            }
        }

        @Override
        public LambdaLogger getLogger() {
            return Logger.INSTANCE;
        }
    }

    static final class Logger implements LambdaLogger {
        static final Logger INSTANCE = new Logger();

        @Override
        public void log(String message) {
            out.print(message);
            out.flush();
        }

        @Override
        public void log(byte[] message) {
            out.write(message, 0, message.length);
            out.flush();
        }
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static CognitoIdentity makeIdentity(String raw) {
        Object parsed;
        try {
            parsed = Json.parse(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }

        Map<?, ?> data = parsed instanceof Map ? (Map<?, ?>) parsed : new HashMap<>();
        String id = str(data.get("cognitoIdentityId"));
        String pool = str(data.get("cognitoIdentityPoolId"));
        return new CognitoIdentity() {
            @Override
            public String getIdentityId() {
                return id;
            }

            @Override
            public String getIdentityPoolId() {
                return pool;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> stringMap(Object value) {
        if (!(value instanceof Map)) {
            return null;
        }

        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
            result.put(e.getKey(), str(e.getValue()));
        }

        return result;
    }

    private static ClientContext makeClientContext(String raw) {
        Object parsed;
        try {
            parsed = Json.parse(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }

        Map<?, ?> data = parsed instanceof Map ? (Map<?, ?>) parsed : new HashMap<>();
        Map<String, String> custom = stringMap(data.get("custom"));
        Map<String, String> env = stringMap(data.get("env"));
        Map<?, ?> c = data.get("client") instanceof Map ? (Map<?, ?>) data.get("client") : null;
        Client client = c == null ? null : new Client() {
            @Override
            public String getInstallationId() {
                return str(c.get("installation_id"));
            }

            @Override
            public String getAppTitle() {
                return str(c.get("app_title"));
            }

            @Override
            public String getAppVersionName() {
                return str(c.get("app_version_name"));
            }

            @Override
            public String getAppVersionCode() {
                return str(c.get("app_version_code"));
            }

            @Override
            public String getAppPackageName() {
                return str(c.get("app_package_name"));
            }
        };
        return new ClientContext() {
            @Override
            public Client getClient() {
                return client;
            }

            @Override
            public Map<String, String> getCustom() {
                return custom;
            }

            @Override
            public Map<String, String> getEnvironment() {
                return env;
            }
        };
    }

    // ---------------------------------------------------------------- HTTP

    static final class Response {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Response(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    /** A keep-alive HTTP/1.1 client on a raw socket (java.net.http costs a few hundred milliseconds to start). */
    static final class Connection {
        private final String api;
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream output;

        Connection(String api) {
            this.api = api;
            int colon = api.lastIndexOf(':');
            host = api.substring(0, colon).replace("[", "").replace("]", "");
            port = Integer.parseInt(api.substring(colon + 1));
        }

        Response request(String method, String path, byte[] body, String headerName, String headerValue) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.setTcpNoDelay(true);
                        socket.connect(new InetSocketAddress(host, port));
                        in = new BufferedInputStream(socket.getInputStream(), 65536);
                        output = socket.getOutputStream();
                    }

                    return roundtrip(method, path, body, headerName, headerValue);
                } catch (IOException e) {
                    close();
                    if (attempt > 0) {
                        throw e;
                    }
                }
            }
        }

        private void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // Already gone.
            }

            socket = null;
        }

        private Response roundtrip(String method, String path, byte[] body, String headerName, String headerValue) throws IOException {
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(api).append("\r\n");
            if (body != null || !method.equals("GET")) {
                head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
                head.append("Content-Type: application/json\r\n");
            }

            if (headerName != null) {
                head.append(headerName).append(": ").append(headerValue).append("\r\n");
            }

            head.append("\r\n");
            output.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                output.write(body);
            }

            output.flush();
            String statusLine = readLine();
            if (statusLine == null) {
                throw new IOException("the Runtime API closed the connection");
            }

            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }

            byte[] data;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream chunks = new ByteArrayOutputStream();
                while (true) {
                    String sizeLine = readLine();
                    int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                    if (size == 0) {
                        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                            // Trailers.
                        }

                        break;
                    }

                    chunks.write(readExactly(size));
                    readLine();
                }

                data = chunks.toByteArray();
            } else {
                String length = headers.get("content-length");
                data = readExactly(length == null ? 0 : Integer.parseInt(length));
            }

            if ("close".equalsIgnoreCase(headers.get("connection"))) {
                close();
            }

            return new Response(status, headers, data);
        }

        private byte[] readExactly(int n) throws IOException {
            byte[] data = new byte[n];
            int read = 0;
            while (read < n) {
                int r = in.read(data, read, n - read);
                if (r < 0) {
                    throw new IOException("the Runtime API closed the connection");
                }

                read += r;
            }

            return data;
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    break;
                }

                if (b != '\r') {
                    line.write(b);
                }
            }

            if (b < 0 && line.size() == 0) {
                return null;
            }

            return new String(line.toByteArray(), StandardCharsets.ISO_8859_1);
        }
    }

    // ---------------------------------------------------------------- JSON

    /** A small JSON reader/writer and POJO mapper: objects become LinkedHashMap, arrays ArrayList, numbers Integer/Long/Double. */
    static final class Json {
        private final String text;
        private int pos;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            json.skip();
            Object value = json.value();
            json.skip();
            if (json.pos != text.length()) {
                throw new IllegalArgumentException("Unexpected character at " + json.pos);
            }

            return value;
        }

        private void skip() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException fail() {
            return new IllegalArgumentException("Invalid JSON at offset " + pos);
        }

        private Object value() {
            if (pos >= text.length()) {
                throw fail();
            }

            char c = text.charAt(pos);
            switch (c) {
                case '{': {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    skip();
                    if (pos < text.length() && text.charAt(pos) == '}') {
                        pos++;
                        return map;
                    }

                    while (true) {
                        skip();
                        if (pos >= text.length() || text.charAt(pos) != '"') {
                            throw fail();
                        }

                        String key = string();
                        skip();
                        expect(':');
                        skip();
                        map.put(key, value());
                        skip();
                        if (pos < text.length() && text.charAt(pos) == ',') {
                            pos++;
                            continue;
                        }

                        expect('}');
                        return map;
                    }
                }
                case '[': {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    skip();
                    if (pos < text.length() && text.charAt(pos) == ']') {
                        pos++;
                        return list;
                    }

                    while (true) {
                        skip();
                        list.add(value());
                        skip();
                        if (pos < text.length() && text.charAt(pos) == ',') {
                            pos++;
                            continue;
                        }

                        expect(']');
                        return list;
                    }
                }
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    return number();
            }
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw fail();
            }

            pos++;
        }

        private void literal(String word) {
            if (!text.startsWith(word, pos)) {
                throw fail();
            }

            pos += word.length();
        }

        private Object number() {
            int start = pos;
            boolean integral = true;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '.' || c == 'e' || c == 'E') {
                    integral = false;
                } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
                    break;
                }

                pos++;
            }

            String n = text.substring(start, pos);
            if (n.isEmpty()) {
                throw fail();
            }

            try {
                if (integral) {
                    BigInteger big = new BigInteger(n);
                    if (big.bitLength() < 32) {
                        return big.intValue();
                    }

                    return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big;
                }

                return Double.parseDouble(n);
            } catch (NumberFormatException e) {
                throw fail();
            }
        }

        private String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw fail();
                }

                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }

                if (c != '\\') {
                    sb.append(c);
                    continue;
                }

                if (pos >= text.length()) {
                    throw fail();
                }

                char e = text.charAt(pos++);
                switch (e) {
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        if (pos + 4 > text.length()) {
                            throw fail();
                        }

                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                        break;
                    default: sb.append(e);
                }
            }
        }

        static void write(Object value, StringBuilder sb) {
            if (value == null) {
                sb.append("null");
            } else if (value instanceof String || value instanceof Character || value instanceof Enum) {
                quote(value instanceof Enum ? ((Enum<?>) value).name() : value.toString(), sb);
            } else if (value instanceof Boolean) {
                sb.append(value);
            } else if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    quote(value.toString(), sb);
                } else {
                    sb.append(value);
                }
            } else if (value instanceof BigDecimal) {
                sb.append(((BigDecimal) value).toPlainString());
            } else if (value instanceof Number) {
                sb.append(value);
            } else if (value instanceof Map) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }

                    first = false;
                    quote(String.valueOf(e.getKey()), sb);
                    sb.append(':');
                    write(e.getValue(), sb);
                }

                sb.append('}');
            } else if (value instanceof Collection) {
                sb.append('[');
                boolean first = true;
                for (Object item : (Collection<?>) value) {
                    if (!first) {
                        sb.append(',');
                    }

                    first = false;
                    write(item, sb);
                }

                sb.append(']');
            } else if (value instanceof byte[]) {
                quote(java.util.Base64.getEncoder().encodeToString((byte[]) value), sb);
            } else if (value.getClass().isArray()) {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < Array.getLength(value); i++) {
                    items.add(Array.get(value, i));
                }

                write(items, sb);
            } else {
                write(pojoToMap(value), sb);
            }
        }

        private static Map<String, Object> pojoToMap(Object value) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field f : value.getClass().getFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    try {
                        map.put(f.getName(), f.get(value));
                    } catch (IllegalAccessException e) {
                        // Skipped.
                    }
                }
            }

            Method[] methods = value.getClass().getMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method m : methods) {
                if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
                    continue;
                }

                String name = m.getName();
                String property;
                if (name.startsWith("get") && name.length() > 3 && m.getReturnType() != void.class) {
                    property = name.substring(3);
                } else if (name.startsWith("is") && name.length() > 2 && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
                    property = name.substring(2);
                } else {
                    continue;
                }

                property = Character.toLowerCase(property.charAt(0)) + property.substring(1);
                try {
                    m.setAccessible(true);
                    map.put(property, m.invoke(value));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // Skipped, as an unreadable property.
                }
            }

            return map;
        }

        private static void quote(String s, StringBuilder sb) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"': sb.append("\\\""); break;
                    case '\\': sb.append("\\\\"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\t': sb.append("\\t"); break;
                    case '\b': sb.append("\\b"); break;
                    case '\f': sb.append("\\f"); break;
                    default:
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                }
            }

            sb.append('"');
        }

        /** Converts a parsed JSON value to <code>target</code>: strings, primitives and wrappers, maps, lists, enums, POJOs. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        static Object convert(Object value, Type target) throws ReflectiveOperationException {
            if (target instanceof TypeVariable) {
                return value;
            }

            Class<?> raw = rawClass(target);
            if (value == null) {
                if (raw.isPrimitive()) {
                    return raw == boolean.class ? (Object) false : convert(0, raw);
                }

                return null;
            }

            if (raw == Object.class) {
                return value;
            }

            if (raw == String.class || raw == CharSequence.class) {
                if (value instanceof String) {
                    return value;
                }

                if (value instanceof Map || value instanceof List) {
                    throw new IllegalArgumentException("Cannot read a JSON " + (value instanceof Map ? "object" : "array") + " as a String");
                }

                return value.toString();
            }

            if (raw == boolean.class || raw == Boolean.class) {
                return value instanceof Boolean ? value : Boolean.valueOf(value.toString());
            }

            if (raw == char.class || raw == Character.class) {
                return value.toString().isEmpty() ? '\0' : value.toString().charAt(0);
            }

            if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
                Number n = value instanceof Number ? (Number) value : new BigDecimal(value.toString());
                if (raw == int.class || raw == Integer.class) {
                    return n.intValue();
                }

                if (raw == long.class || raw == Long.class) {
                    return n.longValue();
                }

                if (raw == double.class || raw == Double.class) {
                    return n.doubleValue();
                }

                if (raw == float.class || raw == Float.class) {
                    return n.floatValue();
                }

                if (raw == short.class || raw == Short.class) {
                    return n.shortValue();
                }

                if (raw == byte.class || raw == Byte.class) {
                    return n.byteValue();
                }

                if (raw == BigDecimal.class) {
                    return new BigDecimal(n.toString());
                }

                if (raw == BigInteger.class) {
                    return new BigDecimal(n.toString()).toBigInteger();
                }

                return n;
            }

            if (raw.isEnum()) {
                return Enum.valueOf((Class<Enum>) raw, value.toString());
            }

            if (Map.class.isAssignableFrom(raw)) {
                if (!(value instanceof Map)) {
                    throw new IllegalArgumentException("Expected a JSON object for " + raw.getName());
                }

                Type valueType = target instanceof ParameterizedType ? ((ParameterizedType) target).getActualTypeArguments()[1] : Object.class;
                Map<String, Object> result = raw.isInterface() || Modifier.isAbstract(raw.getModifiers())
                    ? new LinkedHashMap<>() : (Map<String, Object>) raw.getDeclaredConstructor().newInstance();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                    result.put(e.getKey(), convert(e.getValue(), valueType));
                }

                return result;
            }

            if (Collection.class.isAssignableFrom(raw)) {
                if (!(value instanceof List)) {
                    throw new IllegalArgumentException("Expected a JSON array for " + raw.getName());
                }

                Type itemType = target instanceof ParameterizedType ? ((ParameterizedType) target).getActualTypeArguments()[0] : Object.class;
                Collection<Object> result = raw.isInterface() || Modifier.isAbstract(raw.getModifiers())
                    ? (Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>())
                    : (Collection<Object>) raw.getDeclaredConstructor().newInstance();
                for (Object item : (List<Object>) value) {
                    result.add(convert(item, itemType));
                }

                return result;
            }

            if (raw.isArray()) {
                if (raw == byte[].class && value instanceof String) {
                    return java.util.Base64.getDecoder().decode((String) value);
                }

                List<?> items = (List<?>) value;
                Type component = target instanceof GenericArrayType ? ((GenericArrayType) target).getGenericComponentType() : raw.getComponentType();
                Object array = Array.newInstance(raw.getComponentType(), items.size());
                for (int i = 0; i < items.size(); i++) {
                    Array.set(array, i, convert(items.get(i), component));
                }

                return array;
            }

            if (!(value instanceof Map)) {
                throw new IllegalArgumentException("Expected a JSON object for " + raw.getName());
            }

            Constructor<?> ctor = raw.getDeclaredConstructor();
            ctor.setAccessible(true);
            Object pojo = ctor.newInstance();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                setProperty(pojo, raw, e.getKey(), e.getValue());
            }

            return pojo;
        }

        private static void setProperty(Object pojo, Class<?> raw, String name, Object value) throws ReflectiveOperationException {
            String setter = "set" + name;
            for (Method m : raw.getMethods()) {
                if (m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers()) && m.getName().equalsIgnoreCase(setter)) {
                    m.invoke(pojo, convert(value, m.getGenericParameterTypes()[0]));
                    return;
                }
            }

            for (Field f : raw.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers()) && f.getName().equalsIgnoreCase(name)) {
                    f.set(pojo, convert(value, f.getGenericType()));
                    return;
                }
            }
        }

        private static Class<?> rawClass(Type type) {
            if (type instanceof Class) {
                return (Class<?>) type;
            }

            if (type instanceof ParameterizedType) {
                return (Class<?>) ((ParameterizedType) type).getRawType();
            }

            if (type instanceof GenericArrayType) {
                return Array.newInstance(rawClass(((GenericArrayType) type).getGenericComponentType()), 0).getClass();
            }

            return Object.class;
        }
    }
}
