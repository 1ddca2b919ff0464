package io.imagefactory.backstage;

/**
 * The annotation keys the entities carry: Backstage's well-known ones where they fit, the rest
 * under {@value #PREFIX}.
 */
final class Annotations {

  /** Our own annotations' domain. */
  static final String PREFIX = "image-factory.io/";

  /** {@code url:<directory of the Dockerfile>}; Backstage's "View Source" and TechDocs use it. */
  static final String SOURCE_LOCATION = "backstage.io/source-location";

  /** {@code owner/name}: the GitHub Actions plugin shows this repository's workflow runs. */
  static final String GITHUB_SLUG = "github.com/project-slug";

  /** {@code group/name}: the GitLab plugin's project. */
  static final String GITLAB_SLUG = "gitlab.com/project-slug";

  /** {@code registry/repository}, as the Warehouse subscribes to it. */
  static final String IMAGE = PREFIX + "image";

  /** {@code managed}, {@code external} or {@code base}. */
  static final String KIND = PREFIX + "kind";

  /** The state file's path in the state repository. */
  static final String STATE_FILE = PREFIX + "state-file";

  static final String SOURCE_REPOSITORY = PREFIX + "source-repository";
  static final String DOCKERFILE = PREFIX + "dockerfile";
  static final String BUILD_WORKFLOW = PREFIX + "build-workflow";
  static final String REBUILD_DELAY = PREFIX + "rebuild-delay";
  static final String AUTO_REBUILD = PREFIX + "auto-rebuild";
  static final String TAG = PREFIX + "tag";
  static final String DIGEST = PREFIX + "digest";
  static final String ALLOW_TAGS = PREFIX + "allow-tags";
  static final String SELECTION = PREFIX + "image-selection-strategy";

  static final String LAST_REBUILD = PREFIX + "last-rebuild";
  static final String LAST_REBUILD_TRIGGER = PREFIX + "last-rebuild-trigger";
  static final String LAST_REBUILD_REQUESTED_AT = PREFIX + "last-rebuild-requested-at";
  static final String LAST_REBUILD_COMPLETED_AT = PREFIX + "last-rebuild-completed-at";
  static final String LAST_REBUILD_OUTCOME = PREFIX + "last-rebuild-outcome";
  static final String LAST_REBUILD_RUN = PREFIX + "last-rebuild-run";

  private Annotations() {}
}
