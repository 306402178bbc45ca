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

    public static final String COLLECTION = "registrations";

    @Id
    @Convert(ObjectIdConverter.class)
    private String id;

    @Column("first_name")
    private String firstName;

    @Column("last_name")
    private String lastName;

    @Column
    private String email;

    @Column("password_hash")
    private String passwordHash;

    @Column
    private List<String> roles;

    @Column("created_at")
    private Instant createdAt;

    /**
     * The "tokens valid after" stamp as a counter: access tokens carry the value current when they were issued
     * ({@code tv}); a password or role change increments it atomically, voiding every earlier token. A counter
     * rather than a time: exact within a second and immune to clock differences between nodes.
     */
    @Column("token_version")
    private Long tokenVersion;

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

    public boolean hasRole(String role) {
        return getRoles().contains(role);
    }
}
