/**
 * Outgoing mail through an SMTP relay ({@code mail.smtp.*}), sent off the request thread with bounded retries.
 * Stands on {@code platform}.
 */
package io.accounts.mail;
