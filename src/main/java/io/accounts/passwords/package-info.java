/** Passwords: argon2id hashing with bounded concurrency, the configured cost, and the common-password rule. */
package io.accounts.passwords;
