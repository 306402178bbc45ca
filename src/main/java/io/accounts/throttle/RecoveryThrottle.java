package io.accounts.throttle;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Mails on request: password-reset requests per address and per email ({@code password-reset.per-address},
 * {@code password-reset.per-email}), verification mails per account ({@code email-verification.resend-per-user}),
 * each per hour; then 429 with {@code Retry-After}. Nobody mails an inbox at full speed through this service.
 */
@ApplicationScoped
public class RecoveryThrottle {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    @ConfigProperty(name = "password-reset.per-email", defaultValue = "5")
    long resetsPerEmail;

    @Inject
    @ConfigProperty(name = "password-reset.per-address", defaultValue = "20")
    long resetsPerAddress;

    @Inject
    @ConfigProperty(name = "email-verification.resend-per-user", defaultValue = "5")
    long resendsPerUser;

    @Inject
    @ConfigProperty(name = "email-change.per-user", defaultValue = "3")
    long emailChangesPerUser;

    @Inject
    ThrottleStore store;

    private Quota perEmail;
    private Quota perAddress;
    private Quota perUser;
    private Quota emailChanges;

    @PostConstruct
    void init() {
        String later = "Too many mails asked for; retry later.";
        perEmail = new Quota(store.buckets(), "password-reset.per-email", resetsPerEmail, HOUR, later);
        perAddress = new Quota(store.buckets(), "password-reset.per-address", resetsPerAddress, HOUR, later);
        perUser = new Quota(store.buckets(), "email-verification.resend-per-user", resendsPerUser, HOUR, later);
        emailChanges = new Quota(store.buckets(), "email-change.per-user", emailChangesPerUser, HOUR,
                "Too many changes of address; retry later.");
    }

    public void passwordReset(String email, String clientAddress) {
        perAddress.take(ClientAddress.key(clientAddress));
        perEmail.take(email);
    }

    public void verificationResend(String userId) {
        perUser.take(userId);
    }

    /** A change of address mails the new one: at most {@code email-change.per-user} an hour per account. */
    public void emailChange(String userId) {
        emailChanges.take(userId);
    }
}
