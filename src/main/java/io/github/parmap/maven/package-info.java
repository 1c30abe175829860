/**
 * The Maven adapter: the {@code process} goal maps its parameters onto an engine request, runs it, and turns
 * the result into Maven log lines and, on failure, one Maven exception.
 */
package io.github.parmap.maven;
