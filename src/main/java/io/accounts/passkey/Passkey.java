package io.accounts.passkey;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;
import java.util.List;

/**
 * A registered passkey as stored in {@code passkeys}: its credential id (base64url, the key of the document), whose it
 * is, the name its owner gave it, the attested credential data (AAGUID, credential id and COSE public key, as the
 * authenticator encoded them; base64url), the last signature counter seen, the backup flags of its registration, the
 * transports the browser reported (none stored when it reported none: JNoSQL writes an empty list as an embedded
 * document), and when it was added and last used.
 */
@Entity(Passkey.COLLECTION)
public record Passkey(@Id String id, @Column(Passkey.USER) String userId, @Column(Passkey.NAME) String name,
                      @Column(Passkey.CREDENTIAL) String credential, @Column(Passkey.SIGN_COUNT) long signCount,
                      @Column(Passkey.BACKUP_ELIGIBLE) Boolean backupEligible,
                      @Column(Passkey.BACKED_UP) Boolean backedUp,
                      @Column(Passkey.TRANSPORTS) List<String> transports,
                      @Column(Passkey.CREATED_AT) @Convert(InstantAsDate.class) Instant createdAt,
                      @Column(Passkey.LAST_USED_AT) @Convert(InstantAsDate.class) Instant lastUsedAt) {

    static final String COLLECTION = "passkeys";
    static final String USER = "user";
    static final String NAME = "name";
    static final String CREDENTIAL = "credential";
    static final String SIGN_COUNT = "sign_count";
    static final String BACKUP_ELIGIBLE = "backup_eligible";
    static final String BACKED_UP = "backed_up";
    static final String TRANSPORTS = "transports";
    static final String CREATED_AT = "created_at";
    static final String LAST_USED_AT = "last_used_at";

    @Override
    public List<String> transports() {
        return transports == null ? List.of() : transports;
    }
}
