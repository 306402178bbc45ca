/**
 * Passkeys (API.md, "Passkeys (WebAuthn Level 3)"): registering a discoverable credential on the account and signing
 * in with it. The ceremonies' messages (CBOR, COSE keys, attestation, signatures) are webauthn4j's; which challenge,
 * which user, which origin and what a failure answers are ours.
 */
package io.accounts.passkey;
