package io.accounts.platform.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The JAX-RS application; the API Gateway stage of the tutorial is the context root, so the path here is empty. The
 * OpenAPI document's tags, and the error schemas that {@code security.PolicyDocumentFilter} gives every operation.
 */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "User account service", version = "1",
        description = "Registration, login, token refresh and logout, user management, and the authorizer."),
        tags = {@Tag(name = "Users", description = "Registration and the accounts themselves"),
                @Tag(name = "Sign-in", description = "Login with a password or a passkey, refresh, logout"),
                @Tag(name = "Sessions", description = "A user's signed-in sessions"),
                @Tag(name = "Second factor", description = "TOTP enrolment and removal"),
                @Tag(name = "Passkeys", description = "A user's passkeys (WebAuthn)"),
                @Tag(name = "Recovery", description = "Password reset, address verification, taking back an address"),
                @Tag(name = "OpenID Connect", description = "The service as an identity provider for applications"),
                @Tag(name = "Gateway", description = "The authorizer for API Gateway and forward-auth proxies"),
                @Tag(name = "Keys", description = "Signing keys and discovery"),
                @Tag(name = "Operations", description = "Security events and backups")},
        components = @Components(schemas = {
                @Schema(name = "Problem", type = SchemaType.OBJECT, description = "RFC 9457 problem details",
                        properties = {
                                @SchemaProperty(name = "type", type = SchemaType.STRING, maxLength = 200,
                                        description = "about:blank or a urn:accounts:problem:* URN"),
                                @SchemaProperty(name = "title", type = SchemaType.STRING, maxLength = 200),
                                @SchemaProperty(name = "status", type = SchemaType.INTEGER, format = "int32",
                                        minimum = "100", maximum = "599"),
                                @SchemaProperty(name = "detail", type = SchemaType.STRING, maxLength = 2000),
                                @SchemaProperty(name = "message", type = SchemaType.STRING, maxLength = 2000,
                                        description = "the tutorial's field: the same as detail"),
                                @SchemaProperty(name = "errors", type = SchemaType.OBJECT,
                                        description = "each invalid field's problems")}),
                @Schema(name = "OAuthError", type = SchemaType.OBJECT, description = "RFC 6749 5.2 error",
                        properties = {
                                @SchemaProperty(name = "error", type = SchemaType.STRING, maxLength = 100),
                                @SchemaProperty(name = "error_description", type = SchemaType.STRING,
                                        maxLength = 2000)}),
                @Schema(name = "HeaderValue", type = SchemaType.STRING, maxLength = 9000,
                        description = "A header's value (an Authorization header carries at most an 8 KiB token)"),
                @Schema(name = "ObjectId", type = SchemaType.STRING, pattern = "^[0-9a-fA-F]{24}$", maxLength = 24,
                        description = "A user's or an event's id"),
                @Schema(name = "SessionId", type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]+$", maxLength = 64),
                @Schema(name = "KeyId", type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]+$", maxLength = 64,
                        description = "A signing key's kid (its RFC 7638 thumbprint)"),
                @Schema(name = "ClientId", type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]+$", maxLength = 64),
                @Schema(name = "PasskeyId", type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]+$", maxLength = 1366,
                        description = "A passkey's credential id, base64url (WebAuthn allows 1023 bytes)"),
                @Schema(name = "Limit", type = SchemaType.STRING, pattern = "^[0-9]{1,3}$", maxLength = 3,
                        description = "How many to answer, 1 to 100 (default 20)"),
                @Schema(name = "Instant", type = SchemaType.STRING, format = "date-time", maxLength = 40),
                @Schema(name = "EventTypeName", type = SchemaType.STRING, pattern = "^[A-Z_]+$", maxLength = 32,
                        description = "A security event type, e.g. LOGIN (API.md, Security events)"),
                @Schema(name = "Role", type = SchemaType.STRING, enumeration = {"admin", "user"}),
                @Schema(name = "Uri", type = SchemaType.STRING, format = "uri", maxLength = 2000),
                @Schema(name = "TokenForm", type = SchemaType.OBJECT, description = "RFC 6749 token request",
                        requiredProperties = "grant_type", properties = {
                                @SchemaProperty(name = "grant_type", type = SchemaType.STRING,
                                        enumeration = {"authorization_code", "refresh_token"}),
                                @SchemaProperty(name = "code", type = SchemaType.STRING, maxLength = 200),
                                @SchemaProperty(name = "redirect_uri", type = SchemaType.STRING, maxLength = 2000),
                                @SchemaProperty(name = "code_verifier", type = SchemaType.STRING, maxLength = 128),
                                @SchemaProperty(name = "refresh_token", type = SchemaType.STRING, maxLength = 200),
                                @SchemaProperty(name = "client_id", type = SchemaType.STRING, maxLength = 64),
                                @SchemaProperty(name = "client_secret", type = SchemaType.STRING, maxLength = 200)}),
                @Schema(name = "TokenHintForm", type = SchemaType.OBJECT, requiredProperties = "token",
                        description = "RFC 7009 revocation and RFC 7662 introspection request", properties = {
                                @SchemaProperty(name = "token", type = SchemaType.STRING, maxLength = 8192),
                                @SchemaProperty(name = "token_type_hint", type = SchemaType.STRING,
                                        enumeration = {"access_token", "refresh_token"}),
                                @SchemaProperty(name = "client_id", type = SchemaType.STRING, maxLength = 64),
                                @SchemaProperty(name = "client_secret", type = SchemaType.STRING, maxLength = 200)}),
                @Schema(name = "LogoutForm", type = SchemaType.OBJECT,
                        description = "OpenID Connect RP-Initiated Logout request", properties = {
                                @SchemaProperty(name = "id_token_hint", type = SchemaType.STRING, maxLength = 8192),
                                @SchemaProperty(name = "post_logout_redirect_uri", type = SchemaType.STRING,
                                        maxLength = 2000),
                                @SchemaProperty(name = "state", type = SchemaType.STRING, maxLength = 1024),
                                @SchemaProperty(name = "client_id", type = SchemaType.STRING, maxLength = 64)})}))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from login, refresh or the token endpoint: a JWS (ES256 by default) verified as"
                + " RFC8725 wants it: the configured algorithm only, a known kid, no key-carrying headers, typ JWT")
public class RestApplication extends Application {
}
