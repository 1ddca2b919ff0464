/**
 * Source repositories. {@link io.imagefactory.sources.SourceCache} keeps one shallow bare mirror
 * per repository URL, allowed by {@link io.imagefactory.sources.SourceHosts}. A {@link
 * io.imagefactory.sources.SourceSession} (one per enrollment) fetches each repository and branch
 * once and reads Dockerfiles as blobs at that commit ({@link
 * io.imagefactory.sources.GitBlobReader}), returning a {@link
 * io.imagefactory.sources.SourceFileResult} per image (symlinks, submodules, {@code ..} and
 * oversized files are reported, never followed).
 */
package io.imagefactory.sources;
