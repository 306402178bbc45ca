/**
 * The service as an OpenID Connect provider (API.md, "OAuth 2.1 and OpenID Connect"): the applications that sign
 * their users in through it (clients), registered by an admin.
 */
package io.accounts.oidc;
