/** Tokens: signing keys, signing and verification, login, refresh and logout. */
package io.accounts.auth;
