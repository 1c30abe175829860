/**
 * What earlier builds did: the build state (a snapshot and a journal, both checksummed), its lock, the
 * output directory it belongs to, the configuration fingerprint, and the up-to-date decision, which asks
 * without changing anything.
 */
package io.github.parmap.engine.state;
