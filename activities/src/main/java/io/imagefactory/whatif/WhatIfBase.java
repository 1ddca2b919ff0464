package io.imagefactory.whatif;

/**
 * What a what-if's reference names in the state.
 *
 * @param kind {@value #BASE} for a watched base image, {@value #MANAGED} for a managed image of
 *     ours whose new build is a cascade
 */
public record WhatIfBase(String name, String kind, String repoURL, String tag) {

  public static final String BASE = "base";
  public static final String MANAGED = "managed";
}
