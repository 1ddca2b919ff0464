package io.imagefactory.enrollment;

import java.util.List;

/**
 * What an enrollment did with one image.
 *
 * @param status {@code analysed}, {@code invalid} (analysed and its bases watched, but its rebuild
 *     target is invalid, so it is not rebuilt until that is fixed), {@code failed}, {@code
 *     unchanged}, {@code started} (not analysed again; its workflow was started from the state
 *     file), {@code updated} (not analysed again; its changed configuration was sent to its
 *     workflow), {@code external} or {@code removed}
 * @param detail the bases found, or why it failed
 * @param problems for {@code invalid}: what is wrong with the rebuild target, each an {@code
 *     images.yaml} error naming the entry and the field
 */
public record ImageOutcome(String image, String status, String detail, List<String> problems) {

  public static final String INVALID = "invalid";
  public static final String UNCHANGED = "unchanged";
  public static final String STARTED = "started";
  public static final String UPDATED = "updated";

  public ImageOutcome {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
