/** What every provider offers (sessions, media, summaries, deletions) and the registry that finds one by name. */
package io.idvmedia.provider;
