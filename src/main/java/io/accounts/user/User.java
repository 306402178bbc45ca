package io.accounts.user;

import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import org.eclipse.jnosql.databases.mongodb.mapping.ObjectIdConverter;

import java.time.Instant;
import java.util.List;

/**
 * A registered account as stored in MongoDB (the tutorial's {@code registrations} collection). Never leaves
 * the service layer: the wire sees {@link UserView}.
 */
@Entity(User.COLLECTION)
public class User {

    /** The tutorial's collection name; {@link UserCollection} says where configuration puts it. */
    public static final String COLLECTION = "registrations";
    /** The stored field names, for the queries and updates the repository cannot express ({@link UserStore}). */
    static final String ID = "_id";
    static final String FIRST_NAME = "first_name";
    static final String LAST_NAME = "last_name";
    static final String EMAIL = "email";
    static final String PASSWORD_HASH = "password_hash";
    static final String ROLES = "roles";
    static final String CREATED_AT = "created_at";
    static final String TOKEN_VERSION = "token_version";
    static final String EMAIL_VERIFIED = "email_verified";
    static final String TOTP_ENABLED = "totp_enabled";
    static final String ENDED_SESSIONS = "ended_sessions";
    /** How many ended sessions a user remembers, so that their access tokens stop before they expire. */
    static final int ENDED_SESSIONS_KEPT = 32;

    @Id
    @Convert(ObjectIdConverter.class)
    private String id;

    @Column(FIRST_NAME)
    private String firstName;

    @Column(LAST_NAME)
    private String lastName;

    @Column(EMAIL)
    private String email;

    @Column(PASSWORD_HASH)
    private String passwordHash;

    @Column(ROLES)
    private List<String> roles;

    @Column(CREATED_AT)
    private Instant createdAt;

    /**
     * The "tokens valid after" stamp as a counter: access tokens carry the value current when they were issued
     * ({@code tv}); a password or role change increments it atomically, voiding every earlier token. A counter
     * rather than a time: exact within a second and immune to clock differences between nodes.
     */
    @Column(TOKEN_VERSION)
    private Long tokenVersion;

    /** True once the owner proved the address by a verification mail; a change of address resets it. */
    @Column(EMAIL_VERIFIED)
    private Boolean emailVerified;

    /** True while a second factor (TOTP) is required at login; its secret lives in the {@code totp} collection. */
    @Column(TOTP_ENABLED)
    private Boolean totpEnabled;

    /**
     * The sessions (the {@code sid} of access tokens) ended one by one lately, newest last, at most
     * {@value #ENDED_SESSIONS_KEPT}: the authorizer refuses their access tokens, which would otherwise live until they
     * expire. A change that ends every session bumps the token version instead.
     */
    @Column(ENDED_SESSIONS)
    private List<String> endedSessions;

    public User() {
    }

    public User(String firstName, String lastName, String email, String passwordHash, List<String> roles,
                Instant createdAt) {
        this.firstName = firstName;
        this.lastName = lastName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.roles = List.copyOf(roles);
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPasswordHash() { return passwordHash; }
    public void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
    public List<String> getRoles() { return roles == null ? List.of() : roles; }
    public void setRoles(List<String> roles) { this.roles = roles; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public long getTokenVersion() { return tokenVersion == null ? 0 : tokenVersion; }
    public void setTokenVersion(Long tokenVersion) { this.tokenVersion = tokenVersion; }

    public boolean isEmailVerified() { return Boolean.TRUE.equals(emailVerified); }
    public void setEmailVerified(Boolean emailVerified) { this.emailVerified = emailVerified; }
    public boolean isTotpEnabled() { return Boolean.TRUE.equals(totpEnabled); }

    public List<String> getEndedSessions() { return endedSessions == null ? List.of() : endedSessions; }

    public void setEndedSessions(List<String> endedSessions) { this.endedSessions = endedSessions; }
    public void setTotpEnabled(Boolean totpEnabled) { this.totpEnabled = totpEnabled; }

    public boolean hasRole(String role) {
        return getRoles().contains(role);
    }
}
