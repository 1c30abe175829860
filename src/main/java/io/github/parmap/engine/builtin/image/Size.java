package io.github.parmap.engine.builtin.image;

/** A width and height in pixels. */
public record Size(int width, int height) {

    public long pixels() {
        return (long) width * height;
    }

    /** @return the size turned a quarter: width and height exchanged */
    public Size swapped() {
        return new Size(height, width);
    }

    /** @return the size written as {@code W×H} */
    @Override
    public String toString() {
        return width + "×" + height;
    }
}
