package io.accounts.platform;

/** Fired (synchronously) when a backup of the database has been handed to a caller: who took it. */
public record BackupTaken(String userId) {
}
