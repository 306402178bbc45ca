/**
 * Security events: what happened to whom, from where; recorded without slowing the request (a bounded queue and a
 * background writer), kept {@code events.retention-days} in MongoDB, written as JSON log lines, and queryable by
 * admins. Stands on {@code platform}.
 */
package io.accounts.events;
