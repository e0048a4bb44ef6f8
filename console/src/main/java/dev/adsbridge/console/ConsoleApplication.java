package dev.adsbridge.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The console as a Spring Boot application. The launcher starts it programmatically:
 *
 * <pre>{@code
 * ConfigurableApplicationContext console = ConsoleApplication.start(Map.of(
 *         "server.port", 0,
 *         "adsbridge.console.mode", "dev",           // H2 file database, sandbox app credentials
 *         "adsbridge.console.meta.graph-url", sandbox.baseUrl(),
 *         "adsbridge.console.meta.login-url", sandbox.baseUrl(),
 *         "adsbridge.console.mcp.url", "http://127.0.0.1:" + mcpPort + "/mcp"));
 * int port = ConsoleApplication.port(console);
 * String callback = ConsoleApplication.baseUrl(console) + "/connect/callback";   // register it with the sandbox
 * console.close();
 * }</pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    /** The Spring profile holding dev-mode defaults; {@code adsbridge.console.mode=dev} switches it on. */
    public static final String DEV_PROFILE = "dev";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ConsoleApplication.class);
        if (isDev(System.getProperty("adsbridge.console.mode", System.getenv("ADSBRIDGE_CONSOLE_MODE")))
                || java.util.Arrays.asList(args).contains("--adsbridge.console.mode=dev")) {
            application.setAdditionalProfiles(DEV_PROFILE);
        }
        application.run(args);
    }

    /**
     * Starts the console with the given properties (they win over application.properties, lose to {@code args}).
     *
     * @return the running context; close it to stop the console
     */
    public static ConfigurableApplicationContext start(Map<String, ?> properties, String... args) {
        return builder(properties).run(args);
    }

    /** A builder with the properties applied, for callers that add initializers (tests inject a clock this way). */
    public static SpringApplicationBuilder builder(Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties");
        // First in line: the caller's properties win over application*.properties (command-line args still win).
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(
                new MapPropertySource("adsbridge-console-start", new LinkedHashMap<String, Object>(properties)));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ConsoleApplication.class)
                .environment(environment);
        if (isDev(properties.get("adsbridge.console.mode"))) {
            builder.profiles(DEV_PROFILE);
        }
        return builder;
    }

    /** The port the console's web server is bound to. */
    public static int port(ConfigurableApplicationContext context) {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return web.getWebServer().getPort();
        }
        throw new IllegalStateException("the console has no running web server");
    }

    /** The console's public base URL: the configured one, or http://127.0.0.1:{port}. */
    public static String baseUrl(ConfigurableApplicationContext context) {
        return context.getBean(ConsoleUrls.class).baseUrl();
    }

    private static boolean isDev(Object mode) {
        return mode != null && DEV_PROFILE.equalsIgnoreCase(mode.toString().strip());
    }
}
