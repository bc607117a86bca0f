/** Access: grants (issued and verified), the audit record, and the admit-and-audit step operations take first. */
package io.idvmedia.access;
