package io.imagefactory.enrollment;

/**
 * Which entity workflows an enrollment asks for: those of the state at the tip (which holds {@code
 * commitId} or a newer commit), each reconfigured only when its setup differs from the state the
 * enrollment started from.
 *
 * @param previousCommitId the commit the enrollment read before it committed; null for none
 * @param commitId the commit the enrollment made, or the unchanged tip
 * @param all reconfigure every entity, changed or not
 */
public record EnsureEntitiesRequest(String previousCommitId, String commitId, boolean all) {}
