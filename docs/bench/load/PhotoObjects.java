import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/**
 * The few shared images the load data's cover photos point at (docs/bench/load/seed-photos.sql): IMAGES pictures drawn
 * with Java2D, each written as the four variants a photo has (original and large 1600×1200, medium 1024×768,
 * thumbnail 320×240; PNG, whose bytes the JDK writes the same every time), stored in the filesystem media store's layout
 * ({@code <dir>/<first two hex digits>/<sha-256>.png}, as the service's FileSystemMediaStore) and printed as psql
 * {@code \set} lines for seed-photos.sql. Run as a source file, no build needed:
 * {@code java docs/bench/load/PhotoObjects.java .staybook/media > keys.sql}
 */
public class PhotoObjects {

	static final int IMAGES = 3;

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args.length > 0 ? args[0] : ".staybook/media");
		for (int n = 0; n < IMAGES; n++) {
			BufferedImage full = picture(n, 1600, 1200);
			String original = store(dir, full);
			System.out.println("\\set o" + n + " '" + original + "'");
			System.out.println("\\set l" + n + " '" + original + "'");
			System.out.println("\\set m" + n + " '" + store(dir, picture(n, 1024, 768)) + "'");
			System.out.println("\\set t" + n + " '" + store(dir, picture(n, 320, 240)) + "'");
		}
	}

	static BufferedImage picture(int n, int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.getHSBColor(0.58f, 0.4f, 0.95f));
		g.fillRect(0, 0, width, height * 7 / 10);
		g.setColor(Color.getHSBColor(0.3f, 0.6f, 0.6f));
		g.fillRect(0, height * 7 / 10, width, height);
		g.setColor(Color.getHSBColor(n / (float) IMAGES, 0.45f, 0.9f));
		g.fillRect(width * 3 / 10, height * 4 / 10, width * 4 / 10, height * 4 / 10);
		g.dispose();
		return image;
	}

	static String store(Path dir, BufferedImage image) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		byte[] bytes = out.toByteArray();
		String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + ".png";
		Path file = dir.resolve(key.substring(0, 2)).resolve(key);
		Files.createDirectories(file.getParent());
		if (!Files.exists(file)) {
			Files.write(file, bytes);
		}
		return key;
	}
}
