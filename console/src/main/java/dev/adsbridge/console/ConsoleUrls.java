package dev.adsbridge.console;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** The console's public URLs: the configured base URL, or (dev mode) the loopback address of the bound port. */
@Component
public class ConsoleUrls implements ApplicationListener<WebServerInitializedEvent> {

    private final ConsoleProperties properties;
    private volatile @Nullable String derived;

    ConsoleUrls(ConsoleProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        derived = "http://127.0.0.1:" + event.getWebServer().getPort();
    }

    public String baseUrl() {
        String configured = properties.baseUrl();
        if (configured != null) {
            return configured;
        }
        String local = derived;
        if (local == null) {
            throw new IllegalStateException("the console's base URL is not known before its web server starts");
        }
        return local;
    }

    /** The OAuth redirect URI registered with the Meta app. */
    public String connectCallback() {
        return baseUrl() + "/connect/callback";
    }

    public String url(String path) {
        return baseUrl() + path;
    }
}
