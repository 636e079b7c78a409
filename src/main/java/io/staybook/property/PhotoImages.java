package io.staybook.property;

import io.staybook.media.MediaKeys;
import io.staybook.property.ImageEnds.Format;
import io.staybook.shared.DomainException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.apache.tika.Tika;

/**
 * Judges an uploaded file and makes a photo's four stored variants from it (README, "Listing photos"):
 * <ol>
 * <li>at most {@value #MAX_BYTES} bytes (10 MiB), else 413 {@code photo_too_large};</li>
 * <li>JPEG, PNG or WebP by its content (Apache Tika's magic-byte detection; the declared type and the name are never
 * read), else 415 {@code unsupported_image};</li>
 * <li>nothing after the image's own end ({@link ImageEnds}): a polyglot is 415 {@code unsupported_image};</li>
 * <li>its dimensions read from the header before any pixel is decoded: more than {@value #MAX_PIXELS} pixels (a
 * decompression bomb: a small file declaring 50000×50000) is 415 {@code image_too_large}; less than 320×240 (either
 * way round) is 400 {@code image_too_small};</li>
 * <li>decoded once (TwelveMonkeys ImageIO for WebP and awkward JPEGs), turned upright by its EXIF orientation, and
 * re-encoded: every variant, the original included, is written from pixels alone, so no metadata (EXIF or XMP GPS
 * position, camera serial numbers, comments) reaches the store.</li>
 * </ol>
 * The original is the whole picture at full size up to {@value #MAX_ORIGINAL} px on the longer side (a bigger one, or
 * one whose decoded pixels would pass {@link #MAX_DECODED_BYTES}, is read subsampled) and keeps its format (JPEG stays JPEG at quality 0.92, PNG stays PNG; WebP, which no well-kept Java
 * library writes, becomes PNG with transparency or JPEG without); the large (2048 px), medium (1024 px) and thumbnail
 * (320 px, on the longer side) variants are JPEGs, never enlarged.
 */
final class PhotoImages {

	static final long MAX_BYTES = 10L * 1024 * 1024;

	static final long MAX_PIXELS = 40_000_000L;

	static final int MIN_LONG_SIDE = 320;

	static final int MIN_SHORT_SIDE = 240;

	/**
	 * The longest side of a stored original. A bigger photo is read subsampled by a whole factor to at most this
	 * (ImageIO source subsampling, so its full-size pixels are never in memory): the decoded image then takes at most
	 * 64 MiB of heap, where a 40-megapixel one would take 160 MiB of a node's 256 MiB.
	 */
	static final int MAX_ORIGINAL = 4096;

	/**
	 * The most a decoded image may take, in bytes: {@value #MAX_ORIGINAL}² pixels of 4 bytes (64 MiB), so that two
	 * uploads processed at once fit a node's 256 MiB heap whatever their sample layout.
	 */
	static final long MAX_DECODED_BYTES = (long) MAX_ORIGINAL * MAX_ORIGINAL * 4;

	static final int LARGE = 2048;

	static final int MEDIUM = 1024;

	static final int THUMBNAIL = 320;

	private static final Tika TIKA = new Tika();

	private static final String UNREADABLE = "The image could not be read; it may be damaged or truncated.";

	private static final float ORIGINAL_QUALITY = 0.92f;

	private static final float VARIANT_QUALITY = 0.85f;

	static {
		// registers the TwelveMonkeys plugins (WebP) in a packaged jar too, where the service loader may miss them
		ImageIO.scanForPlugins();
		ImageIO.setUseCache(false);
	}

	private PhotoImages() {
	}

	/** One stored object: its key and bytes. */
	record Variant(String key, byte[] bytes) {
	}

	/** A judged and processed upload: the upright size, the original's media type and the four variants. */
	record Processed(int width, int height, String contentType, Variant original, Variant large, Variant medium,
			Variant thumbnail) {

		/** The variants, original first. */
		java.util.List<Variant> variants() {
			return java.util.List.of(original, large, medium, thumbnail);
		}
	}

	/**
	 * @throws DomainException 413 {@code photo_too_large}, 415 {@code unsupported_image} or {@code image_too_large},
	 * 400 {@code image_too_small}, as above
	 */
	static Processed process(byte[] bytes) {
		if (bytes.length > MAX_BYTES) {
			throw DomainException.payloadTooLarge("photo_too_large", "A photo may be at most 10 MiB.");
		}
		Format format = detect(bytes);
		if (!ImageEnds.endsCleanly(format, bytes)) {
			throw unsupported(ImageEnds.endsEarly(format, bytes) ? UNREADABLE
					: "The file holds more than one image (data follows the image's end); upload the image alone.");
		}
		BufferedImage image = decode(format, bytes);
		boolean alpha = image.getColorModel().hasAlpha();
		boolean png = format == Format.PNG || (format == Format.WEBP && alpha);
		BufferedImage opaque = alpha ? flatten(image) : image;
		Variant original = png ? variant(writePng(image), "png") : variant(writeJpeg(opaque, ORIGINAL_QUALITY), "jpg");
		return new Processed(image.getWidth(), image.getHeight(), png ? "image/png" : "image/jpeg", original,
				resized(opaque, LARGE), resized(opaque, MEDIUM), resized(opaque, THUMBNAIL));
	}

