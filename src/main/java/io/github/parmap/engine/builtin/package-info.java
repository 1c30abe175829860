/**
 * Processors that ship with parmap and are named by a short name in the {@code processor} setting. They are
 * written against the public API like any user's processor, with the engine's {@code support} helpers only.
 */
package io.github.parmap.engine.builtin;
