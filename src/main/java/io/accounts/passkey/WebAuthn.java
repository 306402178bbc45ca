package io.accounts.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** What both ceremonies share: webauthn4j's manager and converters, the algorithms we accept, the user handle. */
final class WebAuthn {

    private static final ObjectConverter JSON_AND_CBOR = new ObjectConverter();
    /** Accepts attestation {@code none} (and does not check others against trust anchors): passkeys, not devices. */
    static final WebAuthnManager MANAGER = WebAuthnManager.createNonStrictWebAuthnManager(JSON_AND_CBOR);
    static final AttestedCredentialDataConverter CREDENTIALS = new AttestedCredentialDataConverter(JSON_AND_CBOR);
    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private WebAuthn() {
    }

    /** The WebAuthn user handle of an account: its id's bytes, which say nothing about the person. */
    static byte[] handle(String userId) {
        return userId.getBytes(StandardCharsets.UTF_8);
    }
}
