/**
 * The authorizer: the request firewall, the one {@code Authorizer} decision that this service's filter and the
 * gateway endpoints share, the policy document it applies, token verification and the token principal, and the
 * roles. Stands on {@code platform}, {@code keys} and {@code policy}; revocation is asked of an implementation
 * of {@code Revocations} that a feature above provides.
 */
package io.accounts.security;
