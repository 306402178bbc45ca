package io.accounts.it.support;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A passkey authenticator in the test code, so the API's ceremonies run against the real server without a browser:
 * one discoverable credential (an ES256 or RS256 key pair), {@code none} attestation, user present and verified. The
 * CBOR of the attestation object and the authenticator data is written by webauthn4j's converters, not by hand. A
 * test can make it misbehave: another origin, a counter set back, another user handle. Until it registers, it signs
 * for the relying party {@code localhost} with a random user handle: a credential the server never saw.
 */
public final class SoftwareAuthenticator {

    private static final ObjectConverter CBOR = new ObjectConverter();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final byte FLAGS = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV);

    private final KeyPair keys;
    private final boolean rsa;
    private final byte[] credentialId = new byte[32];
    private byte[] userHandle = new byte[24];
    private String rpId = "localhost";
    private long counter;

    private SoftwareAuthenticator(KeyPair keys, boolean rsa) {
        this.keys = keys;
        this.rsa = rsa;
        new SecureRandom().nextBytes(credentialId);
        new SecureRandom().nextBytes(userHandle);
    }

    public static SoftwareAuthenticator es256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return new SoftwareAuthenticator(generator.generateKeyPair(), false);
    }

    public static SoftwareAuthenticator rs256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new SoftwareAuthenticator(generator.generateKeyPair(), true);
    }

    /** The credential's id, base64url: the passkey's id in the API. */
    public String id() {
        return B64.encodeToString(credentialId);
    }

    /** The counter the next signature carries minus one; setting it back makes the next use look like a copy's. */
    public void counter(long value) {
        counter = value;
    }

    /** Another account's user handle for the next sign-ins (base64url), as a credential of someone else would say. */
    public void userHandle(String base64url) {
        userHandle = Base64.getUrlDecoder().decode(base64url);
    }

    /** {@code navigator.credentials.create()}: the RegistrationResponseJSON for these creation options. */
    public JsonObject register(JsonObject options, String origin) {
        rpId = options.getJsonObject("rp").getString("id");
        userHandle = Base64.getUrlDecoder().decode(options.getJsonObject("user").getString("id"));
        byte[] clientData = clientData("webauthn.create", options.getString("challenge"), origin);
        COSEKey key = rsa ? RSACOSEKey.create((RSAPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.RS256)
                : EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256);
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(sha256(rpId),
                (byte) (FLAGS | AuthenticatorData.BIT_AT), counter, new AttestedCredentialData(AAGUID.ZERO, credentialId, key));
        byte[] attestation = new AttestationObjectConverter(CBOR).convertToBytes(
                new AttestationObject(data, new NoneAttestationStatement()));
        return credential(Json.createObjectBuilder().add("clientDataJSON", B64.encodeToString(clientData))
                .add("attestationObject", B64.encodeToString(attestation))
                .add("transports", Json.createArrayBuilder().add("internal")));
    }

    /** {@code navigator.credentials.get()}: the AuthenticationResponseJSON for this challenge, from this origin. */
    public JsonObject signIn(String challenge, String origin) throws GeneralSecurityException {
        counter++;
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        byte[] data = new AuthenticatorDataConverter(CBOR).convert(new AuthenticatorData<>(sha256(rpId), FLAGS, counter));
        Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(data);
        signer.update(sha256Bytes(clientData));
        return credential(Json.createObjectBuilder().add("clientDataJSON", B64.encodeToString(clientData))
                .add("authenticatorData", B64.encodeToString(data))
                .add("signature", B64.encodeToString(signer.sign()))
                .add("userHandle", B64.encodeToString(userHandle)));
    }

    private JsonObject credential(JsonObjectBuilder response) {
        return Json.createObjectBuilder().add("id", id()).add("rawId", id()).add("type", "public-key")
                .add("response", response).add("clientExtensionResults", Json.createObjectBuilder())
                .add("authenticatorAttachment", "platform").build();
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return Json.createObjectBuilder().add("type", type).add("challenge", challenge).add("origin", origin)
                .add("crossOrigin", false).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String text) {
        return sha256Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256Bytes(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
