/** Accounts: the user entity and repository, registration and user management, and their HTTP resource. */
package io.accounts.user;
