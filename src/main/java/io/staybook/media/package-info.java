/**
 * Stored media (listing photos): immutable objects named by the SHA-256 of their bytes, kept in a {@link
 * io.staybook.media.MediaStore} (a directory, or any S3-compatible bucket) and served at {@code /media/<key>} with a
 * year-long {@code Cache-Control}.
 */
package io.staybook.media;
