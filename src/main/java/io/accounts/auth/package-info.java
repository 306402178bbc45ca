/**
 * Sessions: login, logout, access-token minting, and refresh-token families with rotation, reuse detection and
 * revocation; it also provides the authorizer's revocation check. Stands on every package below it.
 */
package io.accounts.auth;
