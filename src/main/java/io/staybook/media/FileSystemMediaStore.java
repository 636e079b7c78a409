package io.staybook.media;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Objects as files: {@code <dir>/<first two hex digits>/<key>}, written to a temporary file and moved into place, so
 * that a reader never sees half an object and two writers of one key (the same content) both succeed. A disk that fails (full, read-only, a lost mount) is a 503
 * {@code service_unavailable} ({@link MediaStore#unavailable}), as a failing S3 is.
 */
final class FileSystemMediaStore implements MediaStore {

	private final Path root;

	FileSystemMediaStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	@Override
	public void put(String key, byte[] bytes) {
		Path target = path(key);
		if (Files.exists(target)) {
			return;
		}
		try {
			Files.createDirectories(target.getParent());
			Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
			try {
				Files.write(temporary, bytes);
				try {
					Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw MediaStore.unavailable("store", ex);
		}
	}

	@Override
	public Optional<byte[]> get(String key) {
		try {
			return Optional.of(Files.readAllBytes(path(key)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw MediaStore.unavailable("read", ex);
		}
	}

	@Override
	public void delete(String key) {
		try {
			Files.deleteIfExists(path(key));
		}
		catch (IOException ex) {
			throw MediaStore.unavailable("delete", ex);
		}
	}

	/**
	 * Whether the directory is there and may be written (a lost mount, a file system remounted read-only), without
	 * writing: health is asked often.
	 */
	@Override
	public void check() {
		if (Files.exists(root) && !(Files.isDirectory(root) && Files.isWritable(root))) {
			throw new IllegalStateException("the media directory cannot be written");
		}
	}

	private Path path(String key) {
		if (!MediaKeys.isValid(key)) {
			throw new IllegalArgumentException("not a media key");
		}
		return root.resolve(key.substring(0, 2)).resolve(key);
	}
}
