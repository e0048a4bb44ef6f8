package dev.adsbridge.console.connections;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.ConsoleUrls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Dev mode only: registers the console's callback with the local Meta sandbox ({@code POST /_sandbox/app/redirect-uris}),
 * as a developer registers a redirect URI with a real Meta app. Never runs in production or against a non-loopback host.
 */
@Component
class DevSandboxRegistration {

    private static final Logger log = LoggerFactory.getLogger(DevSandboxRegistration.class);

    private final ConsoleProperties properties;
    private final ConsoleUrls urls;

    DevSandboxRegistration(ConsoleProperties properties, ConsoleUrls urls) {
        this.properties = properties;
        this.urls = urls;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        URI login = URI.create(properties.meta().loginUrl());
        if (!properties.devMode() || !isLoopback(login.getHost())) {
            return;
        }
        String callback = urls.connectCallback();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                            .newBuilder(login.resolve("/_sandbox/app/redirect-uris"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"uris\":[\"" + callback + "\"]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                log.info("Registered {} as a redirect URI of the sandbox app at {}", callback, login);
            } else {
                log.warn("The sandbox at {} refused the redirect URI {} (HTTP {})", login, callback,
                        response.statusCode());
            }
        } catch (java.io.IOException e) {
            log.warn("Could not register the redirect URI with the sandbox at {} ({}): start the sandbox first, or "
                    + "register {} yourself", login, e.getClass().getSimpleName(), callback);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }
}
