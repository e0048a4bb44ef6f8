package dev.adsbridge.console.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The TLS-terminating reverse proxies in front of the console ({@code adsbridge.console.proxy.*}). Only a request that
 * arrives from one of {@code trusted} has its {@code X-Forwarded-Proto/-Host/-Port/-Prefix} and {@code X-Forwarded-For}
 * (or {@code Forwarded}) headers honoured: then the request counts as HTTPS (Secure session cookie, HSTS) and the
 * client address (sign-in limits, audit log) is the right-most {@code X-Forwarded-For} entry that is not itself a
 * trusted proxy. From anywhere else the headers are ignored, so a client cannot fake its address.
 *
 * @param trusted IP addresses or CIDR ranges of the proxies, e.g. {@code 10.0.0.0/8}; loopback by default
 */
@ConfigurationProperties("adsbridge.console.proxy")
record ProxyProperties(@DefaultValue({"127.0.0.0/8", "::1"}) List<String> trusted) {

    ProxyProperties {
        trusted = trusted.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
