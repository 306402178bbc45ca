/**
 * The access policy language: IAM-style Allow/Deny statements by verb, path pattern, principal and condition,
 * parsed, checked and evaluated; it knows callers only as roles and claims ({@code Caller}) and imports nothing
 * of ours. {@code security} loads the document and applies it.
 */
package io.accounts.policy;
