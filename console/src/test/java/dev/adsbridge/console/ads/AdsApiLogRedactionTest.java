package dev.adsbridge.console.ads;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Nothing secret reaches the logs, even at DEBUG: not the tenant's Meta token, not API keys (valid, revoked or
 * mistyped), not the Meta app secret — across reads, writes, Meta's errors, auth failures and a token Meta expired.
 */
class AdsApiLogRedactionTest {

    static final ConsoleHarness harness = ApiFixture.harness;

    @Test
    void aDebugLogOfApiTrafficHoldsNoTokenKeyOrAppSecret() {
        String account = "act_1000000002";
        MetaLimitsTest.Tenant t = MetaLimitsTest.tenant(account);
        String metaToken = harness.tokenOf(t.owner().tenant(), t.connection());
        String appSecret = harness.sandbox.config().appSecret();
        String mistypedKey = t.key().substring(0, t.key().length() - 4) + "zzzz";

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Map<Logger, Level> before = new LinkedHashMap<>();
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.eclipse.jetty", "jdk.internal.httpclient",
                "dev.adsbridge", "org.springframework", "org.springframework.security")) {
            before.put(context.getLogger(name), context.getLogger(name).getLevel());
        }
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        context.getLogger("dev.adsbridge").setLevel(Level.DEBUG);
        context.getLogger("org.springframework").setLevel(Level.DEBUG);
        context.getLogger("org.springframework.security").setLevel(Level.DEBUG);
        // As the app's properties do: these two would print raw HTTP traffic at DEBUG.
        context.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
        context.getLogger("jdk.internal.httpclient").setLevel(Level.INFO);
        List<String> secrets = new ArrayList<>(List.of(metaToken, appSecret, t.key(), mistypedKey));
        try {
            assertThat(AdsApiTest.get(t.key(), "/api/v1/ad-accounts").status()).isEqualTo(200);
            assertThat(AdsApiTest.get(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns?limit=3").status())
                    .isEqualTo(200);
            assertThat(AdsApiTest.get(t.key(), "/api/v1/insights?object_id=" + account
                    + "&date_preset=last_7d&compare=previous").status()).isEqualTo(200);
            AdsApiTest.Answer created = AdsApiTest.post(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns",
                    Map.of("name", "Logged", "objective", "OUTCOME_TRAFFIC"));
            assertThat(created.status()).isEqualTo(201);
            String campaign = created.json().path("id").asString();
            // Meta refuses: an ad set without a budget into a campaign without one.
            AdsApiTest.Answer refused = AdsApiTest.post(t.key(), "/api/v1/ad-accounts/" + account + "/adsets",
                    Map.of("campaign_id", campaign, "name", "No budget", "optimization_goal", "LINK_CLICKS",
                            "billing_event", "IMPRESSIONS", "targeting", ApiFixture.targeting()));
            assertThat(refused.status()).as(refused.response().body()).isBetween(400, 499);
            assertThat(AdsApiTest.post(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns",
                    Map.of("objective", "OUTCOME_TRAFFIC")).status()).isEqualTo(400);
            assertThat(ApiFixture.upload(t.key(), account, ApiFixture.png(), "").status()).isEqualTo(201);
            assertThat(AdsApiTest.get(mistypedKey, "/api/v1/ad-accounts").status()).isEqualTo(401);
            assertThat(AdsApiTest.get(t.key(), "/api/v1/campaigns/1").status()).isEqualTo(404);

            // A key created and revoked through the API.
            Page issued = t.owner().browser().api("POST", "/api/v1/api-keys", HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"logged\",\"scope\":\"read\"}"), "application/json", true);
            assertThat(issued.status()).isEqualTo(201);
            String newKey = AdsApiTest.JSON.readTree(issued.body()).path("key").asString();
            secrets.add(newKey);
            assertThat(AdsApiTest.get(newKey, "/api/v1/connection").status()).isEqualTo(200);
            t.owner().browser().api("DELETE", "/api/v1/api-keys/" + AdsApiTest.JSON.readTree(issued.body())
                    .path("id").asString(), HttpRequest.BodyPublishers.noBody(), "application/json", true);
            assertThat(AdsApiTest.get(newKey, "/api/v1/connection").status()).isEqualTo(401);

            // Meta stops accepting the token.
            harness.controlPost("/_sandbox/tokens/expire", Map.of("access_token", metaToken));
            assertThat(AdsApiTest.get(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns").status())
                    .isEqualTo(409);
        } finally {
            root.detachAppender(captured);
            captured.stop();
            before.forEach(Logger::setLevel);
        }

        List<ILoggingEvent> events = new ArrayList<>(captured.list);
        assertThat(events).as("DEBUG logging was captured").hasSizeGreaterThan(50);
        assertThat(events).anySatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : events) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? ""
                    : event.getFormattedMessage());
            event.getMDCPropertyMap().values().forEach(v -> text.append(' ').append(v));
            for (IThrowableProxy t2 = event.getThrowableProxy(); t2 != null; t2 = t2.getCause()) {
                text.append(' ').append(t2.getClassName()).append(": ").append(t2.getMessage());
            }
            for (String secret : secrets) {
                if (text.indexOf(secret) >= 0) {
                    leaks.add(event.getLoggerName() + " " + event.getLevel() + ": "
                            + text.toString().replace(secret, "<SECRET>"));
                }
            }
        }
        assertThat(leaks).isEmpty();
    }
}
