/**
 * The second factor: TOTP (RFC 6238) enrolment, verification at login with replay refused, single-use recovery
 * codes, removal. Secrets are sealed at rest like the signing keys. Stands on {@code user}, {@code keys} and below.
 */
package io.accounts.totp;
