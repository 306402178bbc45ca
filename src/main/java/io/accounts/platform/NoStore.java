package io.accounts.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose answer carries a token, a secret or recovery codes: it leaves with
 * {@code Cache-Control: no-store} (RFC 6749 5.1), so no browser, proxy or CDN keeps a copy.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NoStore {
}
