package io.accounts.auth;

import io.accounts.user.AccountChanges;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.platform.ApiException;
import io.accounts.security.JwtPrincipal;
import io.accounts.user.User;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A user's sessions (their live refresh-token families): listed, and ended one by one or all but the caller's own.
 * Ending one revokes its refresh family and names it on the user ({@link UserService#sessionsEnded}), so its access
 * tokens stop too, not only when they expire.
 */
@ApplicationScoped
public class Sessions {

    @Inject
    AccountChanges account;

    @Inject
    RefreshFamilyStore families;

    @Inject
    UserService users;

    @Inject
    SecurityEvents events;

    @Inject
    Clock clock;

    /** The user's live sessions, newest first; 404 for an unknown user. */
    public List<SessionView> list(String userId, JwtPrincipal caller) {
        User user = users.require(userId);
        String own = sessionOf(caller);
        return families.activeOf(user.getId(), clock.instant()).stream().map(f -> SessionView.of(f, own)).toList();
    }

    /** Ends one live session of the user; 404 when the user has no such live session. */
    public void end(String userId, String sessionId, JwtPrincipal caller) {
        User user = users.require(userId);
        boolean live = families.find(sessionId).filter(f -> f.userId().equals(user.getId()))
                .filter(f -> f.active(clock.instant())).isPresent();
        if (!live) {
            throw ApiException.notFound("This user has no live session " + sessionId + ".");
        }
        endAll(user.getId(), List.of(sessionId), caller);
    }

    /** Ends every live session of the user but the caller's own (an admin's call ends them all). */
    public void endOthers(String userId, JwtPrincipal caller) {
        User user = users.require(userId);
        String own = sessionOf(caller);
        endAll(user.getId(), families.activeOf(user.getId(), clock.instant()).stream().map(RefreshFamily::id)
                .filter(id -> !id.equals(own)).toList(), caller);
    }

    /**
     * Ends one session for an application (RFC 7009 revocation, RP-initiated logout): its refresh family and its
     * access tokens; the caller records why.
     */
    public void endForApplication(String userId, String sessionId) {
        families.revoke(sessionId);
        account.sessionsEnded(userId, List.of(sessionId));
    }

    private void endAll(String userId, List<String> sessionIds, JwtPrincipal caller) {
        for (String id : sessionIds) {
            families.revoke(id);
        }
        account.sessionsEnded(userId, sessionIds);
        String by = caller.subject().equals(userId) ? "self" : "admin";
        for (String id : sessionIds) {
            events.record(EventType.SESSION_END, userId, Map.of("session", id, "by", by));
        }
    }

    private static String sessionOf(JwtPrincipal caller) {
        return caller.getClaim("sid") instanceof String sid ? sid : "";
    }
}
