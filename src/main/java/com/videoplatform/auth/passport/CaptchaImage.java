package com.videoplatform.auth.passport;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;

/**
 * Renders captcha codes as PNG images.
 *
 * <p>The server runs headless without fontconfig or any installed fonts, and touching the font
 * machinery there crashes the JVM's font manager. So the glyphs come from a tiny built-in stroke
 * font (polylines on a 4 x 6 grid) and everything is drawn as plain shapes.
 */
public final class CaptchaImage {

    /** No look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B) so a human never has to guess. */
    public static final String ALPHABET = "ACDEFHJKMNPRTUVWXY34679";

    public static final int WIDTH = 160, HEIGHT = 60;
    private static final int MIN_LENGTH = 4, MAX_LENGTH = 6;
    private static final int GRID_W = 4, GRID_H = 6;

    // Same order as ALPHABET; "|" separates polylines, points are "x,y" on the grid, y down.
    private static final String[] GLYPHS = {
        "0,6 2,0 4,6|1,3 3,3", // A
        "4,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5", // C
        "0,0 0,6 2,6 4,4 4,2 2,0 0,0", // D
        "4,0 0,0 0,6 4,6|0,3 3,3", // E
        "4,0 0,0 0,6|0,3 3,3", // F
        "0,0 0,6|4,0 4,6|0,3 4,3", // H
        "1,0 4,0 4,5 3,6 1,6 0,5", // J
        "0,0 0,6|4,0 0,4|1,3 4,6", // K
        "0,6 0,0 2,3 4,0 4,6", // M
        "0,6 0,0 4,6 4,0", // N
        "0,6 0,0 3,0 4,1 4,2 3,3 0,3", // P
        "0,6 0,0 3,0 4,1 4,2 3,3 0,3|2,3 4,6", // R
        "0,0 4,0|2,0 2,6", // T
        "0,0 0,5 1,6 3,6 4,5 4,0", // U
        "0,0 2,6 4,0", // V
        "0,0 1,6 2,3 3,6 4,0", // W
        "0,0 4,6|4,0 0,6", // X
        "0,0 2,3 4,0|2,3 2,6", // Y
        "0,1 1,0 3,0 4,1 4,2 3,3 1,3|3,3 4,4 4,5 3,6 1,6 0,5", // 3
        "3,6 3,0 0,4 4,4", // 4
        "4,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5 4,4 3,3 0,3", // 6
        "0,0 4,0 1,6", // 7
        "4,3 1,3 0,2 0,1 1,0 3,0 4,1 4,5 3,6 1,6 0,5", // 9
    };

    private static final Path2D[] PATHS = new Path2D[GLYPHS.length];

    static {
        for (int i = 0; i < GLYPHS.length; i++) {
            PATHS[i] = new Path2D.Double();
            for (String line : GLYPHS[i].split("\\|")) {
                String[] points = line.split(" ");
                for (int p = 0; p < points.length; p++) {
                    String[] xy = points[p].split(",");
                    int x = Integer.parseInt(xy[0]), y = Integer.parseInt(xy[1]);
                    if (p == 0) PATHS[i].moveTo(x, y);
                    else PATHS[i].lineTo(x, y);
                }
            }
        }
    }

    private CaptchaImage() {}

    /** Random code of the given length (4..6) drawn from ALPHABET with the given RNG. */
    public static String randomCode(RandomGenerator random, int length) {
        checkLength(length);
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** PNG bytes of the code (code characters must be in ALPHABET, case-insensitive; throw IllegalArgumentException otherwise). */
    public static byte[] png(String code, RandomGenerator random) {
        String upper = code.toUpperCase(Locale.ROOT);
        checkLength(upper.length());
        for (int i = 0; i < upper.length(); i++) {
            if (ALPHABET.indexOf(upper.charAt(i)) < 0) {
                throw new IllegalArgumentException("Unsupported captcha character at index " + i);
            }
        }

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setPaint(new GradientPaint(0, 0, light(random), WIDTH, HEIGHT, light(random)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            for (int i = 0; i < WIDTH * HEIGHT / 6; i++) {
                g.setColor(
                        random.nextBoolean()
                                ? new Color(0, 0, 0, 15 + random.nextInt(30))
                                : new Color(255, 255, 255, 60 + random.nextInt(100)));
                g.fillRect(random.nextInt(WIDTH), random.nextInt(HEIGHT), 1, 1);
            }

            // Noise shares the text's hue so colour filtering cannot separate the two.
            float hue = random.nextFloat();
            drawGlyphs(g, upper, hue, random);
            // Thinner than the glyph strokes and wavy rather than flat, so crossbars stay visible.
            for (int i = 0; i < 3; i++) {
                g.setColor(dark(hue, random));
                g.setStroke(new BasicStroke(1f + random.nextFloat() * 0.8f));
                g.draw(new CubicCurve2D.Double(
                        -5,
                        random.nextDouble() * HEIGHT,
                        40 + random.nextDouble() * 30,
                        random.nextBoolean() ? -20 : HEIGHT + 20,
                        90 + random.nextDouble() * 30,
                        random.nextBoolean() ? -20 : HEIGHT + 20,
                        WIDTH + 5,
                        random.nextDouble() * HEIGHT));
            }
            for (int i = 0; i < 60; i++) {
                g.setColor(dark(hue, random));
                double r = 0.6 + random.nextDouble() * 1.2;
                g.fill(new Ellipse2D.Double(random.nextDouble() * WIDTH, random.nextDouble() * HEIGHT, r * 2, r * 2));
            }
        } finally {
            g.dispose();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("In-memory PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    private static void drawGlyphs(Graphics2D g, String code, float hue, RandomGenerator random) {
        double cell = (WIDTH - 16.0) / code.length();
        double baseScale = Math.min(5.8, cell / 5.5);
        for (int i = 0; i < code.length(); i++) {
            double scale = baseScale * (0.9 + random.nextDouble() * 0.2);
            AffineTransform at = new AffineTransform();
            at.translate(
                    8 + cell * (i + 0.5) + (random.nextDouble() - 0.5) * cell * 0.12,
                    HEIGHT / 2.0 + (random.nextDouble() - 0.5) * 6);
            at.rotate(Math.toRadians((random.nextDouble() * 2 - 1) * 20));
            at.scale(scale, scale);
            at.translate(-GRID_W / 2.0, -GRID_H / 2.0);
            Shape glyph = at.createTransformedShape(PATHS[ALPHABET.indexOf(code.charAt(i))]);
            // Stroke in device space so line width does not grow with the per-glyph scale.
            g.setStroke(
                    new BasicStroke(2.8f + random.nextFloat() * 0.7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(dark(hue, random));
            g.draw(glyph);
        }
    }

    private static Color light(RandomGenerator random) {
        return Color.getHSBColor(
                random.nextFloat(), 0.08f + random.nextFloat() * 0.15f, 0.9f + random.nextFloat() * 0.1f);
    }

    private static Color dark(float hue, RandomGenerator random) {
        float h = (hue + (random.nextFloat() - 0.5f) * 0.16f + 1f) % 1f;
        return Color.getHSBColor(h, 0.55f + random.nextFloat() * 0.4f, 0.25f + random.nextFloat() * 0.35f);
    }

    private static void checkLength(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "Captcha length must be " + MIN_LENGTH + ".." + MAX_LENGTH + ", got " + length);
        }
    }
}
