/**
 * The pieces of the {@code resize-image} built-in: finding a decoder, reading an image within a pixel budget
 * and at a size near the output's, turning it upright, scaling it down, and writing it. Nothing here knows
 * the processor's parameters: {@code ResizeImageProcessor} reads them and calls these classes.
 */
package io.github.parmap.engine.builtin.image;
