package io.accounts.recovery;

import io.accounts.keys.JwtConfig;
import io.accounts.mail.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * The two mails and their links, {@code <public-url>/account/reset?token=} and {@code /account/verify?token=}
 * (API.md, Mail), with how long their tokens live ({@code password-reset.ttl}, {@code email-verification.ttl}).
 */
@ApplicationScoped
public class RecoveryMails {

    @Inject
    @ConfigProperty(name = "public-url")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "password-reset.ttl", defaultValue = "1800")
    long resetSeconds;

    @Inject
    @ConfigProperty(name = "email-verification.ttl", defaultValue = "86400")
    long verificationSeconds;

    @Inject
    JwtConfig jwt;

    Duration resetTtl() {
        return Duration.ofSeconds(resetSeconds);
    }

    Duration verificationTtl() {
        return Duration.ofSeconds(verificationSeconds);
    }

    private String base() {
        return publicUrl.filter(u -> !u.isBlank()).map(u -> u.strip().replaceAll("/+$", "")).orElse(jwt.issuerBase());
    }

    Mail reset(String email, String token) {
        return new Mail(email, "Reset your password", "Someone (we hope you) asked to reset the password of the account "
                + email + ".\n\nTo choose a new password, open this link within " + resetSeconds / 60 + " minutes:\n\n"
                + base() + "/account/reset?token=" + token + "\n\nIf you did not ask for this, ignore this mail: your"
                + " password stays as it is.\n", "password reset");
    }

    Mail verification(String email, String token) {
        return new Mail(email, "Confirm your email address", "Please confirm that " + email + " is your address by"
                + " opening this link within " + verificationSeconds / 3600 + " hours:\n\n" + base()
                + "/account/verify?token=" + token + "\n\nIf you did not create an account, ignore this mail.\n",
                "email verification");
    }
}
