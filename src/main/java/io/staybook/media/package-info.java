/**
 * Stored media (listing photos): immutable objects named by the SHA-256 of their bytes, kept in a {@link
 * io.staybook.media.MediaStore} (a directory, or any S3-compatible bucket) and served at {@code /media/<key>} with a
 * year-long {@code Cache-Control}; a register of the stored keys with how many photos use each ({@link
 * io.staybook.media.MediaObjects}, V28) stops serving an unused object at once, and a recurring sweep deletes it.
 */
package io.staybook.media;
