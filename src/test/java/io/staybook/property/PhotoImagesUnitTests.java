package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How {@link PhotoImages} bounds the memory an upload's pixels take. */
class PhotoImagesUnitTests {

	@Test
	void theSubsamplingKeepsTheDecodedPixelsWithin64MiB() {
		assertThat(PhotoImages.subsampling(4096, 4096, 3)).as("RGB at the longest side kept").isEqualTo(1);
		assertThat(PhotoImages.subsampling(5000, 3000, 3)).as("over 4096 px").isEqualTo(2);
		assertThat(PhotoImages.subsampling(4096, 4096, 8)).as("RGBA with its opaque copy").isEqualTo(2);
		assertThat(PhotoImages.subsampling(4096, 4096, 12)).as("16-bit RGBA with its opaque copy").isEqualTo(2);
		assertThat(PhotoImages.subsampling(6000, 6000, 12)).isEqualTo(3);
	}

	/**
	 * A 4096×4096 PNG with transparency (65 KB) or 16-bit samples (130 KB) is under the 40-megapixel cap but decoded
	 * to 64 or 128 MiB, plus its opaque copy: each alone ended in an OutOfMemoryError in a 256 MiB heap, the
	 * production node's (found by uploading one as a host). Such a picture is now read subsampled.
	 */
	@Test
	void aTransparentOr16BitPngIsReadSubsampledSoThatItFitsTheHeap() {
		for (int bitDepth : new int[] { 8, 16 }) {
			byte[] png = TestImages.blankRgbaPng(4096, 4096, bitDepth);
			assertThat(png.length).as("a small file").isLessThan(200_000);
			PhotoImages.Processed processed = PhotoImages.process(png);
			assertThat(processed.width()).as("%d-bit", bitDepth).isEqualTo(2048);
			assertThat(processed.height()).as("%d-bit", bitDepth).isEqualTo(2048);
			assertThat(processed.contentType()).isEqualTo("image/png");
		}
	}
}
