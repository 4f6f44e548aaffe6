package com.videoplatform.auth.passport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CaptchaImageTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "ImageIO could not decode the bytes");
        return image;
    }

    @Test
    void producesDecodablePngOfExpectedSize() throws IOException {
        byte[] png = CaptchaImage.png("AC34", new SplittableRandom(1));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        BufferedImage image = decode(png);
        assertEquals(CaptchaImage.WIDTH, image.getWidth());
        assertEquals(CaptchaImage.HEIGHT, image.getHeight());
        assertEquals(160, image.getWidth());
        assertEquals(60, image.getHeight());
    }

    @Test
    void imageIsNotBlank() throws IOException {
        BufferedImage image = decode(CaptchaImage.png("KXW7", new SplittableRandom(2)));
        Set<Integer> colours = new HashSet<>();
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb & 0xffffff);
                int luminance = (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                if (luminance < 160) {
                    dark++;
                }
            }
        }
        assertTrue(colours.size() > 200, "too few distinct colours: " + colours.size());
        int pixels = image.getWidth() * image.getHeight();
        assertTrue(dark > pixels / 20, "too few foreground pixels: " + dark + " of " + pixels);
    }

    @Test
    void sameCodeWithDifferentSeedsDiffers() {
        byte[] first = CaptchaImage.png("MNPR", new SplittableRandom(3));
        byte[] second = CaptchaImage.png("MNPR", new SplittableRandom(4));
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void everyAlphabetCharacterRenders() throws IOException {
        String alphabet = CaptchaImage.ALPHABET;
        int length = 4;
        for (int start = 0; start < alphabet.length(); start += length, length = length == 6 ? 4 : length + 1) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < length; i++) {
                code.append(alphabet.charAt((start + i) % alphabet.length()));
            }
            BufferedImage image = decode(CaptchaImage.png(code.toString(), new SplittableRandom(start)));
            assertEquals(CaptchaImage.WIDTH, image.getWidth(), code::toString);
        }
    }

    @Test
    void lowerCaseCodeIsAccepted() throws IOException {
        assertNotNull(decode(CaptchaImage.png("acdef", new SplittableRandom(5))));
    }

    @Test
    void randomCodeUsesAlphabetAndLength() {
        RandomGenerator random = new SplittableRandom(6);
        Set<Character> seen = new HashSet<>();
        for (int length = 4; length <= 6; length++) {
            for (int n = 0; n < 200; n++) {
                String code = CaptchaImage.randomCode(random, length);
                assertEquals(length, code.length());
                for (char c : code.toCharArray()) {
                    assertTrue(CaptchaImage.ALPHABET.indexOf(c) >= 0, "unexpected character " + c);
                    seen.add(c);
                }
            }
        }
        assertEquals(CaptchaImage.ALPHABET.length(), seen.size(), "not every character was drawn");
    }

    @Test
    void randomCodeRejectsLengthsOutsideFourToSix() {
        RandomGenerator random = new SplittableRandom(7);
        for (int length : new int[] {-1, 0, 3, 7, 100}) {
            assertThrows(IllegalArgumentException.class, () -> CaptchaImage.randomCode(random, length));
        }
    }

    @Test
    void pngRejectsCharactersOutsideAlphabet() {
        RandomGenerator random = new SplittableRandom(8);
        for (String code : new String[] {"AB34", "0ACD", "ACD1", "AC 3", "ACD-", "ACDé", "ACDO"}) {
            assertThrows(IllegalArgumentException.class, () -> CaptchaImage.png(code, random), code);
        }
    }
}
