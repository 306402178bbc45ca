package io.accounts.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Where people reach the service ({@code public-url}; the token issuer when unset), without a trailing slash: the
 * base of the mails' links, and the default relying party of passkeys.
 */
@ApplicationScoped
public class PublicUrl {

    @Inject
    @ConfigProperty(name = "public-url")
    Optional<String> publicUrl;

    @Inject
    JwtConfig jwt;

    public String base() {
        return publicUrl.filter(u -> !u.isBlank()).map(u -> u.strip().replaceAll("/+$", "")).orElse(jwt.issuerBase());
    }
}
