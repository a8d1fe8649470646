package dev.scheduling.adapter.http;

import dev.scheduling.application.port.out.StoredResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract as a document: {@code /openapi.yaml} (docs/openapi.yaml, copied into this jar by the
 * build) and {@code /docs}, a Swagger UI page whose assets come from the swagger-ui web jar, never a CDN.
 */
final class DocsRoutes {
    static final String YAML = "application/yaml";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    /** The assets the page loads, and their media types; nothing else of the web jar is served. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
              <head>
                <meta charset="UTF-8">
                <title>Scheduling service: HTTP contract</title>
                <link rel="stylesheet" type="text/css" href="/docs/swagger-ui.css">
                <link rel="stylesheet" type="text/css" href="/docs/index.css">
                <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
                <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16">
              </head>
              <body>
                <div id="swagger-ui"></div>
                <script src="/docs/swagger-ui-bundle.js" charset="UTF-8"></script>
                <script src="/docs/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
                <script>
                  window.onload = function () {
                    window.ui = SwaggerUIBundle({
                      url: "/openapi.yaml",
                      dom_id: "#swagger-ui",
                      deepLinking: true,
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                      layout: "StandaloneLayout"
                    });
                  };
                </script>
              </body>
            </html>
            """;

    private final byte[] document;
    private final String assetRoot;
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    DocsRoutes() {
        this.document = read("openapi.yaml");
        this.assetRoot = WEBJAR + swaggerUiVersion() + "/";
    }

    StoredResponse openapi(Context ctx) {
        return new StoredResponse(200, YAML, document);
    }

    StoredResponse page(Context ctx) {
        return new StoredResponse(200, HTML, PAGE.getBytes(StandardCharsets.UTF_8));
    }

    StoredResponse asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String type = ASSETS.get(name);
        if (type == null) {
            throw new HttpProblem(404, "not_found", "no such resource");
        }
        return new StoredResponse(200, type, assets.computeIfAbsent(name, this::webjarAsset));
    }

    private byte[] webjarAsset(String name) {
        return read(assetRoot + name);
    }

    /** The web jar's own record of its version, so that the version is written in the build alone. */
    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = DocsRoutes.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui web jar is not on the class path");
            }
            properties.load(in);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return properties.getProperty("version");
    }

    /** A resource of this jar (relative to this package) or, with a leading slash, of the class path. */
    private static byte[] read(String resource) {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
