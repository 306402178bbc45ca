/**
 * Signing keys: the token settings, the key ring every node shares through MongoDB (generation, rotation,
 * retirement, sealing at rest), the signer, and what token consumers read (JWKS and the discovery document).
 * Stands on {@code platform} only.
 */
package io.accounts.keys;
