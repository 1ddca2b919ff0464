package io.imagefactory.reference;

import java.util.regex.Pattern;

/** The Kubernetes and Kargo name rules the rendered manifests must satisfy. */
public final class KubernetesNames {

  /** DNS-1123 label: names of Warehouses, Stages, projects, and label values we write. */
  public static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** DNS-1123 subdomain: names of Secrets. */
  public static final Pattern DNS_SUBDOMAIN =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** A key of a Secret's data. */
  public static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");

  /** An image repository without a tag, as Kargo's image subscription schema accepts it. */
  public static final Pattern REPO_URL =
      Pattern.compile("(\\w+([.-]\\w+)*(:\\d+)?/)?(\\w+([.-]\\w+)*)(/\\w+([.-]\\w+)*)*");

  /** A Kubernetes duration as Kargo's Warehouse {@code interval} accepts it. */
  public static final Pattern KARGO_INTERVAL = Pattern.compile("([0-9]+(\\.[0-9]+)?(s|m|h))+");

  /** A Go duration, as the {@code http} step's {@code timeout} accepts it. */
  public static final Pattern GO_DURATION =
      Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");

  private KubernetesNames() {}

  public static boolean isDnsLabel(String value) {
    return value != null && DNS_LABEL.matcher(value).matches();
  }

  public static boolean matches(Pattern pattern, String value) {
    return value != null && pattern.matcher(value).matches();
  }
}
