import io.javalin.Javalin;

/**
 * The limit of the HTTP layer: Javalin (and Jetty) of the service's jar answering GET /empty with a
 * constant two-byte body and nothing else: no before or after handler, no span, no timer, no JSON.
 * Also POST /echo, which reads the request's body and sends it back as a 201 JSON answer: what a POST
 * with a body costs the HTTP layer alone, the part of a lock request that is not the service's.
 * Run with the service jar on the classpath: java -cp scheduling-service.jar bench/EmptyJavalin.java PORT
 */
public class EmptyJavalin {
    public static void main(String[] args) {
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/empty", ctx -> ctx.result("{}"));
            config.routes.post("/echo", ctx -> ctx.status(201).contentType("application/json")
                    .result(ctx.bodyAsBytes()));
        }).start("127.0.0.1", Integer.parseInt(args[0]));
    }
}
