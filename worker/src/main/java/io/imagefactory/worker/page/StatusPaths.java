package io.imagefactory.worker.page;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** The status page's paths, in one place for the controller, the links and the access check. */
final class StatusPaths {

  static final String TABLE = "/";
  static final String IMAGE = "/images/{name}";
  static final String GRAPH = "/graph";
  static final String GRAPH_SVG = "/graph.svg";

  /** The stylesheet and the script, from {@code static/page/}; they hold no fleet data. */
  static final String ASSETS = "/page/**";

  static final String STYLESHEET = "/page/page.css";
  static final String SCRIPT = "/page/page.js";

  private StatusPaths() {}

  /** The page of image {@code name}, its name encoded as one path segment. */
  static String image(String name) {
    return "/images/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8);
  }
}
