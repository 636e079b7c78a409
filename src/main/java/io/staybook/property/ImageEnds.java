package io.staybook.property;

/**
 * Where an image's own bytes end, by its format's structure, so that anything appended after them (a ZIP, HTML, a
 * script: a polyglot file that another program would read as something else) is refused. OWASP's File Upload Cheat
 * Sheet: validate the content, not the name or the declared type.
 * <ul>
 * <li>JPEG (ITU-T T.81, annex B): marker segments from SOI, entropy-coded data after each SOS (skipping stuffed
 * {@code FF 00} and restart markers), until EOI. What follows may only be zero padding or further whole JPEG streams
 * (phones append a gain map or a depth map as a second JPEG, CIPA DC-007 "MPF").</li>
 * <li>PNG (ISO/IEC 15948, 5.3): chunks from the signature to IEND and its CRC.</li>
 * <li>WebP: the RIFF container's declared size (RFC 9649, 2.5), and at most one zero padding byte.</li>
 * </ul>
 */
final class ImageEnds {

	private ImageEnds() {
	}

	/** The image formats accepted, as detected from their content. */
	enum Format {
		JPEG, PNG, WEBP
	}

	/** Whether {@code bytes} are exactly one image of {@code format} (a truncated one is not). */
	static boolean endsCleanly(Format format, byte[] bytes) {
		return switch (format) {
			case JPEG -> jpegEndsCleanly(bytes);
			case PNG -> pngEnd(bytes) == bytes.length;
			case WEBP -> {
				int end = webpEnd(bytes);
				yield end == bytes.length || (end > 0 && end + 1 == bytes.length && bytes[end] == 0);
			}
		};
	}

	/**
	 * Whether {@code bytes} stop before the image's own end (a cut-off upload), as opposed to running past it: for a file
	 * that does not {@link #endsCleanly end cleanly}, which of the two a client is told.
	 */
	static boolean endsEarly(Format format, byte[] bytes) {
		return switch (format) {
			case JPEG -> jpegEnd(bytes, 0) < 0;
			case PNG -> pngEnd(bytes) < 0;
			case WEBP -> webpEnd(bytes) < 0 || webpEnd(bytes) > bytes.length;
		};
	}

	private static boolean jpegEndsCleanly(byte[] b) {
		int end = jpegEnd(b, 0);
		while (end > 0 && end < b.length) {
			if (b[end] == 0) {
				end++;
			}
			else if (end + 1 < b.length && (b[end] & 0xff) == 0xff && (b[end + 1] & 0xff) == 0xd8) {
				end = jpegEnd(b, end);
			}
			else {
				return false;
			}
		}
		return end == b.length;
	}

	/** The offset just past the EOI of the JPEG stream starting at {@code start}, or -1 if it is not whole. */
	static int jpegEnd(byte[] b, int start) {
		int n = b.length;
		if (start + 1 >= n || (b[start] & 0xff) != 0xff || (b[start + 1] & 0xff) != 0xd8) {
			return -1;
		}
		int i = start + 2;
		while (true) {
			if (i + 1 >= n || (b[i] & 0xff) != 0xff) {
				return -1;
			}
			while (i + 1 < n && (b[i + 1] & 0xff) == 0xff) {
				i++; // fill bytes before a marker (T.81, B.1.1.2)
			}
			if (i + 1 >= n) {
				return -1;
			}
			int marker = b[i + 1] & 0xff;
			i += 2;
			if (marker == 0xd9) {
				return i;
			}
			if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
				continue; // no length
			}
			if (i + 1 >= n) {
				return -1;
			}
			int length = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
			if (length < 2) {
				return -1;
			}
			i += length;
			if (marker == 0xda) {
				i = entropyCodedEnd(b, i);
			}
		}
	}

	/** The offset of the first marker after entropy-coded data, past stuffed zeros and restart markers. */
	private static int entropyCodedEnd(byte[] b, int i) {
		int n = b.length;
		while (i + 1 < n) {
			if ((b[i] & 0xff) == 0xff) {
				int next = b[i + 1] & 0xff;
				if (next == 0x00 || (next >= 0xd0 && next <= 0xd7)) {
					i += 2;
					continue;
				}
				if (next != 0xff) {
					return i;
				}
			}
			i++;
		}
		return n;
	}

	private static int pngEnd(byte[] b) {
		int i = 8;
		while (i + 8 <= b.length) {
			long length = ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8)
					| (b[i + 3] & 0xff);
			boolean end = b[i + 4] == 'I' && b[i + 5] == 'E' && b[i + 6] == 'N' && b[i + 7] == 'D';
			long next = i + 12L + length;
			if (next > b.length) {
				return -1;
			}
			i = (int) next;
			if (end) {
				return i;
			}
		}
		return -1;
	}

	private static int webpEnd(byte[] b) {
		if (b.length < 12) {
			return -1;
		}
		long size = (b[4] & 0xff) | ((b[5] & 0xff) << 8) | ((b[6] & 0xff) << 16) | ((long) (b[7] & 0xff) << 24);
		long end = 8 + size;
		return end > Integer.MAX_VALUE ? -1 : (int) end;
	}
}
