/**
 * The access policy: one IAM-style JSON document (Allow/Deny statements by verb, path pattern, principal and
 * condition), compiled and checked at start-up, that decides every request of the API and, through
 * {@code /authorize}, of the services behind a gateway.
 */
package io.accounts.policy;
