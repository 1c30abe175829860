/** Walking the input directory and choosing its items: which files, in which order, with what size and time. */
package io.github.parmap.engine.scan;
