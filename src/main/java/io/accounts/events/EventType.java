package io.accounts.events;

/** The security-relevant actions (API.md, Security events), each a success or a failure for the metrics. */
public enum EventType {
    REGISTER(true), LOGIN(true), LOGIN_ERROR(false), LOGIN_THROTTLED(false), REFRESH(true), REFRESH_REUSE(false),
    LOGOUT(true), UPDATE_PROFILE(true), UPDATE_PASSWORD(true), PASSWORD_RESET_REQUEST(true), PASSWORD_RESET(true),
    VERIFY_EMAIL(true), TOTP_ENABLED(true), TOTP_DISABLED(true), ROLE_CHANGE(true), DELETE_ACCOUNT(true),
    KEY_ROTATE(true), KEY_RETIRE(true), ACCESS_DENIED(false), BACKUP(true),
    OTP_LOCKED(false), SESSION_END(true), EMAIL_CHANGE(true), EMAIL_CHANGE_REVERTED(true),
    PASSKEY_ADDED(true), PASSKEY_REMOVED(true), PASSKEY_CLONED(false), CLIENT_CREATED(true), CLIENT_DELETED(true),
    TOKEN_REVOKED(true);

    private final boolean success;

    EventType(boolean success) {
        this.success = success;
    }

    public String outcome() {
        return success ? "success" : "failure";
    }
}
