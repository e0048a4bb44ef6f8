package dev.adsbridge.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a TLS-terminating proxy (here: the test itself, on loopback, a trusted proxy by default): X-Forwarded-Proto
 * makes the session cookie Secure and brings HSTS; X-Forwarded-For gives the client's address to the sign-in limits.
 */
class ProxyHeadersTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private final ConsoleHarness harness = ConsoleHarness.shared();

    @AfterEach
    void reset() {
        harness.db().sql("delete from sign_in_failures where subject like 'address:%'").update();
    }

    @Test
    void forwardedHttpsMakesTheSessionCookieSecureAndSendsHsts() throws Exception {
        HttpResponse<String> viaProxy = get(client(), "/signin", "X-Forwarded-Proto", "https",
                "X-Forwarded-For", "203.0.113.5");
        assertThat(viaProxy.statusCode()).isEqualTo(200);
        List<String> cookies = viaProxy.headers().allValues("set-cookie");
        assertThat(cookies).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));
        assertThat(viaProxy.headers().firstValue("strict-transport-security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));

        HttpResponse<String> plain = get(client(), "/signin");
        assertThat(plain.headers().allValues("set-cookie")).isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).doesNotContainIgnoringCase("secure"));
        assertThat(plain.headers().firstValue("strict-transport-security")).isEmpty();
    }

    @Test
    void theClientAddressIsTheRightMostHopBeforeTheTrustedProxy() throws Exception {
        HttpClient client = client();
        // The client wrote "198.51.100.66" itself; the proxy appended the address it saw.
        String[] headers = {"X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.66, 203.0.113.7"};
        HttpResponse<String> form = get(client, "/signin", headers);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();
        String body = "email=" + enc(ConsoleHarness.email("proxied")) + "&password=wrong&_csrf=" + enc(csrf.group(1));
        // Sent back by hand: a Secure cookie is not for an http:// address, and between proxy and console it is one.
        String session = form.headers().allValues("set-cookie").stream().map(c -> c.split(";", 2)[0])
                .reduce((a, b) -> a + "; " + b).orElseThrow();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(harness.baseUrl + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            post.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> answer = client.send(post.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        // Redirects keep the scheme the browser used.
        assertThat(answer.headers().firstValue("location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("https://").endsWith("/signin?error"));
        assertThat(harness.db().sql("select subject from sign_in_failures where subject like 'address:%'")
                .query(String.class).list()).containsExactly("address:203.0.113.7");
    }

    private HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
