import io.javalin.Javalin;

/**
 * The limit of the HTTP layer: Javalin (and Jetty) of the service's jar answering GET /empty with a
 * constant two-byte body and nothing else: no before or after handler, no span, no timer, no JSON.
 * Run with the service jar on the classpath: java -cp scheduling-service.jar bench/EmptyJavalin.java PORT
 */
public class EmptyJavalin {
    public static void main(String[] args) {
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/empty", ctx -> ctx.result("{}"));
        }).start("127.0.0.1", Integer.parseInt(args[0]));
    }
}
