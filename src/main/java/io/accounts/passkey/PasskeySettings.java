package io.accounts.passkey;

import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import io.accounts.keys.PublicUrl;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The relying party (API.md, "Passkeys"): its id {@code webauthn.rp-id} (the host of {@code public-url} when unset),
 * the origins a ceremony may come from {@code webauthn.origins} (comma-separated; the origin of {@code public-url}
 * when unset), its name as authenticators show it {@code webauthn.rp-name}, and how long a challenge lives
 * {@code webauthn.challenge-ttl}. Behind a proxy, {@code public-url} (or both keys) must name what the browser sees.
 */
@ApplicationScoped
public class PasskeySettings {

    private static final Logger LOG = Logger.getLogger(PasskeySettings.class.getName());

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "webauthn.rp-id")
    Optional<String> rpIdSetting;

    @Inject
    @ConfigProperty(name = "webauthn.origins")
    Optional<String> originsSetting;

    @Inject
    @ConfigProperty(name = "webauthn.rp-name", defaultValue = "User accounts")
    String rpName;

    @Inject
    @ConfigProperty(name = "webauthn.challenge-ttl", defaultValue = "300")
    long challengeSeconds;

    private String rpId;
    private Set<Origin> origins;

    @PostConstruct
    void init() {
        URI base = URI.create(publicUrl.base());
        rpId = rpIdSetting.map(String::strip).filter(s -> !s.isEmpty()).orElse(base.getHost())
                .toLowerCase(Locale.ROOT);
        List<String> listed = originsSetting.map(s -> Arrays.stream(s.split(",")).map(String::strip)
                .filter(o -> !o.isEmpty()).toList()).filter(l -> !l.isEmpty())
                .orElse(List.of(base.getScheme() + "://" + base.getRawAuthority()));
        for (String origin : listed) {
            URI uri = URI.create(origin);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
                throw new IllegalArgumentException("webauthn.rp-id (" + rpId + ") must be the host of every one of"
                        + " webauthn.origins or a suffix of it; " + origin + " is not");
            }
            if (!"https".equals(uri.getScheme()) && !host.equals("localhost")) {
                LOG.warning("Passkeys need a secure origin: browsers refuse WebAuthn on " + origin
                        + " (https, or http://localhost only)");
            }
        }
        origins = listed.stream().map(o -> o.replaceAll("/+$", "").toLowerCase(Locale.ROOT)).map(Origin::new)
                .collect(Collectors.toUnmodifiableSet());
        if (challengeSeconds < 10) {
            throw new IllegalArgumentException("webauthn.challenge-ttl must be at least 10 seconds, was "
                    + challengeSeconds);
        }
    }

    /** Checks the settings when the application starts: a relying party that fits no origin stops the start. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        rpId();
    }

    String rpId() {
        return rpId;
    }

    String rpName() {
        return rpName;
    }

    Duration challengeTtl() {
        return Duration.ofSeconds(challengeSeconds);
    }

    /** What a ceremony's response must show: one of the origins, the relying party's id, and this challenge. */
    ServerProperty expecting(String challenge) {
        return ServerProperty.builder().origins(origins).rpId(rpId).challenge(new DefaultChallenge(challenge)).build();
    }
}
