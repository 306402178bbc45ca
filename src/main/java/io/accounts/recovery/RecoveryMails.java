package io.accounts.recovery;

import io.accounts.keys.PublicUrl;
import io.accounts.mail.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The two mails and their links, {@code <public-url>/account/reset?token=} and {@code /account/verify?token=}
 * (API.md, Mail), with how long their tokens live ({@code password-reset.ttl}, {@code email-verification.ttl}).
 */
@ApplicationScoped
public class RecoveryMails {

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "password-reset.ttl", defaultValue = "1800")
    long resetSeconds;

    @Inject
    @ConfigProperty(name = "email-verification.ttl", defaultValue = "86400")
    long verificationSeconds;

    @Inject
    @ConfigProperty(name = "email-change.revert-ttl", defaultValue = "604800")
    long revertSeconds;

    Duration revertTtl() {
        return Duration.ofSeconds(revertSeconds);
    }

    Duration resetTtl() {
        return Duration.ofSeconds(resetSeconds);
    }

    Duration verificationTtl() {
        return Duration.ofSeconds(verificationSeconds);
    }

    private String base() {
        return publicUrl.base();
    }

    Mail reset(String email, String token) {
        return new Mail(email, "Reset your password", "Someone (we hope you) asked to reset the password of the account "
                + email + ".\n\nTo choose a new password, open this link within " + resetSeconds / 60 + " minutes:\n\n"
                + base() + "/account/reset?token=" + token + "\n\nIf you did not ask for this, ignore this mail: your"
                + " password stays as it is.\n", "password reset");
    }

    Mail revertNotice(String previous, String current, String token) {
        return new Mail(previous, "The address of your account was changed", "The address of the account " + previous
                + " was changed to " + current + ".\n\nIf you did not do this, someone else is in your account. Open"
                + " this link within " + revertSeconds / 86400 + " days to put " + previous + " back, sign out every"
                + " session, remove every passkey and any second factor added since:\n\n" + base() + "/account/revert-email?token="
                + token + "\n\nThen choose a new password (\"Forgot your password\" on the sign-in page). If it was"
                + " you, ignore this mail.\n", "email change notice");
    }

    Mail verification(String email, String token) {
        return new Mail(email, "Confirm your email address", "Please confirm that " + email + " is your address by"
                + " opening this link within " + verificationSeconds / 3600 + " hours:\n\n" + base()
                + "/account/verify?token=" + token + "#" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "\n\nIf you did not create an account, ignore this mail.\n",
                "email verification");
    }
}