	private static Format detect(byte[] bytes) {
		String type = TIKA.detect(bytes);
		return switch (type) {
			case "image/jpeg" -> Format.JPEG;
			case "image/png" -> Format.PNG;
			case "image/webp" -> Format.WEBP;
			default -> throw unsupported("A photo must be a JPEG, PNG or WebP image (judged by its content, not its"
					+ " declared type).");
		};
	}

	/** Reads the header first, then, when the size is acceptable, the pixels; upright by the EXIF orientation. */
	private static BufferedImage decode(Format format, byte[] bytes) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
			if (!readers.hasNext()) {
				throw new IllegalStateException("no ImageIO reader for " + format);
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, format != Format.JPEG);
				long width = reader.getWidth(0);
				long height = reader.getHeight(0);
				if (width * height > MAX_PIXELS) {
					throw DomainException.unsupportedMediaType("image_too_large",
							"A photo may have at most 40 megapixels.");
				}
				if (Math.max(width, height) < MIN_LONG_SIDE || Math.min(width, height) < MIN_SHORT_SIDE) {
					throw DomainException.badRequest("image_too_small", "A photo must be at least 320×240 pixels.");
				}
				Orientation orientation = format == Format.JPEG ? orientation(reader) : null;
				ImageReadParam param = reader.getDefaultReadParam();
				int step = subsampling(width, height, bytesPerPixel(reader));
				if (step > 1) {
					param.setSourceSubsampling(step, step, 0, 0);
				}
				BufferedImage image = reader.read(0, param);
				if (orientation != null && orientation != Orientation.TOP_LEFT) {
					ImageFilter upright = ExifFilterUtils.getFilterForOrientation(orientation);
					image = upright.apply(image);
				}
				return image;
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof DomainException domain) {
				throw domain;
			}
			if (ex instanceof IllegalStateException state && state.getMessage() != null
					&& state.getMessage().startsWith("no ImageIO reader")) {
				throw state;
			}
			throw unsupported(UNREADABLE);
		}
	}

	/**
	 * The whole factor an image is read subsampled by: its longer side to at most {@value #MAX_ORIGINAL} px, and its
	 * decoded pixels to at most {@link #MAX_DECODED_BYTES} at {@code bytesPerPixel}. The pixel cap alone let a 4096×4096
	 * PNG with transparency (a 65 KB file) or 16-bit samples (130 KB) decode to 128 MiB, which with its opaque copy
	 * took more than a node's whole 256 MiB heap (OutOfMemoryError, found by uploading one as a host).
	 */
	static int subsampling(long width, long height, int bytesPerPixel) {
		int step = (int) ((Math.max(width, height) + MAX_ORIGINAL - 1) / MAX_ORIGINAL);
		while (ceilDiv(width, step) * ceilDiv(height, step) * bytesPerPixel > MAX_DECODED_BYTES) {
			step++;
		}
		return step;
	}

	private static long ceilDiv(long a, int b) {
		return (a + b - 1) / b;
	}

	/**
	 * What a decoded pixel costs before the variants are made: the reader's own sample layout (1 byte for grey, 3 for
	 * RGB, 8 for 16-bit RGBA, ...), plus the 4 bytes of the opaque copy an image with transparency is flattened into.
	 * 4 when the reader does not say (the common case, as before).
	 */
	private static int bytesPerPixel(ImageReader reader) throws IOException {
		ImageTypeSpecifier type = reader.getRawImageType(0);
		if (type == null) {
			Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
			type = types.hasNext() ? types.next() : null;
		}
		if (type == null) {
			return 4;
		}
		SampleModel samples = type.getSampleModel();
		int raw = Math.max(1, samples.getNumDataElements() * DataBuffer.getDataTypeSize(samples.getDataType()) / 8);
		return raw + (type.getColorModel().hasAlpha() ? 4 : 0);
	}

	private static Orientation orientation(ImageReader reader) {
		try {
			return ExifUtils.getExifOrientation(reader, 0);
		}
		catch (IOException | RuntimeException ex) {
			return null; // unreadable EXIF: shown as stored
		}
	}

	private static Variant resized(BufferedImage image, int longSide) {
		if (Math.max(image.getWidth(), image.getHeight()) <= longSide) {
			return variant(writeJpeg(image, VARIANT_QUALITY), "jpg");
		}
		try {
			BufferedImage smaller = Thumbnails.of(image).size(longSide, longSide).keepAspectRatio(true).asBufferedImage();
			return variant(writeJpeg(smaller, VARIANT_QUALITY), "jpg");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Transparent pixels on white: JPEG has no alpha channel. */
	private static BufferedImage flatten(BufferedImage image) {
		BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = rgb.createGraphics();
		try {
			g.drawImage(image, 0, 0, Color.WHITE, null);
		}
		finally {
			g.dispose();
		}
		return rgb;
	}

	private static byte[] writeJpeg(BufferedImage image, float quality) {
		BufferedImage rgb = image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR
				? image : flatten(image);
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			// no metadata given: the writer writes a bare JFIF header, nothing of the upload's
			writer.write(null, new IIOImage(rgb, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	static byte[] writePng(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static Variant variant(byte[] bytes, String extension) {
		return new Variant(MediaKeys.of(bytes, extension), bytes);
	}

	private static DomainException unsupported(String message) {
		return DomainException.unsupportedMediaType("unsupported_image", message);
	}
}
