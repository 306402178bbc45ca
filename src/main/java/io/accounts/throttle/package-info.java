/**
 * Abuse throttles with Bucket4j token buckets: failed logins and password checks per account and address, and
 * registrations per address. Stands on {@code platform}.
 */
package io.accounts.throttle;
