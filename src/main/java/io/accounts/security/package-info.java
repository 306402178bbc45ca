/** The authorizer: the request filter, the access policy it applies, the token principal, password hashing. */
package io.accounts.security;
