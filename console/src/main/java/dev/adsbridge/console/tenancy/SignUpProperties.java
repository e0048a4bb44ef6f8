package dev.adsbridge.console.tenancy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-up proves an e-mail address ({@code adsbridge.console.sign-up.*}).
 *
 * @param verifyEmail  {@code true} (the default): sign-up answers every address alike ("check your inbox") and mails
 *                     a confirmation link, so it never tells whether an address has an account; needs SMTP in
 *                     production ({@code spring.mail.host}). {@code false}: a new address is signed in at once and a
 *                     taken one is sent to the sign-in page, which tells an onlooker whether the address is registered
 *                     (the trade-off for running without mail)
 * @param linkLifetime how long a confirmation link works (single use)
 */
@ConfigurationProperties("adsbridge.console.sign-up")
public record SignUpProperties(
        @DefaultValue("true") boolean verifyEmail,
        @DefaultValue("30m") Duration linkLifetime) {

    public SignUpProperties {
        if (linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException("adsbridge.console.sign-up.link-lifetime must be positive");
        }
    }
}
