package dev.adsbridge.console.identity;

import dev.adsbridge.console.support.ConsoleHarness;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Someone not signed in is sent to the sign-in page; a program calling the API gets a JSON 401 instead. */
class SignInRedirectTest {

    private final ConsoleHarness harness = ConsoleHarness.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPageRequestWithoutSessionRedirectsToSignInWhateverTheAcceptHeader() throws Exception {
        for (String accept : new String[] {null, "*/*", "text/html"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl + "/campaigns"));
            if (accept != null) {
                request.header("Accept", accept);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as("Accept %s", accept).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/signin");
        }
    }

    @Test
    void anApiRequestWithoutCredentialsGetsAJson401() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create(harness.baseUrl + "/api/v1/connection")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(answer.body()).contains("\"code\":\"unauthenticated\"");
    }
}
