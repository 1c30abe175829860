/**
 * The build cache: item results stored by the content of their input and the configuration, in a local
 * directory and on a remote HTTP server, behind one {@link io.github.parmap.engine.cache.ItemCache}.
 */
package io.github.parmap.engine.cache;
