package io.accounts.policy;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourcePatternTest {

    @Test
    void literalsParametersAndStars() {
        ResourcePattern self = ResourcePattern.compile("/user/{id}");
        assertEquals(Optional.of(Map.of("id", "abc")), self.match("/user/abc"));
        assertTrue(self.match("/user/abc/password").isEmpty(), "a parameter is one segment");
        assertTrue(self.match("/user/").isEmpty(), "and never empty");
        assertTrue(self.match("/users/abc").isEmpty());

        ResourcePattern star = ResourcePattern.compile("/user/*");
        assertTrue(star.match("/user/abc/password").isPresent(), "a star spans segments, as in IAM");
        assertTrue(star.match("/user").isEmpty());
        assertTrue(ResourcePattern.compile("/*").match("/anything/at/all").isPresent());
        assertTrue(ResourcePattern.compile("/.well-known/*").match("/.well-known/jwks.json").isPresent());
        assertEquals(Optional.of(Map.of("id", "7")), ResourcePattern.compile("/a/*/b/{id}").match("/a/x/y/b/7"));
        assertEquals("/user/42/password", ResourcePattern.compile("/user/{id}/password").render(Map.of("id", "42")));
        assertEquals("/user/*", self.render(Map.of()));
    }

    @Test
    void malformedPatternsAreRefused() {
        for (String bad : new String[]{"user", "/user/{", "/user/{1d}", "/user/}", "/user/{}", null}) {
            assertThrows(IllegalArgumentException.class, () -> ResourcePattern.compile(bad), String.valueOf(bad));
        }
    }
}
