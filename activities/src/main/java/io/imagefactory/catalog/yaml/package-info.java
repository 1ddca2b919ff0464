/**
 * YAML hardening shared by the catalog, the state files and the GitHub workflow-file reader:
 * documents composed under size, depth and alias-expansion limits, mappings without duplicate keys,
 * node and scalar rules, and quoting of user-supplied values in messages.
 */
package io.imagefactory.catalog.yaml;
