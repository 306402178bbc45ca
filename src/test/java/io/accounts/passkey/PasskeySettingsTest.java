package io.accounts.passkey;

import com.webauthn4j.data.client.Origin;
import com.webauthn4j.server.OriginPredicate;
import io.accounts.keys.PublicUrl;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relying party comes from public-url unless set, and one that fits no origin stops the start. */
class PasskeySettingsTest {

    private static PasskeySettings settings(String publicUrl, String rpId, String origins) {
        PasskeySettings settings = new PasskeySettings();
        settings.publicUrl = new PublicUrl() {
            @Override
            public String base() {
                return publicUrl;
            }
        };
        settings.rpIdSetting = Optional.ofNullable(rpId);
        settings.originsSetting = Optional.ofNullable(origins);
        settings.rpName = "User accounts";
        settings.challengeSeconds = 300;
        return settings;
    }

    @Test
    void theRelyingPartyIsThePublicUrlsHostByDefault() {
        PasskeySettings settings = settings("https://Accounts.Example.com:8443", null, null);
        settings.init();
        assertEquals("accounts.example.com", settings.rpId());
        assertTrue(settings.expecting("AAAAAAAAAAAAAAAAAAAAAA").getOriginPredicate()
                .test(new Origin("https://accounts.example.com:8443")), "as a browser writes it");
    }

    @Test
    void aParentDomainServesSeveralOrigins() {
        PasskeySettings settings = settings("https://accounts.example.com", "example.com",
                "https://accounts.example.com, https://app.example.com");
        settings.init();
        assertEquals("example.com", settings.rpId());
        OriginPredicate expected = settings.expecting("AAAAAAAAAAAAAAAAAAAAAA").getOriginPredicate();
        assertTrue(expected.test(new Origin("https://accounts.example.com")));
        assertTrue(expected.test(new Origin("https://app.example.com")));
        assertFalse(expected.test(new Origin("https://evil.example.com")), "only the origins listed");
    }

    @Test
    void aRelyingPartyThatFitsNoOriginOrAShortChallengeStopsTheStart() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> settings("https://accounts.example.com", "example.org", null).init()).getMessage();
        assertTrue(message.contains("webauthn.rp-id") && message.contains("https://accounts.example.com"), message);
        assertThrows(IllegalArgumentException.class,
                () -> settings("https://accounts.example.com", "counts.example.com", null).init(),
                "a suffix of the host's name, not of its text");
        PasskeySettings shortLived = settings("https://accounts.example.com", null, null);
        shortLived.challengeSeconds = 5;
        assertThrows(IllegalArgumentException.class, shortLived::init);
    }
}
