package dev.scheduling.bootstrap.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken byte by byte over a socket, for requests no well-behaved client would send: control
 * characters in the target, raw non-ASCII header bytes, odd methods, duplicate headers. Each exchange uses
 * a connection of its own ({@code Connection: close}) and reads the answer to the end.
 */
final class RawHttp {
    /** What must never leave the service: traces of a stack or of Java classes. */
    static final List<String> LEAK_MARKERS = List.of("at dev.", "at java.", "at io.", "at org.", "Exception",
            "java.", "javax.", "jakarta.", "dev.scheduling", "com.fasterxml", "org.eclipse", "io.javalin");

    private RawHttp() {
    }

    /** A request as raw parts; the header values are sent as ISO-8859-1 bytes, whatever they hold. */
    record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
                   boolean chunked) {

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (Map.Entry<String, String> header : headers) {
                write(out, header.getKey() + ": " + header.getValue() + "\r\n");
            }
            if (chunked) {
                write(out, "Transfer-Encoding: chunked\r\n\r\n");
                int at = 0;
                while (at < body.length) {
                    int size = Math.min(4096, body.length - at);
                    write(out, Integer.toHexString(size) + "\r\n");
                    out.write(body, at, size);
                    write(out, "\r\n");
                    at += size;
                }
                write(out, "0\r\n\r\n");
            } else {
                if (body.length > 0 || !method.equals("GET")) {
                    write(out, "Content-Length: " + body.length + "\r\n");
                }
                write(out, "\r\n");
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        /** For failure messages: the request, shortened. */
        String describe() {
            String text = new String(bytes(), StandardCharsets.ISO_8859_1);
            StringBuilder shown = new StringBuilder();
            for (char c : (text.length() > 1_200 ? text.substring(0, 1_200) + "…(" + text.length() + " bytes)" : text)
                    .toCharArray()) {
                shown.append(c == '\r' || c == '\n' || (c >= 0x20 && c < 0x7f) ? String.valueOf(c)
                        : String.format("\\x%02x", (int) c));
            }
            return shown.toString();
        }

        @Override
        public String toString() {
            return describe();
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** An answer: status, headers (names in lower case) and body (de-chunked). */
    record Reply(int status, Map<String, List<String>> headers, byte[] body, String head) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String toString() {
            String text = bodyText();
            return head + "\n\n" + (text.length() > 800 ? text.substring(0, 800) + "…" : text);
        }
    }

    /** Sends the request and reads the whole answer; a connection the server cut before any answer is null. */
    static Reply exchange(int port, Request request, int timeoutMillis) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes());
                out.flush();
            } catch (SocketException cut) {
                // The server may refuse early (a 413 or 431 before the body is read) and close: read what came.
            }
            byte[] answer = readAll(socket.getInputStream());
            return answer.length == 0 ? null : parse(answer);
        } catch (SocketTimeoutException hung) {
            throw new AssertionError("no answer within " + timeoutMillis + " ms to:\n" + request.describe(), hung);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                answer.write(buffer, 0, read);
            }
        } catch (SocketException reset) {
            // a reset after the answer (the server closed with unread request bytes): keep what arrived
        }
        return answer.toByteArray();
    }

    static Reply parse(byte[] answer) {
        int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new AssertionError("an answer without the end of its head: "
                    + new String(answer, StandardCharsets.ISO_8859_1));
        }
        String head = new String(answer, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(answer, end + 4, answer.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        }
        return new Reply(status, headers, body, head);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            at += lineEnd + 2;
            if (size == 0) {
                break;
            }
            body.write(chunked, at, Math.min(size, chunked.length - at));
            at += size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * What every answer to any request must be: below 500; a 4xx is an {@code application/problem+json}
     * with its status and a {@code code}; nothing in the head or a JSON or problem body names a Java class
     * or shows a stack (unless the request itself carried that text, which an answer may echo).
     */
    static void assertSafe(Request request, Reply reply) {
        if (reply == null) {
            throw new AssertionError("the server closed the connection without an answer to:\n" + request.describe());
        }
        String context = "\n--- request:\n" + request.describe() + "\n--- answer:\n" + reply;
        if (reply.status() >= 500 || reply.status() < 100) {
            throw new AssertionError("a " + reply.status() + " answer" + context);
        }
        String contentType = reply.header("content-type") == null ? "" : reply.header("content-type");
        if (reply.status() >= 400) {
            if (!contentType.startsWith("application/problem+json")) {
                throw new AssertionError("a " + reply.status() + " that is no problem+json" + context);
            }
            if (request.method().equals("HEAD")) {
                return; // a HEAD answer has the head of the GET answer, and no body to check
            }
            JsonNode problem;
            try {
                problem = ApiClient.JSON.readTree(reply.body());
            } catch (IOException notJson) {
                throw new AssertionError("a problem body that is not JSON" + context, notJson);
            }
            if (problem == null || !problem.path("code").isTextual() || problem.path("code").asText().isBlank()
                    || problem.path("status").asInt() != reply.status()) {
                throw new AssertionError("a problem without its code or status" + context);
            }
        }
        String sent = new String(request.bytes(), StandardCharsets.ISO_8859_1);
        boolean bodyChecked = reply.status() >= 300 || contentType.startsWith("application/json")
                || contentType.startsWith("application/problem+json");
        for (String marker : LEAK_MARKERS) {
            if (sent.contains(marker)) {
                continue;
            }
            if (reply.head().contains(marker) || (bodyChecked && reply.bodyText().contains(marker))) {
                throw new AssertionError("the answer shows '" + marker + "'" + context);
            }
        }
    }
}
