package io.imagefactory.enrollment;

/**
 * What an enrollment did with one image.
 *
 * @param status {@code analysed}, {@code failed}, {@code unchanged}, {@code external} or
 *     {@code removed}
 * @param detail the bases found, or why it failed
 */
public record ImageOutcome(String image, String status, String detail) {}
