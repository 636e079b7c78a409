package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.property.ImageEnds.Format;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Where an image ends, and what may follow it: the polyglot rule of {@link ImageEnds}. */
class ImageEndsUnitTests {

	private static final byte[] HTML = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

	@Test
	void aJpegEndsAtItsEoiAndMayBeFollowedOnlyByPaddingOrWholeJpegs() {
		byte[] jpeg = TestImages.jpeg(400, 300, 1);
		assertThat(ImageEnds.endsCleanly(Format.JPEG, jpeg)).isTrue();
		assertThat(ImageEnds.jpegEnd(jpeg, 0)).isEqualTo(jpeg.length);
		// a gain map or depth map appended as a second JPEG (MPF), and zero padding
		assertThat(ImageEnds.endsCleanly(Format.JPEG, TestImages.concat(jpeg, TestImages.jpeg(320, 240, 2)))).isTrue();
		assertThat(ImageEnds.endsCleanly(Format.JPEG, TestImages.concat(jpeg, new byte[16]))).isTrue();
		// anything else after the end
		assertThat(ImageEnds.endsCleanly(Format.JPEG, TestImages.concat(jpeg, HTML))).isFalse();
		assertThat(ImageEnds.endsCleanly(Format.JPEG, TestImages.concat(jpeg, new byte[] { 'P', 'K', 3, 4 }))).isFalse();
		assertThat(ImageEnds.endsCleanly(Format.JPEG,
				TestImages.concat(TestImages.concat(jpeg, TestImages.jpeg(320, 240, 2)), HTML))).isFalse();
		// truncated
		assertThat(ImageEnds.endsCleanly(Format.JPEG, Arrays.copyOf(jpeg, jpeg.length - 1))).isFalse();
		assertThat(ImageEnds.endsCleanly(Format.JPEG, Arrays.copyOf(jpeg, 10))).isFalse();
	}

	@Test
	void aJpegWithMetadataSegmentsEndsWhereItsImageEnds() {
		byte[] withGps = TestImages.jpegWithGps(400, 300);
		assertThat(ImageEnds.endsCleanly(Format.JPEG, withGps)).isTrue();
	}

	@Test
	void aPngEndsWithItsIendChunk() {
		byte[] png = TestImages.png(400, 300, 1);
		assertThat(ImageEnds.endsCleanly(Format.PNG, png)).isTrue();
		assertThat(ImageEnds.endsCleanly(Format.PNG, TestImages.concat(png, HTML))).isFalse();
		assertThat(ImageEnds.endsCleanly(Format.PNG, Arrays.copyOf(png, png.length - 4))).isFalse();
	}

	@Test
	void aWebpEndsAtItsRiffSizeWithAtMostOnePaddingByte() {
		assertThat(ImageEnds.endsCleanly(Format.WEBP, TestImages.WEBP)).isTrue();
		assertThat(ImageEnds.endsCleanly(Format.WEBP, TestImages.concat(TestImages.WEBP, new byte[1]))).isTrue();
		assertThat(ImageEnds.endsCleanly(Format.WEBP, TestImages.concat(TestImages.WEBP, HTML))).isFalse();
		assertThat(ImageEnds.endsCleanly(Format.WEBP, Arrays.copyOf(TestImages.WEBP, 20))).isFalse();
	}
}
