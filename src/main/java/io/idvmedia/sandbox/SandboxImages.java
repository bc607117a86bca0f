package io.idvmedia.sandbox;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Small, real JPEG images for sandbox document pages and frames, drawn without fonts (headless machines), and the
 * small media files shipped with the sandbox.
 */
final class SandboxImages {

    private SandboxImages() {
    }

    /** A media file shipped with the sandbox (e.g. a 3 s, 23 KB VP8 WebM clip made with ffmpeg's test source). */
    static byte[] resource(String name) {
        try (InputStream in = SandboxImages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The sandbox resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(int width, int height, int variant) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            Color tint = Color.getHSBColor((variant * 0.17f) % 1f, 0.35f, 0.95f);
            g.setPaint(new GradientPaint(0, 0, tint, width, height, Color.WHITE));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(8, 8, width - 17, height - 17);
            g.setColor(new Color(90, 110, 140));
            g.fillRoundRect(width / 16, height / 5, width / 4, height / 2, 12, 12);
            for (int line = 0; line < 5; line++) {
                g.fillRect(width / 3 + 10, height / 5 + line * height / 9, width / 2 - line * 12, height / 24);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("No JPEG writer is available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
