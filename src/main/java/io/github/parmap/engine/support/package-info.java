/**
 * Small pieces every room of the engine shares: the run log, errors with a plain message, printable paths,
 * fingerprints, atomic file writes, units in messages. Nothing here knows about runs or items.
 */
package io.github.parmap.engine.support;
