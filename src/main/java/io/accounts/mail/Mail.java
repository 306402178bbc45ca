package io.accounts.mail;

/**
 * One message: recipient, subject, the plain-text body, and what the log may say of it (never the body, which
 * can carry a single-use token).
 */
public record Mail(String to, String subject, String text, String purpose) {
}
