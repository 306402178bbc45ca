package io.accounts.policy;

import java.util.Set;

/**
 * Who makes a request, as the policy sees it: the roles and the claims of a verified token. The authorizer's
 * token principal implements it; the policy knows nothing of tokens.
 */
public interface Caller {

    Set<String> getGroups();

    <T> T getClaim(String name);
}
