package dev.warden.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Writes PNG pictures of the screen as a person would see it, under {@code target/screenshots}. */
public final class Screenshots {

	private Screenshots() {
	}

	public static Path directory() throws IOException {
		Path directory = Path.of(System.getProperty("warden.screenshots", "target/screenshots"));
		Files.createDirectories(directory);
		return directory;
	}

	/**
	 * Lets the UI settle, then saves what {@code control} draws (asked to paint itself into an image, whatever the
	 * screen shows) as {@code name}.png.
	 */
	public static Path take(org.eclipse.swt.widgets.Control control, String name) throws IOException {
		Display display = control.getDisplay();
		Workbenches.settle(display);
		Rectangle bounds = control.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(image);
		try {
			control.print(gc);
		} finally {
			gc.dispose();
		}
		return save(image, name);
	}

	/** Lets the UI settle, then saves the area of {@code shell} as {@code name}.png. */
	public static Path take(Shell shell, String name) throws IOException {
		Display display = shell.getDisplay();
		Workbenches.settle(display);
		Rectangle bounds = shell.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, bounds.x, bounds.y);
		} finally {
			gc.dispose();
		}
		return save(image, name);
	}

	/** Saves {@code image} as {@code name}.png and disposes it. */
	private static Path save(Image image, String name) throws IOException {
		try {
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image.getImageData() };
			Path file = directory().resolve(name + ".png");
			loader.save(file.toString(), SWT.IMAGE_PNG);
			return file;
		} finally {
			image.dispose();
		}
	}
}
