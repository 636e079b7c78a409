package io.staybook.property;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Images for the photo tests, made in memory: good ones, and each kind of bad one. */
public final class TestImages {

	/** A 400×300 lossless WebP (a solid colour): no well-kept Java library writes WebP. */
	static final byte[] WEBP = Base64.getDecoder().decode("UklGRigAAABXRUJQVlA4TBwAAAAvj8FKAAdQvCIXpf8BAUnS//9kRP8z/vOf/2cK");

	private TestImages() {
	}

	static BufferedImage picture(int width, int height, int seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.getHSBColor(seed / 10f, 0.5f, 0.9f));
		g.fillRect(0, 0, width, height);
		g.setColor(Color.DARK_GRAY);
		g.fillOval(width / 4, height / 4, width / 2, height / 2);
		g.dispose();
		return image;
	}

	public static byte[] jpeg(int width, int height, int seed) {
		return write(picture(width, height, seed), "jpeg");
	}

	/** A JPEG no other test run has made: its content, and so its stored objects, are this test's alone. */
	public static byte[] uniqueJpeg(int width, int height) {
		BufferedImage image = picture(width, height, 0);
		java.util.Random random = new java.util.Random();
		Graphics2D g = image.createGraphics();
		for (int i = 0; i < 8; i++) {
			g.setColor(new Color(random.nextInt(0x1000000)));
			g.fillRect(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(80), 20 + random.nextInt(80));
		}
		g.dispose();
		return write(image, "jpeg");
	}

	static byte[] png(int width, int height, int seed) {
		return write(picture(width, height, seed), "png");
	}

	static byte[] write(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A JPEG carrying the camera's position twice: an EXIF APP1 segment whose IFD0 points to a GPS IFD (latitude 38°
	 * N, longitude 9° W), and an XMP APP1 packet with {@code exif:GPSLatitude}; both right after SOI.
	 */
	static byte[] jpegWithGps(int width, int height) {
		byte[] plain = jpeg(width, height, 3);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(plain, 0, 2);
		byte[] exif = exifWithGps();
		segment(out, 0xE1, exif);
		byte[] xmp = ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
				+ " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description"
				+ " xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"38,43.3N\""
				+ " exif:GPSLongitude=\"9,8.3W\"/></rdf:RDF></x:xmpmeta>")
			.getBytes(StandardCharsets.UTF_8);
		segment(out, 0xE1, xmp);
		out.write(plain, 2, plain.length - 2);
		return out.toByteArray();
	}

	private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
		out.write(0xFF);
		out.write(marker);
		int length = payload.length + 2;
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.write(payload, 0, payload.length);
	}

	/** "Exif\0\0" and a little-endian TIFF: IFD0 with Orientation 1 and a GPS IFD pointer; the GPS IFD. */
	private static byte[] exifWithGps() {
		ByteBuffer tiff = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
		tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		// IFD0 at 8: 2 entries
		tiff.putShort((short) 2);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 1).putShort((short) 0);
		tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38); // GPS IFD at 38
		tiff.putInt(0);
		// GPS IFD at 38: 4 entries (refs inline, rationals at 92 and 116)
		tiff.putShort((short) 4);
		tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
		tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(92);
		tiff.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) 'W').put((byte) 0).putShort((short) 0);
		tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(116);
		tiff.putInt(0);
		for (int degrees : new int[] { 38, 9 }) {
			tiff.putInt(degrees).putInt(1).putInt(43).putInt(1).putInt(18).putInt(1);
		}
		byte[] body = new byte[tiff.position()];
		tiff.flip().get(body);
		ByteArrayOutputStream exif = new ByteArrayOutputStream();
		exif.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
		exif.writeBytes(body);
		return exif.toByteArray();
	}

	/** A PNG of a few hundred bytes whose header declares {@code width}×{@code height}: a decompression bomb. */
	static byte[] pngDeclaring(int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
			.put((byte) 0).put((byte) 0).put((byte) 0);
		chunk(out, "IHDR", ihdr.array());
		Deflater deflater = new Deflater();
		deflater.setInput(new byte[4096]);
		deflater.finish();
		byte[] compressed = new byte[1024];
		int n = deflater.deflate(compressed);
		chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, n));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	/**
	 * A transparent (colour type 6, RGBA) PNG of {@code width}×{@code height} with {@code bitDepth} 8 or 16 bits a
	 * sample, every pixel zero: a few dozen KB that decode to 4 or 8 bytes a pixel.
	 */
	static byte[] blankRgbaPng(int width, int height, int bitDepth) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) 6)
			.put((byte) 0).put((byte) 0).put((byte) 0).array());
		ByteArrayOutputStream idat = new ByteArrayOutputStream();
		try (var deflated = new java.util.zip.DeflaterOutputStream(idat)) {
			byte[] row = new byte[1 + width * 4 * bitDepth / 8]; // filter type 0, then the samples
			for (int y = 0; y < height; y++) {
				deflated.write(row);
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		chunk(out, "IDAT", idat.toByteArray());
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
		out.writeBytes(name);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	static byte[] concat(byte[] a, byte[] b) {
		byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}
}
